// JSON laid out for people and line-based diff tools: one top-level key per line, and a top-level
// array of objects (such as "layers") with one element per line. Any JSON parser reads it.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>

namespace hardmax {

inline void write_json_document(std::ostream& out, const nlohmann::json& doc) {
  if (!doc.is_object()) {
    out << doc.dump() << '\n';
    return;
  }
  out << "{\n";
  std::size_t k = 0;
  for (const auto& [key, value] : doc.items()) {
    out << ' ' << nlohmann::json(key).dump() << ": ";
    if (value.is_array() && !value.empty() && value.front().is_object()) {
      out << "[\n";
      for (std::size_t i = 0; i < value.size(); ++i) out << "  " << value[i].dump() << (i + 1 < value.size() ? ",\n" : "\n");
      out << " ]";
    } else {
      out << value.dump();
    }
    out << (++k < doc.size() ? ",\n" : "\n");
  }
  out << "}\n";
}

}  // namespace hardmax
