// A header found through -isystem: its code is never reported.
#ifndef ESCAPE_TEST_GROWTH_HELPERS_H
#define ESCAPE_TEST_GROWTH_HELPERS_H

#include <vector>

inline std::vector<int> systemIota(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  return out;
}

template <class T> std::vector<T> systemCopy(const std::vector<T> &in) {
  std::vector<T> out;
  for (const T &x : in)
    out.push_back(x);
  return out;
}

#endif
