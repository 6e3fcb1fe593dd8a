// RUN: %check_clang_tidy %s escape-owning-return %t

// The finding must hold for the callers as they are. A caller that keeps the
// owner in a local and then hands it on (to a function taking an owner, a
// member, a global, a container, or its own caller) needs the heap object,
// like a caller that hands it on directly.
#include <memory>
#include <utility>
#include <vector>

struct Node {
  int V = 0;
  int W = 0;
};

void sink(std::unique_ptr<Node> N);
void sinkRvalue(std::unique_ptr<Node> &&N);

std::unique_ptr<Node> makeForSink() { return std::make_unique<Node>(); }
void keepThenSink() {
  auto N = makeForSink();
  N->V = 1;
  sink(std::move(N));
}
void keepThenSinkRvalue() {
  std::unique_ptr<Node> N = makeForSink();
  sinkRvalue(std::move(N));
}

std::unique_ptr<Node> makeForMember() { return std::make_unique<Node>(); }
struct Tree {
  std::unique_ptr<Node> Root;
  void grow() {
    auto N = makeForMember();
    Root = std::move(N);
  }
};

// Assigned straight to a member: handed on like the local above.
std::unique_ptr<Node> makeAssigned() { return std::make_unique<Node>(); }
struct Forest {
  std::unique_ptr<Node> Root;
  void plant() { Root = makeAssigned(); }
};

std::unique_ptr<Node> Global;
std::unique_ptr<Node> makeForGlobal() { return std::make_unique<Node>(); }
void keepThenGlobal() {
  auto N = makeForGlobal();
  N->W = 2;
  Global = std::move(N);
}

std::vector<std::unique_ptr<Node>> Pool;
std::unique_ptr<Node> makeForPool() { return std::make_unique<Node>(); }
void keepThenPool() {
  auto N = makeForPool();
  Pool.push_back(std::move(N));
}

// Returned on to the caller's own caller.
std::unique_ptr<Node> makeForwarded() { return std::make_unique<Node>(); }
std::unique_ptr<Node> forwardLocal() {
  auto N = makeForwarded();
  N->V = 3;
  return N;
}
std::unique_ptr<Node> makeReturned() { return std::make_unique<Node>(); }
std::unique_ptr<Node> forwardDirect() { return makeReturned(); }

// A raw pointer kept in a global or a member must outlive the caller.
Node *makeRawForGlobal() { return new Node; }
Node *RawGlobal;
void storeRaw() { RawGlobal = makeRawForGlobal(); }
int readRaw() {
  Node *P = makeRawForGlobal();
  int V = P->V;
  delete P;
  return V;
}

Node *makeRawForMember() { return new Node; }
struct Cache {
  Node *Last = nullptr;
  void fill() {
    Node *P = makeRawForMember();
    Last = P;
  }
};

// A shallow copy (user-declared destructor, no move, raw owning pointer):
// a value would be copied and deleted twice.
struct Shallow {
  int *Data;
  Shallow() : Data(new int(0)) {}
  ~Shallow() { delete Data; }
};
std::unique_ptr<Shallow> makeShallow() { return std::make_unique<Shallow>(); }
int readShallow() { return *makeShallow()->Data; }

// Still reported: the only caller keeps the owner and reads through it.
std::unique_ptr<Node> makeKept() { return std::make_unique<Node>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'makeKept' returns a heap-allocated 'Node' (8 bytes) through 'std::unique_ptr<Node>'; consider returning 'Node' by value [escape-owning-return]
int keepAndRead() {
  auto N = makeKept();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: note: 1 caller in this translation unit would change; the first that keeps the object is here
  return N->V + N->W;
}

// A type with a move constructor is not a shallow copy.
struct Deep {
  int *Data;
  Deep() : Data(new int(0)) {}
  Deep(Deep &&O) noexcept : Data(O.Data) { O.Data = nullptr; }
  ~Deep() { delete Data; }
};
std::unique_ptr<Deep> makeDeep() { return std::make_unique<Deep>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'makeDeep' returns a heap-allocated 'Deep' (8 bytes) through 'std::unique_ptr<Deep>'; consider returning 'Deep' by value [escape-owning-return]
int readDeep() { return *makeDeep()->Data; }
// CHECK-MESSAGES: :[[@LINE-1]]:26: note: 1 caller in this translation unit would change; the first that keeps the object is here
