#include "python/bindings/trajectory.hpp"

#include "io/atomic_file.hpp"
#include "io/json_layout.hpp"
#include "io/run_limits.hpp"
#include "io/simulation_plan.hpp"
#include "python/bindings/call_guard.hpp"
#include "python/bindings/configuration.hpp"
#include "python/bindings/exact_values.hpp"
#include "theory/clusters.hpp"
#include "theory/leaders.hpp"

#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace py = pybind11;

namespace hardmax::python {
namespace {

// One run's result, whatever its number type.
class run_result {
 public:
  virtual ~run_result() = default;
  virtual py::object positions() const = 0;        // engine-native: floats, or Fractions for exact
  virtual py::array_t<double> positions_array() const = 0;
  virtual const attention_pattern& attention(std::size_t k) const = 0;
  virtual std::vector<index> leaders(std::size_t k) const = 0;
  virtual py::list clusters() const = 0;
  virtual std::string json(const provenance& source) const = 0;
  virtual std::size_t layer_count() const = 0;
};

template <class Scalar>
double nearest(const Scalar& x) {
  if constexpr (std::is_same_v<Scalar, double>) return x;
  else return nearest_double(scalar_traits<Scalar>::exact(x));
}

template <class Scalar>
py::object number(const Scalar& x) {
  if constexpr (scalar_traits<Scalar>::is_exact) return fraction(x);
  else return py::float_(nearest(x));
}

template <class Scalar>
class typed_result final : public run_result {
 public:
  typed_result(trajectory<Scalar> path, model<Scalar> params, simulation_plan plan, std::optional<certification_stats> stats)
      : path_(std::move(path)), params_(std::move(params)), plan_(std::move(plan)), stats_(std::move(stats)) {}

  py::object positions() const override {
    if constexpr (!scalar_traits<Scalar>::is_exact) return positions_array();
    else {
      py::list layers;
      for (const tokens<Scalar>& Z : path_.layers) layers.append(fraction_rows(Z));
      return layers;
    }
  }

  py::array_t<double> positions_array() const override {
    const auto& first = path_.layers.front();
    py::array_t<double> out({static_cast<py::ssize_t>(path_.layers.size()), static_cast<py::ssize_t>(first.rows()),
                             static_cast<py::ssize_t>(first.cols())});
    auto view = out.mutable_unchecked<3>();
    for (std::size_t k = 0; k < path_.layers.size(); ++k)
      for (index i = 0; i < first.rows(); ++i)
        for (index c = 0; c < first.cols(); ++c)
          view(static_cast<py::ssize_t>(k), i, c) = nearest(path_.layers[k](i, c));
    return out;
  }

  const attention_pattern& attention(std::size_t k) const override { return path_.attention.at(k); }
  std::vector<index> leaders(std::size_t k) const override { return leaders_at(path_, k); }
  std::size_t layer_count() const override { return path_.layers.size(); }

  // As `hardmax simulate` prints them: the points the tokens head for at the last layer.
  py::list clusters() const override {
    const auto scope = precision();
    const tokens<Scalar> T = targets(path_.layers.back(), path_.attention.back());
    py::list out;
    for (const cluster& c : hardmax::clusters(T, leaders_at(path_, path_.layers.size() - 1))) {
      py::list point;
      for (index col = 0; col < T.cols(); ++col) point.append(number(T(c.representative, col)));
      out.append(py::dict(py::arg("point") = point, py::arg("members") = c.members,
                          py::arg("holds_leader") = c.holds_leader));
    }
    return out;
  }

  std::string json(const provenance& source) const override {
    const auto scope = precision();
    return json_text(simulation_json(path_, params_, plan_, source, stats_ ? &*stats_ : nullptr));
  }

 private:
  std::optional<mpfr_precision_scope> precision() const {
    if constexpr (std::is_same_v<Scalar, mpfr_real>) return std::optional<mpfr_precision_scope>(std::in_place, plan_.request.engine.bits);
    else return std::nullopt;
  }

  trajectory<Scalar> path_;
  model<Scalar> params_;
  simulation_plan plan_;
  std::optional<certification_stats> stats_;
};

struct py_trajectory {
  std::shared_ptr<const run_result> result;
  simulation_plan plan;
  std::string source;

