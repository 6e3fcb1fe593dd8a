// RUN: %check_clang_tidy -check-suffix=MSVC %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: msvc}}"
// RUN: %check_clang_tidy -check-suffix=OPT %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libc++-optimized-function'}}"
// RUN: %check_clang_tidy -check-suffix=LLVM %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libc++'}}"

// The rules of the libraries that are not installed here, forced with
// StandardLibrary over the mock std (std::string: 32 bytes, copy may throw,
// move is noexcept). MSVC STL: std::function keeps nothrow-movable callables
// whose size plus an 8-byte vtable pointer fits 56 bytes, std::any keeps
// trivially copyable values of up to 56 bytes or nothrow-movable ones of up to
// 48 bytes. libc++ with _LIBCPP_ABI_OPTIMIZED_FUNCTION: std::function keeps 16
// bytes of trivially copyable and destructible callables.

#include <any>
#include <functional>
#include <string>
#include <vector>

struct Six {
  long V[6];
  long operator()() const { return V[0]; }
};
struct Seven {
  long V[7];
  long operator()() const { return V[0]; }
};
struct alignas(16) Wide {
  long V[2];
  long operator()() const { return V[0]; }
};
struct Trivial56 {
  long V[7];
};
struct Named56 {
  std::string Name;
  long V[3];
};

void loop(const std::vector<int> &Items, std::string Owned,
          const std::string &Shared) {
  long A = 0, B = 0, C = 0;
  long *PA = &A, *PB = &B, *PC = &C;
  for (int I : Items) {
    std::function<long()> Three = [PA, PB, PC] { return *PA + *PB + *PC; };
    // CHECK-NOTES-OPT: :[[@LINE-1]]:35: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-3]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:35: warning: std::function built from a lambda capturing 24 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:3: note: loop here

    // MSVC: 8 + 32 <= 56 and the move is noexcept.
    std::function<size_t()> ByValue = [Owned] { return Owned.size(); };
    // CHECK-NOTES-OPT: :[[@LINE-1]]:39: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline; the lambda is not trivially copy-constructible and trivially destructible) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-10]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:39: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-12]]:3: note: loop here

    // A copy of a `const std::string &` is a const member: moving the closure
    // copies the string, so it is not nothrow-movable and MSVC allocates too.
    std::function<size_t()> ByConst = [Shared] { return Shared.size(); };
    // CHECK-NOTES-MSVC: :[[@LINE-1]]:39: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (MSVC STL stores only nothrow-move-constructible callables of up to 48 bytes inline; the lambda is not nothrow-move-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-MSVC: :[[@LINE-18]]:3: note: loop here
    // CHECK-NOTES-OPT: :[[@LINE-3]]:39: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline; the lambda is not trivially copy-constructible and trivially destructible) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-20]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:39: warning: std::function built from a lambda capturing 32 bytes allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; the lambda is not nothrow-copy-constructible) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-22]]:3: note: loop here

    // MSVC: 8 + 48 = 56 fits, 8 + 56 does not.
    std::function<long()> F48 = Six{};
    // CHECK-NOTES-OPT: :[[@LINE-1]]:33: warning: std::function built from 'Six' (48 bytes) allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-27]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:33: warning: std::function built from 'Six' (48 bytes) allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-29]]:3: note: loop here
    std::function<long()> F56 = Seven{};
    // CHECK-NOTES-MSVC: :[[@LINE-1]]:33: warning: std::function built from 'Seven' (56 bytes) allocates on each iteration (MSVC STL stores only nothrow-move-constructible callables of up to 48 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-MSVC: :[[@LINE-32]]:3: note: loop here
    // CHECK-NOTES-OPT: :[[@LINE-3]]:33: warning: std::function built from 'Seven' (56 bytes) allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-34]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:33: warning: std::function built from 'Seven' (56 bytes) allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-36]]:3: note: loop here

    // Over-aligned: 16 bytes, but alignof 16 > 8. libc++ tests no alignment;
    // its vtable pointer and padding make the object 32 bytes.
    std::function<long()> Aligned = Wide{};
    // CHECK-NOTES-MSVC: :[[@LINE-1]]:37: warning: std::function built from 'Wide' (16 bytes) allocates on each iteration (MSVC STL stores only nothrow-move-constructible callables of up to 48 bytes inline; 'Wide' is aligned to 16 bytes, more than 8) [escape-hot-type-erasure]
    // CHECK-NOTES-MSVC: :[[@LINE-42]]:3: note: loop here
    // CHECK-NOTES-OPT: :[[@LINE-3]]:37: warning: std::function built from 'Wide' (16 bytes) allocates on each iteration (libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION) stores only trivially copy-constructible and trivially destructible callables of up to 16 bytes inline; 'Wide' is aligned to 16 bytes, more than 8) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-44]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:37: warning: std::function built from 'Wide' (16 bytes) allocates on each iteration (libc++ stores only nothrow-copy-constructible callables of up to 16 bytes inline; with the 8-byte vtable pointer and padding it needs 32 of 24 bytes) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-46]]:3: note: loop here

    // std::any: MSVC's small representation holds the 32-byte string.
    std::any Str = Owned;
    // CHECK-NOTES-OPT: :[[@LINE-1]]:20: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-51]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:20: warning: std::any built from 'std::string' (32 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-53]]:3: note: loop here

    // MSVC's trivial representation holds 56 bytes, its small one 48.
    std::any T56 = Trivial56{};
    // CHECK-NOTES-OPT: :[[@LINE-1]]:20: warning: std::any built from 'Trivial56' (56 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-58]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-3]]:20: warning: std::any built from 'Trivial56' (56 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-60]]:3: note: loop here
    std::any N56 = Named56{};
    // CHECK-NOTES-MSVC: :[[@LINE-1]]:20: warning: std::any built from 'Named56' (56 bytes) allocates on each iteration (MSVC STL stores only trivially copyable values of up to 56 bytes or nothrow-move-constructible values of up to 48 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-MSVC: :[[@LINE-63]]:3: note: loop here
    // CHECK-NOTES-OPT: :[[@LINE-3]]:20: warning: std::any built from 'Named56' (56 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-OPT: :[[@LINE-65]]:3: note: loop here
    // CHECK-NOTES-LLVM: :[[@LINE-5]]:20: warning: std::any built from 'Named56' (56 bytes) allocates on each iteration (libc++ stores only nothrow-move-constructible values of up to 24 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES-LLVM: :[[@LINE-67]]:3: note: loop here

    // Inline everywhere: two pointers, an int.
    std::function<long()> Two = [PA, PB] { return *PA + *PB; };
    std::any Small = I;
  }
}
