// RUN: %check_clang_tidy -std-lib=libstdc++ -std=c++20 %s escape-unreserved-growth %t

// The fix-it rules of fixit-soundness.cpp on the real library.
#include <cstddef>
#include <string>
#include <vector>

std::vector<std::string> make();

void rangeDeclaredInInit() {
  std::vector<std::string> out;
  // CHECK-FIXES-NOT: out.reserve({{.*}});
  for (std::vector<std::string> in = make(); const std::string &s : in)
    out.push_back(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'in.size()' times
  // CHECK-FIXES: for (std::vector<std::string> in = make(); const std::string &s : in)
}

void signedBound(int n) {
  std::vector<char> out;
  // CHECK-FIXES-NOT: out.reserve({{.*}});
  for (int i = 0; i < n; ++i)
    out.push_back('x');
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: for (int i = 0; i < n; ++i)
}

void unsignedBound(std::size_t n) {
  std::vector<int> out;
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: out.reserve(n);
}
