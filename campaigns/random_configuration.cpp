#include "campaigns/random_configuration.hpp"

#include <random>
#include <stdexcept>

namespace hardmax {

const std::vector<std::string>& configuration_generators() {
  static const std::vector<std::string> names = {"uniform", "lattice"};
  return names;
}

problem random_configuration(const std::string& generator, index n, index d, const rational& alpha, std::uint64_t seed) {
  // std::mt19937_64 is specified bit for bit by the standard; the distribution is not, so map the
  // engine's output to the range by hand to keep results identical across standard libraries.
  std::mt19937_64 rng(seed);
  const bool lattice = generator == "lattice";
  if (!lattice && generator != "uniform") throw std::invalid_argument("unknown generator '" + generator + "'");
  const std::uint64_t span = lattice ? 5 : 2001;
  problem p;
  p.A = matrix<rational>::Identity(d, d);
  p.alpha = alpha;
  p.Z0 = tokens<rational>(n, d);
  for (index i = 0; i < n; ++i)
    for (index c = 0; c < d; ++c) {
      const long k = static_cast<long>(rng() % span) - static_cast<long>(span / 2);
      p.Z0(i, c) = lattice ? rational(k) : rational(k, 1000);
    }
  p.description = generator + " configuration, seed " + std::to_string(seed);
  return p;
}

}  // namespace hardmax
