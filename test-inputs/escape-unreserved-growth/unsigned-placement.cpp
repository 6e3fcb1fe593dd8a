// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Where the reserve goes, for loop shapes whose int-bound versions in
// loops.cpp lost their fix-it (a negative int bound would make reserve
// throw): the same shapes with unsigned bounds.
#include <cstddef>
#include <vector>

void whileCounter(std::size_t n) {
  std::vector<std::size_t> out;
  std::size_t i = 0;
  while (i < n) {
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    ++i;
  }
  // CHECK-FIXES: std::size_t i = 0;
  // CHECK-FIXES: out.reserve(n);
  // CHECK-FIXES: while (i < n) {
}

void doWhile(unsigned n) {
  std::vector<unsigned> out;
  unsigned i = 0;
  do {
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    i++;
  } while (i < n);
  // CHECK-FIXES: out.reserve(n);
  // CHECK-FIXES: do {
}

void nested(unsigned rows, unsigned cols) {
  std::vector<unsigned> grid;
  for (unsigned r = 0; r < rows; ++r)
    for (unsigned c = 0; c < cols; ++c)
      grid.push_back(r * c);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'grid' grows by 'push_back' on each of 'rows * cols' iterations without reserve; consider 'grid.reserve(rows * cols)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop runs 'rows' times
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: loop runs 'cols' times
  // CHECK-FIXES: grid.reserve(rows * cols);
  // CHECK-FIXES: for (unsigned r = 0; r < rows; ++r)
}

void twoContainers(unsigned n) {
  std::vector<unsigned> evens;
  std::vector<unsigned> odds;
  for (unsigned i = 0; i < n; ++i) {
    evens.push_back(2 * i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'evens' grows by 'push_back' on each of 'n' iterations without reserve; consider 'evens.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    odds.push_back(2 * i + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'odds' grows by 'push_back' on each of 'n' iterations without reserve; consider 'odds.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: loop runs 'n' times
  }
  // CHECK-FIXES: evens.reserve(n);
  // CHECK-FIXES: odds.reserve(n);
  // CHECK-FIXES: for (unsigned i = 0; i < n; ++i) {
}
