// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <memory>

struct Point {
  int x;
};

// Code that does not compile: no crash, no finding.
int broken() {
  auto p = std::make_unique<Point>();
  return p->missing;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: error: no member named 'missing' in 'Point' [clang-diagnostic-error]
}
