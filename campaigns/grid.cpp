#include "campaigns/grid.hpp"

#include "campaigns/random_configuration.hpp"
#include "io/config_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace hardmax {

std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::vector<sweep_cell> sweep_grid::cells() const {
  std::vector<sweep_cell> out;
  for (index n_ : n)
    for (index d_ : d)
      for (const rational& a : alpha)
        for (const std::string& g : generators) {
          const std::size_t number = out.size();
          out.push_back({number, n_, d_, a, g, derive_seed(seed, number)});
        }
  return out;
}

namespace {

const std::set<std::string> known_keys = {"n", "d", "alpha", "generator", "cases", "max_layers", "seed", "description"};

long whole_number(const nlohmann::json& v, const std::string& file, const std::string& field, long low, long high) {
  if (!v.is_number_integer()) throw input_error(file, field, "must be a whole number");
  const long x = v.get<long>();
  if (x < low || x > high) throw input_error(file, field, fmt::format("must be between {} and {}", low, high));
  return x;
}

const nlohmann::json& nonempty_list(const nlohmann::json& doc, const std::string& file, const std::string& key) {
  if (!doc.contains(key)) throw input_error(file, key, "missing");
  if (!doc[key].is_array() || doc[key].empty()) throw input_error(file, key, "must be a non-empty list");
  return doc[key];
}

}  // namespace

sweep_grid read_grid(const std::filesystem::path& file) {
  const std::string name = file.string();
  const nlohmann::json doc = read_json_file(file);
  if (!doc.is_object()) throw input_error(name, "", "a grid is a JSON object");
  for (const auto& [key, value] : doc.items())
    if (!known_keys.contains(key))
      throw input_error(name, key, "unknown key (known: alpha, cases, d, description, generator, max_layers, n, seed)");
  sweep_grid g;
  const nlohmann::json& ns = nonempty_list(doc, name, "n");
  for (std::size_t i = 0; i < ns.size(); ++i) g.n.push_back(whole_number(ns[i], name, fmt::format("n[{}]", i), 1, 10000));
  const nlohmann::json ds = doc.contains("d") ? nonempty_list(doc, name, "d") : nlohmann::json::array({2});
  for (std::size_t i = 0; i < ds.size(); ++i) g.d.push_back(whole_number(ds[i], name, fmt::format("d[{}]", i), 1, 1000));
  const nlohmann::json& as = nonempty_list(doc, name, "alpha");
  for (std::size_t i = 0; i < as.size(); ++i) {
    const std::string field = fmt::format("alpha[{}]", i);
    g.alpha.push_back(parse_number(as[i], name, field));
    if (g.alpha.back() <= 0) throw input_error(name, field, "alpha must be > 0 (M2)");
  }
  const nlohmann::json gs = doc.contains("generator") ? nonempty_list(doc, name, "generator") : nlohmann::json::array({"uniform"});
  const auto& known = configuration_generators();
  for (std::size_t i = 0; i < gs.size(); ++i) {
    const std::string field = fmt::format("generator[{}]", i);
    if (!gs[i].is_string() || std::find(known.begin(), known.end(), gs[i].get<std::string>()) == known.end())
      throw input_error(name, field, fmt::format("unknown generator (known: {})", fmt::join(known, ", ")));
    g.generators.push_back(gs[i].get<std::string>());
  }
  if (doc.contains("cases")) g.cases = static_cast<int>(whole_number(doc["cases"], name, "cases", 1, 1000000));
  if (doc.contains("max_layers")) g.max_layers = whole_number(doc["max_layers"], name, "max_layers", 0, 1000000);
  if (doc.contains("seed")) {
    if (!doc["seed"].is_number_unsigned()) throw input_error(name, "seed", "must be a whole number >= 0");
    g.seed = doc["seed"].get<std::uint64_t>();
  }
  return g;
}

}  // namespace hardmax
