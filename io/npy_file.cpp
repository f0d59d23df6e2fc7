#include "io/npy_file.hpp"

#include "io/atomic_file.hpp"

#include <bit>
#include <stdexcept>
#include <string>

namespace hardmax {

static_assert(std::endian::native == std::endian::little, "the .npy files declare little-endian data ('<i4')");

void write_npy(const std::filesystem::path& file, std::span<const std::int32_t> values,
               const std::vector<std::size_t>& shape) {
  std::size_t count = 1;
  std::string dims;  // Python's tuple: "3," for one dimension, "3, 4" for two
  for (std::size_t n : shape) {
    count *= n;
    dims += (dims.empty() ? "" : ", ") + std::to_string(n);
  }
  if (shape.size() == 1) dims += ",";
  if (count != values.size()) throw std::invalid_argument("write_npy: the shape does not match the number of values");
  std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + dims + "), }";
  // Magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64 and
  // ended by a newline, as the format asks.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header.push_back('\n');
  write_atomically(file, [&](std::ostream& out) {
    out.write("\x93NUMPY\x01\x00", 8);
    const auto length = static_cast<std::uint16_t>(header.size());
    const char length_bytes[2] = {static_cast<char>(length & 0xff), static_cast<char>(length >> 8)};
    out.write(length_bytes, 2);
    out << header;
    out.write(reinterpret_cast<const char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(std::int32_t)));
  });
}

}  // namespace hardmax
