// RUN: %check_clang_tidy %s escape-heap-to-stack %t

// Regressions found by trying the check on googletest and odd code: each
// of these objects escapes or would change behaviour as a local value.

#include <cstdlib>
extern "C" void *memcpy(void *, const void *, decltype(sizeof(0)));
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Point {
  int x, y;
};

// Constructor initializers store into members.
struct Holder {
  std::unique_ptr<Point> Owned;
  Point *Raw;
  Holder() : Owned(new Point()), Raw(new Point{1, 2}) {}
  explicit Holder(Point *P) : Raw(P) {}
};
int storedByConstructor() {
  Holder H(new Point());
  return H.Raw->x;
}

// Any class built from the pointer is a user of it, not its owner.
struct Handle {
  explicit Handle(Point *P) : P(P) {}
  ~Handle() { delete P; }
  Point *P;
};
int handle() {
  Handle H(new Point());
  return H.P->x;
}

// A custom deleter receives the pointer.
void recycle(Point *);
int customDeleter() {
  std::unique_ptr<Point, void (*)(Point *)> P(new Point(), recycle);
  return P->x;
}

// `delete this`.
struct SelfDeleting {
  int V = 0;
  void release() { delete this; }
};
void selfDeleting() {
  SelfDeleting *S = new SelfDeleting;
  S->release();
}

// Nothing is allocated in an unevaluated operand or a default argument
// seen from the caller.
unsigned long unevaluated() { return sizeof(*new Point); }

// enable_shared_from_this hands out new owners.
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Session> self() { return shared_from_this(); }
  int Id = 0;
};
std::shared_ptr<Session> Last;
int shared() {
  auto S = std::make_shared<Session>();
  Last = S->self();
  return S->Id;
}

// Structured bindings are followed.
Point *Kept;
void bindings() {
  auto [A, B] = std::make_pair(new Point(), 1);
  Kept = A;
  (void)B;
}

// Pointers to elements: data() and dereferenced iterators.
void elements() {
  std::vector<Point *> V;
  V.push_back(new Point());
  Point **D = V.data();
  Kept = *D;
}

// std::exchange stores its second argument.
void exchanged() { std::exchange(Kept, new Point()); }

// memcpy returns its destination.
void *Buffer;
void copied() {
  char *B = static_cast<char *>(malloc(16));
  Buffer = memcpy(B, "0123456789abcdef", 16);
}

// A pointer into the object returned by a member whose body is not seen.
const char *view() {
  auto S = std::make_unique<std::string>("text");
  return S->c_str();
}

// An alias declared outside the loop keeps the object past its iteration.
int keptPastIteration() {
  std::shared_ptr<Point> Keep;
  for (int I = 0; I < 3; ++I) {
    auto P = std::make_shared<Point>();
    Keep = P;
  }
  return Keep->x;
}

// Qt-style parent of the same type, constructor not visible.
struct Object {
  explicit Object(Object *Parent);
  int Id;
};
int parentOfSameType(Object *Root) {
  Object *Child = new Object(Root);
  return Child->Id;
}

// A member whose constructor registers `this`.
struct Registered;
Registered *Registry;
struct Registered {
  Registered() { Registry = this; }
};
struct Outer {
  Registered Member;
  int V = 0;
};
int memberRegisters() { return std::make_unique<Outer>()->V; }
