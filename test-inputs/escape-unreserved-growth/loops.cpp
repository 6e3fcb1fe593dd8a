// RUN: %check_clang_tidy %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// Every loop shape with a trip count known before the loop. The warning sits
// on the growth call, the note on each loop of the nest, and the fix-it puts
// the reserve right before the outermost loop.
#include <cstddef>
#include <vector>

void use(int);

void countedUp(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}

void countedInclusive(unsigned n) {
  std::vector<unsigned> out;
  for (unsigned i = 0; i <= n; i++)
    out.emplace_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'emplace_back' on each of '(n + 1)' iterations without reserve; consider 'out.reserve(n + 1)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(n + 1)' times
  // CHECK-FIXES: out.reserve(n + 1);
}

void countedNotEqual(std::size_t n) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i != n; i += 1)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: out.reserve(n);
}

void countedDown(int n) {
  std::vector<int> out;
  for (int i = n - 1; i >= 0; --i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

void countedDownStrict(long n) {
  std::vector<long> out;
  for (long i = n; 0 < i; i--)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

// A difference can be negative when the loop does not run; reserve() would
// then throw, so there is no fix-it.
void countedRange(int lo, int hi) {
  std::vector<int> out;
  for (int i = lo; i < hi; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of '(hi - lo)' iterations without reserve; consider 'out.reserve(hi - lo)' where the count cannot be negative (a negative count makes 'reserve' throw) [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(hi - lo)' times
  // CHECK-FIXES-NOT: out.reserve(hi - lo);
}

// Any number of statements in the body; the bound variable declared in the
// init is replaced by its initializer, which is valid before the loop.
void manyStatements(const std::vector<int> &in) {
  std::vector<int> out;
  for (std::size_t i = 0, e = in.size(); i < e; ++i) {
    int twice = in[i] * 2;
    use(twice);
    out.push_back(twice);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: loop runs 'in.size()' times
  }
  // CHECK-FIXES: out.reserve(in.size());
  // CHECK-FIXES: for (std::size_t i = 0, e = in.size(); i < e; ++i) {
}

void rangeFor(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    out.push_back(x + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: out.reserve(in.size());
}

void rangeForArray() {
  const int table[] = {2, 3, 5, 7, 11};
  std::vector<int> out;
  for (int p : table)
    out.push_back(p * p);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of '5' iterations without reserve; consider 'out.reserve(5)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '5' times
  // CHECK-FIXES: out.reserve(5);
}

void rangeForThroughPointer(const std::vector<int> *in) {
  std::vector<int> out;
  for (int x : *in)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in->size()' iterations without reserve; consider 'out.reserve(in->size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in->size()' times
  // CHECK-FIXES: out.reserve(in->size());
}

void iteratorLoop(const std::vector<int> &in) {
  std::vector<int> out;
  for (auto it = in.begin(); it != in.end(); ++it)
    out.push_back(*it);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: out.reserve(in.size());
}

void pointerLoop(const int *first, int n) {
  std::vector<int> out;
  for (const int *p = first; p != first + n; ++p)
    out.push_back(*p);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

void whileCounter(int n) {
  std::vector<int> out;
  int i = 0;
  while (i < n) {
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    ++i;
  }
  // CHECK-FIXES: int i = 0;
  // CHECK-FIXES: while (i < n) {
}

void countdown(unsigned n) {
  std::vector<unsigned> out;
  while (n--)
    out.push_back(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: out.reserve(n);
  // CHECK-FIXES: while (n--)
}

void doWhile(int n) {
  std::vector<int> out;
  int i = 0;
  do {
    out.push_back(i);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    i++;
  } while (i < n);
  // CHECK-FIXES: do {
}

// Both counts are known before the outer loop: reserve the product.
void nested(int rows, int cols) {
  std::vector<int> grid;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      grid.push_back(r * c);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'grid' grows by 'push_back' on each of 'rows * cols' iterations without reserve; consider 'grid.reserve(rows * cols)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: loop runs 'rows' times
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: loop runs 'cols' times
  // CHECK-FIXES: for (int r = 0; r < rows; ++r)
}

// Two growth calls on every iteration: one reserve for both, on the first.
void twoCalls(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    out.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(2 * in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
    out.push_back(-x);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(2 * in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: loop runs 'in.size()' times
  }
  // CHECK-FIXES: out.reserve(2 * in.size());
  // CHECK-FIXES: for (int x : in) {
}

// Two containers in one loop: one finding each.
void twoContainers(int n) {
  std::vector<int> evens;
  std::vector<int> odds;
  for (int i = 0; i < n; ++i) {
    evens.push_back(2 * i);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'evens' grows by 'push_back' on each of 'n' iterations without reserve; consider 'evens.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
    odds.push_back(2 * i + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'odds' grows by 'push_back' on each of 'n' iterations without reserve; consider 'odds.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: loop runs 'n' times
  }
  // CHECK-FIXES: for (int i = 0; i < n; ++i) {
}

// A loop whose bound calls a function: the count may change, the anchor
// check warns on it, so this one does too, without a fix-it, and without
// suggesting to call 'limit()' once more (it may have side effects).
int limit();
void sideEffectBound() {
  std::vector<int> out;
  for (int i = 0; i < limit(); ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'limit()' iterations without reserve; consider reserving capacity before the loop, with the count evaluated once [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'limit()' times
  // CHECK-FIXES-NOT: out.reserve(limit());
}
