// Regressions for what the libFuzzer harnesses (fuzz/, docs/RELIABILITY.md) found: each input here
// once made the library or the command line throw something other than its documented errors, so
// that hardmax ended in std::terminate (or, for a huge "d", tried to allocate the matrix first).
#include "apps/cli.hpp"
#include "apps/exit_codes.hpp"
#include "io/config_file.hpp"
#include "io/json_layout.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hardmax {
namespace {

namespace fs = std::filesystem;

// A fresh directory for one test case, removed afterwards.
struct scratch_dir {
  fs::path path;
  explicit scratch_dir(const std::string& name)
      : path(fs::temp_directory_path() / ("hardmax-fuzz-regression-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
};

int run(std::vector<std::string> args) {
  args.insert(args.begin(), "hardmax");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return run_cli(static_cast<int>(args.size()), argv.data());
}

}  // namespace

TEST_CASE("fuzz_config: a plain JSON number beyond double's range is an input_error naming the file") {
  // nlohmann::json::parse throws out_of_range.406 for 1e400, which read_problem did not catch.
  const scratch_dir dir("overflow");
  const fs::path file = dir.write("c.json", R"({"alpha": 1e400, "tokens": [["1"]], "layers": 1})");
  try {
    read_problem(file);
    FAIL("accepted");
  } catch (const input_error& e) {
    CHECK(e.file == file.string());
    CHECK(std::string(e.what()).find("1e400") != std::string::npos);
  }
  CHECK(run({"simulate", "--config", file.string(), "--quiet"}) == exit_code::bad_input);
}

TEST_CASE("fuzz_config: a huge d is refused by the row check, before a matrix of that width is allocated") {
  // The n x d matrix used to be allocated before the rows were checked: bad_alloc for d = 10^12.
  const nlohmann::json doc = nlohmann::json::parse(R"({"d": 1000000000000, "alpha": "1", "tokens": [["1"]]})");
  try {
    parse_problem(doc, "big.json");
    FAIL("accepted");
  } catch (const input_error& e) {
    CHECK(e.field == "tokens[0]");
    CHECK(e.reason == "has 1 entries, expected 1000000000000");
  }
  // The check order is unchanged: a bad number in an earlier row is still reported first.
  CHECK_THROWS_WITH_AS(parse_problem(nlohmann::json::parse(R"({"d": 1, "alpha": "1", "tokens": [["x"], ["1", "2"]]})"),
                                     "order.json"),
                       doctest::Contains("tokens[0][0]"), input_error);
}

TEST_CASE("fuzz_cli: a number option that is not UTF-8 is bad input, not a JSON type_error") {
  // parse_number quoted the rejected value with json::dump, which throws type_error.316 on invalid UTF-8.
  CHECK_THROWS_AS(parse_number(nlohmann::json(std::string("\xff")), "--tie-tolerance", "value"), input_error);
  const scratch_dir dir("utf8-option");
  const fs::path config = dir.write("c.json", R"({"alpha": "1/2", "layers": 1, "tokens": [["1", "0"], ["0", "1"]]})");
  CHECK(run({"simulate", "--config", config.string(), "--engine", "double", "--quiet", "--tie-tolerance", "\xff"}) ==
        exit_code::bad_input);
}

TEST_CASE("fuzz_cli: file names that are not UTF-8 are recorded with U+FFFD in JSON output") {
  // The command line and the config path are recorded in every output file; json::dump threw on them.
  nlohmann::json doc;
  doc["command"] = "hardmax simulate --out t.\x8eson";
  doc["layers"] = nlohmann::json::array({nlohmann::json{{"k", "\xff"}}});  // one line per element
  std::ostringstream text;
  write_json_document(text, doc);
  const nlohmann::json back = nlohmann::json::parse(text.str());
  CHECK(back["command"] == "hardmax simulate --out t.\xef\xbf\xbdson");
  CHECK(back["layers"][0]["k"] == "\xef\xbf\xbd");

  const scratch_dir dir("utf8-output");
  const fs::path config = dir.write("c\xe9.json", R"({"alpha": "1/2", "layers": 1, "tokens": [["1", "0"], ["0", "1"]]})");
  const fs::path out = dir.path / "t.\x8eson";
  CHECK(run({"simulate", "--config", config.string(), "--quiet", "--out", out.string()}) == exit_code::ok);
  std::ifstream written(out);
  const nlohmann::json trajectory = nlohmann::json::parse(written);
  CHECK(trajectory["config"].get<std::string>().find("c\xef\xbf\xbd.json") != std::string::npos);
  const int checked = run({"check", "--config", config.string(), "--json", "--out", (dir.path / "r\xff.json").string()});
  CHECK((checked == exit_code::ok || checked == exit_code::claim_failed));
  CHECK(fs::exists(dir.path / "r\xff.json"));
}

TEST_CASE("fuzz_cli: compare refuses a softmax configuration before any work instead of terminating") {
  // compare runs the exact engine on every configuration, and the exact layer map threw
  // std::invalid_argument for tau (M5), which no handler caught.
  const scratch_dir dir("compare-softmax");
  const fs::path config = dir.write("t.json", R"({"alpha": "1", "tau": "1/10", "layers": 1, "tokens": [["1"], ["-1"]]})");
  const fs::path out = dir.path / "report";
  CHECK(run({"compare", "--config", config.string(), "--out", out.string(), "--no-plots"}) == exit_code::bad_input);
  CHECK(!fs::exists(out));
}

}  // namespace hardmax
