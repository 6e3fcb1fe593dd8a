// RUN: %check_clang_tidy %s escape-heap-to-stack,escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-heap-to-stack.MaxObjectSize: '-5', escape-heap-to-stack.MaxFrameSize: 'big', escape-heap-to-stack.RecursiveMaxObjectSize: '-1', escape-heap-to-stack.ParentTypes: 'QObject;1st;a b', escape-hot-type-erasure.HotFunctions: 'a('}}"

// Bad option values are configuration errors that name the check, the option
// and the value; the run goes on with the defaults.
// CHECK-MESSAGES: error: invalid value '-5' for option 'escape-heap-to-stack.MaxObjectSize'; expected a non-negative integer (bytes) [clang-tidy-config]
// CHECK-MESSAGES: error: invalid value 'big' for option 'escape-heap-to-stack.MaxFrameSize'; expected a non-negative integer (bytes) [clang-tidy-config]
// CHECK-MESSAGES: error: invalid value '-1' for option 'escape-heap-to-stack.RecursiveMaxObjectSize'; expected a non-negative integer (bytes) [clang-tidy-config]
// CHECK-MESSAGES: error: invalid value 'QObject;1st;a b' for option 'escape-heap-to-stack.ParentTypes': '1st' is not a qualified class name [clang-tidy-config]
// CHECK-MESSAGES: error: invalid value 'QObject;1st;a b' for option 'escape-heap-to-stack.ParentTypes': 'a b' is not a qualified class name [clang-tidy-config]
// CHECK-MESSAGES: error: invalid regular expression 'a(' in option 'escape-hot-type-erasure.HotFunctions': parentheses not balanced [clang-tidy-config]

int answer() { return 42; }
