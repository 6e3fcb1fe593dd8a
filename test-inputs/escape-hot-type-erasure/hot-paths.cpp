// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++'}}"

// Every kind of hot path, against the mock std (test-inputs/Inputs/std, laid
// out like libstdc++; StandardLibrary forces libstdc++'s rules because the
// mock defines no library macro). Mock std::string: 32 bytes.

#include <algorithm>
#include <any>
#include <functional>
#include <string>
#include <vector>

struct Triple {
  long A, B, C;
  long operator()() const { return A + B + C; }
};

void whileAndDo(int N, std::string S) {
  while (N-- > 0) {
    std::function<long()> F = Triple{1, 2, 3};
    // CHECK-NOTES: :[[@LINE-1]]:31: warning: std::function built from 'Triple' (24 bytes) allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
  }
  do {
    std::any Boxed = S;
    // CHECK-NOTES: :[[@LINE-1]]:22: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
  } while (N++ < 10);
}

void forParts(int N, std::string S) {
  // The init statement runs once; the condition and the increment run on
  // each iteration.
  for (std::function<size_t()> Once = [S] { return S.size(); };
       std::function<bool()>([S, N] { return S.size() > size_t(N); })();
       // CHECK-NOTES: :[[@LINE-1]]:30: warning: std::function built from a lambda capturing 40 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
       // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
       ++N) {
  }
}

void nested(const std::vector<int> &V, std::string S) {
  for (int I : V) {
    for (int J : V) {
      std::function<size_t()> F;
      F = [S] { return S.size(); };
      // CHECK-NOTES: :[[@LINE-1]]:11: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
      // CHECK-NOTES: :[[@LINE-4]]:5: note: loop here
    }
  }
}

void lambdas(const std::vector<int> &V, std::string S) {
  // A lambda run by a std algorithm is a loop body.
  std::vector<long> Out(V.size());
  std::transform(V.begin(), V.end(), Out.begin(), [&S](int X) {
    std::function<size_t()> F = [S, X] { return S.size() + X; };
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: std::function built from a lambda capturing 40 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: 'std::transform' calls this lambda in a loop
    return static_cast<long>(F());
  });
  // A loop inside a lambda body.
  auto Run = [&] {
    for (int X : V) {
      std::any A = std::make_any<std::string>(S);
      // CHECK-NOTES: :[[@LINE-1]]:20: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
      // CHECK-NOTES: :[[@LINE-3]]:5: note: loop here
    }
  };
  Run();
}

// A template is judged by its instantiations, and each construction is
// reported once: here by the first of the two allocating instantiations
// (std::string: 32 bytes, std::vector<int>: 24 bytes).
template <class T> void perElement(const std::vector<T> &V) {
  for (const T &X : V) {
    std::function<size_t()> F = [X] { return sizeof(X); };
    // CHECK-NOTES: :[[@LINE-1]]:33: warning: std::function built from a lambda capturing {{32|24}} bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
  }
}
void instantiate(const std::vector<std::string> &S, const std::vector<int> &I,
                 const std::vector<std::vector<int>> &VV) {
  perElement(S);
  perElement(VV);
  perElement(I); // int: 4 bytes, inline.
}

// ---- No warning ----

void notHot(std::string S) {
  // Not in a loop, not in a hot function.
  std::function<size_t()> F = [S] { return S.size(); };
  std::any A = S;
}

void lambdaDefinedInLoop(const std::vector<int> &V, std::string S) {
  for (int X : V) {
    // The lambda is created in the loop, but its body is not known to run
    // there: only constructions evaluated by the loop itself count.
    auto Later = [S] {
      std::function<size_t()> F = [S] { return S.size(); };
      return F();
    };
    (void)Later;
  }
}

template <class T> void neverInstantiated(const std::vector<T> &V) {
  for (const T &X : V) {
    std::string S;
    std::function<size_t()> F = [S] { return S.size(); };
  }
}
