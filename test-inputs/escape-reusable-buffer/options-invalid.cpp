// RUN: %check_clang_tidy %s escape-reusable-buffer %t -- \
// RUN:   -config="{CheckOptions: {escape-reusable-buffer.ReusableTypes: 'my::SmallVec;std::vector<int>'}}"

// An item of ReusableTypes that is not a qualified class name is a
// configuration error naming the option and the value; the valid items are
// kept.
// CHECK-MESSAGES: error: invalid value 'my::SmallVec;std::vector<int>' for option 'escape-reusable-buffer.ReusableTypes': 'std::vector<int>' is not a qualified class name [clang-tidy-config]

namespace my {
template <class T> class SmallVec {
public:
  void push_back(const T &);
  void clear();
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
}
