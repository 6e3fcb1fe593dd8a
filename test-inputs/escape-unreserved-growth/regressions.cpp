// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Regressions from a newcomer's break session: fix-its that did not compile
// or reserved the wrong amount.
#include <deque>
#include <memory>
#include <string>
#include <vector>

// The bound keeps its parentheses inside `v.size() + ...`.
std::vector<int> conditionalBound(unsigned a, unsigned b) {
  std::vector<int> v;
  v.push_back(-1);
  for (unsigned i = 0; i < (a ? a : b); ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of '(a ? a : b)' iterations without reserve; consider 'v.reserve(v.size() + (a ? a : b))' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(a ? a : b)' times
  // CHECK-FIXES: v.reserve(v.size() + (a ? a : b));
  return v;
}

std::vector<int> bitAndBound(unsigned a, unsigned b) {
  std::vector<int> v;
  v.push_back(-1);
  for (unsigned i = 0; i < (a & b); ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of '(a & b)' iterations without reserve; consider 'v.reserve(v.size() + (a & b))' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(a & b)' times
  // CHECK-FIXES: v.reserve(v.size() + (a & b));
  return v;
}

// A range written as `*p` on a smart pointer.
void smartRange(const std::unique_ptr<std::vector<int>> &p) {
  std::vector<int> v;
  for (int x : *p)
    v.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of '(*p).size()' iterations without reserve; consider 'v.reserve((*p).size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(*p).size()' times
  // CHECK-FIXES: v.reserve((*p).size());
}

// A container whose type is a template parameter: no fix-it, since the
// template is also instantiated with a container that has no reserve.
template <class C> C fill(int n) {
  C c;
  for (int i = 0; i < n; ++i)
    c.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'c' grows by 'push_back' on each of 'n' iterations without reserve; consider 'c.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  return c;
}
void useFill() {
  fill<std::vector<int>>(3);
  fill<std::deque<int>>(3);
}

// A range-for over a temporary (found in llama.cpp's common/arg.cpp): the
// range exists only inside the loop, and `reserve(split(s).size())` would
// build it twice.
std::vector<std::string> splitWords(const std::string &S);
std::vector<std::string> upperWords(const std::string &S) {
  std::vector<std::string> Out;
  for (const std::string &W : splitWords(S))
    Out.push_back(W);
  return Out;
}
