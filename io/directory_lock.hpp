// One writer per output directory: a run that resumes from a checkpoint must not share its directory
// with another process doing the same, or their epochs interleave. The lock is the kernel's (flock on
// the directory itself), so it ends with the process however the process ends: no stale lock files.
#pragma once

#include <filesystem>

namespace hardmax {

class directory_lock {
 public:
  // Takes the lock on an existing directory, or throws output_error naming the directory when
  // another open of it holds the lock (or it cannot be opened).
  explicit directory_lock(const std::filesystem::path& directory);
  ~directory_lock();
  directory_lock(const directory_lock&) = delete;
  directory_lock& operator=(const directory_lock&) = delete;

 private:
  int fd_;
};

}  // namespace hardmax
