#include "campaigns/sweep_summary.hpp"

#include <fmt/format.h>

namespace hardmax {

void write_summary_csv(std::ostream& out, const std::vector<cell_result>& cells) {
  out << "cell,n,d,alpha,generator,seed,cases,certified,mean_K,max_K,mean_leaders,mean_clusters,mean_escalations,"
         "mean_bits_per_layer,certified_general\n";
  for (const cell_result& r : cells)
    out << fmt::format("{},{},{},{},{},{},{},{},{:.6g},{},{:.6g},{:.6g},{:.6g},{:.6g},{}\n", r.cell.number, r.cell.n, r.cell.d,
                       to_string(r.cell.alpha), r.cell.generator, r.cell.seed, r.cases, r.certified, r.mean_K, r.max_K,
                       r.mean_leaders, r.mean_clusters, r.mean_escalations, r.mean_bits_per_layer, r.general);
}

std::string summary_markdown(const std::vector<cell_result>& cells, const provenance& source, const std::string& grid_file,
                             std::uint64_t seed, int processes) {
  double seconds = 0;
  for (const cell_result& r : cells) seconds += r.seconds;
  std::string md = fmt::format(
      "# hardmax sweep\n\n- command: `{}`\n- grid: `{}`, seed {}\n- hardmax {} ({}), exact engine for K* (L6), "
      "certified engine for escalations\n- {} cells, {} process(es), {:.1f} s of computation in all\n\n"
      "| cell | n | d | alpha | generator | cases | certified | of which general | mean K* | max K* | mean leaders | "
      "mean clusters | mean escalations | bits/layer | seconds |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n",
      source.command, grid_file, seed, version, source_revision, cells.size(), processes, seconds);
  for (const cell_result& r : cells)
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {:.2f} | {} | {:.2f} | {:.2f} | {:.2f} | {:.1f} | {:.2f} |\n",
                      r.cell.number, r.cell.n, r.cell.d, to_string(r.cell.alpha), r.cell.generator, r.cases, r.certified,
                      r.general, r.mean_K, r.max_K, r.mean_leaders, r.mean_clusters, r.mean_escalations, r.mean_bits_per_layer,
                      r.seconds);
  md += "\nK* is the first layer where an L6 certificate holds (THEORY.md); \"of which general\": cases certified by the "
        "general certificate (attended tokens still moving); means over certified cases. "
        "Escalations: attention sets the certified engine decided exactly because double could not prove them.\n";
  return md;
}

}  // namespace hardmax
