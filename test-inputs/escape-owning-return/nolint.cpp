// RUN: %check_clang_tidy %s escape-owning-return %t

// clang-tidy's own suppression comments silence escape-owning-return: NOLINT
// on the line of the warning (the function's return type), NOLINTNEXTLINE on
// the line before it, and a NOLINTBEGIN/NOLINTEND region (clang-tidy 14 and
// later). The last function is not suppressed and must still be reported.
#include <memory>

struct User {
  long Id = 0;
  char Name[32] = {};
};

std::unique_ptr<User> sameLine() { // NOLINT(escape-owning-return)
  return std::make_unique<User>();
}

// NOLINTNEXTLINE(escape-owning-return)
std::unique_ptr<User> nextLine() { return std::make_unique<User>(); }

// NOLINTBEGIN(escape-owning-return)
User *region() { return new User(); }
std::shared_ptr<User> regionShared() { return std::make_shared<User>(); }
// NOLINTEND(escape-owning-return)

std::unique_ptr<User> otherCheckNamed() { // NOLINT(escape-heap-to-stack)
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'otherCheckNamed' returns a heap-allocated 'User' (40 bytes) through 'std::unique_ptr<User>'; consider returning 'User' by value [escape-owning-return]
  return std::make_unique<User>();
}
