// RUN: %check_clang_tidy %s escape-reusable-buffer %t

// clang-tidy's own suppression comments silence escape-reusable-buffer:
// NOLINT on the line of the warning (the declaration), NOLINTNEXTLINE on the
// line before it, and a NOLINTBEGIN/NOLINTEND region. The last loop is not
// suppressed and must still be reported.
#include <vector>

void use(const std::vector<int> &v);

void suppressed(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> a; // NOLINT(escape-reusable-buffer)
    a.push_back(i);
    use(a);
  }
  for (int i = 0; i < n; ++i) {
    // NOLINTNEXTLINE(escape-reusable-buffer)
    std::vector<int> b;
    b.push_back(i);
    use(b);
  }
  // NOLINTBEGIN(escape-reusable-buffer)
  for (int i = 0; i < n; ++i) {
    std::vector<int> c;
    c.push_back(i);
    use(c);
  }
  // NOLINTEND(escape-reusable-buffer)
}

void notSuppressed(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> d;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'd' is rebuilt on each iteration of this loop; declare it before the loop and call 'd.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    d.push_back(i);
    use(d);
  }
  // CHECK-FIXES: std::vector<int> d;
  // CHECK-FIXES: d.clear();
}
