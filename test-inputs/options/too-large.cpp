// RUN: %check_clang_tidy %s escape-heap-to-stack %t -- \
// RUN:   -config="{CheckOptions: {escape-heap-to-stack.MaxObjectSize: '4294967296', escape-heap-to-stack.MaxFrameSize: '99999999999999999999999'}}"

// A number too large for the option is reported as too large, not as "not a
// non-negative integer"; the run goes on with the defaults.
// CHECK-MESSAGES: error: invalid value '4294967296' for option 'escape-heap-to-stack.MaxObjectSize'; too large (at most 4294967295 bytes) [clang-tidy-config]
// CHECK-MESSAGES: error: invalid value '99999999999999999999999' for option 'escape-heap-to-stack.MaxFrameSize'; too large (at most 4294967295 bytes) [clang-tidy-config]

int answer() { return 42; }
