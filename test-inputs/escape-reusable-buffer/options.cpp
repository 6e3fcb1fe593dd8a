// RUN: %check_clang_tidy %s escape-reusable-buffer %t -- \
// RUN:   -config="{CheckOptions: {escape-reusable-buffer.ReusableTypes: 'my::SmallVec'}}"

// ReusableTypes adds classes with clear(); a class without clear() is
// ignored.
#include <vector>

namespace my {
template <class T> class SmallVec {
public:
  void push_back(const T &);
  void clear();
  ~SmallVec();
};
class NoClear {
public:
  void push_back(int);
};
} // namespace my

void use(const my::SmallVec<int> &v);

void configured(int n) {
  for (int i = 0; i < n; ++i) {
    my::SmallVec<int> v;
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'v' is rebuilt on each iteration of this loop; declare it before the loop and call 'v.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    v.push_back(i);
    use(v);
  }
  // CHECK-FIXES: my::SmallVec<int> v;
  // CHECK-FIXES: v.clear();
}

void noClear(int n) {
  for (int i = 0; i < n; ++i) {
    my::NoClear v;
    v.push_back(i);
  }
}
