// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Fix-its are never placed inside a macro expansion; the warnings stay.
#include <vector>

#define FILL(Vec, Count)                                                       \
  for (int I = 0; I < (Count); ++I)                                            \
    Vec.push_back(I)

void loopInMacro(int n) {
  std::vector<int> out;
  FILL(out, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :8:9: note: expanded from macro 'FILL'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-MESSAGES: :7:3: note: expanded from macro 'FILL'
  // CHECK-FIXES: std::vector<int> out;
  // CHECK-FIXES-NOT: out.reserve(n);
  // CHECK-FIXES: FILL(out, n);
}

#define APPEND(Vec, X) Vec.push_back(X)

// The loop is outside the macro: the reserve can go before it.
void growthInMacro(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    APPEND(out, i);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :22:28: note: expanded from macro 'APPEND'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}

#define LIMIT 16

// A bound spelled as a macro name stays a macro name in the fix-it.
void macroBound() {
  std::vector<int> out;
  for (int i = 0; i < LIMIT; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'LIMIT' iterations without reserve; consider 'out.reserve(LIMIT)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'LIMIT' times
  // CHECK-FIXES: out.reserve(LIMIT);
}
