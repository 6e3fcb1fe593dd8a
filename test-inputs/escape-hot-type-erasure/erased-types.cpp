// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++', escape-hot-type-erasure.ErasedTypes: 'app::SmallFn=16:nothrow-move;app::Tiny=8:trivially-copyable;app::Box=24;std::function=64:nothrow-move'}}"

// ErasedTypes adds erased types (Name=Bytes[:Trait[:MaxAlign]]) and may
// override a standard one: here std::function is given a 64-byte buffer.

#include <any>
#include <functional>
#include <string>
#include <vector>

namespace app {
template <class Sig> class SmallFn;
template <class R, class... Args> class SmallFn<R(Args...)> {
public:
  template <class F> SmallFn(F Fn) {}
};
template <class Sig> class Tiny;
template <class R, class... Args> class Tiny<R(Args...)> {
public:
  template <class F> Tiny(F Fn) {}
};
class Box {
public:
  template <class T> Box(T Value) {}
};
} // namespace app

struct Counter {
  int N = 0;
  int next() { return ++N; }
};

void loop(const std::vector<int> &V, std::string S) {
  long A = 0, B = 0, C = 0;
  long *PA = &A, *PB = &B, *PC = &C;
  for (int I : V) {
    app::SmallFn<long()> Three = [PA, PB, PC] { return *PA + *PB + *PC; };
    // CHECK-NOTES: :[[@LINE-1]]:34: warning: app::SmallFn built from a lambda capturing 24 bytes allocates on each iteration (as configured in ErasedTypes, it stores only nothrow-move-constructible payloads of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:3: note: loop here
    app::SmallFn<long()> Two = [PA, PB] { return *PA + *PB; };

    // A 16-byte member function pointer in an 8-byte buffer: still inline,
    // pointers are exempt; a 16-byte lambda is not.
    app::Tiny<int(Counter &)> Method = &Counter::next;
    app::Tiny<long()> Pair = [PA, PB] { return *PA + *PB; };
    // CHECK-NOTES: :[[@LINE-1]]:30: warning: app::Tiny built from a lambda capturing 16 bytes allocates on each iteration (as configured in ErasedTypes, it stores only trivially copyable payloads of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-11]]:3: note: loop here

    app::Box Boxed = S;
    // CHECK-NOTES: :[[@LINE-1]]:22: warning: app::Box built from 'std::string' (32 bytes) allocates on each iteration (as configured in ErasedTypes, it stores only payloads of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-15]]:3: note: loop here

    // std::function now keeps 64 bytes of nothrow-movable callables; std::any
    // keeps libstdc++'s rule.
    std::function<size_t()> Len = [S] { return S.size(); };
    std::any Any = S;
    // CHECK-NOTES: :[[@LINE-1]]:20: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-22]]:3: note: loop here
  }
}
