// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++'}}"

// std::copyable_function (C++26, GCC 15+) shares libstdc++'s move_only_function
// storage: 24 bytes for nothrow-movable callables (bits/funcwrap.h). The mock
// std has none, so a minimal one is declared here.

#include <string>
#include <vector>

namespace std {
template <class Sig> class copyable_function;
template <class R, class... Args> class copyable_function<R(Args...)> {
public:
  template <class F> copyable_function(F Fn) {}
};
} // namespace std

void loop(const std::vector<int> &V, std::string S) {
  long A = 0, B = 0, C = 0;
  long *PA = &A, *PB = &B, *PC = &C;
  for (int I : V) {
    std::copyable_function<long()> Three = [PA, PB, PC] { return *PA + *PB + *PC; };
    std::copyable_function<size_t()> Len = [S, I] { return S.size() + I; };
    // CHECK-NOTES: :[[@LINE-1]]:44: warning: std::copyable_function built from a lambda capturing 40 bytes allocates on each iteration (libstdc++ stores only nothrow-move-constructible callables of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: loop here
  }
}
