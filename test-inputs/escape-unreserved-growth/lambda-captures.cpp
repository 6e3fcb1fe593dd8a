// RUN: %check_clang_tidy %s escape-unreserved-growth %t

// A container captured by reference is not a local of the lambda: it
// outlives the lambda's call and holds what earlier calls added, so a
// count-based reserve inside the lambda is a guess (issue 13, llama.cpp's
// llama-kv-cache-dsv4.cpp).
#include <vector>

std::vector<int> fill(unsigned n, unsigned k) {
  std::vector<int> out;
  auto add = [&](int v) {
    for (unsigned j = 0; j < n; ++j)
      out.push_back(v);
  };
  for (unsigned i = 0; i < k; ++i)
    add(static_cast<int>(i));
  return out;
}

// A local of the lambda itself is still judged.
auto squares = [](unsigned n) {
  std::vector<unsigned> out;
  for (unsigned i = 0; i < n; ++i)
    out.push_back(i * i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  // CHECK-FIXES: out.reserve(n);
  return out;
};
