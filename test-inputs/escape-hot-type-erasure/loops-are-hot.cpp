// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++', escape-hot-type-erasure.LoopsAreHot: false}}"

// LoopsAreHot=false: loops, lambdas run by std algorithms and functions called
// in loops no longer make a path hot; hot functions still do.

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

std::function<size_t()> makeLen(std::string S) {
  return [S] { return S.size(); };
}

size_t loops(const std::vector<std::string> &Names) {
  size_t Sum = 0;
  for (const std::string &N : Names) {
    std::function<size_t()> F = [N] { return N.size(); };
    Sum += F() + makeLen(N)();
  }
  std::for_each(Names.begin(), Names.end(), [&](const std::string &N) {
    std::function<size_t()> F = [N] { return N.size(); };
    Sum += F();
  });
  return Sum;
}

__attribute__((hot)) size_t hot(const std::vector<std::string> &Names) {
  size_t Sum = 0;
  for (const std::string &N : Names) {
    std::function<size_t()> F = [N] { return N.size(); };
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: std::function built from a lambda capturing 32 bytes allocates on each call (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-5]]:16: note: 'hot' is hot because of this attribute
    Sum += F();
  }
  return Sum;
}
