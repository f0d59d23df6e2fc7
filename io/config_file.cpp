#include "io/config_file.hpp"

#include "io/json_layout.hpp"
#include "io/matrix_json.hpp"

#include "numerics/spd.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>
#include <vector>

namespace hardmax {
namespace {

const std::set<std::string> known_keys = {"d", "alpha", "A", "tokens", "layers", "tau", "V", "description"};

struct reader {
  const std::string& source;

  [[noreturn]] void fail(const std::string& field, const std::string& reason) const {
    throw input_error(source, field, reason);
  }

  const nlohmann::json& array(const nlohmann::json& v, const std::string& field) const {
    if (!v.is_array()) fail(field, fmt::format("expected an array, found {}", v.type_name()));
    return v;
  }

  matrix<rational> rows(const nlohmann::json& v, const std::string& field, std::optional<index> width) const {
    array(v, field);
    if (v.empty()) fail(field, "must not be empty");
    const index n = static_cast<index>(v.size());
    const index w = width ? *width : static_cast<index>(array(v[0], field + "[0]").size());
    if (w == 0) fail(field + "[0]", "must not be empty");
    // The values are collected while the rows are checked and the matrix is allocated last: w may come
    // from "d", which is just a number in the file, and an n x w matrix allocated first could be any size.
    std::vector<rational> values;
    for (index r = 0; r < n; ++r) {
      const std::string row_field = fmt::format("{}[{}]", field, r);
      const auto& row = array(v[static_cast<std::size_t>(r)], row_field);
      if (static_cast<index>(row.size()) != w)
        fail(row_field, fmt::format("has {} entries, expected {}", row.size(), w));
      for (index c = 0; c < w; ++c)
        values.push_back(parse_number(row[static_cast<std::size_t>(c)], source, fmt::format("{}[{}]", row_field, c)));
    }
    matrix<rational> m(n, w);
    for (index r = 0; r < n; ++r)
      for (index c = 0; c < w; ++c) m(r, c) = std::move(values[static_cast<std::size_t>(r * w + c)]);
    return m;
  }

  index natural(const nlohmann::json& v, const std::string& field, long minimum) const {
    if (!v.is_number_integer()) fail(field, fmt::format("expected a whole number, found {}", json_text(v)));
    const auto x = v.get<long long>();
    if (x < minimum) fail(field, fmt::format("must be at least {}, found {}", minimum, x));
    return static_cast<index>(x);
  }

  rational positive(const nlohmann::json& v, const std::string& field) const {
    const rational x = parse_number(v, source, field);
    if (x <= 0) fail(field, fmt::format("must be positive (> 0), found {}", to_string(x)));
    return x;
  }
};

}  // namespace

input_error::input_error(const std::string& f, const std::string& fld, const std::string& why)
    : std::runtime_error(fld.empty() ? fmt::format("{}: {}", f, why) : fmt::format("{}: field '{}': {}", f, fld, why)),
      file(f),
      field(fld),
      reason(why) {}

rational parse_number(const nlohmann::json& value, const std::string& source, const std::string& field) {
  try {
    if (value.is_string()) return parse_rational(value.get<std::string>());
    if (value.is_number_integer()) return value.is_number_unsigned() ? rational(value.get<unsigned long long>())
                                                                      : rational(value.get<long long>());
    if (value.is_number_float()) return exact_value(value.get<double>());
  } catch (const number_syntax_error& e) {
    // json_text, not dump(): the value may be a command-line string (--tie-tolerance) that is not UTF-8.
    throw input_error(source, field, fmt::format("cannot read {} as a number: {}", json_text(value), e.what()));
  }
  throw input_error(source, field, fmt::format("expected a number or a string holding one, found {}", value.type_name()));
}

problem parse_problem(const nlohmann::json& doc, const std::string& source) {
  const reader in{source};
  if (!doc.is_object()) in.fail("", fmt::format("expected a JSON object at the top level, found {}", doc.type_name()));
  for (const auto& [key, value] : doc.items())
    if (!known_keys.count(key))
      in.fail(key, "unknown key (known: A, alpha, d, description, layers, tau, tokens, V)");
  if (!doc.contains("tokens")) in.fail("tokens", "missing (the initial configuration is required)");
  if (!doc.contains("alpha")) in.fail("alpha", "missing (the step weight alpha > 0 is required)");

  problem p;
  std::optional<index> d;
  if (doc.contains("d")) d = in.natural(doc["d"], "d", 1);
  p.Z0 = in.rows(doc["tokens"], "tokens", d);
  const index dim = p.Z0.cols();
  p.alpha = in.positive(doc["alpha"], "alpha");
  if (doc.contains("A")) {
    p.A = in.rows(doc["A"], "A", dim);
    if (p.A.rows() != dim) in.fail("A", fmt::format("has {} rows, expected d = {}", p.A.rows(), dim));
    if (const auto why = spd_violation(p.A)) in.fail("A", "must be symmetric positive definite (M2): " + *why);
  } else {
    p.A = matrix<rational>::Identity(dim, dim);
  }
  if (doc.contains("V")) {
    p.V = in.rows(doc["V"], "V", dim);
    if (p.V->rows() != dim) in.fail("V", fmt::format("has {} rows, expected d = {}", p.V->rows(), dim));
  }
  if (doc.contains("tau")) p.tau = in.positive(doc["tau"], "tau");
  if (doc.contains("layers")) p.layers = in.natural(doc["layers"], "layers", 0);
  if (doc.contains("description")) {
    if (!doc["description"].is_string()) in.fail("description", "expected a string");
    p.description = doc["description"].get<std::string>();
  }
  return p;
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
  const std::string source = file.string();
  std::ifstream stream(file, std::ios::binary);
  if (!stream) throw input_error(source, "", "cannot open the file for reading");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(stream);
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(source, "", fmt::format("not valid JSON: {}", e.what()));
  } catch (const nlohmann::json::exception& e) {
    // A plain JSON number beyond double's range (out_of_range.406, e.g. 1e400): the parser cannot hold it.
    throw input_error(source, "", fmt::format("cannot read the JSON (write numbers beyond double's range as strings, "
                                              "e.g. \"1e400\", to get their exact value): {}", e.what()));
  }
  return doc;
}

problem read_problem(const std::filesystem::path& file) { return parse_problem(read_json_file(file), file.string()); }

nlohmann::json to_json(const problem& p) {
  const auto rows = [](const matrix<rational>& m) { return hardmax::to_json(m); };
  nlohmann::json doc;
  if (!p.description.empty()) doc["description"] = p.description;
  doc["d"] = p.dimension();
  doc["alpha"] = to_string(p.alpha);
  if (p.A != matrix<rational>::Identity(p.dimension(), p.dimension())) doc["A"] = rows(p.A);
  if (p.V) doc["V"] = rows(*p.V);
  if (p.tau) doc["tau"] = to_string(*p.tau);
  if (p.layers) doc["layers"] = *p.layers;
  doc["tokens"] = rows(p.Z0);
  return doc;
}

}  // namespace hardmax
