#include "apps/prop_command.hpp"

#include "apps/exit_codes.hpp"
#include "campaigns/process_group.hpp"
#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"
#include "io/provenance.hpp"
#include "numerics/interruption.hpp"
#include "properties/campaign.hpp"
#include "properties/generators.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace hardmax {
namespace {

struct prop_options {
  std::vector<std::string> properties;
  int cases = 200;
  std::uint64_t seed = 20261130;
  long max_layers = 60;
  std::string family = "any";
  std::string out;
};

// One line on standard error, redrawn in place on a terminal.
class progress_bar {
 public:
  progress_bar(std::string name, int cases) : name_(std::move(name)), cases_(cases), tty_(::isatty(STDERR_FILENO)) {}
  void tick() {
    ++evaluations_;
    if (!tty_ || evaluations_ % 5 != 0) return;
    const int done = std::min(evaluations_, cases_);
    const int width = 30, filled = cases_ > 0 ? done * width / cases_ : width;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = done > 0 ? seconds * (cases_ - done) / done : 0;
    fmt::print(stderr, "\r{:<3} [{}{}] {}/{} cases{}  {:.0f}s, ETA {:.0f}s   ", name_, std::string(filled, '#'),
               std::string(width - filled, '.'), done, cases_, evaluations_ > cases_ ? " (shrinking)" : "", seconds,
               evaluations_ > cases_ ? 0.0 : eta);
  }
  void finish(const campaign_result& r) const {
    if (tty_) fmt::print(stderr, "\r{}\r", std::string(90, ' '));
    fmt::print("{:<3} {:<7} {} cases{}{}\n", r.property, r.passed ? "passed" : "FAILED", r.cases,
               r.passed ? "" : " before the counterexample", r.stopped ? " (interrupted: the rest were not checked)" : "");
  }

 private:
  std::string name_;
  int cases_;
  bool tty_;
  int evaluations_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

nlohmann::json counterexample_file(const campaign_result& r, const std::string& command_line) {
  problem p = *r.counterexample;
  p.description = fmt::format("Counterexample to {} found by `{}` with seed {} (shrunk). RapidCheck said: {}", r.property,
                              command_line, r.seed, r.message);
  return to_json(p);
}

int run_prop(const prop_options& opt, const std::string& command_line) {
  // RapidCheck announces the seed of its global configuration on first use: make it this run's seed.
  ::setenv("RC_PARAMS", fmt::format("seed={}", opt.seed).c_str(), 1);
  std::vector<claim_property> selected;
  for (const claim_property& prop : claim_properties())
    if (opt.properties.empty() || std::find(opt.properties.begin(), opt.properties.end(), prop.name) != opt.properties.end())
      selected.push_back(prop);
  for (const std::string& name : opt.properties)
    if (std::none_of(selected.begin(), selected.end(), [&](const claim_property& p) { return p.name == name; }))
      throw CLI::ValidationError("--property", fmt::format("no property named '{}' (known: L1 L2 L3 L4 L5 L6)", name));
  if (!opt.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opt.out, ec);
    if (ec) throw output_error(fmt::format("{}: cannot create the output directory: {}", opt.out, ec.message()));
  }
  fmt::print("hardmax prop: seed {}, {} cases per property, problems '{}', runs of up to {} layers, exact engine\n", opt.seed,
             opt.cases, opt.family, opt.max_layers);
  const campaign_settings settings{opt.seed, opt.cases, 100, static_cast<index>(opt.max_layers), opt.family,
                                   interrupt_requested};
  nlohmann::json summary = provenance{command_line, "exact", ""}.to_json();
  summary["seed"] = opt.seed;
  summary["cases"] = opt.cases;
  summary["family"] = opt.family;
  // Under mpirun, property number p runs on rank p mod N: each property's campaign is the same
  // whatever N is, so rank 0's summary is too.
  const process_group& group = process_group::world();
  nlohmann::json mine = nlohmann::json::array();
  for (std::size_t number = 0; number < selected.size(); ++number) {
    if (static_cast<int>(number % static_cast<std::size_t>(group.size())) != group.rank()) continue;
    if (interrupt_requested()) break;
    const claim_property& prop = selected[number];
    progress_bar bar(prop.name, opt.cases);
    const campaign_result r = run_campaign(prop, reference_dynamics(), settings, [&bar] { bar.tick(); });
    bar.finish(r);
    nlohmann::json entry = {{"property", r.property}, {"description", prop.description}, {"passed", r.passed},
                            {"cases", r.cases}, {"order", number}};
    if (r.stopped) entry["interrupted"] = true;
    if (!r.passed) {
      fmt::print("{}\n", r.message);
      if (r.counterexample && !opt.out.empty()) {
        const std::string family = opt.family == "any" ? "" : "-" + opt.family;
        const std::string file = fmt::format("{}/{}{}-seed{}.json", opt.out, r.property, family, r.seed);
        write_atomically(file, [&](std::ostream& out) { out << json_text(counterexample_file(r, command_line), 1) << '\n'; });
        fmt::print("counterexample written to {} (hardmax check --config {})\n", file, file);
        entry["counterexample"] = file;
      }
    }
    mine.push_back(entry);
  }
  const std::vector<std::string> gathered = group.gather(json_text(mine));
  if (group.rank() != 0) return exit_code::ok;  // rank 0 speaks for the campaign
  std::vector<nlohmann::json> entries;
  for (const std::string& text : gathered)
    for (nlohmann::json& e : nlohmann::json::parse(text)) entries.push_back(std::move(e));
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a["order"] < b["order"]; });
  bool all_passed = true;
  for (nlohmann::json& e : entries) {
    all_passed = all_passed && e["passed"].get<bool>();
    e.erase("order");
    summary["properties"].push_back(std::move(e));
  }
  if (interrupt_requested()) summary["interrupted"] = "the properties listed were checked on the cases counted; the rest were not";
  if (!opt.out.empty())
    write_atomically(opt.out + "/summary.json", [&](std::ostream& out) { write_json_document(out, summary); });
  stop_if_interrupted();  // after the summary of what was completed
  return all_passed ? exit_code::ok : exit_code::claim_failed;
}

}  // namespace

void add_prop_command(CLI::App& app, const std::string& command_line) {
  auto opt = std::make_shared<prop_options>();
  CLI::App* cmd = app.add_subcommand("prop", "Run property campaigns of the claims L1-L6 on generated problems (exact engine)");
  cmd->add_option("--property", opt->properties, "Only these properties (L1 ... L6; repeatable); default all");
  cmd->add_option("--cases", opt->cases, "Passing cases required per property")->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Seed of the generators (every run with the same seed is the same)")
      ->capture_default_str();
  cmd->add_option("--max-layers", opt->max_layers, "Largest depth of a generated run")->check(CLI::Range(1L, 10000L))
      ->capture_default_str();
  cmd->add_option("--family", opt->family,
                  "Problems: any (every generator, weighted), lattice, symmetric-centre, edge-sliders (docs/THEOREMS.md)")
      ->check(CLI::IsMember(gen::problem_families()))
      ->capture_default_str();
  cmd->add_option("--out", opt->out, "Directory for summary.json and one configuration file per counterexample");
  cmd->footer("Exit status: 0 every property passed; 1 a counterexample was found (and written to --out); 2 bad input.");
  on_run(cmd, [opt, command_line] { return run_prop(*opt, command_line); });
}

}  // namespace hardmax
