// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Kinds of wrong findings seen on real code bases (issue 13). Each function
// of the first part was reported before; none is a true finding.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

// ---- Aggregation into an unordered map: keys repeat by design. ----
void countKeys(const std::vector<int> &in) {
  std::unordered_map<int, int> m;
  for (int k : in)
    ++m[k];
}
void sumByKey(const std::vector<int> &in) {
  std::unordered_map<int, int> m;
  for (int k : in)
    m[k] += 2;
}
void groupByKey(const std::vector<int> &in) {
  std::unordered_map<int, std::vector<int>> m;
  for (int k : in)
    m[k].push_back(k);
}

// ---- A container cleared and refilled keeps its capacity. ----
struct Cache {
  std::vector<int> Items;
  void refill(int n) {
    Items.clear();
    for (int i = 0; i < n; ++i)
      Items.push_back(i);
  }
};

// ---- A string that stays within the small-string buffer. ----
std::string shortPad() {
  std::string s;
  for (int i = 0; i < 10; ++i)
    s += ' ';
  return s;
}
std::string shortPair() {
  std::string s;
  for (int i = 0; i < 7; ++i) {
    s += 'a';
    s.push_back('b');
  }
  return s;
}

// ---- A helper appending to a container that outlives the call. ----
void appendSquares(std::vector<int> &out, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(i * i);
}
struct Base {
  Base();
  std::vector<int> Seen;
};
struct Derived : Base {
  explicit Derived(int n) {
    for (int i = 0; i < n; ++i) // Base() may have filled Seen.
      Seen.push_back(i);
  }
};

// ---- Growth of unknown size beside the counted growth. ----
std::string join(const std::vector<std::string> &parts) {
  std::string s;
  for (const auto &p : parts) {
    s += p;
    s += ',';
  }
  return s;
}

// ---- Still reported. ----
std::unordered_map<int, int> indexOf(const std::vector<int> &in) {
  std::unordered_map<int, int> m;
  for (int i = 0; i < 100; ++i)
    m[in[i]] = i;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'm' grows by 'operator[]' on each of '100' iterations without reserve; consider 'm.reserve(100)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '100' times
  // CHECK-FIXES: m.reserve(100);
  return m;
}
std::string longPad() {
  std::string s;
  for (int i = 0; i < 16; ++i)
    s += ' ';
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by 'operator+=' on each of '16' iterations without reserve; consider 's.reserve(16)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '16' times
  // CHECK-FIXES: s.reserve(16);
  return s;
}
int *make(int);
// Growth before an early `return` (an error path) runs on every iteration
// that completes: reported without FlagConditionalGrowth, as an upper bound.
std::vector<int *> makeAll(const std::vector<int> &in) {
  std::vector<int *> v;
  for (int x : in) {
    v.push_back(make(x));
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on up to 'in.size()' iterations without reserve; consider 'v.reserve(in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs at most 'in.size()' times
    // CHECK-FIXES: v.reserve(in.size());
    if (!v.back())
      return {};
  }
  return v;
}
// Two containers reserved before one loop: one fix-it holds both reserves
// (two insertions at one offset would depend on the order of application).
void twoContainers(const std::vector<int> &in, std::vector<int> &a) {
  std::vector<int> b, c;
  for (int x : in) {
    b.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'b' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'b.reserve(in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
    // CHECK-FIXES: b.reserve(in.size());
    // CHECK-FIXES: c.reserve(in.size());
    // CHECK-FIXES: for (int x : in) {
    c.push_back(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'c' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'c.reserve(in.size())' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-9]]:3: note: loop runs 'in.size()' times
  }
  a = b;
  a.insert(a.end(), c.begin(), c.end());
}
// A difference may be negative (RocksDB's version_builder.cc): the message
// says so, and there is no fix-it.
std::vector<int> spawn(int n) {
  std::vector<int> v;
  for (int i = 1; i < n; i++)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of '(n - 1)' iterations without reserve; consider 'v.reserve(n - 1)' where the count cannot be negative (a negative count makes 'reserve' throw) [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '(n - 1)' times
  return v;
}
