// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// Code that only real standard libraries compile: streams, std::array,
// std::string_view, std::iota.
#include <algorithm>
#include <array>
#include <deque>
#include <istream>
#include <iterator>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

std::vector<std::string> lines(std::istream &in) {
  // Unknown trip count.
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line))
    out.push_back(line);
  return out;
}

std::vector<int> fromArray(const std::array<int, 4> &a) {
  std::vector<int> out;
  for (int x : a)
    out.push_back(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'a.size()' iterations without reserve; consider 'out.reserve(a.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'a.size()' times
  // CHECK-FIXES: out.reserve(a.size());
  return out;
}

// A string grown by a run-time number of characters may never leave its
// small-string buffer: not reported (small-string.cpp).
std::string upper(std::string_view text) {
  std::string out;
  for (char c : text)
    out += static_cast<char>(c & ~0x20);
  return out;
}

std::unordered_map<std::string, int> counts(const std::map<std::string, int> &m) {
  std::unordered_map<std::string, int> out;
  for (const auto &kv : m)
    out.emplace(kv.first, kv.second);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'emplace' on each of 'm.size()' iterations without reserve; consider 'out.reserve(m.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'm.size()' times
  // CHECK-FIXES: out.reserve(m.size());
  return out;
}

std::vector<int> fromDeque(const std::deque<int> &d) {
  std::vector<int> out;
  std::copy(d.begin(), d.end(), std::back_inserter(out));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: 'out' grows by 'std::back_inserter' on each of 'd.size()' iterations without reserve; consider 'out.reserve(d.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::copy' writes 'd.size()' elements
  // CHECK-FIXES: out.reserve(d.size());
  return out;
}

// ---- No warning ----

std::vector<int> sized(int n) {
  std::vector<int> out(static_cast<std::size_t>(n));
  std::iota(out.begin(), out.end(), 0);
  return out;
}

std::deque<int> nodeBased(int n) {
  std::deque<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  return out;
}
