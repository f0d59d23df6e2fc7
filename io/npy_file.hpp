// NumPy's .npy format (version 1.0) for integer arrays, so that Python reads what the C++ pipeline
// computed with numpy.load and nothing else: `hardmax sentiment export` writes the token ids and labels
// the PyTorch reference trains on (scripts/reference-pytorch).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace hardmax {

// A C-order array of little-endian int32 with the given shape (the product of `shape` must be
// values.size()), written atomically (io/atomic_file.hpp).
void write_npy(const std::filesystem::path& file, std::span<const std::int32_t> values,
               const std::vector<std::size_t>& shape);

}  // namespace hardmax
