// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: gcc, escape-hot-type-erasure.LoopsAreHot: maybe, escape-hot-type-erasure.ErasedTypes: 'absl::AnyInvocable;folly::Function=48:fast;ok::Fn=16'}}"

// Invalid option values are configuration errors naming the option and the
// value; the check goes on with the defaults (StandardLibrary=auto: nothing
// is detected on the mock std) and the valid ErasedTypes entries.

// CHECK-NOTES: error: invalid value 'maybe' for option 'escape-hot-type-erasure.LoopsAreHot'; expected 'true' or 'false' [clang-tidy-config]
// CHECK-NOTES: error: invalid entry 'absl::AnyInvocable' in option 'escape-hot-type-erasure.ErasedTypes': missing '='; expected 'Name=Bytes[:Trait[:MaxAlign]]' [clang-tidy-config]
// CHECK-NOTES: error: invalid entry 'folly::Function=48:fast' in option 'escape-hot-type-erasure.ErasedTypes': unknown trait 'fast' (one of: none, trivially-copyable, nothrow-copy, nothrow-move, trivially-copy-and-destroy); expected 'Name=Bytes[:Trait[:MaxAlign]]' [clang-tidy-config]
// CHECK-NOTES: error: invalid value 'gcc' for option 'escape-hot-type-erasure.StandardLibrary'; expected one of: auto, libstdc++, libc++, libc++-optimized-function, msvc [clang-tidy-config]

#include <functional>
#include <string>
#include <vector>

namespace ok {
template <class Sig> class Fn;
template <class R> class Fn<R()> {
public:
  template <class F> Fn(F Callable) {}
};
} // namespace ok

void loop(const std::vector<int> &V, std::string S) {
  for (int I : V) {
    std::function<size_t()> Std = [S] { return S.size(); };
    ok::Fn<size_t()> Custom = [S] { return S.size(); };
    // CHECK-NOTES: :[[@LINE-1]]:31: warning: ok::Fn built from a lambda capturing 32 bytes allocates on each iteration (as configured in ErasedTypes, it stores only payloads of up to 16 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: loop here
  }
}
