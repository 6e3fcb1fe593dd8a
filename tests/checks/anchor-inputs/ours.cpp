// Cases beyond the anchor: the anchor is silent on most of these; the
// comparison only requires that we warn wherever it does.
#include <algorithm>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

bool keep(int);

void descending(int n) {
  std::vector<int> out;
  for (int i = n; i > 0; --i)
    out.push_back(i);
}

void whileLoop(int n) {
  std::vector<int> out;
  int i = 0;
  while (i < n) {
    out.push_back(i);
    ++i;
  }
}

void bodyWithLocals(const std::vector<int> &in) {
  std::vector<int> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    int v = in[i] * 2;
    out.push_back(v);
  }
}

void nested(int rows, int cols) {
  std::vector<int> out;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c)
      out.push_back(r + c);
}

void strings(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += 'x';
}

void maps(const std::vector<int> &keys) {
  std::unordered_map<int, int> m;
  for (int k : keys)
    m[k] = 1;
}

void algorithms(const std::vector<int> &in) {
  std::vector<int> out;
  std::copy(in.begin(), in.end(), std::back_inserter(out));
}

void parameter(std::vector<int> &out, int n) {
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

struct Table {
  std::vector<int> rows;
  void fill(int n) {
    rows.clear();
    for (int i = 0; i < n; ++i)
      rows.push_back(i);
  }
};

void sizeQueriedFirst(int n) {
  std::vector<int> out;
  if (!out.empty())
    return;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}

void reservedOnOneBranch(int n, bool big) {
  std::vector<int> out;
  if (big)
    out.reserve(1000);
  for (int i = 0; i < n; ++i)
    out.push_back(i);
}
