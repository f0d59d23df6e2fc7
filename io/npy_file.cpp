#include "io/npy_file.hpp"

#include "io/atomic_file.hpp"
#include "io/config_file.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>

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

npy_array read_npy(const std::filesystem::path& file) {
  const auto fail = [&](const std::string& why) { throw input_error(file.string(), "", why); };
  std::ifstream in(file, std::ios::binary);
  if (!in) fail("cannot open this .npy file");
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) fail("not a NumPy .npy file");
  if (bytes[6] != 1) fail("only .npy version 1.0 is read");
  const std::size_t length = static_cast<unsigned char>(bytes[8]) | static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8;
  if (bytes.size() < 10 + length) fail("truncated header");
  const std::string header = bytes.substr(10, length);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex(R"('descr':\s*'<f([48])')"))) fail("the data must be '<f8' or '<f4'");
  const std::size_t width = m[1] == "8" ? 8 : 4;
  if (header.find("'fortran_order': False") == std::string::npos) fail("Fortran order is not read");
  if (!std::regex_search(header, m, std::regex(R"('shape':\s*\(([0-9,\s]*)\))"))) fail("no shape in the header");
  npy_array a;
  const std::string dims = m[1];
  const std::regex number("[0-9]+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
    a.shape.push_back(std::stoull(it->str()));
  std::size_t count = 1;
  for (std::size_t n : a.shape) count *= n;
  if (bytes.size() != 10 + length + count * width) fail("the data does not match the shape in the header");
  a.values.resize(count);
  const char* data = bytes.data() + 10 + length;
  for (std::size_t k = 0; k < count; ++k) {
    if (width == 8) {
      std::memcpy(&a.values[k], data + 8 * k, 8);
    } else {
      float f;
      std::memcpy(&f, data + 4 * k, 4);
      a.values[k] = f;
    }
  }
  return a;
}

}  // namespace hardmax
