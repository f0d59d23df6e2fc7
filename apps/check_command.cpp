#include "apps/check_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/interruption.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/json_layout.hpp"
#include "io/provenance.hpp"
#include "numerics/engine.hpp"
#include "proofs-check/observe.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace hardmax {
namespace {

struct check_options {
  std::string config;
  std::string engine = "exact";
  std::optional<long> layers;
  long max_layers = 200;
  bool json = false;
  std::string out;
  run_limits limits;
  limit_search_limits search;
};

std::vector<claim_row> claims_with_engine(const engine_spec& engine, const problem& p, index depth, index max_layers,
                                          const general_options& options) {
  return with_engine(engine, [&]<class Scalar>() {
    const trajectory<Scalar> t = run_engine<Scalar>(engine, p, depth);
    return check_claims(observe(p, t), max_layers, options);
  });
}

bool settled(verdict v) { return v == verdict::holds || v == verdict::not_applicable; }

// A floating engine's failure is a precision finding when the exact trajectory satisfies the claim.
void classify_rounding(std::vector<claim_row>& rows, const problem& p, index depth, index max_layers,
                       const general_options& options) {
  if (std::all_of(rows.begin(), rows.end(), [](const claim_row& r) { return settled(r.outcome); })) return;
  const std::vector<claim_row> exact = claims_with_engine(engine_spec{}, p, depth, max_layers, options);
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (!settled(rows[k].outcome) && exact[k].outcome == verdict::holds) {
      rows[k].outcome = verdict::precision_finding;
      rows[k].witness += " (the exact trajectory satisfies the claim: this is rounding, not mathematics)";
    }
}

int exit_status(const std::vector<claim_row>& rows) {
  int code = exit_code::ok;
  for (const claim_row& r : rows) {
    if (r.outcome == verdict::fails || r.outcome == verdict::not_certified) return exit_code::claim_failed;
    if (r.outcome == verdict::precision_finding) code = exit_code::precision_finding;
  }
  return code;
}

void print_table(const std::vector<claim_row>& rows, const provenance& source, index depth) {
  fmt::print("hardmax check: {} with engine {}, {} layers (claims as numbered in THEORY.md)\n\n", source.config,
             source.engine, depth);
  fmt::print("{:<6}{:<19}{}\n", "claim", "verdict", "evidence");
  for (const claim_row& r : rows) {
    fmt::print("{:<6}{:<19}{}\n", r.claim, to_string(r.outcome), r.summary);
    if (!r.witness.empty()) fmt::print("{:<25}witness: {}\n", "", r.witness);
  }
}

nlohmann::json report_json(const std::vector<claim_row>& rows, const provenance& source, index depth, int status) {
  nlohmann::json doc = source.to_json();
  doc["layers"] = depth;
  doc["all_hold"] = status == exit_code::ok;
  nlohmann::json claims = nlohmann::json::array();
  for (const claim_row& r : rows)
    claims.push_back({{"claim", r.claim}, {"statement", r.statement}, {"verdict", to_string(r.outcome)},
                      {"summary", r.summary}, {"witness", r.witness}, {"evidence", r.evidence}});
  doc["claims"] = claims;
  return doc;
}

int run_check(const check_options& opt, const std::string& command_line) {
  const engine_spec engine = parse_engine(opt.engine);
  const problem p = read_problem(opt.config);
  if (engine.is_exact() && p.tau)
    throw input_error(opt.config, "tau", "the softmax variant (M5) has no exact engine; use --engine double or mpfr:BITS");
  const index depth = run_depth(p, opt.layers, opt.config, opt.limits);
  general_options options = opt.search.options();
  options.on_layer = [guard = options.on_layer](index k, const tokens<rational>& Z, std::size_t held) {
    guard(k, Z, held);
    stop_if_interrupted();
  };
  std::vector<claim_row> rows = claims_with_engine(engine, p, depth, opt.max_layers, options);
  if (!engine.is_exact() && !p.tau) classify_rounding(rows, p, depth, opt.max_layers, options);
  const int status = exit_status(rows);
  const provenance source{command_line, engine.name(), opt.config};
  if (!opt.out.empty())
    write_atomically(opt.out, [&](std::ostream& out) { write_json_document(out, report_json(rows, source, depth, status)); });
  if (opt.json)
    write_json_document(std::cout, report_json(rows, source, depth, status));
  else
    print_table(rows, source, depth);
  return status;
}

}  // namespace

void add_check_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<check_options>();
  CLI::App* cmd = app.add_subcommand("check", "Check every claim of THEORY.md (L1-L6) on a configuration, with evidence");
  cmd->add_option("--config", opt->config, "Configuration file (JSON, docs/FORMAT.md)")->required();
  cmd->add_option("--engine", opt->engine, "exact | double | mpfr:BITS | certified: the engine whose trajectory is checked")
      ->capture_default_str();
  cmd->add_option("--layers", opt->layers, "Number of layers K (overrides the file's \"layers\")")
      ->check(CLI::Range(0L, 1000000L));
  cmd->add_option("--max-layers", opt->max_layers, "Layer budget for the L6 certificate")
      ->check(CLI::Range(0L, 1000000L))
      ->capture_default_str();
  add_limit_search_options(cmd, opt->search);
  add_run_limit_options(cmd, opt->limits);
  cmd->add_flag("--json", opt->json, "Print the report as JSON instead of a table");
  cmd->add_option("--out", opt->out, "Also write the JSON report to this file, atomically");
  cmd->footer(
      "Exit status: 0 every claim holds; 1 a claim fails or L6 is not certified within the budget; 2 bad input;\n"
      "4 a floating engine's trajectory violates a claim that the exact trajectory satisfies (a precision finding);\n"
      "5 an exact layer of the L6 search exceeds --max-bits or --max-memory. D4 at the limit is information, never\n"
      "a failure of L5 (THEORY.md L5).");
  on_run(cmd, [opt, command_line] { return run_check(*opt, command_line); });
}

}  // namespace hardmax
