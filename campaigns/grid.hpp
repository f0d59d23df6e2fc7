// A parameter sweep (hardmax sweep --grid FILE): the cartesian product of n, d, alpha and generator
// names, each cell run on `cases` random configurations. Cells are numbered in a fixed order and every
// random choice derives from the grid's seed and the cell's number, so a cell's result does not depend
// on which process computes it or how many there are (docs/CAMPAIGNS.md).
#pragma once

#include "numerics/rational.hpp"
#include "numerics/tokens.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hardmax {

struct sweep_cell {
  std::size_t number;  // position in the grid's order
  index n, d;
  rational alpha;
  std::string generator;
  std::uint64_t seed;  // derived from the grid's seed and `number`
};

struct sweep_grid {
  std::vector<index> n, d;
  std::vector<rational> alpha;
  std::vector<std::string> generators;
  int cases = 10;
  index max_layers = 200;
  std::uint64_t seed = 1;

  // n outermost, then d, alpha, generator.
  std::vector<sweep_cell> cells() const;
};

// Reads and validates a grid file; throws input_error naming the file, field and reason.
sweep_grid read_grid(const std::filesystem::path& file);

// SplitMix64: a well-mixed 64-bit value from a seed and an index (Steele, Lea, Flood 2014).
std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t index);

}  // namespace hardmax
