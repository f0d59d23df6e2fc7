#include "numerics/interruption.hpp"

#include <csignal>
#include <cstring>
#include <exception>
#include <string>

namespace hardmax {
namespace {

volatile std::sig_atomic_t received = 0;

extern "C" void record_signal(int signal) { received = signal; }

}  // namespace

interrupted::interrupted(int s)
    : std::runtime_error(std::string("interrupted by ") + (s == SIGINT ? "SIGINT" : s == SIGTERM ? "SIGTERM" : "a signal")),
      signal(s) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

interrupt_scope::interrupt_scope() {
  received = 0;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &interrupt_);
  sigaction(SIGTERM, &action, &terminate_);
}

interrupt_scope::~interrupt_scope() {
  const int pending = received;
  received = 0;
  sigaction(SIGINT, &interrupt_, nullptr);
  sigaction(SIGTERM, &terminate_, nullptr);
  // A signal that came after the last poll belongs to the host; one that stopped the computation is
  // already on its way as the `interrupted` exception.
  if (pending && std::uncaught_exceptions() == 0) std::raise(pending);
}

bool interrupt_requested() { return received != 0; }

void stop_if_interrupted() {
  if (received) throw interrupted(received);
}

}  // namespace hardmax
