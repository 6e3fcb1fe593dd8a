// The documented cases of clang-tidy's performance-inefficient-vector-operation
// (its documentation page and its own test), rewritten: every line where that
// check warns must also get an escape-unreserved-growth warning.
// Compiled against the system's libstdc++.
#include <array>
#include <cstddef>
#include <deque>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

struct Widget {
  explicit Widget(int);
};
struct Gadget {
  Gadget(int); // implicit
};
int transform(int);
void consume(std::vector<int> &);

// Documentation: a counter loop starting at 0.
void counterLoop(int count) {
  std::vector<int> values;
  for (int i = 0; i < count; ++i) {
    values.push_back(count);
  }
}

// Documentation: range-for over each of the seven container types.
void rangeLoops(const std::vector<int> &vec, const std::array<int, 3> &arr,
                const std::deque<int> &deq, const std::set<int> &ordered,
                const std::unordered_set<int> &hashed,
                const std::map<int, int> &tree,
                const std::unordered_map<int, int> &table) {
  std::vector<int> a;
  for (int x : vec)
    a.push_back(x);
  std::vector<int> b;
  for (int x : arr)
    b.push_back(x);
  std::vector<int> c;
  for (int x : deq)
    c.push_back(x);
  std::vector<int> d;
  for (int x : ordered)
    d.push_back(x);
  std::vector<int> e;
  for (int x : hashed)
    e.push_back(x);
  std::vector<int> f;
  for (const auto &kv : tree)
    f.push_back(kv.first);
  std::vector<int> g;
  for (const auto &kv : table)
    g.push_back(kv.second);
}

// Test cases: literal and size() bounds, element constructors, emplace_back.
void bounds(std::vector<int> &src) {
  {
    std::vector<int> out;
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out;
    for (int i = 0; i < 10 + 1; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out;
    for (std::size_t i = 0; i < src.size(); ++i)
      out.push_back(src[i]);
  }
  {
    std::vector<int> out;
    for (std::size_t i = 0; i < src.size() - 1; ++i)
      out.push_back(src[i]);
  }
  {
    std::vector<int> out;
    for (const auto &x : src)
      out.push_back(transform(x));
  }
  {
    std::vector<Widget> out;
    for (const auto &x : src)
      out.push_back(Widget(x));
  }
  {
    std::vector<Gadget> out;
    for (const auto &x : src)
      out.push_back(x);
  }
  {
    std::vector<Widget> out;
    for (const auto &x : src)
      out.emplace_back(x);
  }
  {
    // Another vector is reserved before the loop; this one is not.
    std::vector<int> out;
    std::vector<int> other;
    other.reserve(3);
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
}

// Test cases: unsigned counters and bounds (llvm-project issue 95596).
void unsignedCounters() {
  std::vector<int> a;
  for (unsigned i = 0; i < 10; ++i)
    a.push_back(static_cast<int>(i));
  std::vector<int> b;
  for (int i = 0U; i < 10; ++i)
    b.push_back(i);
  std::vector<int> c;
  for (unsigned i = 0U; i < 10; ++i)
    c.push_back(static_cast<int>(i));
  std::vector<int> d;
  for (int i = 0; i < 10U; ++i)
    d.push_back(i);
}

// Test cases: a data member as the range, in a const member function and
// through a parameter.
struct Holder {
  std::vector<int> items;
  std::vector<int> copyItems() const {
    std::vector<int> result;
    for (int x : items)
      result.push_back(x);
    return result;
  }
};
void fromMember(const Holder &h) {
  std::vector<int> result;
  for (int x : h.items)
    result.push_back(x);
}

// Newer versions of the anchor: several statements and two vectors.
void twoVectors() {
  std::vector<int> first;
  std::vector<int> second;
  for (int i = 0; i < 10; ++i) {
    first.push_back(i);
    second.push_back(i);
  }
}

// Test cases the anchor does not report (each stays silent there).
void anchorSilent(std::vector<int> &src) {
  {
    std::vector<int> out; // reserved before
    out.reserve(20);
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out; // sized before
    out.resize(5);
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out; // grown before
    out.push_back(0);
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out; // passed by reference before
    consume(out);
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out(20); // constructed with a size
    for (int i = 0; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out; // counter does not start at 0
    for (int i = 1; i < 10; ++i)
      out.push_back(i);
  }
  {
    std::vector<int> out; // bound mentions the counter
    for (int i = 0; i < i + 1; i++)
      out.push_back(i);
  }
  {
    std::vector<int> out; // braced list as the range
    for (int x : {1, 2, 3, 4, 5})
      out.push_back(x);
  }
  {
    std::vector<int> out; // range through a pointer
    std::vector<int> *p = &src;
    for (const auto &x : *p)
      out.push_back(x);
  }
}
