// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-heap-to-stack %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-heap-to-stack %t

#include <memory>
#include <string>
#include <vector>

struct Order {
  long Id;
  double Price;
  int Quantity;
};

double notional(long Id, double Price, int Qty) {
  auto o = std::make_unique<Order>(Order{Id, Price, Qty});
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Order' (24 bytes) is heap-allocated but never escapes 'notional'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'o' owns the object and no use of it lets the object escape
  // CHECK-FIXES: Order o(Order{Id, Price, Qty});
  return o->Price * o->Quantity;
  // CHECK-FIXES: return o.Price * o.Quantity;
}

int shared() {
  auto s = std::make_shared<Order>();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Order' (24 bytes) is heap-allocated but never escapes 'shared'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 's' owns the object and no use of it lets the object escape
  auto copy = s; // A second owner: no fix-it.
  return copy->Quantity;
}

std::vector<std::unique_ptr<Order>> Book;
void stored() { Book.push_back(std::make_unique<Order>()); }

size_t length(const std::string &Name) {
  auto n = std::make_unique<std::string>(Name);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'std::string' ({{32|24}} bytes) is heap-allocated but never escapes 'length'; consider a local variable [escape-heap-to-stack]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: 'n' owns the object and no use of it lets the object escape
  // CHECK-FIXES: std::string n(Name);
  return n->size();
  // CHECK-FIXES: return n.size();
}
