// libFuzzer harness (1): configuration files, from raw bytes, through read_problem (docs/FORMAT.md).
//
// The input is written to a scratch file (a memfd) and read with read_problem, the code path of every command
// (nlohmann::json::parse, then parse_problem). The contract checked:
//   - read_problem either returns a problem or throws hardmax::input_error: any other exception
//     escaping (a JSON library exception, std::length_error, ...) is a bug, reported as a crash;
//   - an accepted problem survives the round trip through its exact file form (to_json, then
//     parse_problem gives back the same values), so every number form written is read back exactly;
//   - rounding it into the double engine's number type either works or throws representation_error
//     (a value outside double's range), as docs/FORMAT.md promises.
// ASan/UBSan (and LeakSanitizer) report memory errors, undefined behaviour and leaks along the way.
#include "io/config_file.hpp"
#include "numerics/problem.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string>

namespace {

std::string scratch_file;
int scratch_fd = -1;

[[noreturn]] void bug(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_config: BUG: %s: %s\n", what, detail.c_str());
  std::abort();
}

template <class M>
bool same(const M& a, const M& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

bool same(const hardmax::problem& a, const hardmax::problem& b) {
  return same(a.A, b.A) && a.alpha == b.alpha && same(a.Z0, b.Z0) && a.layers == b.layers && a.tau == b.tau &&
         a.V.has_value() == b.V.has_value() && (!a.V || same(*a.V, *b.V)) && a.description == b.description;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // An anonymous in-memory file, opened by name through /proc: no disk traffic per input (an ext4
  // file truncated a million times waits on discards).
  scratch_fd = ::memfd_create("hardmax-fuzz-config", 0);
  if (scratch_fd < 0) {
    std::perror("fuzz_config: memfd_create");
    std::abort();
  }
  scratch_file = "/proc/self/fd/" + std::to_string(scratch_fd);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hardmax;
  if (::ftruncate(scratch_fd, 0) != 0 ||
      (size > 0 && ::pwrite(scratch_fd, data, size, 0) != static_cast<ssize_t>(size))) {
    std::perror("fuzz_config: writing the scratch file");
    std::abort();
  }
  problem p;
  try {
    p = read_problem(scratch_file);
  } catch (const input_error&) {
    return 0;  // rejected with file, field and reason: the contract
  } catch (const std::exception& e) {
    bug("read_problem let an exception other than input_error escape", e.what());
  }
  // The exact file form reads back to the same problem.
  try {
    const problem back = parse_problem(to_json(p), "round trip");
    if (!same(p, back)) bug("to_json/parse_problem round trip changed the problem", to_json(p).dump());
  } catch (const std::exception& e) {
    bug("an accepted problem's own file form was rejected", e.what());
  }
  // Each engine rounds every input value once: an out-of-range value is a representation_error.
  try {
    (void)model_of<double>(p);
    (void)initial_tokens<double>(p);
  } catch (const representation_error&) {
  }
  return 0;
}
