// libFuzzer harness (2): the command line, through hardmax::run_cli (apps/cli.cpp and the
// simulate, check, limit, prop and compare subcommands), in a scratch directory.
//
// Input: the first byte chooses the subcommand (byte % 6: simulate, check, limit, prop, compare, or
// none: the arguments follow "hardmax" directly, for --help, --version and unknown commands); the
// rest is split on '\n' into the arguments (one '\n' right after the first byte is skipped, so that a
// seed can be written as lines: "0", "--config", "c.json"). argv = {"hardmax", subcommand, arguments...}.
//
// At start-up the harness makes a scratch directory (mkdtemp under $TMPDIR, else /dev/shm, else /tmp),
// chdirs into it and writes four small configurations there, so that --config and --out name files in it:
//   c.json  planar hardmax (M4), 3 tokens, 2 layers (the exact engine takes the convex-hull path)
//   a.json  d = 3, A != I, 3 tokens, 1 layer
//   t.json  d = 1, softmax (tau, M5) and a value matrix V (M6), 2 tokens, 1 layer
//   x.json  one token, no "layers" (commands must be told --layers)
// After every run, whatever the command created there is removed and any configuration it
// overwrote (--out c.json) is written again, so every run starts from the same directory.
//
// The contract checked: run_cli returns an exit code and never lets an exception escape (an escape
// is reported as a crash with the argv); ASan/UBSan/LSan report memory errors, UB and leaks.
//
// Inputs skipped (return -1: not added to the corpus; counted, and reported at exit), to keep each run
// cheap and inside the scratch directory; what they ask is legitimate but slow, or would write elsewhere:
//   - an argument with "..", starting with '/', or with "=/" (a path outside the scratch directory);
//   - an argument naming a subcommand (simulate, check, limit, prop, compare, sweep, sentiment): the
//     first byte chooses it, so that the limits and defaults here apply; and with no subcommand
//     chosen, any argument that is not an option (it would name one, such as a newer subcommand);
//   - more than 24 arguments, or an argument with more than 8 commas (long engine lists);
//   - --layers above 8, --max-layers above 16 (above 4 for prop), --cases above 1, whether written
//     "--opt V" or "--opt=V", and any value of these three options that is not a plain decimal
//     integer: an empty one leaves CLI11's default ("prop --cases=" ran 200 cases), "0x10" is
//     hexadecimal to CLI11 (RapidCheck grows the generated problems from case to case: prop --cases 2
//     took up to 4 s);
//   - an engine "mpfr:BITS" anywhere with BITS above 1024;
//   - an argument containing a NUL byte (argv strings end at the first NUL);
//   - compare: more than 4 arguments naming a scratch configuration; an argument starting with
//     "--no-plots" other than "--no-plots" itself ("--no-plots=false" would run matplotlib).
// And the harness adds, when the input does not give them: "--no-plots" to compare (no python3
// subprocess per run), "--cases 1" and "--max-layers 3" to prop (defaults 200 and 60 take seconds).
// run_cli installs its SIGINT/SIGTERM handlers (apps/interruption.cpp) over libFuzzer's, so stop a run
// with -max_total_time or -runs rather than a signal.
#include "apps/cli.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct scratch_file {
  const char* name;
  const char* text;
  ino_t inode = 0;
};

scratch_file files[] = {
    {"c.json", R"({"alpha": "1/2", "layers": 2, "tokens": [["1", "1/3"], ["-1/12", "1/12"], ["-1", "-1"]]})"},
    {"a.json", R"({"d": 3, "alpha": "1/3", "A": [["2", "1", "0"], ["1", "2", "0"], ["0", "0", "1"]], "layers": 1,
 "tokens": [["1", "0", "0"], ["0", "1", "0"], ["1/2", "1/2", "1/2"]]})"},
    {"t.json", R"({"alpha": "1", "tau": "1/10", "V": [["2"]], "layers": 1, "tokens": [["1"], ["-1e-3"]]})"},
    {"x.json", R"({"alpha": "0.5", "tokens": [["1"]]})"},
};

fs::path scratch;
int report_fd = 2;  // a copy of the original standard error, kept open past -close_fd_mask
long long inputs_run = 0, inputs_skipped = 0;  // reported at exit

void report(const std::string& text) {
  const std::string line = text + "\n";
  (void)!::write(report_fd, line.data(), line.size());
}

