// What produced an output file: recorded in every report so a result can be reproduced.
#pragma once

#include "io/version.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace hardmax {

struct provenance {
  std::string command;  // the command line, as given
  std::string engine;   // engine name, e.g. "exact", "mpfr:113"
  std::string config;   // input file

  nlohmann::json to_json() const {
    nlohmann::json doc = {{"command", command}, {"engine", engine}, {"hardmax_version", version},
                          {"source_revision", source_revision}};
    if (!config.empty()) doc["config"] = config;
    return doc;
  }
};

}  // namespace hardmax
