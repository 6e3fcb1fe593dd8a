// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++'}}"

// clang-tidy's own suppression comments silence escape-hot-type-erasure:
// NOLINT on the line of the warning (the construction), NOLINTNEXTLINE on
// the line before it, and a NOLINTBEGIN/NOLINTEND region (clang-tidy 14 and
// later). The last loop is not suppressed and must still be reported.

#include <functional>

struct Triple {
  long A, B, C;
  long operator()() const { return A + B + C; }
};

long run(const std::function<long()> &F);

void suppressed(int N) {
  for (int I = 0; I < N; ++I) {
    std::function<long()> F = Triple{1, 2, I}; // NOLINT(escape-hot-type-erasure)
    run(F);
  }
  for (int I = 0; I < N; ++I) {
    // NOLINTNEXTLINE(escape-hot-type-erasure)
    std::function<long()> F = Triple{1, 2, I};
    run(F);
  }
  // NOLINTBEGIN(escape-hot-type-erasure)
  for (int I = 0; I < N; ++I)
    run(Triple{1, 2, I});
  // NOLINTEND(escape-hot-type-erasure)
}

void reported(int N) {
  for (int I = 0; I < N; ++I) {
    std::function<long()> F = Triple{1, 2, I}; // NOLINT(escape-heap-to-stack)
    // CHECK-NOTES: :[[@LINE-1]]:31: warning: std::function built from 'Triple' (24 bytes) allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
    run(F);
  }
}
