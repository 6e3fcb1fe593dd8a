// RUN: %check_clang_tidy -check-suffix=DEFAULT %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -check-suffix=COND %s escape-unreserved-growth %t -- \
// RUN:   -config="{CheckOptions: {escape-unreserved-growth.FlagConditionalGrowth: true}}"

// Growth that does not happen on every iteration: silent by default; with
// FlagConditionalGrowth the upper bound is suggested ("up to").
#include <vector>

bool keep(int);

std::vector<int> filtered(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    if (keep(x))
      out.push_back(x);
  // CHECK-MESSAGES-COND: :[[@LINE-1]]:11: warning: 'out' grows by 'push_back' on up to 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES-COND: :[[@LINE-4]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES-COND: out.reserve(in.size());
  return out;
}

std::vector<int> afterContinue(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    if (!keep(i))
      continue;
    out.push_back(i);
    // CHECK-MESSAGES-COND: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on up to 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES-COND: :[[@LINE-5]]:3: note: loop runs 'n' times
  }
  return out;
}

// The loop may stop early after the growth: the count is an upper bound.
std::vector<int> upToZero(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    out.push_back(x);
    // CHECK-MESSAGES-COND: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on up to 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES-COND: :[[@LINE-3]]:3: note: loop runs at most 'in.size()' times
    if (x == 0)
      break;
  }
  // CHECK-FIXES-COND: out.reserve(in.size());
  return out;
}

// Unconditional and conditional growth of one container: both are counted
// in the suggestion.
std::vector<int> mixed(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(i);
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES-DEFAULT: :[[@LINE-3]]:3: note: loop runs 'n' times
    // CHECK-MESSAGES-COND: :[[@LINE-3]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(2 * n)' [escape-unreserved-growth]
    // CHECK-MESSAGES-COND: :[[@LINE-5]]:3: note: loop runs 'n' times
    if (keep(i))
      out.push_back(-i);
    // CHECK-MESSAGES-COND: :[[@LINE-1]]:11: warning: 'out' grows by 'push_back' on up to 'n' iterations without reserve; consider 'out.reserve(2 * n)' [escape-unreserved-growth]
    // CHECK-MESSAGES-COND: :[[@LINE-9]]:3: note: loop runs 'n' times
  }
  return out;
}

// ---- No warning, even with the option ----

// A break or return before the growth: the iteration count is unknown.
std::vector<int> untilNegative(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    if (x < 0)
      break;
    out.push_back(x);
  }
  return out;
}
