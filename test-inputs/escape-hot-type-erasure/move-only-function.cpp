// RUN: %check_clang_tidy -std-lib=libstdc++ -std=c++2b %s escape-hot-type-erasure %t

// std::move_only_function (C++23) with the real libstdc++: a 24-byte buffer
// for nothrow-movable callables (bits/move_only_function.h).

#include <functional>
#include <memory>
#include <string>
#include <vector>

void loop(const std::vector<std::string> &Names, std::string Owned) {
  long A = 0, B = 0, C = 0;
  long *PA = &A, *PB = &B, *PC = &C;
  for (const std::string &Name : Names) {
    // 24 bytes: inline (std::function would allocate).
    std::move_only_function<long()> Three = [PA, PB, PC] { return *PA + *PB + *PC; };
    // Move-only captures are fine: 8 bytes, noexcept move.
    std::move_only_function<int()> Unique = [P = std::make_unique<int>(1)] { return *P; };

    std::move_only_function<size_t()> Len = [Owned] { return Owned.size(); };
    // CHECK-NOTES: :[[@LINE-1]]:45: warning: std::move_only_function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only nothrow-move-constructible callables of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-8]]:3: note: loop here
  }
}
