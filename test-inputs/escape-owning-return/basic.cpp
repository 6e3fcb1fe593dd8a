// RUN: %check_clang_tidy %s escape-owning-return %t

#include <memory>
#include <utility>

struct User {
  long Id = 0;
  char Name[32] = {};
};

std::unique_ptr<User> makeUser(long Id) {
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'makeUser' returns a heap-allocated 'User' (40 bytes) through 'std::unique_ptr<User>'; consider returning 'User' by value [escape-owning-return]
  auto U = std::make_unique<User>();
  U->Id = Id;
  return U;
}

std::shared_ptr<User> sharedUser() {
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'sharedUser' returns a heap-allocated 'User' (40 bytes) through 'std::shared_ptr<User>'; consider returning 'User' by value [escape-owning-return]
  return std::make_shared<User>();
}

User *rawUser() {
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'rawUser' returns a heap-allocated 'User' (40 bytes) through 'User *'; consider returning 'User' by value [escape-owning-return]
  return new User();
}

std::unique_ptr<User> findUser(long Id) {
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'findUser' returns a heap-allocated 'User' (40 bytes) or null through 'std::unique_ptr<User>'; consider returning 'std::optional<User>' [escape-owning-return]
  if (Id < 0)
    return nullptr;
  return std::make_unique<User>();
}

long callers() {
  long Sum = makeUser(1)->Id + makeUser(2)->Id;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: 2 callers in this translation unit would change; the first that keeps the object is here
  return Sum + sharedUser()->Id + rawUser()->Id + findUser(3)->Id;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:35: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: 1 caller in this translation unit would change; the first that keeps the object is here
}

template <class T> std::unique_ptr<T> makeOne() {
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'makeOne' returns a heap-allocated 'User' (40 bytes) through 'std::unique_ptr<User>'; consider returning 'User' by value [escape-owning-return]
  return std::make_unique<T>();
}
long useTemplate() { return makeOne<User>()->Id; }
// CHECK-MESSAGES: :[[@LINE-1]]:29: note: 1 caller in this translation unit would change; the first that keeps the object is here

// One caller keeps the owner and another hands it on: still reported.
int consume(std::unique_ptr<User> U);
std::unique_ptr<User> mixedUser() { return std::make_unique<User>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'mixedUser' returns a heap-allocated 'User' (40 bytes) through 'std::unique_ptr<User>'; consider returning 'User' by value [escape-owning-return]
long mixedCallers() {
  std::unique_ptr<User> Kept = mixedUser();
  // CHECK-MESSAGES: :[[@LINE-1]]:32: note: 2 callers in this translation unit would change; the first that keeps the object is here
  return Kept->Id + consume(mixedUser());
}