void write_file(scratch_file& f) {
  {
    std::ofstream out(f.name, std::ios::binary | std::ios::trunc);
    out << f.text << '\n';
  }
  struct stat st {};
  if (::stat(f.name, &st) != 0) {
    report(std::string("fuzz_cli: cannot write ") + f.name + " in " + scratch.string());
    std::abort();
  }
  f.inode = st.st_ino;
}

// Back to the initial directory: created entries removed, replaced configurations rewritten.
void restore_scratch() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(".", ec)) {
    const std::string name = entry.path().filename().string();
    bool ours = false;
    for (const auto& f : files) ours = ours || name == f.name;
    if (!ours) fs::remove_all(entry.path(), ec);
  }
  for (auto& f : files) {
    struct stat st {};
    if (::stat(f.name, &st) != 0 || st.st_ino != f.inode || !S_ISREG(st.st_mode) ||
        st.st_size != static_cast<off_t>(std::strlen(f.text) + 1))
      write_file(f);
  }
}

void at_exit() {
  std::error_code ec;
  if (!scratch.empty()) fs::remove_all(scratch, ec);
  report("fuzz_cli: " + std::to_string(inputs_run) + " inputs run through run_cli, " + std::to_string(inputs_skipped) +
         " skipped (see fuzz/cli_fuzz.cpp)");
}

