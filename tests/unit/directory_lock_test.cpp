// One writer per output directory (io/directory_lock.hpp).
#include "io/directory_lock.hpp"

#include "io/atomic_file.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace {
fs::path fresh_dir() {
  const fs::path dir = fs::temp_directory_path() / ("hardmax-lock-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("a locked directory refuses a second lock, naming it, until the first ends") {
  const fs::path dir = fresh_dir();
  std::optional<hardmax::directory_lock> first;
  first.emplace(dir);
  // Each lock opens the directory anew, so a second one is refused even in the same process.
  try {
    hardmax::directory_lock second(dir);
    FAIL("a second lock on a locked directory was granted");
  } catch (const hardmax::output_error& e) {
    CHECK(std::string(e.what()).find(dir.string()) != std::string::npos);
    CHECK(std::string(e.what()).find("another process") != std::string::npos);
  }
  first.reset();
  CHECK_NOTHROW(hardmax::directory_lock{dir});
  CHECK(fs::is_empty(dir));  // the lock is the kernel's: no file left behind
  fs::remove_all(dir);
}

TEST_CASE("a missing directory cannot be locked, and the error names it") {
  const fs::path dir = fresh_dir() / "absent";
  const std::string name = dir.string();
  CHECK_THROWS_WITH_AS(hardmax::directory_lock{dir}, doctest::Contains(name.c_str()), hardmax::output_error);
}
