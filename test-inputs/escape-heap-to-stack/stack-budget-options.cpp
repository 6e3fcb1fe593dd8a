// RUN: %check_clang_tidy %s escape-heap-to-stack %t -- \
// RUN:   -config="{CheckOptions: {escape-heap-to-stack.MaxFrameSize: 8192, escape-heap-to-stack.RecursiveMaxObjectSize: 2048}}"

#include <memory>

struct Big {
  char Bytes[1004];
};

// A larger budget for recursive functions (a known, shallow depth).
int depth(int N) {
  auto B = std::make_unique<Big>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Big' (1004 bytes) is heap-allocated but never escapes 'depth'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'B' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Big B{};
  B->Bytes[0] = static_cast<char>(N);
  return N == 0 ? B->Bytes[0] : depth(N - 1);
}

// 3,500 + 8 + 1,004 bytes fit in 8,192.
int bigFrame() {
  char Buffer[3500] = {};
  auto B = std::make_unique<Big>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Big' (1004 bytes) is heap-allocated but never escapes 'bigFrame'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'B' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Big B{};
  B->Bytes[0] = Buffer[0];
  return B->Bytes[0];
}
