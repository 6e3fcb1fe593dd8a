#include <memory>

struct Point {
  double x, y;
};

namespace geo {
double norm(double a, double b) {
  auto p = std::make_unique<Point>();
  p->x = a;
  p->y = b;
  return p->x * p->x + p->y * p->y;
}

double twice(double a) {
  double sum = 0;
  {
    auto q = std::make_unique<Point>();
    q->x = a;
    sum += q->x;
  }
  {
    auto q = std::make_unique<Point>();
    q->x = a;
    sum += q->x;
  }
  return sum;
}
} // namespace geo
