// RUN: %check_clang_tidy %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"

// Cases a break session found, where a FixSignatures fix-it did not compile
// or changed what the program does. Each still warns; the CHECK-FIXES lines
// say what the fixed file holds.

#include <memory>
#include <type_traits>
#include <utility>

struct Point {
  int X = 0;
};

// `auto *` is not deduced from `Point{}`: no fix-it.
static auto *autoStar() { return new Point{}; }
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'autoStar' returns a heap-allocated 'Point' (4 bytes) through 'Point *'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static auto *autoStar() { return new Point{}; }

// `auto(5)` is not C++17: no fix-it.
static int *newAuto() { return new auto(5); }
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'newAuto' returns a heap-allocated 'int' (4 bytes) through 'int *'; consider returning 'int' by value [escape-owning-return]
// CHECK-FIXES: static int *newAuto() { return new auto(5); }

// `Agg{}` would copy-list-initialize Tag through its explicit constructor:
// the temporary keeps `()`.
struct Tag {
  explicit Tag() {}
};
struct Agg {
  int X;
  Tag T;
};
static std::unique_ptr<Agg> parens() { return std::make_unique<Agg>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'parens' returns a heap-allocated 'Agg' (8 bytes) through 'std::unique_ptr<Agg>'; consider returning 'Agg' by value [escape-owning-return]
// CHECK-FIXES: static Agg parens() { return Agg(); }

// One declaration statement for two functions: no fix-it.
static Point *other(), *grouped();
// CHECK-FIXES: static Point *other(), *grouped();
static Point *grouped() { return new Point{}; }
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'grouped' returns a heap-allocated 'Point' (4 bytes) through 'Point *'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static Point *grouped() { return new Point{}; }
static Point *other() {
  static Point P;
  return &P;
}

// A returned local wrapped in a constructor: the whole return becomes the
// local.
static std::unique_ptr<Point> wrapped(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'wrapped' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: static Point wrapped(int A) {
  Point *P = new Point;
  // CHECK-FIXES: Point P;
  P->X = A;
  // CHECK-FIXES: P.X = A;
  return std::unique_ptr<Point>(P);
  // CHECK-FIXES: return P;
}

// An alias template whose argument is not the pointee: no fix-it.
template <class T> using NoRefPtr = std::remove_reference_t<T> *;
static NoRefPtr<Point &> aliased() { return new Point{}; }
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'aliased' returns a heap-allocated 'Point' (4 bytes) through 'NoRefPtr<Point &>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static NoRefPtr<Point &> aliased() { return new Point{}; }

// A raw pointer's object used to live forever: a method may keep or delete
// `this`, so a caller calling one stops the fix-it.
struct Job {
  int Id = 0;
  void runAndRelease() { delete this; }
};
static Job *makeJob() { return new Job; }
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'makeJob' returns a heap-allocated 'Job' (4 bytes) through 'Job *'; consider returning 'Job' by value [escape-owning-return]
// CHECK-FIXES: static Job *makeJob() { return new Job; }

// An overload set may pick `take(Point &&)` once the argument is a prvalue.
static int take(const Point &P) { return P.X; }
static int take(Point &&P) { return -P.X; }
static std::unique_ptr<Point> overloadArg() {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'overloadArg' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: static std::unique_ptr<Point> overloadArg() {
  return std::make_unique<Point>();
}

// An explicit specialization: its redeclarations include the primary
// template, which other instantiations use.
template <class T> static std::unique_ptr<T> spec() {
  // CHECK-FIXES: template <class T> static std::unique_ptr<T> spec() {
  return std::make_unique<T>();
}
template <> std::unique_ptr<Point> spec<Point>() {
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'spec' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: template <> std::unique_ptr<Point> spec<Point>() {
  return std::make_unique<Point>();
}

// A literal operator: `5_pt.X` would lex as one number.
namespace {
std::unique_ptr<Point> operator""_pt(unsigned long long V) {
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'operator""_pt' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: std::unique_ptr<Point> operator""_pt(unsigned long long V) {
  auto P = std::make_unique<Point>();
  P->X = static_cast<int>(V);
  return P;
}
} // namespace

// A call in a template may reach another overload in another instantiation.
static std::unique_ptr<Point> byType(int) { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'byType' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static std::unique_ptr<Point> byType(int) { return std::make_unique<Point>(); }
static std::unique_ptr<Point> byType(double) { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'byType' returns a heap-allocated 'Point' (4 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static std::unique_ptr<Point> byType(double) { return std::make_unique<Point>(); }
template <class T> int readByType(T V) { return byType(V)->X; }
// CHECK-MESSAGES: :[[@LINE-1]]:49: note: 1 caller in this translation unit would change; the first that keeps the object is here
// CHECK-MESSAGES: :[[@LINE-2]]:49: note: 2 callers in this translation unit would change; the first that keeps the object is here

int callers() {
  int Sum = autoStar()->X + *newAuto() + parens()->X + grouped()->X;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:30: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-3]]:42: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-4]]:56: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-FIXES: int Sum = autoStar()->X + *newAuto() + parens().X + grouped()->X;
  Sum += other()->X + wrapped(1)->X + aliased()->X;
  // CHECK-MESSAGES: :[[@LINE-1]]:23: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:39: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-FIXES: Sum += other()->X + wrapped(1).X + aliased()->X;
  makeJob()->runAndRelease();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 1 caller in this translation unit would change; the first that keeps the object is here
  Sum += take(*overloadArg()) + spec<Point>()->X + 5_pt->X;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:33: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-3]]:53: note: 1 caller in this translation unit would change; the first that keeps the object is here
  std::unique_ptr<Point> Kept = byType(1.0);
  return Sum + Kept->X + readByType(1) + readByType(2.0);
}

// std::optional is declared only after this function: no fix-it.
static std::unique_ptr<Point> lateOptional(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'lateOptional' returns a heap-allocated 'Point' (4 bytes) or null through 'std::unique_ptr<Point>'; consider returning 'std::optional<Point>' [escape-owning-return]
  // CHECK-FIXES: static std::unique_ptr<Point> lateOptional(int A) {
  if (A < 0)
    return nullptr;
  return std::make_unique<Point>();
}

#include <optional>

// A type that can be neither moved nor copied cannot leave the caller's
// frame as a value: not reported (std::optional<Pinned> could not even be
// built from a Pinned prvalue).
struct Pinned {
  int X = 0;
  Pinned() = default;
  Pinned(Pinned &&) = delete;
};
static Pinned *findPinned(int A) {
  if (A < 0)
    return nullptr;
  return new Pinned;
}

// `*opt` of a temporary optional is an xvalue that a reference does not
// keep alive: a caller binding it stops the fix-it.
static Point *findBound(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'findBound' returns a heap-allocated 'Point' (4 bytes) or null through 'Point *'; consider returning 'std::optional<Point>' [escape-owning-return]
  // CHECK-FIXES: static Point *findBound(int A) {
  if (A < 0)
    return nullptr;
  return new Point{A};
}

int optionalCallers() {
  const Point &B = *findBound(6);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: note: 1 caller in this translation unit would change; the first that keeps the object is here
  return lateOptional(1)->X + findPinned(2)->X + B.X;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 1 caller in this translation unit would change; the first that keeps the object is here
}
