#include "apps/compare_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/run_limits.hpp"
#include "numerics/interruption.hpp"
#include "proofs-check/engine_comparison.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <sstream>

namespace hardmax {
namespace {

namespace fs = std::filesystem;

struct compare_options {
  std::vector<std::string> configs;
  std::string dir;
  std::string engines = "double,mpfr:24,mpfr:53,mpfr:113,certified,exact";
  std::optional<long> layers;
  std::string out;
  bool plots = true;
  run_limits limits;
};

std::vector<std::string> config_files(const compare_options& opt) {
  std::vector<std::string> files = opt.configs;
  if (!opt.dir.empty()) {
    if (!fs::is_directory(opt.dir)) throw input_error(opt.dir, "", "not a directory");
    for (const auto& entry : fs::directory_iterator(opt.dir))
      if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    std::sort(files.begin() + static_cast<std::ptrdiff_t>(opt.configs.size()), files.end());
  }
  if (files.empty()) throw CLI::ValidationError("--config/--dir", "no configuration given");
  return files;
}

int run_compare(const compare_options& opt, const std::string& command_line) {
  std::vector<engine_spec> engines;
  std::istringstream names(opt.engines);
  for (std::string name; std::getline(names, name, ',');) engines.push_back(parse_engine(name));
  const std::vector<std::string> files = config_files(opt);
  std::vector<std::pair<problem, index>> inputs;
  for (const std::string& f : files) {  // every input is valid and within limits before any work starts
    inputs.emplace_back(read_problem(f), 0);
    require_comparable(inputs.back().first, f);
    inputs.back().second = run_depth(inputs.back().first, opt.layers, f, opt.limits);
  }
  create_report_dir(opt.out);
  std::vector<config_outcome> results;
  for (std::size_t k = 0; k < files.size(); ++k) {
    fmt::print(stderr, "comparing {} engines on {}\n", engines.size(), files[k]);
    stop_if_interrupted();
    results.push_back(compare_engines(inputs[k].first, fs::path(files[k]).stem().string(), files[k], engines,
                                      inputs[k].second));
  }
  const std::string plot_script = opt.plots ? std::string(HARDMAX_SOURCE_DIR) + "/scripts/plot-compare" : "";
  write_comparison_report(results, opt.out, {command_line, opt.engines, ""}, plot_script);
  fmt::print("report written to {}/report.md and {}/report.html\n", opt.out, opt.out);
  return exit_code::ok;
}

}  // namespace

void add_compare_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<compare_options>();
  CLI::App* cmd = app.add_subcommand("compare", "Compare engines against the exact trajectory and write a report");
  cmd->add_option("--config", opt->configs, "Configuration file (repeatable)");
  cmd->add_option("--dir", opt->dir, "Directory of configuration files (*.json)");
  cmd->add_option("--engines", opt->engines, "Comma-separated engines")->capture_default_str();
  cmd->add_option("--layers", opt->layers, "Number of layers K (overrides each file's \"layers\")")
      ->check(CLI::Range(0L, 1000000L));
  cmd->add_option("--out", opt->out, "Output directory: report.md, report.html, CSV files, plots")->required();
  add_run_limit_options(cmd, opt->limits);
  cmd->add_flag("!--no-plots", opt->plots, "Do not run scripts/plot-compare (matplotlib)");
  on_run(cmd, [opt, command_line] { return run_compare(*opt, command_line); });
}

}  // namespace hardmax
