// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// Templates are analyzed in their instantiations and reported once; lambdas
// are analyzed as functions of their own.
#include <string>
#include <vector>

template <class T> std::vector<T> duplicate(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: out.reserve(in.size());
  return out;
}

template <class T> struct Buffer {
  std::vector<T> fill(const T &value, int n) {
    std::vector<T> items;
    for (int i = 0; i < n; ++i)
      items.push_back(value);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'items' grows by 'push_back' on each of 'n' iterations without reserve; consider 'items.reserve(n)' [escape-unreserved-growth]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: loop runs 'n' times
    return items;
  }
};

void instantiate() {
  duplicate(std::vector<int>{1, 2});
  duplicate(std::vector<std::string>{"a"});
  Buffer<int> a;
  a.fill(1, 3);
  Buffer<double> b;
  b.fill(2.0, 4);
}

auto makeSquares = [](int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i * i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  return out;
};

// A lambda inside a loop: its own loop counts, the enclosing one does not.
void perRow(const std::vector<int> &widths) {
  for (int w : widths) {
    auto row = [w] {
      std::vector<char> s;
      for (int i = 0; i < w; ++i)
        s.push_back('#');
      // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 's' grows by 'push_back' on each of 'w' iterations without reserve; consider 's.reserve(w)' [escape-unreserved-growth]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: loop runs 'w' times
      return s;
    };
    (void)row();
  }
}
