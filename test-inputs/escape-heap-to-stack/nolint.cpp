// RUN: %check_clang_tidy %s escape-heap-to-stack %t

// clang-tidy's own suppression comments silence escape-heap-to-stack: NOLINT
// on the line of the warning, NOLINTNEXTLINE on the line before it, and a
// NOLINTBEGIN/NOLINTEND region (clang-tidy 14 and later). The last function
// is not suppressed and must still be reported, so the test fails both when
// suppression stops working and when the check stops reporting.
#include <memory>

struct Point {
  double x, y;
};

double sameLine(double a) {
  auto p = std::make_unique<Point>(); // NOLINT(escape-heap-to-stack)
  p->x = a;
  return p->x;
}

double nextLine(double a) {
  // NOLINTNEXTLINE(escape-heap-to-stack)
  auto p = std::make_unique<Point>();
  p->x = a;
  return p->x;
}

// NOLINTBEGIN(escape-heap-to-stack)
double region(double a) {
  Point *q = new Point{a, a};
  double r = q->x + q->y;
  delete q;
  return r;
}
// NOLINTEND(escape-heap-to-stack)

double otherCheckNamed(double a) {
  auto p = std::make_unique<Point>(); // NOLINT(escape-owning-return)
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'otherCheckNamed'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Point p{}; // NOLINT(escape-owning-return)
  p->x = a;
  // CHECK-FIXES: p.x = a;
  return p->x;
  // CHECK-FIXES: return p.x;
}
