// RUN: %check_clang_tidy -std=c++14 %s escape-owning-return %t

// Before C++17 a returned prvalue is moved (no guaranteed copy elision), and
// there is no std::optional.

#include <memory>

struct Movable {
  int X = 0;
};
std::unique_ptr<Movable> makeMovable() { return std::make_unique<Movable>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'makeMovable' returns a heap-allocated 'Movable' (4 bytes) through 'std::unique_ptr<Movable>'; consider returning 'Movable' by value [escape-owning-return]

struct NotMovable {
  int X;
  explicit NotMovable(int X) : X(X) {}
  NotMovable(const NotMovable &) = delete;
};
std::unique_ptr<NotMovable> makeNotMovable() {
  return std::make_unique<NotMovable>(1);
}

std::unique_ptr<Movable> findMovable(int A) {
  if (A < 0)
    return nullptr;
  return std::make_unique<Movable>();
}
