// RUN: %check_clang_tidy %s escape-owning-return %t -- -- -I %S/../Inputs/escape-owning-return

// Kinds of wrong findings seen on real code (issue 13): none of the
// functions of the first part may be reported.
#include "public-api.h"
#include <memory>
#include <utility>

// ---- Polymorphic classes are held through owners of their base. ----
struct Stmt {
  virtual ~Stmt() = default;
  int Pos = 0;
};
struct Comment final : Stmt {
  int Text = 0;
};
static std::unique_ptr<Comment> mkComment() {
  return std::make_unique<Comment>();
}
std::unique_ptr<Stmt> parseAny() {
  std::unique_ptr<Stmt> Result;
  Result = mkComment();
  return Result;
}
struct Updater {
  virtual ~Updater() = default;
  virtual void update() {}
};
static Updater *createUpdater() { return new Updater(); }
int useUpdater() {
  Updater *U = createUpdater();
  U->update();
  delete U;
  return 0;
}
struct Shape {
  virtual double area() const { return 0; }
};
struct VirtualBase : virtual Shape {
  int Sides = 3;
};
static std::unique_ptr<VirtualBase> makeVirtualBase() {
  return std::make_unique<VirtualBase>();
}
int sides() { return makeVirtualBase()->Sides; }

// ---- Public API: declared in a header, callers in other TUs. ----
std::unique_ptr<Widget> makeWidget(int Id) {
  auto W = std::make_unique<Widget>();
  W->Id = Id;
  return W;
}
int widgetId() { return makeWidget(1)->Id; }
int inlineWidgetId() { return makeInlineWidget(2)->Id + makeDefault<Widget>()->Id; }

// ---- Still reported: an internal function whose callers are all here. ----
struct Point {
  int X = 0, Y = 0;
};
static std::unique_ptr<Point> makePoint(int X) {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'makePoint' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  auto P = std::make_unique<Point>();
  P->X = X;
  return P;
}
int px() { return makePoint(2)->X; }
// CHECK-MESSAGES: :[[@LINE-1]]:19: note: 1 caller in this translation unit would change; the first that keeps the object is here

// ---- The note points at a caller that keeps the object, not at one that
// hands the owner on. ----
int sinkPoint(std::unique_ptr<Point> P);
static std::unique_ptr<Point> makeMixed(int X) {
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'makeMixed' returns a heap-allocated 'Point' (8 bytes) through 'std::unique_ptr<Point>'; consider returning 'Point' by value [escape-owning-return]
  return std::make_unique<Point>(Point{X, X});
}
int mixed() {
  int A = sinkPoint(makeMixed(1));
  return A + makeMixed(2)->Y;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: note: 2 callers in this translation unit would change; the first that keeps the object is here
}
