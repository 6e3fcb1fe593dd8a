// RUN: %check_clang_tidy %s escape-unreserved-growth %t -- \
// RUN:   -config="{CheckOptions: {escape-unreserved-growth.ReservableContainers: 'my::Chain;my::Vec'}}"

// A class named in ReservableContainers must have a member function
// 'reserve', or the suggested fix would not compile (issue 13): the class is
// reported once as a configuration error and ignored.
// CHECK-MESSAGES: error: class 'my::Chain' named in option 'escape-unreserved-growth.ReservableContainers' has no member function 'reserve'; it is ignored [clang-tidy-config]

namespace my {
struct Chain {
  void push_back(int);
};
struct Vec {
  void push_back(int);
  void reserve(unsigned long);
};
} // namespace my

void run(int n) {
  my::Chain c;
  for (int i = 0; i < n; ++i)
    c.push_back(i);
  my::Chain d;
  for (int i = 0; i < n; ++i)
    d.push_back(i);
  my::Vec v;
  for (int i = 0; i < n; ++i)
    v.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'v' grows by 'push_back' on each of 'n' iterations without reserve; consider 'v.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}
