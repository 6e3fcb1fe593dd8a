#include <memory>

struct Point {
  double x, y;
};

double norm(double a) {
  auto p = std::make_unique<Point>();
  p->x = a;
  return p->x;
}
