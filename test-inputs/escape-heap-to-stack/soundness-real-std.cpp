// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-heap-to-stack %t

// The stack budget, the fix-it rules and the shallow-copy rule on the real
// library.
#include <array>
#include <memory>
#include <string>

int log(int Event);

// Recursive, 1,004 bytes: not suggested.
int depth(int N) {
  auto B = std::make_unique<std::array<char, 1004>>();
  (*B)[0] = static_cast<char>(N);
  return N == 0 ? (*B)[0] : depth(N - 1) + (*B)[0];
}

// Recursive, small: suggested.
int depthSmall(int N) {
  auto S = std::make_unique<std::array<int, 2>>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::array<int, 2>' (8 bytes) is heap-allocated but never escapes 'depthSmall'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'S' owns the object and no use of it lets the object escape
  // CHECK-FIXES: std::array<int, 2> S{};
  (*S)[0] = N;
  return N == 0 ? (*S)[0] : depthSmall(N - 1);
  // CHECK-FIXES: (S)[0] = N;
}

// The frame already holds 3,500 bytes.
int bigFrame() {
  std::array<char, 3500> Buffer{};
  auto B = std::make_unique<std::array<char, 1004>>();
  (*B)[0] = Buffer[0];
  return (*B)[0];
}

// std::string's destructor is not trivial: removing `delete` before a
// `return` with side effects would move it after them.
int returnWithEffects(const std::string &Name) {
  std::string *P = new std::string(Name);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'std::string' (32 bytes) is heap-allocated but never escapes 'returnWithEffects'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: std::string *P = new std::string(Name);
  int Size = static_cast<int>(P->size());
  delete P;
  return log(Size);
}

// The `delete` ends the scope: the fix-it is offered.
void deleteEndsScope(const std::string &Name) {
  std::string *P = new std::string(Name);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'std::string' (32 bytes) is heap-allocated but never escapes 'deleteEndsScope'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: std::string P(Name);
  log(static_cast<int>(P->size()));
  // CHECK-FIXES: log(static_cast<int>(P.size()));
  delete P /* freed; done */ ;
  // CHECK-FIXES-NOT: delete P{{.*}}
}

struct Tagged {
  int V;
};
Tagged *operator&(Tagged &) { return nullptr; }
int readTagged(const Tagged *T) { return T->V; }

int freeAddressOf() {
  auto P = std::make_unique<Tagged>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Tagged' (4 bytes) is heap-allocated but never escapes 'freeAddressOf'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Tagged P{};
  return readTagged(P.get());
  // CHECK-FIXES: return readTagged(std::addressof(P));
}

struct Shallow {
  char *Data;
  Shallow() : Data(new char[8]()) {}
  ~Shallow() { delete[] Data; }
};
int readShallow() {
  auto S = std::make_unique<Shallow>();
  return S->Data[0];
}
