// How fast exact numbers grow with depth (docs/PERFORMANCE.md): bits of the largest coordinate and
// of all coordinates at layers 0..30 on the reference configurations and on seeded random inputs.
//   build/bench/exact_growth [LAYERS]    prints a Markdown table
#include "bench/random_problem.hpp"
#include "io/config_file.hpp"
#include "numerics/exact_size.hpp"
#include "numerics/trajectory.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

namespace hardmax {
namespace {

void row(const std::string& name, const problem& p, index depth) {
  const auto start = std::chrono::steady_clock::now();
  const trajectory<rational> t = simulate(model_of<rational>(p), p.Z0, depth);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string cells;
  for (index k : {index{0}, index{1}, index{5}, index{10}, index{20}, depth})
    cells += fmt::format(" {} |", size_of(t.layers[static_cast<std::size_t>(std::min(k, depth))]).largest);
  const size_profile first = size_of(t.layers.front()), last = size_of(t.layers.back());
  fmt::print("| {} | {} |{} {:.1f} | {:.1f} | {:.3g} |\n", name, p.size(), cells,
             static_cast<double>(last.largest - first.largest) / static_cast<double>(depth),
             static_cast<double>(last.total) / 8e3, seconds);
}

}  // namespace
}  // namespace hardmax

int main(int argc, char** argv) {
  using namespace hardmax;
  const hardmax::index depth = argc > 1 ? std::atol(argv[1]) : 30;
  fmt::print("| input | n | bits of the largest coordinate at layer 0 | 1 | 5 | 10 | 20 | {} | bits per layer | "
             "last layer (kB) | seconds |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
             depth);
  for (const char* name : {"figure2-1-emerging-leader", "figure2-2-triangle", "figure2-3-square",
                           "figure2-4-non-leader-clusters", "near-tie-1"})
    row(name, read_problem(std::string(HARDMAX_SOURCE_DIR) + "/data/configs/" + name + ".json"), depth);
  for (hardmax::index n : {32, 128}) row(fmt::format("random, d = 2"), bench::random_problem(n, 2), depth);
  row("random, d = 16", bench::random_problem(32, 16), depth);
  return 0;
}
