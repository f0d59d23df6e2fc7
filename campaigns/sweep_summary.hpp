// The summary of a sweep: one CSV row per cell (deterministic: no timings, no ranks, so runs on any
// number of processes give the same file) and a Markdown report with the provenance.
#pragma once

#include "campaigns/cell_result.hpp"
#include "io/provenance.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace hardmax {

void write_summary_csv(std::ostream& out, const std::vector<cell_result>& cells);

std::string summary_markdown(const std::vector<cell_result>& cells, const provenance& source, const std::string& grid_file,
                             std::uint64_t seed, int processes);

}  // namespace hardmax
