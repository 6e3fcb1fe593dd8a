// RUN: %check_clang_tidy %s escape-unreserved-growth %t -- \
// RUN:   -config="{CheckOptions: {escape-unreserved-growth.FlagConditionalGrowth: 'sometimes', escape-unreserved-growth.ReservableContainers: 'my::Vec;std::vector<int>;9lives;'}}"

// Bad option values are configuration errors naming the check, the option
// and the value; the valid items are kept and the rest falls back to the
// defaults (FlagConditionalGrowth: false).
// CHECK-MESSAGES: error: invalid value 'sometimes' for option 'escape-unreserved-growth.FlagConditionalGrowth'; expected 'true' or 'false' [clang-tidy-config]
// CHECK-MESSAGES: error: invalid class name 'std::vector<int>' in option 'escape-unreserved-growth.ReservableContainers'; expected a qualified name without template arguments, such as 'absl::flat_hash_map' [clang-tidy-config]
// CHECK-MESSAGES: error: invalid class name '9lives' in option 'escape-unreserved-growth.ReservableContainers'; expected a qualified name without template arguments, such as 'absl::flat_hash_map' [clang-tidy-config]
#include <vector>

namespace my {
struct Vec {
  void push_back(int);
  void reserve(unsigned long);
};
} // namespace my

bool keep(int);

void run(int n) {
  my::Vec v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of 'n' iterations without reserve; consider 'v.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // (clang-tidy applies no fix-it in a run with configuration errors.)

  // FlagConditionalGrowth fell back to false.
  std::vector<int> kept;
  for (int i = 0; i < n; ++i)
    if (keep(i))
      kept.push_back(i);
}
