// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <memory>
#include <thread>
#include <utility>
#include <vector>

struct Point {
  double x, y;
};

// ---- No warning: the object escapes. ----

Point *Global;
std::shared_ptr<Point> Kept;
void sink(Point *);
void take(std::unique_ptr<Point>);
void keep(Point *c) { Global = c; }

std::unique_ptr<Point> returned() { return std::make_unique<Point>(); }
void storedToGlobal() { Global = new Point; }
void sharedCopyKept() {
  auto p = std::make_shared<Point>();
  auto q = p;
  Kept = q;
}
void passedToOpaque() { sink(new Point); }
void passedToEscapingParam() {
  auto p = std::make_unique<Point>();
  keep(p.get());
}
void moved() {
  auto p = std::make_unique<Point>();
  take(std::move(p));
}
Point *released() { return std::make_unique<Point>().release(); }
void thrown() { throw new Point; }
void thread() {
  auto p = std::make_unique<Point>();
  std::thread t([&] { p->x = 1; });
  t.join();
}
struct Holder {
  std::vector<Point *> Items;
  Point *Last = nullptr;
  void add() { Items.push_back(new Point); }
  void set() {
    Point *p = new Point;
    Last = p;
  }
};
std::vector<std::unique_ptr<Point>> containerReturned() {
  std::vector<std::unique_ptr<Point>> v;
  v.push_back(std::make_unique<Point>());
  return v;
}

// The GUI parent-ownership idiom: the constructor's body is not visible and it
// receives a pointer to another object, which may take ownership and delete
// it later. A local value would be freed twice.
struct Widget;
struct Label {
  explicit Label(Widget *Parent);
  int Width;
};
int parentOwned(Widget *W) {
  Label *L = new Label(W);
  return L->Width;
}

// `this` escapes in the constructor.
struct Node;
Node *Registry;
struct Node {
  Node() { Registry = this; }
  int Value = 0;
};
int registered() { return std::make_unique<Node>()->Value; }

// ---- No warning: never suggested. ----

struct Big {
  char Bytes[4096];
};
int tooLarge() { return std::make_unique<Big>()->Bytes[0]; } // > MaxObjectSize

struct Opaque;
Opaque *makeOpaque();
void incomplete() { std::unique_ptr<Opaque> o(makeOpaque()); }

template <class T> T uninstantiated() { return *std::make_unique<T>(); }

#define MAKE_POINT() std::make_unique<Point>()
double inMacro() { return MAKE_POINT()->x; }

void reseated(bool c) {
  auto p = std::make_unique<Point>();
  p = std::make_unique<Point>();
  p->x = c;
}

int nonConstantArray(int n) {
  int *a = new int[n];
  int r = a[0];
  delete[] a;
  return r;
}
