// Configuration files (docs/FORMAT.md): JSON with exact numbers, validated field by field.
#pragma once

#include "numerics/problem.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace hardmax {

// Bad input: names the file, the field (a JSON path such as tokens[3][1]) and the reason.
struct input_error : std::runtime_error {
  input_error(const std::string& file, const std::string& field, const std::string& reason);
  std::string file, field, reason;
};

// Reads a JSON document; input_error (naming the file) if it cannot be opened or parsed.
nlohmann::json read_json_file(const std::filesystem::path& file);

// Reads, parses and validates a configuration; throws input_error.
problem read_problem(const std::filesystem::path& file);

// The same from a parsed document; `source` names it in errors.
problem parse_problem(const nlohmann::json& document, const std::string& source);

// The exact file form of a problem, readable by read_problem (counterexamples, generated inputs).
nlohmann::json to_json(const problem& p);

// A number field: a string read exactly ("1/3", "-0.25", "1e-3") or a JSON number, meaning the
// exact value of the double it parses to.
rational parse_number(const nlohmann::json& value, const std::string& source, const std::string& field);

}  // namespace hardmax
