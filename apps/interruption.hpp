// SIGINT and SIGTERM stop a long command cleanly: the handler only records the signal; commands
// poll it between units of work (a layer, a case, a configuration), keep what they completed, and
// unwind through write_atomically, so no partial file is published. A second signal ends the
// process at once (the default action), for a user who will not wait.
#pragma once

#include <stdexcept>

namespace hardmax {

struct interrupted : std::runtime_error {
  explicit interrupted(int signal);
  int signal;
  int exit_code() const { return 128 + signal; }  // the shell's convention: 130 for SIGINT, 143 for SIGTERM
};

void install_interrupt_handlers();
bool interrupt_requested();
void stop_if_interrupted();  // throws interrupted once a signal has arrived

}  // namespace hardmax
