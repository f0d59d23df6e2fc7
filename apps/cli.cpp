// The hardmax command line: subcommands, and every error mapped to its exit code (apps/exit_codes.hpp).
#include "apps/cli.hpp"

#include "apps/check_command.hpp"
#include "apps/compare_command.hpp"
#include "apps/exit_codes.hpp"
#include "apps/limit_command.hpp"
#include "apps/prop_command.hpp"
#include "apps/run_limits.hpp"
#include "apps/sentiment_command.hpp"
#include "apps/simulate_command.hpp"
#include "apps/sweep_command.hpp"
#include "io/failure.hpp"
#include "io/version.hpp"
#include "numerics/interruption.hpp"
#include "sentiment/model/checkpoint.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <string>

namespace hardmax {

namespace {

// A library error (io/failure.hpp) as a message on standard error and an exit code; anything else
// propagates.
int report_failure(const std::exception_ptr& error) {
  const std::optional<failure> f = classify(error);
  if (!f) std::rethrow_exception(error);
  switch (f->kind) {
    case failure_kind::bad_input:
    case failure_kind::bad_output:
      fmt::print(stderr, "hardmax: {}\n", f->message);
      return exit_code::bad_input;
    case failure_kind::resource_limit:
      fmt::print(stderr, "hardmax: resource limit: {}\n", f->message);
      return exit_code::resource_limit;
    case failure_kind::numeric_failure:
      fmt::print(stderr, "hardmax: numerical failure: {}\n", f->message);
      return exit_code::numeric_failure;
    case failure_kind::interrupted:
      fmt::print(stderr, "hardmax: {}: stopped cleanly; completed results are kept, no partial file was written\n",
                 f->message);
      return 128 + f->signal;
  }
  std::rethrow_exception(error);
}

}  // namespace

int run_cli(int argc, char** argv) {
  std::string command_line;
  for (int i = 0; i < argc; ++i) command_line += (i ? " " : "") + std::string(argv[i]);

  CLI::App app("hardmax: simulations and checks of pure-attention hardmax transformers\n"
               "(Alcalde, Fantuzzi, Zuazua, arXiv:2407.01602; claims as numbered in THEORY.md)");
  app.set_version_flag("--version", fmt::format("hardmax {} ({})", version, source_revision));
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success; 1 a claim fails or no certificate; 2 bad input; 3 numerical failure;\n"
             "4 precision findings only (check); 5 resource limit; 130/143 interrupted by SIGINT/SIGTERM. docs/CLI.md has the details.");
  add_simulate_command(app, command_line);
  add_check_command(app, command_line);
  add_limit_command(app, command_line);
  add_prop_command(app, command_line);
  add_compare_command(app, command_line);
  add_sweep_command(app, command_line);
  add_sentiment_command(app, command_line);

  install_interrupt_handlers();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "hardmax: {}\nRun with --help for usage.\n", e.what());
    return exit_code::bad_input;
  } catch (const sentiment::checkpoint_error& e) {
    fmt::print(stderr, "hardmax: {}\n", e.what());
    return exit_code::bad_input;
  } catch (...) {
    return report_failure(std::current_exception());
  }
  return exit_code::ok;
}

}  // namespace hardmax
