// RUN: %check_clang_tidy %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// Standard algorithms that write a known number of elements through
// std::back_inserter or std::inserter. The warning sits on the inserter, the
// note on the algorithm call.
#include <algorithm>
#include <iterator>
#include <unordered_set>
#include <vector>

int twice(int x) { return 2 * x; }
int seed();

std::vector<int> copied(const std::vector<int> &in) {
  std::vector<int> out;
  std::copy(in.begin(), in.end(), std::back_inserter(out));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'out' grows by 'std::back_inserter' on each of 'in.size()' iterations without reserve; consider 'out.reserve(in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::copy' writes 'in.size()' elements
  // CHECK-FIXES: out.reserve(in.size());
  // CHECK-FIXES: std::copy(in.begin(), in.end(), std::back_inserter(out));
  return out;
}

std::vector<int> doubled(const int *first, int n) {
  std::vector<int> out;
  std::transform(first, first + n, std::back_inserter(out), twice);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'out' grows by 'std::back_inserter' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::transform' writes 'n' elements
  return out;
}

std::vector<int> prefix(const std::vector<int> &in, int k) {
  std::vector<int> out;
  std::copy_n(in.begin(), k, std::back_inserter(out));
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'out' grows by 'std::back_inserter' on each of 'k' iterations without reserve; consider 'out.reserve(k)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::copy_n' writes 'k' elements
  return out;
}

std::vector<int> zeros(int n) {
  std::vector<int> out;
  std::fill_n(std::back_inserter(out), n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'out' grows by 'std::back_inserter' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::fill_n' writes 'n' elements
  return out;
}

std::unordered_set<int> seeds(int n) {
  std::unordered_set<int> out;
  std::generate_n(std::inserter(out, out.end()), n, seed);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'out' grows by 'std::inserter' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::generate_n' writes 'n' elements
  return out;
}

// An algorithm in a counted loop: the counts multiply.
std::vector<int> repeated(const std::vector<int> &in, int times) {
  std::vector<int> out;
  for (int t = 0; t < times; ++t)
    std::copy(in.begin(), in.end(), std::back_inserter(out));
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'out' grows by 'std::back_inserter' on each of 'times * in.size()' iterations without reserve; consider 'out.reserve(times * in.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'times' times
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'std::copy' writes 'in.size()' elements
  return out;
}

// ---- No warning ----

void noInserter(const std::vector<int> &in, std::vector<int> &out) {
  out.resize(in.size());
  std::copy(in.begin(), in.end(), out.begin());
}

void alreadyReserved(const std::vector<int> &in) {
  std::vector<int> out;
  out.reserve(in.size());
  std::copy(in.begin(), in.end(), std::back_inserter(out));
}

// Nothing is written.
void empty() {
  std::vector<int> out;
  std::fill_n(std::back_inserter(out), 0, 1);
}
