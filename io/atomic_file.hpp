// Output that appears whole or not at all: written to a temporary file beside the target, then
// renamed over it, so an error or interruption never leaves a half-written file.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace hardmax {

struct output_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Calls write(stream) and publishes the result at `target`; on any exception the temporary file is
// removed and the exception propagates. "-" means standard output; an existing non-regular file
// (a pipe, /dev/stdout) is written as a stream. Throws output_error when the file cannot be written.
void write_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write);

}  // namespace hardmax
