// RUN: %check_clang_tidy %s escape-heap-to-stack %t -- \
// RUN:   -config="{CheckOptions: {escape-heap-to-stack.ParentTypes: ' app::Registry ; ::Scene'}}"

// ParentTypes names the classes whose pointers, handed to a constructor
// whose body is not visible, may own the new object, whatever its class.

namespace app {
class Registry {
public:
  int Size = 0;
};
} // namespace app
class Scene {
public:
  int Items = 0;
};
class Stage : public Scene {};
class Options {
public:
  int Level = 0;
};
class Node {
public:
  explicit Node(app::Registry *R);
  explicit Node(Stage *S);
  explicit Node(Options *O);
  ~Node();
  int Id = 0;
};

// ---- Not reported: a listed class, or a class derived from one. ----
int registered(app::Registry *R) {
  Node *N = new Node(R);
  int Id = N->Id;
  delete N;
  return Id;
}
int onStage(Stage *S) {
  Node *N = new Node(S);
  int Id = N->Id;
  delete N;
  return Id;
}

// ---- Reported: an options struct owns nothing. ----
int configured(Options *O) {
  Node *N = new Node(O);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'Node' (4 bytes) is heap-allocated but never escapes 'configured'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: 'N' owns the object and no use of it lets the object escape
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: no fix-it: the object reaches 'Node', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  int Id = N->Id;
  delete N;
  return Id;
}
