// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <memory>

struct Small {
  int v = 1;
};

// Judged on instantiations, reported once at the template.
template <class T> int twice() {
  auto p = std::make_unique<T>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Small' (4 bytes) is heap-allocated but never escapes 'twice'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  return p->v * 2;
}

int useBoth() { return twice<Small>() + twice<Small>(); }

template <class T> int readThrough(T *q) { return q->v; }

int viaTemplateCallee() {
  auto p = std::make_unique<Small>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Small' (4 bytes) is heap-allocated but never escapes 'viaTemplateCallee'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Small p{};
  return readThrough(p.get());
  // CHECK-FIXES: return readThrough(&p);
}
