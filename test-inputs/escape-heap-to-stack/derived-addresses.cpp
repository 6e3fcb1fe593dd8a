// RUN: %check_clang_tidy %s escape-heap-to-stack %t

// Soundness (issue 12): a pointer, reference, iterator or view derived from
// the object flows like the object itself; an init-capture is an alias; a
// callee that receives `const std::shared_ptr<T>&` may copy it. Every
// allocation below escapes by such a route and must not be reported.

#include <memory>
#include <string>
#include <vector>

struct S {
  int Arr[4];
  int X;
  std::vector<int> Vec;
  std::string Str;
  int *ptr() { return Arr; }
  int &ref() { return X; }
  int *viaThis() { return this->Arr + 1; }
};

// A user container whose iterator is a class (like libstdc++'s).
struct Iter {
  int *P;
  int &operator*() const { return *P; }
  Iter &operator++() {
    ++P;
    return *this;
  }
};
struct Bag {
  int Items[3];
  Iter begin() { return Iter{Items}; }
};
struct Holder {
  int *Q;
  void publish();
  void keep() { Kept = Q; }
  static int *Kept;
};

int *G;
int **GG;
Iter GIter;
std::vector<int>::iterator GIT;
const char *GC;

// ---- Array members decay to a pointer into the object. ----
void decayStored() {
  S *p = new S;
  G = p->Arr;
  delete p;
}
void decayArithmetic() {
  S *p = new S;
  G = p->Arr + 1;
  delete p;
}
int *decayReturned() {
  S *p = new S;
  return p->Arr;
}
void decayThroughLocal() {
  auto p = std::make_unique<S>();
  int *q = p->Arr;
  G = q;
}

// ---- Member functions whose result points into `*this`. ----
void memberPointer() {
  auto p = std::make_unique<S>();
  G = p->ptr();
}
void memberReference() {
  auto p = std::make_unique<S>();
  G = &p->ref();
}
void memberViaThis() {
  auto p = std::make_unique<S>();
  G = p->viaThis();
}

// ---- Iterators, data(), c_str(), operator[] of member containers. ----
void iteratorStored() {
  auto p = std::make_unique<S>();
  GIT = p->Vec.begin();
}
std::vector<int>::iterator iteratorReturned() {
  auto p = std::make_unique<S>();
  return p->Vec.begin();
}
void dataStored() {
  auto p = std::make_unique<S>();
  G = p->Vec.data();
}
void cStrStored() {
  auto p = std::make_unique<S>();
  GC = p->Str.c_str();
}
void subscriptAddress() {
  auto p = std::make_unique<S>();
  G = &p->Vec[0];
}
void classIteratorStored() {
  auto b = std::make_unique<Bag>();
  GIter = b->begin();
}
void classIteratorDeref() {
  auto b = std::make_unique<Bag>();
  Iter it = b->begin();
  G = &*it;
}
void holderPublishesOpaque() {
  auto p = std::make_unique<S>();
  Holder h{p->Arr};
  h.publish();
}
void holderPublishesVisible() {
  auto p = std::make_unique<S>();
  Holder h{&p->X};
  h.keep();
}

// ---- Lambda init-captures are aliases. ----
void initCaptureAddress() {
  auto p = std::make_unique<S>();
  auto l = [q = &*p] { G = q->Arr; };
  l();
}
void initCaptureGet() {
  auto p = std::make_unique<S>();
  auto l = [q = p.get()] { G = &q->X; };
  l();
}
void initCaptureReference() {
  auto p = std::make_unique<S>();
  auto l = [&q = *p] { G = &q.X; };
  l();
}
int *initCaptureReturned() {
  auto p = std::make_unique<S>();
  auto l = [q = p.get()] { return q->Arr; };
  return l();
}

// ---- Shared ownership through `const std::shared_ptr<T>&`. ----
struct Handler {
  virtual ~Handler();
  virtual void on();
};
struct Bail : Handler {
  void on() override;
};
void setHandler(const std::shared_ptr<Handler> &H);
void setErrorHandler(const std::shared_ptr<Bail> &H);
void sharedTemporary() { setHandler(std::make_shared<Bail>()); }
void sharedOwner() {
  auto h = std::make_shared<Bail>();
  setErrorHandler(h);
}
std::vector<std::shared_ptr<S>> sharedIntoContainer() {
  std::vector<std::shared_ptr<S>> v;
  auto h = std::make_shared<S>();
  v.push_back(h);
  return v;
}

// ---- Still reported: the derived addresses stay inside the function. ----
int decayLocalOnly() {
  auto p = std::make_unique<S>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'S' (80 bytes) is heap-allocated but never escapes 'decayLocalOnly'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  int *q = p->Arr;
  q[0] = 2;
  return q[0] + p->ptr()[1];
}
int initCaptureLocalOnly() {
  auto p = std::make_unique<S>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'S' (80 bytes) is heap-allocated but never escapes 'initCaptureLocalOnly'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  auto l = [q = p.get()] { return q->X; };
  return l();
}
int iteratorLocalOnly() {
  auto b = std::make_unique<Bag>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Bag' (12 bytes) is heap-allocated but never escapes 'iteratorLocalOnly'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'b' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Bag b{};
  Iter it = b->begin();
  // CHECK-FIXES: Iter it = b.begin();
  ++it;
  return *it;
}
void sharedReadOnly(const std::unique_ptr<S> &U);
int uniqueConstRef() {
  auto p = std::make_unique<S>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'S' (80 bytes) is heap-allocated but never escapes 'uniqueConstRef'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  sharedReadOnly(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: note: no fix-it: the object reaches 'sharedReadOnly', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  return p->X;
}

// ---- A container captured by reference outlives the lambda (issue 13,
// llama.cpp's mtmd.cpp): the owner moved into it escapes. ----
struct Tokens {
  int N = 0;
};
std::vector<std::unique_ptr<Tokens>> split(int n) {
  std::vector<std::unique_ptr<Tokens>> chunks;
  auto add = [&](int v) {
    std::unique_ptr<Tokens> t(new Tokens);
    t->N = v;
    chunks.emplace_back(std::move(t));
  };
  add(n);
  return chunks;
}
