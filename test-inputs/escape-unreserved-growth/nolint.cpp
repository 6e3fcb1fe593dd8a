// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// clang-tidy's own suppression comments silence escape-unreserved-growth:
// NOLINT on the line of the warning (the growth call), NOLINTNEXTLINE on the
// line before it, and a NOLINTBEGIN/NOLINTEND region (clang-tidy 14 and
// later). The last loop is not suppressed and must still be reported.
#include <vector>

void suppressed(int n) {
  std::vector<int> a, b, c;
  for (int i = 0; i < n; ++i)
    a.push_back(i); // NOLINT(escape-unreserved-growth)
  for (int i = 0; i < n; ++i)
    // NOLINTNEXTLINE(escape-unreserved-growth)
    b.push_back(i);
  // NOLINTBEGIN(escape-unreserved-growth)
  for (int i = 0; i < n; ++i)
    c.push_back(i);
  // NOLINTEND(escape-unreserved-growth)
}

void reported(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i); // NOLINT(escape-heap-to-stack)
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}
