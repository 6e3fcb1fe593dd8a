// RUN: %check_clang_tidy %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// The containers that have reserve(), and the calls that add one element.
#include <deque>
#include <list>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

// Strings are reported when the characters added are known to outgrow the
// small-string buffer (small-string.cpp): constant counts here.
std::string digits() {
  std::string s;
  for (int i = 0; i < 64; ++i)
    s.push_back(static_cast<char>('0' + i % 10));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by 'push_back' on each of '64' iterations without reserve; consider 's.reserve(64)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '64' times
  return s;
}

std::string stars() {
  std::string s;
  for (int i = 0; i < 64; ++i)
    s += '*';
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by 'operator+=' on each of '64' iterations without reserve; consider 's.reserve(64)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '64' times
  return s;
}

std::string dashes() {
  std::string s;
  for (int i = 0; i < 64; ++i)
    s.append(1, '-');
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 's' grows by 'append' on each of '64' iterations without reserve; consider 's.reserve(64)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '64' times
  return s;
}

std::wstring wide(const std::vector<int> &codes) {
  std::wstring s; // A run-time count: may stay in the small buffer.
  for (int c : codes)
    s.push_back(static_cast<wchar_t>(c));
  std::wstring t;
  for (int i = 0; i < 64; ++i)
    t.push_back(static_cast<wchar_t>(codes[0]));
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 't' grows by 'push_back' on each of '64' iterations without reserve; consider 't.reserve(64)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs '64' times
  // CHECK-FIXES: t.reserve(64);
  s += t;
  return s;
}

void maps(const std::vector<int> &keys) {
  std::unordered_map<int, int> bySubscript;
  for (int k : keys)
    bySubscript[k] = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'bySubscript' grows by 'operator[]' on each of 'keys.size()' iterations without reserve; consider 'bySubscript.reserve(keys.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'keys.size()' times
  // CHECK-FIXES: bySubscript.reserve(keys.size());

  std::unordered_map<int, int> byInsert;
  for (int k : keys)
    byInsert.insert({k, 2});
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'byInsert' grows by 'insert' on each of 'keys.size()' iterations without reserve; consider 'byInsert.reserve(keys.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'keys.size()' times
  // CHECK-FIXES: byInsert.reserve(keys.size());

  std::unordered_map<int, int> byEmplace;
  for (int k : keys)
    byEmplace.emplace(k, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'byEmplace' grows by 'emplace' on each of 'keys.size()' iterations without reserve; consider 'byEmplace.reserve(keys.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'keys.size()' times
  // CHECK-FIXES: byEmplace.reserve(keys.size());

  std::unordered_map<int, int> byTryEmplace;
  for (int k : keys)
    byTryEmplace.try_emplace(k, 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'byTryEmplace' grows by 'try_emplace' on each of 'keys.size()' iterations without reserve; consider 'byTryEmplace.reserve(keys.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'keys.size()' times
  // CHECK-FIXES: byTryEmplace.reserve(keys.size());

  std::unordered_multimap<int, int> multi;
  for (int k : keys)
    multi.insert({k, 5});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'multi' grows by 'insert' on each of 'keys.size()' iterations without reserve; consider 'multi.reserve(keys.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'keys.size()' times
  // CHECK-FIXES: multi.reserve(keys.size());
}

void sets(int n) {
  std::unordered_set<int> seen;
  for (int i = 0; i < n; ++i)
    seen.insert(i * 7);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seen' grows by 'insert' on each of 'n' iterations without reserve; consider 'seen.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times

  std::unordered_multiset<int> bag;
  for (int i = 0; i < n; ++i)
    bag.emplace(i % 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'bag' grows by 'emplace' on each of 'n' iterations without reserve; consider 'bag.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

void vectorInsert(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.insert(out.end(), i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'insert' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times

  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < n; ++i)
    pairs.emplace(pairs.begin(), i, i);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'pairs' grows by 'emplace' on each of 'n' iterations without reserve; consider 'pairs.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
}

// ---- No warning ----

void notOneElement(const std::vector<std::string> &words) {
  // Appends a string of unknown length per iteration.
  std::string joined;
  for (const std::string &w : words)
    joined += w;
  std::string quoted;
  for (const std::string &w : words)
    quoted.append(w);
  std::string literal;
  for (const std::string &w : words)
    literal += "ab";
  // A range insert adds any number of elements.
  std::vector<char> chars;
  for (const std::string &w : words)
    chars.insert(chars.end(), w.begin(), w.end());
}

// Node-based containers have no reserve().
void nodeBased(int n) {
  std::map<int, int> ordered;
  for (int i = 0; i < n; ++i)
    ordered[i] = i;
  std::set<int> sorted;
  for (int i = 0; i < n; ++i)
    sorted.insert(i);
  std::list<int> linked;
  for (int i = 0; i < n; ++i)
    linked.push_back(i);
  std::deque<int> queue;
  for (int i = 0; i < n; ++i)
    queue.push_back(i);
}

// Lookups do not grow; a map subscript of a vector is element access.
int lookups(const std::vector<int> &keys, std::unordered_map<int, int> &m) {
  int sum = 0;
  std::vector<int> slots(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    sum += m.count(keys[i]);
    slots[i] = keys[i];
  }
  return sum;
}
