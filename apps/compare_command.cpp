#include "apps/compare_command.hpp"

#include "apps/exit_codes.hpp"
#include "apps/interruption.hpp"
#include "apps/run_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/provenance.hpp"
#include "numerics/engine.hpp"
#include "proofs-check/observe.hpp"
#include "theory/clusters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
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

// What one engine did on one configuration, measured against the exact trajectory.
struct engine_outcome {
  std::string engine;
  double wall_ms = 0;
  std::optional<index> first_divergent_layer;  // first layer whose attention pattern differs
  std::size_t decisions_differing = 0;         // (layer, token) pairs with a different C_i
  std::vector<double> deviation;               // per layer: max |z^ - z| over tokens and coordinates
  bool leaders_agree = true;
  bool clusters_agree = true;
  std::vector<std::string> claim_changes;      // "L3: holds -> precision finding"
};

struct config_outcome {
  std::string name, file;
  index depth = 0;
  trajectory<rational> exact;  // the reference, kept for the Figure-2 style panels
  std::vector<engine_outcome> engines;

  bool planar() const { return exact.layers.front().cols() == 2; }  // d = 2: panels are drawn
};

// Tokens grouped by equal target at the last layer: the cluster partition the engine predicts.
template <class Scalar>
std::vector<std::vector<index>> cluster_partition(const trajectory<Scalar>& t) {
  const auto& Z = t.layers.back();
  std::vector<std::vector<index>> parts;
  for (const cluster& c : clusters(targets(Z, t.attention.back()), leaders_at(t, t.layers.size() - 1)))
    parts.push_back(c.members);
  return parts;
}

double max_deviation(const tokens<rational>& a, const tokens<rational>& b) {
  rational worst = 0;
  for (index i = 0; i < a.rows(); ++i)
    for (index c = 0; c < a.cols(); ++c) worst = std::max(worst, rational(abs(a(i, c) - b(i, c))));
  return nearest_double(worst);
}

struct reference {
  trajectory<rational> path;
  std::vector<std::vector<index>> partition;
  std::vector<claim_row> claims;
};

template <class Scalar>
engine_outcome measure(const engine_spec& engine, const problem& p, index depth, const reference& ref) {
  engine_outcome o{engine.name(), 0, std::nullopt, 0, {}, true, true, {}};
  const auto start = std::chrono::steady_clock::now();
  const trajectory<Scalar> t = run_engine<Scalar>(engine, p, depth);
  o.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const observed_trajectory seen = observe(p, t);
  for (std::size_t k = 0; k < t.layers.size(); ++k) {
    o.deviation.push_back(max_deviation(seen.layers[k], ref.path.layers[k]));
    for (std::size_t i = 0; i < t.attention[k].size(); ++i)
      if (t.attention[k][i] != ref.path.attention[k][i]) {
        ++o.decisions_differing;
        if (!o.first_divergent_layer) o.first_divergent_layer = static_cast<index>(k);
      }
    o.leaders_agree = o.leaders_agree && seen.leaders[k] == leaders(ref.path.layers[k], ref.path.attention[k]);
  }
  o.clusters_agree = cluster_partition(t) == ref.partition;
  const std::vector<claim_row> claims = engine.is_exact() ? ref.claims : check_claims(seen, 200);
  for (std::size_t r = 0; r < claims.size(); ++r) {
    if (claims[r].outcome == ref.claims[r].outcome) continue;
    // Against an exact trajectory that satisfies the claim, a violation can only come from rounding.
    const verdict seen_verdict = ref.claims[r].outcome == verdict::holds ? verdict::precision_finding : claims[r].outcome;
    o.claim_changes.push_back(
        fmt::format("{}: {} -> {}", claims[r].claim, to_string(ref.claims[r].outcome), to_string(seen_verdict)));
  }
  return o;
}

