// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <memory>

struct Point {
  double x, y;
  double norm2() const { return x * x + y * y; }
};

double norm(double a, double b) {
  auto p = std::make_unique<Point>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'norm'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Point p{};
  p->x = a;
  // CHECK-FIXES: p.x = a;
  p->y = b;
  return p->norm2();
  // CHECK-FIXES: return p.norm2();
}

double raw(double a) {
  Point *q = new Point{a, a};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'raw'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'q' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Point q{a, a};
  double r = q->norm2() + (*q).x;
  // CHECK-FIXES: double r = q.norm2() + (q).x;
  delete q;
  return r;
  // CHECK-FIXES: return r;
}

double viaGet(double a) {
  std::unique_ptr<Point> r(new Point(Point{a, 1}));
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'viaGet'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 'r' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Point r(Point{a, 1});
  Point *alias = r.get();
  // CHECK-FIXES: Point *alias = &r;
  return alias->x + r.get()->y;
  // CHECK-FIXES: return alias->x + (&r)->y;
}

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
};
struct Square : Shape {
  double side = 2;
  double area() const override { return side * side; }
};

double dynamicType() {
  // The dynamic type is known: the owner's static type does not matter.
  std::unique_ptr<Shape> s = std::make_unique<Square>();
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Square' (16 bytes) is heap-allocated but never escapes 'dynamicType'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:26: note: 's' owns the object and no use of it lets the object escape
  // No fix-it: a 'Square' seen as a 'Shape' would look members up in
  // 'Square' (hidden functions, access) once it is a local 'Square'.
  return s->area();
}

int temporary() {
  // No owner: a temporary that dies at the end of the full-expression.
  return std::make_unique<Point>()->norm2() > 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'temporary'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: no variable owns the object: it is used only within this expression, and nothing it is passed to lets it escape
}