// A value the limits below can judge: an optional sign and decimal digits. CLI11 reads it with strtoll
// base 0, so a leading 0 makes it octal, which is only smaller. Anything else is skipped: CLI11 keeps an
// option's default for an empty value ("--cases=" ran prop's 200 cases), and "0x10" is hexadecimal.
bool plain_integer(const std::string& text, long long limit) {
  std::size_t k = text.size() > 1 && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  if (k == text.size() || text.size() - k > 12) return false;
  for (std::size_t i = k; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return std::strtoll(text.c_str(), nullptr, 0) <= limit;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Whether `option` (such as "--layers") is given anywhere, and whether each value given is a plain
// integer <= limit.
struct option_scan {
  bool present = false;
  bool within = true;
};

option_scan scan_option(const std::vector<std::string>& args, const std::string& option, long long limit) {
  option_scan s;
  const std::string with_equals = option + "=";
  for (std::size_t k = 0; k < args.size(); ++k) {
    std::string value;
    if (args[k] == option) {
      if (k + 1 < args.size()) value = args[k + 1];
    } else if (starts_with(args[k], with_equals)) {
      value = args[k].substr(with_equals.size());
    } else {
      continue;
    }
    s.present = true;
    s.within = s.within && plain_integer(value, limit);
  }
  return s;
}

// Every "mpfr:" in the argument names at most 1024 bits (or is not a number at all).
bool modest_mpfr(const std::string& arg) {
  for (std::size_t at = arg.find("mpfr:"); at != std::string::npos; at = arg.find("mpfr:", at + 1)) {
    std::size_t k = at + 5;
    while (k < arg.size() && arg[k] == '0') ++k;
    std::size_t digits = 0;
    long bits = 0;
    while (k + digits < arg.size() && std::isdigit(static_cast<unsigned char>(arg[k + digits])) && digits < 6)
      bits = bits * 10 + (arg[k + digits++] - '0');
    if (bits > 1024) return false;
  }
  return true;
}

const char* const subcommands[] = {"simulate", "check", "limit", "prop", "compare", nullptr};
const char* const subcommand_names[] = {"simulate", "check", "limit", "prop", "compare", "sweep", "sentiment"};

// The harness changes directory, so libFuzzer's own paths (corpus directories, inputs to run,
// -artifact_prefix, -exact_artifact_path, -dict) are made absolute first: they are used after this.
void absolute_paths(int argc, char** argv) {
  static std::vector<std::string> kept;
  kept.reserve(static_cast<std::size_t>(argc) * 2);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    std::string flag, path = arg;
    for (const char* f : {"-artifact_prefix=", "-exact_artifact_path=", "-dict="})
      if (starts_with(arg, f)) flag = f, path = arg.substr(flag.size());
    if ((flag.empty() && starts_with(arg, "-")) || path.empty() || fs::path(path).is_absolute()) continue;
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    if (ec) continue;
    // absolute() keeps a trailing '/', which -artifact_prefix relies on.
    kept.push_back(flag + absolute.string());
    argv[i] = kept.back().data();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  absolute_paths(*argc, *argv);
  report_fd = ::dup(2);
  if (report_fd < 0) report_fd = 2;
  // tmpfs when there is one: every run may create and delete files, which on a disk file system
  // costs more than the run itself.
  const char* tmp = std::getenv("TMPDIR");
  const std::string base = tmp && *tmp ? tmp : ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  std::string pattern = base + "/hardmax-fuzz-cli-XXXXXX";
  if (!::mkdtemp(pattern.data()) || ::chdir(pattern.c_str()) != 0) {
    report("fuzz_cli: cannot make and enter a scratch directory " + pattern + ": " + std::strerror(errno));
    std::abort();
  }
  scratch = pattern;
  std::atexit(at_exit);
  for (auto& f : files) write_file(f);
  return 0;
}

namespace {

// The argv of an input, or nothing when the input is skipped (see the header).
std::optional<std::vector<std::string>> command_line(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return std::nullopt;
  const char* const subcommand = subcommands[data[0] % 6];
  std::vector<std::string> args;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (!rest.empty() && rest.front() == '\n') rest.remove_prefix(1);  // "0\n--config\nc.json": selector on its own line
  if (!rest.empty()) {
    std::size_t start = 0;
    while (true) {
      const std::size_t end = rest.find('\n', start);
      args.emplace_back(rest.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }

  // Skip what would leave the scratch directory or be legitimately slow (see the header).
  if (args.size() > 24) return std::nullopt;
  for (const std::string& a : args) {
    if (a.find("..") != std::string::npos || starts_with(a, "/") || a.find("=/") != std::string::npos)
      return std::nullopt;
    if (std::count(a.begin(), a.end(), ',') > 8 || !modest_mpfr(a)) return std::nullopt;
    // A subcommand is chosen by the first byte only: one named among the arguments would escape the
    // defaults and limits above (prop's 200 cases).
    for (const char* name : subcommand_names)
      if (a == name) return std::nullopt;
    // Without a subcommand only options are run: any other word would be taken for a subcommand,
    // including ones added after this harness was written.
    if (!subcommand && !starts_with(a, "-")) return std::nullopt;
    // argv strings are C strings: an embedded NUL would silently truncate the argument.
    if (a.find('\0') != std::string::npos) return std::nullopt;
  }
  const bool prop = subcommand && std::strcmp(subcommand, "prop") == 0;
  const bool compare = subcommand && std::strcmp(subcommand, "compare") == 0;
  if (!scan_option(args, "--layers", 8).within || !scan_option(args, "--cases", 1).within) return std::nullopt;
  const option_scan max_layers = scan_option(args, "--max-layers", prop ? 4 : 16);
  if (!max_layers.within) return std::nullopt;
  if (prop) {
    if (!scan_option(args, "--cases", 1).present) args.insert(args.end(), {"--cases", "1"});
    if (!max_layers.present) args.insert(args.end(), {"--max-layers", "3"});
  }
  if (compare) {
    int configs = 0;
    bool no_plots = false;
    for (const std::string& a : args) {
      for (const auto& f : files) configs += a.find(f.name) != std::string::npos;
      if (starts_with(a, "--no-plots")) {
        if (a != "--no-plots") return std::nullopt;
        no_plots = true;
      }
    }
    if (configs > 4) return std::nullopt;
    if (!no_plots) args.emplace_back("--no-plots");
  }

  std::vector<std::string> argv_strings{"hardmax"};
  if (subcommand) argv_strings.emplace_back(subcommand);
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  return argv_strings;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::optional<std::vector<std::string>> argv_or_skip = command_line(data, size);
  if (!argv_or_skip) {
    ++inputs_skipped;
    return -1;  // not added to the corpus
  }
  ++inputs_run;
  std::vector<std::string>& argv_strings = *argv_or_skip;
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  try {
    (void)hardmax::run_cli(static_cast<int>(argv_strings.size()), argv.data());
  } catch (...) {
    std::string line = "fuzz_cli: BUG: an exception escaped run_cli";
    try {
      throw;
    } catch (const std::exception& e) {
      line += std::string(": ") + e.what();
    } catch (...) {
    }
    line += "\n  argv:";
    for (const std::string& s : argv_strings) line += " '" + s + "'";
    report(line);
    std::abort();
  }
  std::fflush(stdout);
  restore_scratch();
  return 0;
}
