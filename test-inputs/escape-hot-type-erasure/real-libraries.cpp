// RUN: %check_clang_tidy -std-lib=libstdc++ -check-suffix=GNU %s escape-hot-type-erasure %t
// RUN: %check_clang_tidy -std-lib=libc++ -check-suffix=LLVM %s escape-hot-type-erasure %t

// One input, two real standard libraries, each detected from its own macros
// (__GLIBCXX__, _LIBCPP_VERSION). std::string is 32 bytes in libstdc++ and 24
// bytes in libc++; libstdc++'s std::function keeps trivially copyable
// callables of up to 16 bytes inline, libc++'s keeps nothrow-copyable ones
// whose size plus an 8-byte vtable pointer fits 24 bytes; std::any keeps 8
// bytes (libstdc++) or 24 bytes (libc++) of nothrow-movable values inline.

#include <algorithm>
#include <any>
#include <functional>
#include <string>
#include <vector>

struct Point {
  int X, Y;
};
struct Counter {
  int N = 0;
  int next() { return ++N; }
};
struct BigFunctor {
  long Data[8];
  long operator()() const { return Data[0]; }
};
int add(int A, int B) { return A + B; }

void sink(std::function<int()> F);
void sinkRef(const std::function<int()> &F);

void loops(const std::vector<std::string> &Names, std::string Owned) {
  int A = 1, B = 2, C = 3;
  int *PA = &A, *PB = &B, *PC = &C;
  BigFunctor Big{};
  for (const std::string &Name : Names) {
    // Two pointers, 16 bytes, trivially copyable: inline in both libraries.
    std::function<int()> Two = [PA, PB] { return *PA + *PB; };

    // Three pointers: 24 bytes.
    std::function<int()> Three = [PA, PB, PC] { return *PA + *PB + *PC; };
    // CHECK-NOTES-GNU: :[[@LINE-1]]:34: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-7]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:34: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-9]]:3: note: loop here

    // One std::string: allocates with both, for different reasons.
    std::function<size_t()> Len = [Owned] { return Owned.size(); };
    // CHECK-NOTES-GNU: :[[@LINE-1]]:35: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-14]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:35: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-16]]:3: note: loop here

    // std::any holding a std::string: heap with libstdc++ (32 > 8), inline
    // with libc++ (24 <= 24, and the move is noexcept).
    std::any Boxed = Name;
    // CHECK-NOTES-GNU: :[[@LINE-1]]:22: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-22]]:3: note: loop here

    // A member function pointer is 16 bytes: too large for libstdc++'s
    // std::any (the pointer exemption is for the std::function family).
    std::any Method = &Counter::next;
    // CHECK-NOTES-GNU: :[[@LINE-1]]:23: warning: std::any built from 'int (Counter::*)()' (16 bytes) allocates on each iteration (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-28]]:3: note: loop here

    // Implicit constructions: one std::function per call of sink/sinkRef.
    sink([Owned] { return static_cast<int>(Owned.size()); });
    // CHECK-NOTES-GNU: :[[@LINE-1]]:10: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-33]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:10: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-35]]:3: note: loop here
    sinkRef([PA, PB, PC] { return *PA + *PB + *PC; });
    // CHECK-NOTES-GNU: :[[@LINE-1]]:13: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-38]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:13: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-40]]:3: note: loop here

    // Never flagged: small values, function pointers, member function
    // pointers and std::reference_wrapper in std::function.
    std::any Small = 42;
    std::any Pair = Point{1, 2};
    std::function<int(int, int)> Plus = add;
    std::function<int(Counter &)> Next = &Counter::next;
    std::function<long()> ByRef = std::ref(Big);
  }
  // Not on a hot path.
  std::function<int()> Once = [PA, PB, PC] { return *PA + *PB + *PC; };
  std::any Name = Owned;
}

void algorithms(const std::vector<std::string> &Names) {
  std::for_each(Names.begin(), Names.end(), [](const std::string &N) {
    std::function<size_t()> Len = [N] { return N.size(); };
    // CHECK-NOTES-GNU: :[[@LINE-1]]:35: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
    // CHECK-NOTES-GNU: :[[@LINE-3]]:3: note: 'std::for_each' calls this lambda in a loop
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:35: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:3: note: 'std::for_each' calls this lambda in a loop
  });
}

[[gnu::hot]] size_t hot(std::string S) {
  std::function<size_t()> F = [S] { return S.size(); };
  // CHECK-NOTES-GNU: :[[@LINE-1]]:31: warning: std::function built from a lambda capturing 32 bytes allocates on each call (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
  // CHECK-NOTES-GNU: :[[@LINE-3]]:3: note: 'hot' is hot because of this attribute
  // CHECK-NOTES-LLVM: :[[@LINE-3]]:31: warning: std::function built from a lambda capturing 24 bytes allocates on each call (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
  // CHECK-NOTES-LLVM: :[[@LINE-5]]:3: note: 'hot' is hot because of this attribute
  return F();
}

// Returning a lambda as std::function from a function called in a loop.
std::function<size_t()> makeLen(std::string S) {
  return [S] { return S.size(); };
  // CHECK-NOTES-GNU: :[[@LINE-1]]:10: warning: std::function built from a lambda capturing 32 bytes allocates on each call (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
  // CHECK-NOTES-LLVM: :[[@LINE-2]]:10: warning: std::function built from a lambda capturing 24 bytes allocates on each call (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
}

size_t total(const std::vector<std::string> &Names) {
  size_t Sum = 0;
  for (const std::string &N : Names)
    Sum += makeLen(N)();
  // CHECK-NOTES-GNU: :[[@LINE-1]]:12: note: 'makeLen' is called in a loop here
  // CHECK-NOTES-LLVM: :[[@LINE-2]]:12: note: 'makeLen' is called in a loop here
  return Sum;
}
