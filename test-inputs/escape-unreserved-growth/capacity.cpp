// RUN: %check_clang_tidy %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// Capacity must be established on every control-flow path before the loop;
// an earlier mention of the container is not enough. A container that may
// already hold elements gets `reserve(size() + count)`.
#include <string>
#include <vector>

bool ready();
void inspect(const std::vector<int> &);
void refill(std::vector<int> &);

void reservedOnOneBranch(int n) {
  std::vector<int> out;
  if (ready())
    out.reserve(n);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}

// Reading the size or passing by const reference sizes nothing; the
// container is still empty.
void mentionedBefore(int n) {
  std::vector<int> out;
  inspect(out);
  if (out.size() == 0 && out.empty())
    inspect(out);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

// A push_back before the loop makes the container non-empty.
void grownBefore(int n) {
  std::vector<int> out;
  out.push_back(-1);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(out.size() + n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

// Two loops in a row: the second sees the elements of the first.
void twoLoops(int n, int m) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  for (int j = 0; j < m; ++j)
    out.push_back(j);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'm' iterations without reserve; consider 'out.reserve(out.size() + m)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'm' times
}

// Reference parameters may hold elements, and outlive the call: an exact
// `reserve(out.size() + n)` in a helper called again and again on the same
// vector reallocates on every call (amortized growth lost), so nothing is
// suggested (issue 13).
void appendTo(std::vector<int> &out, const std::vector<int> &in) {
  for (int x : in)
    out.push_back(x);
}

// Cleared first: the vector is reused and keeps the capacity of its earlier
// contents, so a reserve would be a no-op once it reached its size.
void replaceWith(std::vector<int> &out, const std::vector<int> &in) {
  out.clear();
  for (int x : in)
    out.push_back(x);
}

class Histogram {
public:
  void rebuild(const std::vector<int> &samples) {
    // A member cleared and refilled keeps its capacity: not reported.
    bins.clear();
    for (int s : samples)
      bins.push_back(s / 10);
  }
  void extend(int n) {
    // A member that may hold elements: no exact reserve (see appendTo).
    for (int i = 0; i < n; ++i)
      this->bins.push_back(i);
  }
  explicit Histogram(int n) {
    for (int i = 0; i < n; ++i)
      bins.push_back(0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'bins' grows by 'push_back' on each of 'n' iterations without reserve; consider 'bins.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: loop runs 'n' times
  }

  // ---- No warning ----
  Histogram(int n, int width) : bins(n), label(width, ' ') {
    for (int i = 0; i < n; ++i)
      bins.push_back(1);
  }
  void rebuildReserved(const std::vector<int> &samples) {
    bins.clear();
    bins.reserve(samples.size());
    for (int s : samples)
      bins.push_back(s);
  }
  // A member function may size the member: not followed.
  void rebuildThroughHelper(int n) {
    reset(n);
    for (int i = 0; i < n; ++i)
      bins.push_back(i);
  }

private:
  void reset(int n);
  std::vector<int> bins;
  std::string label;
};

// ---- No warning ----

void reservedOnEveryPath(int n) {
  std::vector<int> out;
  if (ready())
    out.reserve(n);
  else
    out.resize(2 * n);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

void reservedAfterEarlyReturn(int n) {
  std::vector<int> out;
  if (!ready())
    return;
  out.reserve(n);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

void constructedWithSize(int n, const std::vector<int> &in) {
  std::vector<int> sized(n);
  for (int i = 0; i < n; ++i)
    sized.push_back(i);
  std::vector<int> copied(in.begin(), in.end());
  for (int x : in)
    copied.push_back(x);
  std::vector<int> assigned;
  assigned = in;
  for (int x : in)
    assigned.push_back(x);
  std::string text("prefix");
  for (int i = 0; i < n; ++i)
    text += 'x';
}

// Passed by non-const reference: anything may have happened to it.
void refilled(int n) {
  std::vector<int> out;
  refill(out);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

void alreadyReserved(std::vector<int> &out, int n) {
  out.reserve(out.size() + n);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

// The loop manages the capacity itself.
void managedInside(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    if (out.empty())
      out.reserve(n);
    out.push_back(i);
  }
  std::vector<int> scratch;
  for (int i = 0; i < n; ++i) {
    scratch.clear();
    scratch.push_back(i);
  }
}

// Globals, static locals and local references may alias anything.
std::vector<int> Global;
void notFollowed(int n) {
  for (int i = 0; i < n; ++i)
    Global.push_back(i);
  static std::vector<int> Cache;
  for (int i = 0; i < n; ++i)
    Cache.push_back(i);
  std::vector<int> &Alias = Global;
  for (int i = 0; i < n; ++i)
    Alias.push_back(i);
}
