// RUN: %check_clang_tidy %s escape-hot-type-erasure %t
// RUN: %check_clang_tidy -check-suffix=GNU %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++'}}"

// StandardLibrary=auto (the default) reads the library from its macros. The
// mock std defines none of them, so no standard rule applies and the first run
// reports nothing; forcing libstdc++ reports the construction.

#include <functional>
#include <string>
#include <vector>

void loop(const std::vector<int> &V, std::string S) {
  for (int I : V) {
    std::function<size_t()> F = [S] { return S.size(); };
    // CHECK-NOTES-GNU: :[[@LINE-1]]:33: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-3]]:3: note: loop here
  }
}