config_outcome compare_config(const std::string& file, const std::vector<engine_spec>& engines,
                              const std::optional<long>& layers, const run_limits& limits) {
  const problem p = read_problem(file);
  config_outcome out{fs::path(file).stem().string(), file, run_depth(p, layers, file, limits), {}, {}};
  reference ref;
  ref.path = simulate(model_of<rational>(p), p.Z0, out.depth);
  out.exact = ref.path;
  ref.partition = cluster_partition(ref.path);
  ref.claims = check_claims(observe(p, ref.path), 200);
  for (const engine_spec& e : engines) {
    stop_if_interrupted();
    out.engines.push_back(with_engine(e, [&]<class Scalar>() { return measure<Scalar>(e, p, out.depth, ref); }));
  }
  return out;
}

// The exact trajectory at the paper's panel layers 0, 1, 2, 5 and K, for the Figure-2 style plots.
void write_panels(std::ostream& out, const std::vector<config_outcome>& results) {
  out << "config,layer,token,x,y,leader\n";
  for (const config_outcome& c : results) {
    if (!c.planar()) continue;
    for (index k : {index{0}, index{1}, index{2}, index{5}, c.depth}) {
      if (k > c.depth) continue;
      const auto L = leaders_at(c.exact, static_cast<std::size_t>(k));
      const tokens<rational>& Z = c.exact.layers[static_cast<std::size_t>(k)];
      for (index i = 0; i < Z.rows(); ++i)
        out << c.name << ',' << k << ',' << i << ',' << nearest_double(Z(i, 0)) << ',' << nearest_double(Z(i, 1)) << ','
            << std::binary_search(L.begin(), L.end(), i) << '\n';
    }
  }
}

std::string yes_no(bool b) { return b ? "yes" : "**no**"; }

std::string divergence(const engine_outcome& e) {
  return e.first_divergent_layer ? std::to_string(*e.first_divergent_layer) : "none";
}

std::string report_markdown(const std::vector<config_outcome>& results, const provenance& source, bool plots) {
  std::ostringstream md;
  md << "# Precision comparison\n\n"
     << "Every engine's trajectory against the exact one (rational arithmetic, ties by exact equality).\n\n"
     << fmt::format("- command: `{}`\n- hardmax {} ({})\n\n", source.command, version, source_revision)
     << "Columns: the first layer whose attention pattern differs from exact; how many (layer, token) "
        "attention sets differ; the largest distance to the exact positions at the last layer; whether the "
        "leader sets (all layers) and the final clusters agree with exact; which claim verdicts change "
        "(hardmax check on the engine's trajectory); wall time of the run.\n";
  for (const config_outcome& c : results) {
    md << fmt::format("\n## {} ({} layers)\n\n", c.name, c.depth);
    md << "| engine | first divergent layer | decisions differing | max deviation at layer K | leaders agree | "
          "clusters agree | claim verdicts changed | wall time (ms) |\n|---|---|---|---|---|---|---|---|\n";
    for (const engine_outcome& e : c.engines)
      md << fmt::format("| {} | {} | {} | {:.3g} | {} | {} | {} | {:.3g} |\n", e.engine, divergence(e),
                        e.decisions_differing, e.deviation.back(), yes_no(e.leaders_agree), yes_no(e.clusters_agree),
                        e.claim_changes.empty() ? "none" : fmt::format("{}", fmt::join(e.claim_changes, "; ")),
                        e.wall_ms);
    if (plots) {
      md << fmt::format("\n![largest deviation from exact against layer](deviation-{}.png)\n", c.name);
      if (c.planar()) md << fmt::format("\n![exact trajectory, layers 0, 1, 2, 5, K](panels-{}.png)\n", c.name);
    }
  }
  return md.str();
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '&' ? "&amp;" : std::string(1, ch);
  return out;
}

