#include <memory>

struct Node {
  int value;
};

Node *keep = nullptr;

// No finding: the object is stored to a global.
void remember(int v) { keep = new Node{v}; }
