// RUN: %check_clang_tidy %s escape-heap-to-stack %t

// C++ stacks do not grow: a value is suggested only within the frame budget
// (MaxFrameSize, 4096 bytes: the function's locals plus the suggested
// objects), and in a recursive function only when it is small
// (RecursiveMaxObjectSize, 64 bytes).
#include <memory>

struct Big {
  char Bytes[1004];
};
struct Small {
  int X;
};

// 1,004 bytes per frame overflow the stack at depth 20,000.
int depth(int N) {
  auto B = std::make_unique<Big>();
  B->Bytes[0] = static_cast<char>(N);
  if (N == 0)
    return B->Bytes[0];
  return depth(N - 1) + B->Bytes[0];
}

int depthSmall(int N) {
  auto S = std::make_unique<Small>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Small' (4 bytes) is heap-allocated but never escapes 'depthSmall'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'S' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Small S{};
  S->X = N;
  return N == 0 ? S->X : depthSmall(N - 1) + S->X;
}

// Mutual recursion through visible bodies.
int odd(int N);
int even(int N) {
  auto B = std::make_unique<Big>();
  B->Bytes[0] = 1;
  return N == 0 ? B->Bytes[0] : odd(N - 1);
}
int odd(int N) { return N == 0 ? 0 : even(N - 1); }

// Not recursive: calls a recursive function, which is not a cycle back.
int callsRecursive() {
  auto B = std::make_unique<Big>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Big' (1004 bytes) is heap-allocated but never escapes 'callsRecursive'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'B' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Big B{};
  B->Bytes[0] = 2;
  return depth(3) + B->Bytes[0];
}

// The frame already holds 3,500 bytes of locals.
int bigFrame() {
  char Buffer[3500] = {};
  auto B = std::make_unique<Big>();
  B->Bytes[0] = Buffer[0];
  return B->Bytes[0];
}

// Suggestions add up in source order: the third would pass the budget.
int threeBigs() {
  char Buffer[1500] = {};
  auto A = std::make_unique<Big>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Big' (1004 bytes) is heap-allocated but never escapes 'threeBigs'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'A' owns the object and no use of it lets the object escape
  auto B = std::make_unique<Big>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Big' (1004 bytes) is heap-allocated but never escapes 'threeBigs'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'B' owns the object and no use of it lets the object escape
  auto C = std::make_unique<Big>();
  // CHECK-FIXES: Big A{};
  // CHECK-FIXES: Big B{};
  // CHECK-FIXES: auto C = std::make_unique<Big>();
  A->Bytes[0] = Buffer[0];
  B->Bytes[0] = 1;
  C->Bytes[0] = 2;
  return A->Bytes[0] + B->Bytes[0] + C->Bytes[0];
  // CHECK-FIXES: return A.Bytes[0] + B.Bytes[0] + C->Bytes[0];
}
