// RUN: %check_clang_tidy -std-lib=libstdc++ -check-suffix=GNU %s escape-reusable-buffer %t
// RUN: %check_clang_tidy -std-lib=libc++ -check-suffix=LLVM %s escape-reusable-buffer %t

// The real standard libraries: streams, std::getline, and the small-string
// buffer (15 chars in libstdc++, 22 in libc++; SmallBuffer.h).
#include <istream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

void use(const std::vector<std::string> &v);
void useString(const std::string &s);

// Split each line into fields: the fields vector is rebuilt per line.
void fields(std::istream &in) {
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts;
    // CHECK-MESSAGES-GNU: :[[@LINE-1]]:30: warning: 'parts' is rebuilt on each iteration of this loop; declare it before the loop and call 'parts.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop here
    // CHECK-MESSAGES-LLVM: :[[@LINE-3]]:30: warning: 'parts' is rebuilt on each iteration of this loop; declare it before the loop and call 'parts.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES-LLVM: :[[@LINE-5]]:3: note: loop here
    std::istringstream fs(line);
    std::string field;
    while (std::getline(fs, field, ','))
      parts.push_back(field);
    use(parts);
  }
  // CHECK-FIXES-GNU: std::vector<std::string> parts;
  // CHECK-FIXES-GNU: parts.clear();
  // CHECK-FIXES-LLVM: std::vector<std::string> parts;
  // CHECK-FIXES-LLVM: parts.clear();
}

// Twenty constant characters: beyond libstdc++'s buffer, within libc++'s.
void twenty(int n) {
  for (int i = 0; i < n; ++i) {
    std::string s;
    // CHECK-MESSAGES-GNU: :[[@LINE-1]]:17: warning: 's' is rebuilt on each iteration of this loop; declare it before the loop and call 's.clear()' at the start of each iteration to reuse its capacity [escape-reusable-buffer]
    // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop here
    s += "0123456789";
    s += "abcdefghij";
    useString(s);
  }
  // CHECK-FIXES-GNU: s.clear();
}

// Fifteen characters fit both buffers.
void fifteen(int n) {
  for (int i = 0; i < n; ++i) {
    std::string s;
    s += "0123456789";
    s.append("abcde");
    useString(s);
  }
}

// Moved into a map: a transfer.
void movedIntoMap(std::istream &in) {
  std::unordered_map<int, std::vector<std::string>> byLength;
  std::string word;
  while (in >> word) {
    std::vector<std::string> group;
    group.push_back(word);
    byLength.emplace(static_cast<int>(word.size()), std::move(group));
  }
}
