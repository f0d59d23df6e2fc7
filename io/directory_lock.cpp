#include "io/directory_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "io/atomic_file.hpp"

namespace hardmax {

directory_lock::directory_lock(const std::filesystem::path& directory)
    : fd_(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (fd_ < 0)
    throw output_error(fmt::format("{}: cannot open the directory to lock it: {}", directory.string(), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    if (error == EWOULDBLOCK)
      throw output_error(fmt::format("{}: another process is writing this directory (it holds its lock); "
                                     "wait for it to finish or use another --out", directory.string()));
    throw output_error(fmt::format("{}: cannot lock the directory: {}", directory.string(), std::strerror(error)));
  }
}

directory_lock::~directory_lock() { ::close(fd_); }

}  // namespace hardmax
