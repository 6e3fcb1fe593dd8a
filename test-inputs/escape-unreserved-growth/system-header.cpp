// RUN: %check_clang_tidy %s escape-unreserved-growth %t -- \
// RUN:   --system-headers --header-filter=.* -- \
// RUN:   -isystem %S/../Inputs/escape-unreserved-growth/system

// Code in a system header is not reported, even with --system-headers and
// when a template there is instantiated from this file. (Included as a user
// header, with -I, the two loops of growth_helpers.h are reported; that run
// is not part of this file because --fix would then edit the header.)
#include <growth_helpers.h>
#include <vector>

std::vector<double> useHelpers(const std::vector<double> &in) {
  std::vector<int> ints = systemIota(3);
  (void)ints;
  return systemCopy(in);
}

std::vector<int> localIota(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i)
    out.push_back(i);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: loop runs 'n' times
  return out;
}
