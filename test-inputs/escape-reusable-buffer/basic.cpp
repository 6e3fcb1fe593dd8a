// RUN: %check_clang_tidy %s escape-reusable-buffer %t

// Containers declared in a loop body, grown there and dropped at the end of
// each iteration.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

void use(const std::vector<int> &v);
void useString(const std::string &s);
void useMap(const std::unordered_map<int, int> &m);

void pushInNestedLoop(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> row;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'row' is rebuilt on each iteration of this loop; declare it before the loop and call 'row.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    for (int j = 0; j < n; ++j)
      row.push_back(i * j);
    use(row);
  }
  // CHECK-FIXES: std::vector<int> row;
  // CHECK-FIXES: for (int i = 0; i < n; ++i) {
  // CHECK-FIXES: row.clear();
}

void whileLoop(const std::vector<std::string> &words) {
  unsigned k = 0;
  while (k < words.size()) {
    std::string line;
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'line' is rebuilt on each iteration of this loop; declare it before the loop and call 'line.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    line += words[k];
    line += '\n';
    useString(line);
    ++k;
  }
  // CHECK-FIXES: std::string line;
  // CHECK-FIXES: while (k < words.size()) {
  // CHECK-FIXES: line.clear();
}

void rangeForMap(const std::vector<int> &keys) {
  for (int key : keys) {
    std::unordered_map<int, int> counts;
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: 'counts' is rebuilt on each iteration of this loop; declare it before the loop and call 'counts.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    counts[key] = 1;
    useMap(counts);
  }
  // CHECK-FIXES: std::unordered_map<int, int> counts;
  // CHECK-FIXES: for (int key : keys) {
  // CHECK-FIXES: counts.clear();
}

// Filled by a callee that takes it by non-const reference; the callee's body
// is visible and keeps nothing.
static void fill(std::vector<int> &out, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

void filledByCallee(int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> tmp;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'tmp' is rebuilt on each iteration of this loop; declare it before the loop and call 'tmp.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    fill(tmp, i);
    use(tmp);
  }
  // CHECK-FIXES: std::vector<int> tmp;
  // CHECK-FIXES: for (int i = 0; i < n; ++i) {
  // CHECK-FIXES: tmp.clear();
}

// A do-while loop; elements that are strings free only memory.
void doWhile(int n) {
  int i = 0;
  do {
    std::vector<std::string> names;
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'names' is rebuilt on each iteration of this loop; declare it before the loop and call 'names.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    names.emplace_back("x");
    names.resize(4);
    ++i;
  } while (i < n);
  // CHECK-FIXES: std::vector<std::string> names;
  // CHECK-FIXES: do {
  // CHECK-FIXES: names.clear();
}

// A reference or pointer that stays in the iteration is fine.
void localAlias(int n) {
  for (int i = 0; i < n; ++i) {
    std::unordered_set<int> seen;
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'seen' is rebuilt on each iteration of this loop; declare it before the loop and call 'seen.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    std::unordered_set<int> &ref = seen;
    seen.insert(i);
    ref.insert(i + 1);
  }
  // CHECK-FIXES: std::unordered_set<int> seen;
  // CHECK-FIXES: for (int i = 0; i < n; ++i) {
  // CHECK-FIXES: seen.clear();
}

// Filled by a member function of another object, whose body is visible.
struct Parser {
  void parse(std::vector<int> &out, int n) {
    for (int i = 0; i < n; ++i)
      out.push_back(i);
  }
};

void filledByMember(Parser &p, int n) {
  for (int i = 0; i < n; ++i) {
    std::vector<int> tokens;
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'tokens' is rebuilt on each iteration of this loop; declare it before the loop and call 'tokens.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop here
    p.parse(tokens, i);
    use(tokens);
  }
  // CHECK-FIXES: std::vector<int> tokens;
  // CHECK-FIXES: tokens.clear();
}