  provenance origin() const {
    return {fmt::format("python: hardmax.simulate({}, layers={}, engine=\"{}\", attention=\"{}\")", source,
                        plan.request.depth, plan.request.engine.name(), plan.request.attention),
            plan.request.engine.name(), source};
  }
};

// The request completed with its depth and attention path, and planned, as `hardmax simulate` does.
simulation_plan plan_of(const configuration& c, simulation_request request, const std::optional<long>& layers,
                        const std::string& attention, const run_limits& limits) {
  request.depth = run_depth(c.value, layers, c.source, limits);
  request.attention = attention;
  return plan_simulation(c.value, c.source, std::move(request));
}

py_trajectory simulate(const configuration& c, const py::object& layers, const std::string& engine,
                       const std::string& attention, const py::object& tie_tolerance, std::size_t max_bits,
                       std::size_t max_memory_mb, long max_tokens, long max_dim) {
  simulation_request request;
  request.engine = parse_engine(engine);
  std::optional<long> depth_option;
  if (!layers.is_none()) {
    if (!py::isinstance<py::int_>(layers) || py::isinstance<py::bool_>(layers))
      throw input_error(c.source, "layers", "expected a whole number");
    const py::int_ requested = py::reinterpret_borrow<py::int_>(layers);
    if (requested > py::int_(max_layers_ever))  // possibly beyond any C++ integer
      throw run_limit_error(fmt::format("{}: field 'layers': {} layers, more than the {} a run may ask for", c.source,
                                        py::str(py::object(requested)).cast<std::string>(), max_layers_ever));
    depth_option = requested < py::int_(0) ? -1L : requested.cast<long>();
  }
  if (!tie_tolerance.is_none())
    request.tie_tolerance = parse_number(exact_number(tie_tolerance, c.source, "tie_tolerance"), c.source, "tie_tolerance");
  request.growth = {max_bits, max_memory_mb * 1000000};
  request.max_memory_mb = max_memory_mb;
  simulation_plan plan = plan_of(c, std::move(request), depth_option, attention, {max_tokens, max_dim});
  std::shared_ptr<const run_result> result = without_gil([&] {
    return with_engine(plan.request.engine, [&]<class Scalar>() -> std::shared_ptr<const run_result> {
      std::optional<certification_stats> stats;
      if (plan.request.engine.type == engine_spec::kind::certified) stats.emplace();
      trajectory<Scalar> path = run_plan<Scalar>(plan, c.value, [](index) { stop_if_interrupted(); }, stats ? &*stats : nullptr);
      return std::make_shared<typed_result<Scalar>>(std::move(path), model_of<Scalar>(c.value, plan.request.tie_tolerance),
                                                    plan, std::move(stats));
    });
  });
  return {std::move(result), std::move(plan), c.source};
}

// For the overhead benchmark (bench/python_overhead.py): the median time of the same planned run
// inside C++, without converting anything to Python objects.
double time_simulate(const configuration& c, long layers, const std::string& engine, const std::string& attention,
                     int repeats) {
  simulation_request request;
  request.engine = parse_engine(engine);
  const simulation_plan plan = plan_of(c, std::move(request), layers, attention, {});
  std::vector<double> seconds;
  without_gil([&] {
    for (int r = 0; r < std::max(1, repeats); ++r) {
      const auto start = std::chrono::steady_clock::now();
      with_engine(plan.request.engine, [&]<class Scalar>() { return run_plan<Scalar>(plan, c.value).layers.size(); });
      seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return 0;
  });
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

void bind_trajectory(py::module_& m) {
  py::class_<py_trajectory>(m, "Trajectory", "The layers Z^0..Z^K of one run, with attention sets (D3) and leaders (D1)")
      .def_property_readonly("positions", [](const py_trajectory& t) { return t.result->positions(); },
                             "(K+1, n, d) float array for floating engines; nested lists of Fraction for exact")
      .def_property_readonly("positions_array", [](const py_trajectory& t) { return t.result->positions_array(); },
                             "(K+1, n, d) float array, each entry the nearest double (for plotting)")
      .def_property_readonly("attention", [](const py_trajectory& t) {
        py::list layers;
        for (std::size_t k = 0; k < t.result->layer_count(); ++k) layers.append(py::cast(t.result->attention(k)));
        return layers;
      }, "attention[k][i]: the attention set C_i of token i at layer k (D3)")
      .def_property_readonly("leaders", [](const py_trajectory& t) {
        py::list layers;
        for (std::size_t k = 0; k < t.result->layer_count(); ++k) layers.append(py::cast(t.result->leaders(k)));
        return layers;
      }, "leaders[k]: the leader set L(Z^k) (D1), tokens numbered from 0")
      .def("clusters", [](const py_trajectory& t) { return t.result->clusters(); },
           "The points the tokens head for at the last layer, grouped: [{point, members, holds_leader}]")
      .def(
          "to_json",
          [](const py_trajectory& t, const std::optional<std::string>& path) -> py::object {
            const std::string text = t.result->json(t.origin());
            if (!path) return py::str(text);
            write_atomically(*path, [&](std::ostream& out) { out << text << '\n'; });
            return py::none();
          },
          py::arg("path") = py::none(),
          "The trajectory file (docs/FORMAT.md) as `hardmax simulate --out` writes it: its text, or with `path`\n"
          "written there atomically")
      .def_property_readonly("layers", [](const py_trajectory& t) { return t.plan.request.depth; })
      .def_property_readonly("engine", [](const py_trajectory& t) { return t.plan.request.engine.name(); })
      .def_property_readonly("attention_path", [](const py_trajectory& t) { return t.plan.attention_path(); })
      .def("__repr__", [](const py_trajectory& t) {
        return fmt::format("<hardmax.Trajectory {} layers, engine {}, attention {}>", t.plan.request.depth,
                           t.plan.request.engine.name(), t.plan.attention_path());
      });
  m.def("simulate", &simulate, py::arg("config"), py::arg("layers") = py::none(), py::arg("engine") = "exact",
        py::arg("attention") = "auto", py::arg("tie_tolerance") = py::none(), py::arg("max_bits") = 10000000,
        py::arg("max_memory") = 4096, py::arg("max_tokens") = 100000, py::arg("max_dim") = 10000,
        "Run the layer map (M4; M5/M6 as the configuration says) for `layers` layers (default: the configuration's).\n"
        "engine: exact | double | mpfr:BITS | certified. attention: auto | hull | pairs (as `hardmax simulate`).");
  m.def("_time_simulate", &time_simulate, py::arg("config"), py::arg("layers"), py::arg("engine"), py::arg("attention"),
        py::arg("repeats"));
}

}  // namespace hardmax::python
