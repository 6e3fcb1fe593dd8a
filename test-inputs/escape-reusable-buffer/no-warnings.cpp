// RUN: %check_clang_tidy %s escape-reusable-buffer %t

// Ordinary loop code with containers and no finding: nothing may be printed
// (no CHECK lines means no diagnostics).
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

struct Table {
  std::vector<std::vector<int>> Rows;
  std::unordered_map<std::string, int> Index;
};

Table build(const std::vector<std::string> &names, int width) {
  Table t;
  std::vector<int> scratch; // Already reused across iterations.
  for (const std::string &name : names) {
    scratch.clear();
    for (int j = 0; j < width; ++j)
      scratch.push_back(j);
    std::vector<int> row;
    row.push_back(static_cast<int>(name.size()));
    t.Rows.push_back(std::move(row));
    t.Index[name] = static_cast<int>(t.Rows.size());
  }
  return t;
}

int sum(const Table &t) {
  int total = 0;
  for (const std::vector<int> &row : t.Rows) {
    std::vector<int> copy = row; // Not default-constructed.
    copy.push_back(1);
    for (int x : copy)
      total += x;
  }
  return total;
}
