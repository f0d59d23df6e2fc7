// SIGINT and SIGTERM stop a long computation cleanly: the handler only records the signal; commands
// poll it between units of work (a layer, a case, a configuration), keep what they completed, and
// unwind through write_atomically, so no partial file is published. A second signal ends the
// process at once (the default action), for a user who will not wait.
#pragma once

#include <signal.h>

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

// For a host that has its own handlers (the Python module): while it lives, SIGINT and SIGTERM are
// recorded as above; on destruction the host's handlers are restored and the record cleared, so
// the host can turn a recorded signal into its own exception (KeyboardInterrupt).
class interrupt_scope {
 public:
  interrupt_scope();
  ~interrupt_scope();
  interrupt_scope(const interrupt_scope&) = delete;
  interrupt_scope& operator=(const interrupt_scope&) = delete;

 private:
  struct sigaction interrupt_ {}, terminate_ {};
};

}  // namespace hardmax
