// RUN: %check_clang_tidy -std-lib=libstdc++ -std=c++20 %s escape-heap-to-stack %t
// RUN: %check_clang_tidy -std-lib=libc++ -std=c++20 %s escape-heap-to-stack %t

// Soundness (issue 12) against the real standard libraries: their iterators
// are classes (__gnu_cxx::__normal_iterator, std::__wrap_iter), views are
// std::string_view and std::span, and shared ownership goes through
// `const std::shared_ptr<T>&`. Every allocation in the first part escapes.

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

struct Rec {
  int Arr[4];
  std::vector<int> Vec;
  std::string Str;
  std::map<int, int> Index;
};

int *G;
std::vector<int>::iterator GIT;
std::map<int, int>::iterator GMapIt;
std::string_view GSV;
std::span<int> GSpan;
const char *GC;

void iteratorStored() {
  auto p = std::make_unique<Rec>();
  GIT = p->Vec.begin();
}
std::vector<int>::iterator iteratorReturned() {
  auto p = std::make_unique<Rec>();
  return p->Vec.begin();
}
void iteratorDerefAddress() {
  auto p = std::make_unique<Rec>();
  auto it = p->Vec.begin();
  G = &*it;
}
void mapIteratorStored() {
  auto p = std::make_unique<Rec>();
  GMapIt = p->Index.find(1);
}
void stringViewStored() {
  auto p = std::make_unique<Rec>();
  GSV = p->Str;
}
void spanStored() {
  auto p = std::make_unique<Rec>();
  GSpan = std::span<int>(p->Vec);
}
void spanOfArray() {
  auto p = std::make_unique<Rec>();
  GSpan = p->Arr;
}
void cStrStored() {
  auto p = std::make_unique<Rec>();
  GC = p->Str.c_str();
}
void frontAddress() {
  auto p = std::make_unique<Rec>();
  G = &p->Vec.front();
}
void rangeForAddress() {
  auto p = std::make_unique<Rec>();
  for (int &x : p->Vec)
    G = &x;
}
void initCapture() {
  auto p = std::make_unique<Rec>();
  auto l = [q = p.get()] { G = q->Arr; };
  l();
}

struct Handler {
  virtual ~Handler();
  virtual void on();
};
struct Bail : Handler {
  void on() override;
};
struct Parser {
  void setErrorHandler(const std::shared_ptr<Handler> &H);
};
void sharedToOpaqueMember(Parser &P) {
  P.setErrorHandler(std::make_shared<Bail>());
}
std::shared_ptr<Handler> GHandler;
void sharedPointerCast() {
  auto b = std::make_shared<Bail>();
  GHandler = std::static_pointer_cast<Handler>(b);
}

// ---- Still reported: derived addresses that stay in the function. ----
int sumLocal() {
  auto p = std::make_unique<Rec>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Rec' ({{[0-9]+}} bytes) is heap-allocated but never escapes 'sumLocal'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'p' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Rec p{};
  p->Vec.push_back(1);
  // CHECK-FIXES: p.Vec.push_back(1);
  int Sum = 0;
  for (int x : p->Vec)
    // CHECK-FIXES: for (int x : p.Vec)
    Sum += x;
  for (auto it = p->Vec.begin(); it != p->Vec.end(); ++it)
    // CHECK-FIXES: for (auto it = p.Vec.begin(); it != p.Vec.end(); ++it)
    Sum += *it;
  std::string_view View = p->Str;
  // CHECK-FIXES: std::string_view View = p.Str;
  return Sum + static_cast<int>(View.size()) + p->Arr[0];
  // CHECK-FIXES: return Sum + static_cast<int>(View.size()) + p.Arr[0];
}
