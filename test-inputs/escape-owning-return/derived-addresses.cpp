// RUN: %check_clang_tidy %s escape-owning-return %t -- \
// RUN:   -config="{CheckOptions: {escape-owning-return.FixSignatures: true}}"

// Soundness (issue 12): an address derived from the object that is kept
// before the `return` means the object does not "leak only to the result".
// None of these is reported, and FixSignatures rewrites nothing.

#include <memory>
#include <vector>

struct P {
  int Arr[2];
  int *ptr() { return Arr; }
};
struct Iter {
  int *Q;
  int &operator*() const { return *Q; }
  Iter &operator++() {
    ++Q;
    return *this;
  }
};
struct Bag {
  int Items[2];
  Iter begin() { return Iter{Items}; }
};

int *GX;
Iter GIter;

static std::unique_ptr<P> makeDecay() {
  auto p = std::make_unique<P>();
  GX = p->Arr;
  return p;
}
static std::unique_ptr<P> makeMember() {
  auto p = std::make_unique<P>();
  GX = p->ptr();
  return p;
}
static std::unique_ptr<P> makeCapture() {
  auto p = std::make_unique<P>();
  [q = p.get()] { GX = q->Arr; }();
  return p;
}
static P *makeRawDecay() {
  P *p = new P;
  GX = p->Arr + 1;
  return p;
}
static std::unique_ptr<Bag> makeIterator() {
  auto b = std::make_unique<Bag>();
  GIter = b->begin();
  return b;
}

int use() {
  return makeDecay()->Arr[0] + makeMember()->Arr[0] + makeCapture()->Arr[0] +
         makeRawDecay()->Arr[0] + *makeIterator()->begin();
}
