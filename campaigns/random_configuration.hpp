// The named random configurations a sweep runs on: n tokens in R^d with A = I, drawn from a seed.
#pragma once

#include "numerics/problem.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hardmax {

// "uniform": coordinates k/1000, k uniform in [-1000, 1000] (ties are rare);
// "lattice": integer coordinates in [-2, 2] (ties and exact duplicates are common).
const std::vector<std::string>& configuration_generators();

problem random_configuration(const std::string& generator, index n, index d, const rational& alpha, std::uint64_t seed);

}  // namespace hardmax