// The Markdown report as a self-contained HTML page (tables, images, code), no external assets.
std::string report_html(const std::string& markdown) {
  std::ostringstream html;
  html << "<!doctype html><html><head><meta charset=\"utf-8\"><title>hardmax precision comparison</title>"
          "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}"
          "td,th{border:1px solid #aaa;padding:3px 8px}img{max-width:100%}</style></head><body>\n";
  std::istringstream lines(markdown);
  std::string line;
  bool in_table = false;
  while (std::getline(lines, line)) {
    const bool row = line.rfind("|", 0) == 0;
    if (in_table && !row) html << "</table>\n";
    if (row) {
      if (line.find("|---") == 0) continue;
      html << (in_table ? "<tr>" : "<table><tr>");
      std::string cell;
      std::istringstream cells(line.substr(1));
      while (std::getline(cells, cell, '|')) html << (in_table ? "<td>" : "<th>") << html_escape(cell) << (in_table ? "</td>" : "</th>");
      html << "</tr>\n";
      in_table = true;
      continue;
    }
    in_table = false;
    if (line.rfind("# ", 0) == 0) html << "<h1>" << html_escape(line.substr(2)) << "</h1>\n";
    else if (line.rfind("## ", 0) == 0) html << "<h2>" << html_escape(line.substr(3)) << "</h2>\n";
    else if (line.rfind("![", 0) == 0) {
      const auto open = line.find("](");
      html << "<p><img alt=\"" << html_escape(line.substr(2, open - 2)) << "\" src=\""
           << html_escape(line.substr(open + 2, line.size() - open - 3)) << "\"></p>\n";
    } else if (!line.empty()) html << "<p>" << html_escape(line) << "</p>\n";
  }
  if (in_table) html << "</table>\n";
  html << "</body></html>\n";
  return html.str();
}

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
  for (const std::string& f : files) {  // every input is valid and within limits before any work starts
    const problem p = read_problem(f);
    if (p.tau)
      throw input_error(f, "tau", "compare measures every engine against the exact trajectory, and the softmax variant "
                                  "(M5) has no exact engine");
    run_depth(p, opt.layers, f, opt.limits);
  }
  std::error_code ec;
  fs::create_directories(opt.out, ec);
  if (ec) throw output_error(fmt::format("{}: cannot create the output directory: {}", opt.out, ec.message()));
  std::vector<config_outcome> results;
  for (const std::string& f : files) {
    fmt::print(stderr, "comparing {} engines on {}\n", engines.size(), f);
    stop_if_interrupted();
    results.push_back(compare_config(f, engines, opt.layers, opt.limits));
  }
  write_atomically(opt.out + "/deviation.csv", [&](std::ostream& out) {
    out << "config,engine,layer,max_deviation\n";
    for (const auto& c : results)
      for (const auto& e : c.engines)
        for (std::size_t k = 0; k < e.deviation.size(); ++k)
          out << c.name << ',' << e.engine << ',' << k << ',' << fmt::format("{:.17g}", e.deviation[k]) << '\n';
  });
  write_atomically(opt.out + "/summary.csv", [&](std::ostream& out) {
    out << "config,engine,first_divergent_layer,decisions_differing,final_max_deviation,leaders_agree,clusters_agree,"
           "claim_changes,wall_ms\n";
    for (const auto& c : results)
      for (const auto& e : c.engines)
        out << fmt::format("{},{},{},{},{:.17g},{},{},\"{}\",{:.3f}\n", c.name, e.engine,
                           e.first_divergent_layer ? std::to_string(*e.first_divergent_layer) : "", e.decisions_differing,
                           e.deviation.back(), e.leaders_agree, e.clusters_agree, fmt::join(e.claim_changes, "; "),
                           e.wall_ms);
  });
  write_atomically(opt.out + "/panels.csv", [&](std::ostream& out) { write_panels(out, results); });
  bool plotted = false;
  if (opt.plots) {
    const std::string script = std::string(HARDMAX_SOURCE_DIR) + "/scripts/plot-compare";
    plotted = fs::exists(script) && std::system(fmt::format("/usr/bin/python3 '{}' '{}'", script, opt.out).c_str()) == 0;
    if (!plotted) fmt::print(stderr, "hardmax compare: plots not drawn ({} failed); the report has no images\n", script);
  }
  const provenance source{command_line, opt.engines, ""};
  const std::string md = report_markdown(results, source, plotted);
  write_atomically(opt.out + "/report.md", [&](std::ostream& out) { out << md; });
  write_atomically(opt.out + "/report.html", [&](std::ostream& out) { out << report_html(md); });
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
