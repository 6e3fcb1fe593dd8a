#include "shared.h"

std::unique_ptr<Point> makePoint() { return std::make_unique<Point>(); }

int sum(const Point &p) { return p.x + p.y; }

int perIteration(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    auto p = std::make_shared<Point>();
    total += sum(*p);
  }
  return total;
}
