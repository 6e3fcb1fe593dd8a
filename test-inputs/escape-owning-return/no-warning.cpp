// RUN: %check_clang_tidy %s escape-owning-return %t

#include <memory>
#include <utility>

struct User {
  long Id = 0;
};
struct Big {
  char Bytes[1024];
};
struct Base {
  virtual ~Base() = default;
  virtual int kind() const = 0;
};
struct Derived : Base {
  int kind() const override { return 1; }
};
struct Other : Base {
  int kind() const override { return 2; }
};
struct Impl; // pimpl: incomplete here

User *Global;
User Existing;

// Virtual functions: a base fixes the signature.
struct Factory {
  virtual std::unique_ptr<User> make() { return std::make_unique<User>(); }
};
// Factories returning different derived types through a base pointer.
std::unique_ptr<Base> makeShape(bool c) {
  if (c)
    return std::make_unique<Derived>();
  return std::make_unique<Other>();
}
// Polymorphic: the dynamic type differs from the returned type.
std::unique_ptr<Base> makeDerived() { return std::make_unique<Derived>(); }
// Incomplete type (pimpl) and a function only declared here.
std::unique_ptr<Impl> makeImpl();
std::unique_ptr<User> declaredOnly();
// Returns of existing objects and non-owning pointers.
User *existing() { return &Existing; }
User *member(User **Slot) { return *Slot; }
std::unique_ptr<User> Kept;
std::unique_ptr<User> moveMember() { return std::move(Kept); }
User *parameter(User *P) { return P; }
// Escapes besides the return.
std::unique_ptr<User> alsoStored() {
  auto U = std::make_unique<User>();
  Global = U.get();
  return U;
}
// Too large for MaxReturnSize (256 bytes by default).
std::unique_ptr<Big> makeBig() { return std::make_unique<Big>(); }
// C linkage.
extern "C" User *makeC() { return new User(); }
// Address taken in this translation unit.
std::unique_ptr<User> viaPointer() { return std::make_unique<User>(); }
auto *Pointer = &viaPointer;
// Uninstantiated template.
template <class T> std::unique_ptr<T> neverUsed() { return std::make_unique<T>(); }
// A value would need a destructor the caller cannot call.
class PrivateDtor {
public:
  int X = 1;
  static PrivateDtor *make() { return new PrivateDtor; }

private:
  ~PrivateDtor() = default;
};
// `return P;` of a local value would pick the deleted move constructor.
struct DeletedMove {
  int X = 0;
  DeletedMove() = default;
  DeletedMove(const DeletedMove &) = default;
  DeletedMove(DeletedMove &&) = delete;
};
std::unique_ptr<DeletedMove> makeDeletedMove() {
  auto P = std::make_unique<DeletedMove>();
  P->X = 2;
  return P;
}
// Meant to be shared: shared_from_this() on a value throws.
struct Node : std::enable_shared_from_this<Node> {
  int V = 7;
};
std::shared_ptr<Node> makeNode() { return std::make_shared<Node>(); }
// Returns a reference to an owner (already dangling): not an owning return.
decltype(auto) danglingRef() {
  auto P = std::make_unique<User>();
  return (P);
}
// Neither movable nor copyable, made to be jointly owned (rocksdb's
// BlobFileMetaData::Create): a value could never leave the caller's frame.
class Jointly {
public:
  static std::shared_ptr<Jointly> create(int V) {
    return std::shared_ptr<Jointly>(new Jointly(V));
  }
  Jointly(const Jointly &) = delete;
  Jointly(Jointly &&) = delete;
  int V;

private:
  explicit Jointly(int V) : V(V) {}
};
// Every caller hands the owner on to code that takes an owner (googletest's
// gmock-actions_test.cc UniqueInt): the heap object is what they need.
int consume(std::unique_ptr<int> P);
struct Holder {
  explicit Holder(std::unique_ptr<int> P);
};
std::unique_ptr<int> uniqueInt(int I) { return std::unique_ptr<int>(new int(I)); }
int handOn() {
  Holder H(uniqueInt(2));
  return consume(uniqueInt(1));
}
