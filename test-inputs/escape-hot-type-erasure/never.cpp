// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++'}}" \
// RUN:   --system-headers --header-filter=.* -- -isystem %S/Inputs

// Every "never" of the check, on hot paths with libstdc++'s rules (mock std):
// no diagnostic at all is expected.

#include <any>
#include <functional>
#include <string>
#include <vector>

#include <hot-system-header.h>

struct Point {
  int X, Y;
};
struct BigFunctor {
  long Data[8];
  long operator()() const { return Data[0]; }
};
int add(int A, int B) { return A + B; }

void payloadsThatFit(const std::vector<int> &V, std::string S) {
  int A = 0, B = 0;
  int *PA = &A, *PB = &B;
  for (int I : V) {
    std::function<int()> Two = [PA, PB] { return *PA + *PB; }; // 16 bytes
    std::function<size_t()> ByRef = [&S] { return S.size(); }; // 8 bytes
    std::function<void()> Empty = [] {};                       // 1 byte
    std::any Int = I;
    std::any Ptr = PA;
    std::any Small = Point{1, 2};
  }
}

void pointersAndReferenceWrappers(const std::vector<int> &V) {
  BigFunctor Big{};
  for (int I : V) {
    // Function pointers and std::reference_wrapper are always stored inline
    // by the std::function family. (The mock std::function cannot call
    // member pointers: they are covered by real-libraries.cpp and, for the
    // exemption itself, by erased-types.cpp.)
    std::function<int(int, int)> Decayed = add;
    std::function<int(int, int)> Pointer = &add;
    std::function<long()> Ref = std::ref(Big);
    std::function<long()> ConstRef = std::cref(Big);
  }
}

void notOnAHotPath(std::string S, const std::vector<int> &V) {
  // Before the loop, in a lambda that is created (not run) in the loop, and
  // copies of an existing wrapper (not a construction from a payload).
  std::function<size_t()> Before = [S] { return S.size(); };
  std::any Boxed = S;
  for (int I : V) {
    auto Later = [S] {
      std::function<size_t()> F = [S] { return S.size(); };
      return F();
    };
    std::function<size_t()> Copy = Before;
    std::function<size_t()> Null = nullptr;
    std::any AnotherBox = Boxed;
    (void)Later;
  }
}

void systemHeaders(std::string S) {
  // The loops and constructions are in a system header (the run shows
  // system-header diagnostics: the check itself must skip them).
  systemLoop(S, 3);
  repeatThroughFunction([S] { (void)S.size(); }, 3);
}

template <class T> void neverInstantiated(const std::vector<T> &V) {
  for (const T &X : V) {
    std::string S;
    std::function<size_t()> F = [S, X] { return S.size(); };
  }
}
