// ANCHOR-OPTION: VectorLikeClasses=PushBackFromBase;OwnPushBack;EmplaceBackFromBase
// ESCAPE-OPTION: ReservableContainers=PushBackFromBase;OwnPushBack;EmplaceBackFromBase
//
// The anchor's VectorLikeClasses cases, rewritten: classes listed by name,
// with growth members declared in the class or inherited from a base (the
// anchor misses the inherited ones in older releases).

class PushBackBase {
public:
  void push_back(int) {}
};
class PushBackFromBase : public PushBackBase {
public:
  void reserve(int);
};
class OwnPushBack {
public:
  void push_back(int) {}
  void reserve(int) {}
};
class EmplaceBackBase {
public:
  void emplace_back(int) {}
};
class EmplaceBackFromBase : public EmplaceBackBase {
public:
  void reserve(int);
};

void listedClasses() {
  {
    PushBackFromBase c;
    for (int i = 0; i < 100; ++i) {
      c.push_back(i);
    }
  }
  {
    OwnPushBack c;
    for (int i = 0; i < 100; ++i) {
      c.push_back(i);
    }
  }
  {
    EmplaceBackFromBase c;
    for (int i = 0; i < 100; ++i) {
      c.emplace_back(i);
    }
  }
}
