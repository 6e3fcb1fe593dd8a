// RUN: %check_clang_tidy -std=c++20 %s escape-unreserved-growth %t

// Fix-its that would not compile or would throw where the loop did not.
#include <cstddef>
#include <vector>

std::vector<int> make();

// The range is declared in the loop's init-statement: a reserve before the
// loop would name it before its declaration.
void rangeDeclaredInInit() {
  std::vector<int> out;
  // CHECK-FIXES-NOT: out.reserve({{.*}});
  for (std::vector<int> in = make(); int x : in)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: for (std::vector<int> in = make(); int x : in)
}

// A signed bound may be negative: the loop does nothing, reserve(n) throws
// std::length_error. No fix-it.
void signedBound(int n) {
  std::vector<int> out;
  // CHECK-FIXES-NOT: out.reserve({{.*}});
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}

void signedInclusive(long n) {
  std::vector<long> out;
  // CHECK-FIXES-NOT: out.reserve({{.*}});
  for (long i = 0; i <= n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of '(n + 1)' iterations without reserve; consider 'out.reserve(n + 1)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(n + 1)' times
  // CHECK-FIXES: for (long i = 0; i <= n; ++i)
}

// Unsigned bounds, non-negative constants and sizes keep the fix-it.
void unsignedBound(std::size_t n) {
  std::vector<int> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: out.reserve(n);
}

void constantBound() {
  const int Count = 16;
  std::vector<int> out;
  for (int i = 0; i < Count; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'Count' iterations without reserve; consider 'out.reserve(Count)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'Count' times
  // CHECK-FIXES: out.reserve(Count);
}

void sizeBound(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: out.reserve(in.size());
}
