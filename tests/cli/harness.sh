# Shared by the command-line test scripts (sourced): a scratch directory removed on exit, and the
# pass/fail tally that `finish NAME` reports and turns into the exit status.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*"; }
finish() {
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
