// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Constant trip counts whose product does not fit: the count is computed
// with overflow checks, never wrapped, and never spelled as an int product
// that overflows in the suggested reserve.
#include <string>
#include <vector>

// 65536 * 65536 overflows int: the reserve spells the product as one
// literal (of type long), not as '65536 * 65536'.
std::vector<int> twoLevels() {
  std::vector<int> v;
  for (int a = 0; a < 65536; ++a)
    for (int b = 0; b < 65536; ++b)
      v.push_back(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'v' grows by 'push_back' on each of '4294967296' iterations without reserve; consider 'v.reserve(4294967296)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop runs '65536' times
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: loop runs '65536' times
  // CHECK-FIXES: v.reserve(4294967296);
  return v;
}

// A product within int keeps its factors.
std::vector<int> small() {
  std::vector<int> v;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 4; ++b)
      v.push_back(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'v' grows by 'push_back' on each of '3 * 4' iterations without reserve; consider 'v.reserve(3 * 4)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop runs '3' times
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: loop runs '4' times
  // CHECK-FIXES: v.reserve(3 * 4);
  return v;
}

// ---- No warning ----

// 2^64 elements: more than 64 bits count; no vector holds them, and no
// reserve can be spelled.
std::vector<int> fourLevels() {
  std::vector<int> v;
  for (int a = 0; a < 65536; ++a)
    for (int b = 0; b < 65536; ++b)
      for (int c = 0; c < 65536; ++c)
        for (int d = 0; d < 65536; ++d)
          v.push_back(a);
  return v;
}

// The same for a string: 2^64 characters wrapped to 0 once looked like a
// string within its small buffer.
std::string fourLevelsString() {
  std::string s;
  for (int a = 0; a < 65536; ++a)
    for (int b = 0; b < 65536; ++b)
      for (int c = 0; c < 65536; ++c)
        for (int d = 0; d < 65536; ++d)
          s += '-';
  return s;
}
