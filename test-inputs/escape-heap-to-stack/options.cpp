// RUN: %check_clang_tidy %s escape-heap-to-stack %t -- \
// RUN:   -config="{CheckOptions: {escape-heap-to-stack.MaxObjectSize: 8, escape-heap-to-stack.StrictEscape: true}}"

#include <memory>

struct Pair {
  int a, b;
};
struct Triple {
  int a, b, c;
};
int read(const Pair &);

int small() {
  auto p = std::make_unique<Pair>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Pair' (8 bytes) is heap-allocated but never escapes 'small'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Pair p{};
  return p->a;
  // CHECK-FIXES: return p.a;
}

// 12 bytes is over MaxObjectSize: no warning.
int large() { return std::make_unique<Triple>()->a; }

// StrictEscape: a const& argument to a callee whose body is not visible
// escapes.
int strict() {
  auto p = std::make_unique<Pair>();
  return read(*p);
}
