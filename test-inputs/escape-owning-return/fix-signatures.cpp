// RUN: %check_clang_tidy %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"

#include <memory>
#include <optional>
#include <utility>

struct Point {
  int X = 0, Y = 0;
  Point() = default;
  Point(int X, int Y) : X(X), Y(Y) {}
  int sum() const { return X + Y; }
};

static int usePoint(const Point &P) { return P.X; }

// Internal linkage and every caller reads through `->` or `*`: the
// signature, the return and the callers change.
static std::unique_ptr<Point> makePoint(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'makePoint' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: static Point makePoint(int A) {
  return std::make_unique<Point>(A, A + 1);
  // CHECK-FIXES: return Point(A, A + 1);
}

// A forward declaration changes with the definition.
static std::unique_ptr<Point> declaredFirst();
// CHECK-FIXES: static Point declaredFirst();

namespace {
// A local owner becomes a local value.
std::unique_ptr<Point> throughLocal(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'throughLocal' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: Point throughLocal(int A) {
  auto P = std::make_unique<Point>();
  // CHECK-FIXES: Point P{};
  P->X = A;
  // CHECK-FIXES: P.X = A;
  (*P).Y = A;
  // CHECK-FIXES: (P).Y = A;
  return P;
}

Point *rawPoint() { return new Point{1, 2}; }
// CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'rawPoint' returns a heap-allocated 'Point' (8 bytes) through 'Point *'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: Point rawPoint() { return Point{1, 2}; }

// Some paths return null: std::optional, and the callers keep `->` / `*`.
std::unique_ptr<Point> findPoint(int A) {
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'findPoint' returns a heap-allocated 'Point' (8 bytes) or null through 'std::unique_ptr<Point>'; consider returning 'std::optional<Point>' [escape-owning-return]
  // CHECK-FIXES: std::optional<Point> findPoint(int A) {
  if (A < 0)
    return nullptr;
  // CHECK-FIXES: return std::nullopt;
  return std::unique_ptr<Point>(new Point(A, A));
  // CHECK-FIXES: return Point(A, A);
}

// A deduced return type follows the rewritten return.
auto deduced() { return std::make_unique<Point>(5, 6); }
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'deduced' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: auto deduced() { return Point(5, 6); }
} // namespace

static std::unique_ptr<Point> declaredFirst() { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'declaredFirst' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static Point declaredFirst() { return Point(); }

int callers() {
  int Sum = makePoint(1)->X + makePoint(2)->sum() + usePoint(*makePoint(3));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: note: 5 callers in this translation unit would change; the first that keeps the object is here
  // CHECK-FIXES: int Sum = makePoint(1).X + makePoint(2).sum() + usePoint(makePoint(3));
  Point Copy = *makePoint(4);
  // CHECK-FIXES: Point Copy = makePoint(4);
  const Point &Bound = *makePoint(5);
  // CHECK-FIXES: const Point &Bound = makePoint(5);
  Sum += throughLocal(5)->sum() + rawPoint()->Y + declaredFirst()->X;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:35: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-3]]:51: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-FIXES: Sum += throughLocal(5).sum() + rawPoint().Y + declaredFirst().X;
  Sum += findPoint(6)->X + usePoint(*findPoint(7)) + deduced()->Y;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: note: 2 callers in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:54: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-FIXES: Sum += findPoint(6)->X + usePoint(*findPoint(7)) + deduced().Y;
  return Sum + Copy.X + Bound.Y;
}

// Not fixed: external linkage (callers may live in other files).
std::unique_ptr<Point> externalPoint() { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'externalPoint' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: std::unique_ptr<Point> externalPoint() { return std::make_unique<Point>(); }

// Not fixed: a caller keeps the pointer.
static std::unique_ptr<Point> storedPoint() { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'storedPoint' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static std::unique_ptr<Point> storedPoint() { return std::make_unique<Point>(); }

// Not fixed: a caller writes through the pointer (`f().X = 1` would not
// compile).
static std::unique_ptr<Point> writtenPoint() { return std::make_unique<Point>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'writtenPoint' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static std::unique_ptr<Point> writtenPoint() { return std::make_unique<Point>(); }

// Not fixed: a caller binds the object to a non-const reference.
static Point *boundPoint() { return new Point(); }
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'boundPoint' returns a heap-allocated 'Point' (8 bytes) through 'Point *'; consider returning 'Point' by value [escape-owning-return]
// CHECK-FIXES: static Point *boundPoint() { return new Point(); }

// Not fixed: a template (its instantiations may differ).
template <class T> static std::unique_ptr<T> makeAny() {
  // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'makeAny' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  // CHECK-FIXES: template <class T> static std::unique_ptr<T> makeAny() {
  return std::make_unique<T>();
}

int otherCallers() {
  std::unique_ptr<Point> Kept = storedPoint();
  // CHECK-MESSAGES: :[[@LINE-1]]:33: note: 1 caller in this translation unit would change; the first that keeps the object is here
  writtenPoint()->X = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: 1 caller in this translation unit would change; the first that keeps the object is here
  Point &Ref = *boundPoint();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: note: 1 caller in this translation unit would change; the first that keeps the object is here
  return Kept->X + Ref.Y + externalPoint()->X + makeAny<Point>()->X;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: note: 1 caller in this translation unit would change; the first that keeps the object is here
  // CHECK-MESSAGES: :[[@LINE-2]]:49: note: 1 caller in this translation unit would change; the first that keeps the object is here
}
