// JSON laid out for people and line-based diff tools: one top-level key per line, and a top-level
// array of objects (such as "layers") with one element per line. Any JSON parser reads it.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace hardmax {

// Compact JSON text. Strings from the command line (the recorded command, file names) are bytes that
// need not be UTF-8: an invalid byte is written as U+FFFD instead of throwing nlohmann's type_error 316.
inline std::string json_text(const nlohmann::json& value, int indent = -1) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

inline void write_json_document(std::ostream& out, const nlohmann::json& doc) {
  if (!doc.is_object()) {
    out << json_text(doc) << '\n';
    return;
  }
  out << "{\n";
  std::size_t k = 0;
  for (const auto& [key, value] : doc.items()) {
    out << ' ' << json_text(key) << ": ";
    if (value.is_array() && !value.empty() && value.front().is_object()) {
      out << "[\n";
      for (std::size_t i = 0; i < value.size(); ++i) out << "  " << json_text(value[i]) << (i + 1 < value.size() ? ",\n" : "\n");
      out << " ]";
    } else {
      out << json_text(value);
    }
    out << (++k < doc.size() ? ",\n" : "\n");
  }
  out << "}\n";
}

}  // namespace hardmax
