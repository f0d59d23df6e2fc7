#include "python/bindings/reports.hpp"

#include "io/json_layout.hpp"
#include "io/run_limits.hpp"
#include "proofs-check/check_report.hpp"
#include "proofs-check/engine_comparison.hpp"
#include "proofs-check/limit_report.hpp"
#include "python/bindings/call_guard.hpp"
#include "python/bindings/configuration.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <pybind11/stl.h>

#include <filesystem>

namespace py = pybind11;

namespace hardmax::python {
namespace {

limit_search_limits search_limits(std::size_t max_bits, std::size_t max_memory_mb, long max_lookahead) {
  if (max_lookahead < 1) throw engine_error("max_lookahead must be at least 1");
  return {max_bits, max_memory_mb, max_lookahead};
}

index budget(long max_layers) {
  if (max_layers < 0 || max_layers > max_layers_ever)
    throw run_limit_error(fmt::format("max_layers {}: expected 0 to {}", max_layers, max_layers_ever));
  return static_cast<index>(max_layers);
}

std::string check(const configuration& c, const std::string& engine_name, std::optional<long> layers, long max_layers,
                  std::size_t max_bits, std::size_t max_memory_mb, long max_lookahead) {
  const engine_spec engine = parse_engine(engine_name);
  const index depth = run_depth(c.value, layers, c.source, {});
  const limit_search_limits limits = search_limits(max_bits, max_memory_mb, max_lookahead);
  const index max = budget(max_layers);
  const check_report report =
      without_gil([&] { return check_configuration(c.value, c.source, engine, depth, max, limits.options()); });
  const provenance source{fmt::format("python: hardmax.check({}, engine=\"{}\", layers={}, max_layers={})", c.source,
                                      engine.name(), depth, max),
                          engine.name(), c.source};
  return json_text(check_json(report, source));
}

std::string limit(const configuration& c, long max_layers, std::size_t max_bits, std::size_t max_memory_mb,
                  long max_lookahead) {
  const limit_search_limits limits = search_limits(max_bits, max_memory_mb, max_lookahead);
  const index max = budget(max_layers);
  require_within(c.value, {}, c.source);
  const limit_search s = without_gil([&] { return limit_of(c.value, c.source, max, limits); });
  const provenance source{fmt::format("python: hardmax.limit({}, max_layers={})", c.source, max), "exact", c.source};
  return json_text(limit_document(s, c.value, max, limits, source));
}

std::string compare(const std::vector<configuration>& configs, const std::vector<std::string>& engine_names,
                    std::optional<long> layers, const std::string& out, bool plots) {
  if (configs.empty()) throw engine_error("compare needs at least one configuration");
  std::vector<engine_spec> engines;
  for (const std::string& name : engine_names) engines.push_back(parse_engine(name));
  std::vector<index> depths;
  for (const configuration& c : configs) {
    require_comparable(c.value, c.source);
    depths.push_back(run_depth(c.value, layers, c.source, {}));
  }
  if (!out.empty()) create_report_dir(out);
  const std::vector<config_outcome> results = without_gil([&] {
    std::vector<config_outcome> rows;
    for (std::size_t k = 0; k < configs.size(); ++k) {
      stop_if_interrupted();
      const bool from_file = configs[k].source != "hardmax.Configuration";
      const std::string name = from_file ? std::filesystem::path(configs[k].source).stem().string() : fmt::format("config-{}", k);
      rows.push_back(compare_engines(configs[k].value, name, configs[k].source, engines, depths[k]));
    }
    return rows;
  });
  if (!out.empty()) {
    const provenance source{fmt::format("python: hardmax.compare(..., engines=[{}])", fmt::join(engine_names, ", ")),
                            fmt::format("{}", fmt::join(engine_names, ",")), ""};
    const std::string script = plots ? std::string(HARDMAX_SOURCE_DIR) + "/scripts/plot-compare" : "";
    without_gil([&] { return write_comparison_report(results, out, source, script); });
  }
  return json_text(comparison_json(results));
}

}  // namespace

void bind_reports(py::module_& m) {
  m.def("_check", &check, py::arg("config"), py::arg("engine"), py::arg("layers"), py::arg("max_layers"),
        py::arg("max_bits"), py::arg("max_memory"), py::arg("max_lookahead"));
  m.def("_limit", &limit, py::arg("config"), py::arg("max_layers"), py::arg("max_bits"), py::arg("max_memory"),
        py::arg("max_lookahead"));
  m.def("_compare", &compare, py::arg("configs"), py::arg("engines"), py::arg("layers"), py::arg("out"), py::arg("plots"));
}

}  // namespace hardmax::python
