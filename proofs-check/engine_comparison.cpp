#include "proofs-check/engine_comparison.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"
#include "numerics/interruption.hpp"
#include "proofs-check/observe.hpp"
#include "theory/clusters.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace hardmax {
namespace {

namespace fs = std::filesystem;

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

}  // namespace

void require_comparable(const problem& p, const std::string& file) {
  if (p.tau)
    throw input_error(file, "tau", "compare measures every engine against the exact trajectory, and the softmax variant "
                                   "(M5) has no exact engine");
}

config_outcome compare_engines(const problem& p, const std::string& name, const std::string& file,
                               const std::vector<engine_spec>& engines, index depth) {
  require_comparable(p, file);
  config_outcome out{name, file, depth, {}, {}};
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

namespace {

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

}  // namespace

void create_report_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw output_error(fmt::format("{}: cannot create the output directory: {}", dir, ec.message()));
}

nlohmann::json comparison_json(const std::vector<config_outcome>& results) {
  nlohmann::json rows = nlohmann::json::array();
  for (const config_outcome& c : results)
    for (const engine_outcome& e : c.engines)
      rows.push_back({{"config", c.name}, {"file", c.file}, {"layers", c.depth}, {"engine", e.engine},
                      {"first_divergent_layer", e.first_divergent_layer ? nlohmann::json(*e.first_divergent_layer) : nlohmann::json()},
                      {"decisions_differing", e.decisions_differing}, {"deviation", e.deviation},
                      {"final_max_deviation", e.deviation.back()}, {"leaders_agree", e.leaders_agree},
                      {"clusters_agree", e.clusters_agree}, {"claim_changes", e.claim_changes}, {"wall_ms", e.wall_ms}});
  return rows;
}

bool write_comparison_report(const std::vector<config_outcome>& results, const std::string& dir,
                             const provenance& source, const std::string& plot_script) {
  create_report_dir(dir);
  write_atomically(dir + "/deviation.csv", [&](std::ostream& out) {
    out << "config,engine,layer,max_deviation\n";
    for (const auto& c : results)
      for (const auto& e : c.engines)
        for (std::size_t k = 0; k < e.deviation.size(); ++k)
          out << c.name << ',' << e.engine << ',' << k << ',' << fmt::format("{:.17g}", e.deviation[k]) << '\n';
  });
  write_atomically(dir + "/summary.csv", [&](std::ostream& out) {
    out << "config,engine,first_divergent_layer,decisions_differing,final_max_deviation,leaders_agree,clusters_agree,"
           "claim_changes,wall_ms\n";
    for (const auto& c : results)
      for (const auto& e : c.engines)
        out << fmt::format("{},{},{},{},{:.17g},{},{},\"{}\",{:.3f}\n", c.name, e.engine,
                           e.first_divergent_layer ? std::to_string(*e.first_divergent_layer) : "", e.decisions_differing,
                           e.deviation.back(), e.leaders_agree, e.clusters_agree, fmt::join(e.claim_changes, "; "),
                           e.wall_ms);
  });
  write_atomically(dir + "/panels.csv", [&](std::ostream& out) { write_panels(out, results); });
  bool plotted = false;
  if (!plot_script.empty()) {
    plotted = fs::exists(plot_script) &&
              std::system(fmt::format("/usr/bin/python3 '{}' '{}'", plot_script, dir).c_str()) == 0;
    if (!plotted) fmt::print(stderr, "hardmax compare: plots not drawn ({} failed); the report has no images\n", plot_script);
  }
  const std::string md = report_markdown(results, source, plotted);
  write_atomically(dir + "/report.md", [&](std::ostream& out) { out << md; });
  write_atomically(dir + "/report.html", [&](std::ostream& out) { out << report_html(md); });
  return plotted;
}

}  // namespace hardmax
