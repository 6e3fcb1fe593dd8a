// A header found through -isystem: constructions in it are never reported,
// even when they run in a loop and allocate.
#ifndef HOT_SYSTEM_HEADER_H
#define HOT_SYSTEM_HEADER_H

#include <functional>
#include <string>

inline size_t systemLoop(const std::string &S, int N) {
  size_t Sum = 0;
  for (int I = 0; I < N; ++I) {
    std::function<size_t()> F = [S] { return S.size(); };
    Sum += F();
  }
  return Sum;
}

template <class Fn> void repeatThroughFunction(Fn F, int N) {
  for (int I = 0; I < N; ++I) {
    std::function<void()> G = F;
    G();
  }
}

#endif // HOT_SYSTEM_HEADER_H
