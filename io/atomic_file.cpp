#include "io/atomic_file.hpp"

#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <vector>

namespace hardmax {
namespace {

// Removes the temporary file unless released.
struct temporary {
  std::string path;
  bool released = false;
  ~temporary() {
    if (!released) std::remove(path.c_str());
  }
};

std::string make_temporary(const std::filesystem::path& target) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const std::string pattern = (dir / fmt::format(".{}.tmp.XXXXXX", target.filename().string())).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) throw output_error(fmt::format("{}: cannot write the output file: {}", target.string(), std::strerror(errno)));
  ::close(fd);
  return buffer.data();
}

// Standard output, a pipe or a device: a stream, not a file that could be left half-written, and
// renaming over it would replace the device node.
void write_stream(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  if (target == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  std::ofstream out(target, std::ios::binary);
  if (!out) throw output_error(fmt::format("{}: cannot open for writing", target.string()));
  write(out);
}

}  // namespace

void write_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  const std::string name = target.string();
  std::error_code ec;
  const auto status = std::filesystem::status(target, ec);
  if (std::filesystem::is_directory(status)) throw output_error(fmt::format("{}: is a directory, not a file", name));
  if (target == "-" || (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)))
    return write_stream(target, write);
  temporary tmp{make_temporary(target)};
  {
    std::ofstream out(tmp.path, std::ios::binary | std::ios::trunc);
    if (!out) throw output_error(fmt::format("{}: cannot write the output file", name));
    write(out);
    out.flush();
    if (!out) throw output_error(fmt::format("{}: writing the output failed (disk full?)", name));
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(tmp.path.c_str(), 0666 & ~mask);  // mkstemp creates 0600; give the file ordinary permissions
  std::filesystem::rename(tmp.path, target, ec);
  if (ec) throw output_error(fmt::format("{}: cannot publish the output file: {}", name, ec.message()));
  tmp.released = true;
}

}  // namespace hardmax
