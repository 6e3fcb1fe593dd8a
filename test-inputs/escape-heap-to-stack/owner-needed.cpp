// RUN: %check_clang_tidy %s escape-heap-to-stack %t
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-heap-to-stack %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-heap-to-stack %t

// The object never escapes, but it only serves as the lookup key of a
// standard container of owners (issue 13, kind D: RocksDB's make_shared
// lookup key): the container compares owners, so a local value would need an
// aliasing shared_ptr, not the local variable the check suggests. Not
// reported.

#include <memory>
#include <set>

struct File {
  long Number = 0;
  char Pad[200];
};
struct ByNumber {
  bool operator()(const std::shared_ptr<File> &A,
                  const std::shared_ptr<File> &B) const {
    return A->Number < B->Number;
  }
};
bool has(const std::set<std::shared_ptr<File>, ByNumber> &Files, long N) {
  auto Key = std::make_shared<File>();
  Key->Number = N;
  return Files.count(Key) != 0;
}

struct ByNumberUnique {
  bool operator()(const std::unique_ptr<File> &A,
                  const std::unique_ptr<File> &B) const {
    return A->Number < B->Number;
  }
};
bool hasUnique(const std::set<std::unique_ptr<File>, ByNumberUnique> &Files) {
  auto Key = std::make_unique<File>();
  return Files.find(Key) != Files.end();
}

// Only the object is used: reported.
long viaObject(long N) {
  auto F = std::make_unique<File>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'File' (208 bytes) is heap-allocated but never escapes 'viaObject'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'F' owns the object and no use of it lets the object escape
  F->Number = N;
  return F->Number;
}
// CHECK-FIXES: File F{};
// CHECK-FIXES: F.Number = N;
// CHECK-FIXES: return F.Number;
