// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <cstdlib>
#include <memory>

struct Point {
  double x, y;
};

double nullTested(bool c) {
  auto o = std::make_unique<Point>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'nullTested'; consider 'std::optional<Point>' [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'o' owns the object and no use of it lets the object escape
  if (o)
    o->x = 1;
  if (c)
    o.reset();
  return 0;
}

double somePaths(bool c) {
  std::unique_ptr<Point> s;
  if (c)
    s = std::make_unique<Point>();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'somePaths'; consider 'std::optional<Point>' [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-4]]:26: note: 's' owns the object and no use of it lets the object escape
  return s ? s->x : 0;
}

int array() {
  int *a = new int[16];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'int[16]' (64 bytes) is heap-allocated but never escapes 'array'; consider 'std::array<int, 16>' [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'a' owns the object and no use of it lets the object escape
  a[0] = 1;
  int r = a[0];
  delete[] a;
  return r;
}

int uniqueArray() {
  auto b = std::make_unique<long[]>(8);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'long[8]' (64 bytes) is heap-allocated but never escapes 'uniqueArray'; consider 'std::array<long, 8>' [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'b' owns the object and no use of it lets the object escape
  b[1] = 2;
  return static_cast<int>(b[1]);
}

int loop() {
  int s = 0;
  for (int i = 0; i < 10; ++i) {
    auto t = std::make_unique<Point>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Point' (16 bytes) is heap-allocated on each iteration but never escapes 'loop'; consider a local variable [escape-heap-to-stack]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 't' owns the object and no use of it lets the object escape
    // CHECK-FIXES: Point t{};
    t->x = i;
    s += static_cast<int>(t->x);
  }
  return s;
}

int buffer() {
  char *b = static_cast<char *>(malloc(64));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'malloc buffer' (64 bytes) is heap-allocated but never escapes 'buffer'; consider a local array [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: 'b' owns the object and no use of it lets the object escape
  b[0] = 'x';
  int r = b[0];
  free(b);
  return r;
}

int inLambda() {
  auto l = [] {
    auto q = std::make_shared<Point>();
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'lambda'; consider a local variable [escape-heap-to-stack]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'q' owns the object and no use of it lets the object escape
    // CHECK-FIXES: Point q{};
    return q->x;
    // CHECK-FIXES: return q.x;
  };
  return static_cast<int>(l());
}
