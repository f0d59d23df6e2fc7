// NumPy's .npy format (version 1.0), so that Python reads what the C++ pipeline computed with
// numpy.load and nothing else, and the other way round: `hardmax sentiment export` writes the token ids
// and labels the PyTorch reference trains on, and `sentiment train --init` reads the reference's
// initial weights (scripts/reference-pytorch --save-init).
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

// A C-order array of little-endian float64 or float32 ('<f8', '<f4'), as doubles, with its shape.
// Throws input_error naming the file for anything else (another type, Fortran order, a short file).
struct npy_array {
  std::vector<double> values;
  std::vector<std::size_t> shape;
};
npy_array read_npy(const std::filesystem::path& file);

}  // namespace hardmax
