// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <memory>

// Fix-its that would change what the program does, or would not compile.

int log(int Event);

struct Noisy {
  int V = 0;
  ~Noisy() { log(V); }
};

// The destructor would run after the `return` expression: no fix-it.
int returnWithEffects() {
  Noisy *P = new Noisy;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Noisy' (4 bytes) is heap-allocated but never escapes 'returnWithEffects'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Noisy *P = new Noisy;
  P->V = 1;
  delete P;
  return log(2);
}

// `Later` is destroyed before the value would be, after the heap object was.
int localDeclaredAfter() {
  Noisy *P = new Noisy;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Noisy' (4 bytes) is heap-allocated but never escapes 'localDeclaredAfter'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Noisy *P = new Noisy;
  Noisy Later;
  P->V = 3;
  Later.V = 4;
  delete P;
  return 0;
}

// The `delete` ends the owner's scope: the destructor runs at the same point.
void deleteEndsScope(bool C) {
  if (C) {
    Noisy *P = new Noisy;
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Noisy' (4 bytes) is heap-allocated but never escapes 'deleteEndsScope'; consider a local variable [escape-heap-to-stack]
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'P' owns the object and no use of it lets the object escape
    // CHECK-FIXES: Noisy P;
    P->V = 5;
    // CHECK-FIXES: P.V = 5;
    delete P;
  }
  log(6);
}

struct Plain {
  int X, Y;
};

// A `;` inside a comment is not the end of the statement.
int commentSemicolon() {
  Plain *Q = new Plain{1, 2};
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Plain' (8 bytes) is heap-allocated but never escapes 'commentSemicolon'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: 'Q' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Plain Q{1, 2};
  int R = Q->X + Q->Y;
  // CHECK-FIXES: int R = Q.X + Q.Y;
  delete Q /* freed; done */ ;
  // CHECK-FIXES-NOT: delete Q{{.*}}
  // CHECK-FIXES-NOT: {{[^/]*}}done */ ;
  return R;
  // CHECK-FIXES: return R;
}

struct Pair {
  Pair(int A, int B) : A(A), B(B) {}
  int A, B;
};

// A preprocessor conditional inside the arguments: no fix-it.
int conditionalArgs() {
  auto P = std::make_unique<Pair>(1,
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Pair' (8 bytes) is heap-allocated but never escapes 'conditionalArgs'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'P' owns the object and no use of it lets the object escape
  // CHECK-FIXES: auto P = std::make_unique<Pair>(1,
#ifdef EXTRA_ARGUMENT
                                  3
#else
                                  2
#endif
  );
  return P->A + P->B;
  // CHECK-FIXES: return P->A + P->B;
}

struct Counter {
  Counter() : N(7) {}
  int N;
};

// `Counter C(\n)` and `Counter C /*c*/ ()` would declare functions.
int emptyParensOnTwoLines() {
  Counter *C = new Counter(
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Counter' (4 bytes) is heap-allocated but never escapes 'emptyParensOnTwoLines'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'C' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Counter C{};
  );
  int N = C->N;
  delete C;
  return N;
}

int emptyParensWithComment() {
  Counter *C = new Counter /*c*/ ();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Counter' (4 bytes) is heap-allocated but never escapes 'emptyParensWithComment'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: 'C' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Counter C{};
  int N = C->N;
  delete C;
  return N;
}

// `&P` would call the free operator&: std::addressof keeps the meaning.
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

// A shallow copy (user-declared destructor, no move, raw owning pointer) is
// never suggested as a value.
struct Shallow {
  int *Data;
  Shallow() : Data(new int(0)) {}
  ~Shallow() { delete Data; }
};
int readShallow() {
  auto S = std::make_unique<Shallow>();
  return *S->Data;
}
