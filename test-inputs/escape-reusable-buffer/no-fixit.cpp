// RUN: %check_clang_tidy %s escape-reusable-buffer %t

// Warnings without a fix-it: hoisting the declaration would clash with
// another name, be skipped by a jump, or edit a macro.
#include <vector>

void use(const std::vector<int> &v);

// Another 'row' after the loop: the hoisted declaration would clash.
void nameClash(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'row' is rebuilt on each iteration of this loop; declare it before the loop and call 'row.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    row.push_back(i);
    use(row);
  }
  std::vector<int> row;
  use(row);
  // CHECK-FIXES: for (int i = 0; i < n; ++i) {
  // CHECK-FIXES: std::vector<int> row;
}

// A continue before the declaration skips the clear().
void continueBefore(int n) {
  for (int i = 0; i < n; ++i) {
    if (i % 2)
      continue;
    std::vector<int> tmp;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'tmp' is rebuilt on each iteration of this loop; declare it before the loop and call 'tmp.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: loop here
    tmp.push_back(i);
    use(tmp);
  }
  // CHECK-FIXES: std::vector<int> tmp;
}

// A goto in the function.
void withGoto(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> buf;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'buf' is rebuilt on each iteration of this loop; declare it before the loop and call 'buf.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    buf.push_back(i);
    if (i > 10)
      goto done;
    use(buf);
  }
done:;
}

// The loop is not directly in a block: nowhere to insert the declaration.
void loopUnderIf(bool b, int n) {
  if (b)
    for (int i = 0; i < n; ++i) {
      std::vector<int> part;
      // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'part' is rebuilt on each iteration of this loop; declare it before the loop and call 'part.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
      // CHECK-MESSAGES: :[[@LINE-3]]:5: note: loop here
      part.push_back(i);
      use(part);
    }
}

// The declaration is nested in a block of the loop body.
void nestedBlock(int n) {
  for (int i = 0; i < n; ++i) {
    if (i > 2) {
      std::vector<int> inner;
      // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'inner' is rebuilt on each iteration of this loop; declare it before the loop and call 'inner.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
      // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop here
      inner.push_back(i);
      use(inner);
    }
  }
}

// The loop comes from a macro: no report inside it, and no fix-it.
#define EACH(N, BODY)                                                          \
  for (int i = 0; i < (N); ++i) {                                              \
    BODY                                                                       \
  }
void inMacro(int n) {
  EACH(n, std::vector<int> v; v.push_back(i); use(v);)
}
