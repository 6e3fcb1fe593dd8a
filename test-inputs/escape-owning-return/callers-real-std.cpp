// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-owning-return %t

// Callers as they are, on the real library (see callers.cpp).
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Node {
  int V = 0;
  std::string Name;
};

void sink(std::unique_ptr<Node> N);

std::unique_ptr<Node> makeForSink() { return std::make_unique<Node>(); }
void keepThenSink() {
  auto N = makeForSink();
  N->V = 1;
  sink(std::move(N));
}

std::map<int, std::unique_ptr<Node>> Registry;
std::unique_ptr<Node> makeForRegistry() { return std::make_unique<Node>(); }
void keepThenRegister(int Key) {
  auto N = makeForRegistry();
  Registry[Key] = std::move(N);
}

std::vector<std::unique_ptr<Node>> Pool;
std::unique_ptr<Node> makeForPool() { return std::make_unique<Node>(); }
void keepThenPool() {
  auto N = makeForPool();
  Pool.push_back(std::move(N));
}

std::unique_ptr<Node> makeForwarded() { return std::make_unique<Node>(); }
std::unique_ptr<Node> forwardLocal() {
  auto N = makeForwarded();
  return N;
}

Node *makeRaw() { return new Node; }
struct Cache {
  Node *Last = nullptr;
  void fill() { Last = makeRaw(); }
};

struct Shallow {
  char *Data;
  Shallow() : Data(new char[8]()) {}
  ~Shallow() { delete[] Data; }
};
std::unique_ptr<Shallow> makeShallow() { return std::make_unique<Shallow>(); }
int readShallow() { return makeShallow()->Data[0]; }

std::unique_ptr<Node> makeKept() { return std::make_unique<Node>(); }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'makeKept' returns a heap-allocated 'Node' (40 bytes) through 'std::unique_ptr<Node>'; consider returning 'Node' by value [escape-owning-return]
int keepAndRead() {
  auto N = makeKept();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: note: 1 caller in this translation unit would change; the first that keeps the object is here
  return N->V;
}
