#include "apps/limit_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/point_text.hpp"
#include "io/provenance.hpp"
#include "io/trajectory_output.hpp"
#include "proofs-check/limit_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

namespace hardmax {
namespace {

struct limit_options {
  std::string config;
  long max_layers = 200;
  bool json = false;
  std::string out;
  std::string findings;
  run_limits limits;
  limit_search_limits search;
};

// A configuration with no certificate, as a file `hardmax limit --config` reads back; its
// description says whether the pattern was still changing or constant (limit_search.hpp).
void write_finding(const limit_options& opt, const problem& p, const limit_search& s, const std::string& command_line) {
  std::error_code ec;
  std::filesystem::create_directories(opt.findings, ec);
  if (ec) throw output_error(fmt::format("{}: cannot create the findings directory: {}", opt.findings, ec.message()));
  problem finding = p;
  finding.description = fmt::format("Finding of `{}` on {}: {}", command_line, opt.config, s.uncertified_finding(opt.max_layers));
  const std::string file = (std::filesystem::path(opt.findings) / (std::filesystem::path(opt.config).stem().string() +
                                                                   "-uncertified.json")).string();
  write_atomically(file, [&](std::ostream& out) { out << json_text(to_json(finding), 1) << '\n'; });
  if (!opt.json) fmt::print("finding written to {}\n", file);
}

int run_limit(const limit_options& opt, const std::string& command_line) {
  const problem p = read_problem(opt.config);
  require_within(p, opt.limits, opt.config);
  const bool show_progress = !opt.json && ::isatty(STDERR_FILENO);
  const limit_search s = limit_of(p, opt.config, opt.max_layers, opt.search, [&](index k) {
    if (show_progress) fmt::print(stderr, "\rexamining layer {}", k);
  });
  if (show_progress) fmt::print(stderr, "\n");
  const nlohmann::json doc = limit_document(s, p, opt.max_layers, opt.search, {command_line, "exact", opt.config});
  if (!opt.out.empty()) write_atomically(opt.out, [&](std::ostream& out) { write_json_document(out, doc); });
  if (opt.json)
    write_json_document(std::cout, doc);
  else
    fmt::print("{}", limit_text(s, p.alpha, opt.config, opt.max_layers));
  if (!s.certified && !opt.findings.empty()) write_finding(opt, p, s, command_line);
  return s.certified ? exit_code::ok : exit_code::claim_failed;
}

}  // namespace

void add_limit_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<limit_options>();
  CLI::App* cmd = app.add_subcommand("limit", "Find K* and the exact limit configuration with its clusters (L6, L5)");
  cmd->add_option("--config", opt->config, "Configuration file (JSON, docs/FORMAT.md)")->required();
  cmd->add_option("--max-layers", opt->max_layers, "Layer budget: examine layers 0..N for a certificate")
      ->check(CLI::Range(0L, 1000000L))
      ->capture_default_str();
  add_limit_search_options(cmd, opt->search);
  add_run_limit_options(cmd, opt->limits);
  cmd->add_flag("--json", opt->json, "Print JSON instead of text");
  cmd->add_option("--out", opt->out, "Also write the JSON to this file, atomically");
  cmd->add_option("--findings", opt->findings,
                  "If no certificate holds, write the configuration to DIR/<name>-uncertified.json, its description "
                  "saying whether the pattern was still changing or constant");
  cmd->footer("Exit status: 0 certified; 1 no certificate within the budget (a finding: the last failing condition\n"
              "is printed); 2 bad input; 5 an exact layer exceeds --max-bits or --max-memory. Always exact: rational\n"
              "arithmetic, ties by exact equality. The straight-line certificate is tried first at each layer, then\n"
              "the general one (attended tokens still moving); the report says which held and its evidence.");
  on_run(cmd, [opt, command_line] { return run_limit(*opt, command_line); });
}

}  // namespace hardmax
