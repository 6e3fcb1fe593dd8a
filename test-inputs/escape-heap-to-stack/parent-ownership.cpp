// RUN: %check_clang_tidy %s escape-heap-to-stack %t

// The parent-ownership idiom (issue 13): a constructor whose body is not
// visible and that receives a possibly non-null pointer to an object of the
// same class hierarchy (a GUI parent) may hand the new object to it. A
// pointer to an unrelated class, a scalar, or a null (defaulted) parent owns
// nothing. Visible constructors are followed to the base constructor they
// forward the parent to; inherited constructors are the base's. Constructors
// whose bodies are not visible could still register `this`: the findings
// carry no fix-it (issue 12), and a note says what was assumed.

#include <memory>
#include <utility>

class QObject {
public:
  explicit QObject(QObject *Parent = nullptr);
  virtual ~QObject();
};
class QWidget : public QObject {
public:
  explicit QWidget(QWidget *Parent = nullptr);
};
class QDialog : public QWidget {
public:
  explicit QDialog(QWidget *Parent = nullptr);
  int exec();
};
class QLabel : public QWidget {
public:
  explicit QLabel(QWidget *Parent = nullptr);
  void setText(const char *);
};
class QTimer : public QObject {
public:
  explicit QTimer(QObject *Parent = nullptr);
  void start(int);
};
class MyWidget : public QWidget {
public:
  explicit MyWidget(QWidget *Parent = nullptr) : QWidget(Parent) {}
  int Value = 0;
};

// ---- Not reported: a parent may own the object. ----
void labelWithParent(QWidget *Parent) {
  QLabel *L = new QLabel(Parent);
  L->setText("x");
}
void timerWithParent(QWidget *Parent) {
  QTimer *T = new QTimer(Parent);
  T->start(10);
}
int forwardedParent(QWidget *Parent) {
  MyWidget *W = new MyWidget(Parent);
  return W->Value;
}
int forwardedParentMakeUnique(QWidget *Parent) {
  auto W = std::make_unique<MyWidget>(Parent);
  return W->Value;
}

// ---- Reported: nothing owns the object. ----
int dialogWithoutParent() {
  auto *D = new QDialog;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'QDialog' (8 bytes) is heap-allocated but never escapes 'dialogWithoutParent'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: 'D' owns the object and no use of it lets the object escape
  // CHECK-MESSAGES: :[[@LINE-3]]:13: note: no fix-it: the object reaches 'QDialog', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  int R = D->exec();
  delete D;
  return R;
}
int forwardedNullParent() {
  MyWidget *W = new MyWidget(nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'MyWidget' (16 bytes) is heap-allocated but never escapes 'forwardedNullParent'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: 'W' owns the object and no use of it lets the object escape
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: no fix-it: the object reaches 'MyWidget', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  int R = W->Value;
  delete W;
  return R;
}

struct Options {
  int BlockSize;
};
class WritableFile;
struct FileState {
  int Fd;
};
class TableBuilder {
public:
  TableBuilder(const Options &O, FileState *File);
  ~TableBuilder();
  void add(int);
};
void unrelatedPointer(const Options &O, FileState *File) {
  TableBuilder *B = new TableBuilder(O, File);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'TableBuilder' (1 byte) is heap-allocated but never escapes 'unrelatedPointer'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'B' owns the object and no use of it lets the object escape
  // CHECK-MESSAGES: :[[@LINE-3]]:21: note: no fix-it: the object reaches 'TableBuilder', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  B->add(1);
  delete B;
}
class Counter {
public:
  explicit Counter(int *Count);
  int get() const;
};
int scalarPointer(int *Count) {
  auto C = std::make_unique<Counter>(Count);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Counter' (1 byte) is heap-allocated but never escapes 'scalarPointer'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'C' owns the object and no use of it lets the object escape
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: no fix-it: the object reaches 'Counter', whose code is not all visible here; the finding assumes that it keeps no reference to the object
  return C->get();
}

// ---- Not reported: an incomplete parent class cannot be judged. ----
class Window;
class Button {
public:
  explicit Button(Window *Parent);
  int id() const;
};
int incompleteParent(Window *W) { return (new Button(W))->id(); }

// ---- Inherited constructors store what they receive. ----
struct T {
  int X;
};
struct OwnerBase {
  explicit OwnerBase(T *P) : Held(P) {}
  ~OwnerBase() { delete Held; }
  T *Held;
};
struct InheritsOwner : OwnerBase {
  using OwnerBase::OwnerBase;
};
struct MovedBase {
  explicit MovedBase(std::unique_ptr<T> &&P) : Held(std::move(P)) {}
  std::unique_ptr<T> Held;
};
struct InheritsMoved : MovedBase {
  using MovedBase::MovedBase;
};
int inheritedRaw() {
  T *P = new T;
  InheritsOwner O(P);
  return O.Held->X;
}
int inheritedMoved() {
  auto P = std::make_unique<T>();
  InheritsMoved O(std::move(P));
  return O.Held->X;
}

// ---- The default ParentTypes is "QObject": an item of another hierarchy
// handed a QObject (Qt's `new QTreeWidgetItem(tree)`) may be owned by it. ----
class QTreeWidget : public QWidget {
public:
  explicit QTreeWidget(QWidget *Parent = nullptr);
};
class QTreeWidgetItem {
public:
  explicit QTreeWidgetItem(QTreeWidget *View);
  ~QTreeWidgetItem();
  void setText(int, const char *);
};
void itemOwnedByView(QTreeWidget *View) {
  auto *Item = new QTreeWidgetItem(View);
  Item->setText(0, "x");
}
