// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// No diagnostic in this file (no CHECK line: any output fails the test).
// One function per reason the check stays silent.
#include <list>
#include <map>
#include <string>
#include <vector>

namespace io {
struct Stream {};
bool getline(Stream &In, std::string &Line);
} // namespace io

bool keep(int);

// Unknown trip count: reading until the input ends.
std::vector<std::string> readLines(io::Stream &In) {
  std::vector<std::string> lines;
  std::string line;
  while (io::getline(In, line))
    lines.push_back(line);
  return lines;
}

// Unknown trip count: a work list that changes inside the loop.
std::vector<int> drain(std::vector<int> work) {
  std::vector<int> out;
  while (!work.empty()) {
    out.push_back(work.back());
    work.pop_back();
  }
  return out;
}

// A break before the growth: the loop may stop at any iteration.
std::vector<int> untilNegative(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    if (x < 0)
      break;
    out.push_back(x);
  }
  return out;
}

// A return before the growth.
bool allPositive(const std::vector<int> &in, std::vector<int> &out) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] <= 0)
      return false;
    out.push_back(in[i]);
  }
  return true;
}

// A break after the growth: the count is an upper bound (reported only with
// FlagConditionalGrowth).
std::vector<int> upToTerminator(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in) {
    out.push_back(x);
    if (x == 0)
      break;
  }
  return out;
}

// Conditional growth, a filter (reported only with FlagConditionalGrowth).
std::vector<int> filtered(const std::vector<int> &in) {
  std::vector<int> out;
  for (int x : in)
    if (keep(x))
      out.push_back(x);
  std::vector<int> skipped;
  for (int x : in) {
    if (!keep(x))
      continue;
    skipped.push_back(x);
  }
  return out;
}

// Node-based containers have no reserve().
void nodeBased(int n) {
  std::map<int, std::string> names;
  for (int i = 0; i < n; ++i)
    names[i] = "x";
  std::list<int> items;
  for (int i = 0; i < n; ++i)
    items.push_back(i);
}

// The container is created on each iteration: nothing accumulates.
void freshPerIteration(int n, int m) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    row.push_back(i);
    (void)row;
  }
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    for (int j = 0; j < m; ++j)
      if (keep(j))
        row.push_back(j);
  }
}

// The inner count depends on the outer counter: not known before the loop.
std::vector<int> triangle(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < i; ++j)
      out.push_back(i * j);
  return out;
}

// An outer loop with an unknown count: a reserve inside it would be
// repeated on every outer iteration.
std::vector<int> chunks(io::Stream &In, int width) {
  std::vector<int> out;
  std::string line;
  while (io::getline(In, line))
    for (int i = 0; i < width; ++i)
      out.push_back(i);
  return out;
}

// The loop changes its own bound or counter.
std::vector<int> moving(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(i);
    if (keep(i))
      --n;
  }
  for (int i = 0; i < n; ++i) {
    out.push_back(i);
    i += keep(i) ? 1 : 0;
  }
  return out;
}

// A step other than one.
std::vector<int> evens(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; i += 2)
    out.push_back(i);
  return out;
}

// Growth inside a lambda defined in the loop runs when the lambda is called.
void deferred(int n, std::vector<int> &out) {
  for (int i = 0; i < n; ++i) {
    auto add = [&out, i] { out.push_back(i); };
    if (keep(i))
      add();
  }
}

// Growth in the loop header, not the body.
void inHeader(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; out.push_back(i), ++i) {
  }
}

// A zero trip count.
void never() {
  std::vector<int> out;
  for (int i = 0; i < 0; ++i)
    out.push_back(i);
}

// A template that is never instantiated is not analyzed.
template <class T> std::vector<T> generic(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    out.push_back(x);
  return out;
}
