// Output appears whole or not at all.
#include "io/atomic_file.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {
fs::path fresh_dir() {
  const fs::path dir = fs::temp_directory_path() / ("hardmax-atomic-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("a failed write leaves neither a partial file nor a temporary, and keeps the old file") {
  const fs::path dir = fresh_dir();
  const fs::path target = dir / "out.json";
  hardmax::write_atomically(target, [](std::ostream& out) { out << "complete"; });
  CHECK(slurp(target) == "complete");
  CHECK_THROWS_AS(hardmax::write_atomically(target,
                                            [](std::ostream& out) {
                                              out << "half";
                                              throw std::runtime_error("interrupted");
                                            }),
                  std::runtime_error);
  CHECK(slurp(target) == "complete");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  fs::remove_all(dir);
}

TEST_CASE("an unwritable destination is an output_error naming the file") {
  CHECK_THROWS_WITH_AS(hardmax::write_atomically("/nonexistent-dir/out.json", [](std::ostream&) {}),
                       doctest::Contains("/nonexistent-dir/out.json"), hardmax::output_error);
  const fs::path dir = fresh_dir();
  CHECK_THROWS_AS(hardmax::write_atomically(dir, [](std::ostream&) {}), hardmax::output_error);
  fs::remove_all(dir);
}
