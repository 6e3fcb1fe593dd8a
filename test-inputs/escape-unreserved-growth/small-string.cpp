// RUN: %check_clang_tidy -std-lib=libstdc++ -check-suffix=GNU %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ -check-suffix=LLVM %s escape-unreserved-growth %t

// A std::string that grows by a known number of characters within its
// small-string buffer never allocates: 15 chars in libstdc++, 22 in libc++
// (issue 13; the table is in analyzer/include/escape/SmallBuffer.h).
#include <string>

std::string fifteen() {
  std::string s;
  for (int i = 0; i < 15; ++i)
    s += '-';
  return s;
}

std::string twenty() {
  std::string s;
  for (int i = 0; i < 20; ++i)
    s += '-';
  // CHECK-MESSAGES-GNU: :[[@LINE-1]]:7: warning: 's' grows by 'operator+=' on each of '20' iterations without reserve; consider 's.reserve(20)' [escape-unreserved-growth]
  // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop runs '20' times
  // CHECK-FIXES-GNU: s.reserve(20);
  return s;
}

std::string twentyThree() {
  std::string s;
  for (int i = 0; i < 23; ++i)
    s.push_back('-');
  // CHECK-MESSAGES-GNU: :[[@LINE-1]]:7: warning: 's' grows by 'push_back' on each of '23' iterations without reserve; consider 's.reserve(23)' [escape-unreserved-growth]
  // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop runs '23' times
  // CHECK-FIXES-GNU: s.reserve(23);
  // CHECK-MESSAGES-LLVM: :[[@LINE-4]]:7: warning: 's' grows by 'push_back' on each of '23' iterations without reserve; consider 's.reserve(23)' [escape-unreserved-growth]
  // CHECK-MESSAGES-LLVM: :[[@LINE-6]]:3: note: loop runs '23' times
  // CHECK-FIXES-LLVM: s.reserve(23);
  return s;
}

std::u32string wide() {
  std::u32string s; // 15 / 4 = 3 chars in libstdc++, 23 / 4 - 1 = 4 in libc++
  for (int i = 0; i < 4; ++i)
    s += U'-';
  // CHECK-MESSAGES-GNU: :[[@LINE-1]]:7: warning: 's' grows by 'operator+=' on each of '4' iterations without reserve; consider 's.reserve(4)' [escape-unreserved-growth]
  // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop runs '4' times
  // CHECK-FIXES-GNU: s.reserve(4);
  return s;
}

// A range-for over a std::array has a constant count (llama.cpp's
// common/arg.cpp: 9 default samplers).
#include <array>
std::string codes(const std::array<int, 9> &Samplers) {
  std::string s;
  for (int x : Samplers)
    s += static_cast<char>('a' + x);
  return s;
}

// A string grown by a run-time number of characters may stay within its
// small-string buffer (googletest's gtest_unittest.cc: one char per edit of
// strings of at most 16 chars; llama.cpp's common/arg.cpp: one char per
// configured sampler): whether a reserve saves an allocation depends on data
// the analysis cannot see, so no finding (issue 13, kind C).
#include <vector>
std::string editsToString(const std::vector<int> &Edits) {
  std::string Out;
  for (int E : Edits)
    Out.append(1, E == 0 ? ' ' : '+');
  return Out;
}

std::string repeat(int N) {
  std::string Out;
  for (int I = 0; I < N; ++I)
    Out += 'x';
  return Out;
}

// A vector grown the same way has no small buffer: still reported.
std::vector<char> editsToVector(const std::vector<int> &Edits) {
  std::vector<char> Out;
  for (int E : Edits)
    Out.push_back(E == 0 ? ' ' : '+');
  // CHECK-MESSAGES-GNU: :[[@LINE-1]]:9: warning: 'Out' grows by 'push_back' on each of 'Edits.size()' iterations without reserve; consider 'Out.reserve(Edits.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop runs 'Edits.size()' times
  // CHECK-FIXES-GNU: Out.reserve(Edits.size());
  // CHECK-MESSAGES-LLVM: :[[@LINE-4]]:9: warning: 'Out' grows by 'push_back' on each of 'Edits.size()' iterations without reserve; consider 'Out.reserve(Edits.size())' [escape-unreserved-growth]
  // CHECK-MESSAGES-LLVM: :[[@LINE-6]]:3: note: loop runs 'Edits.size()' times
  // CHECK-FIXES-LLVM: Out.reserve(Edits.size());
  return Out;
}

// More characters than any small buffer holds: reported.
std::string big() {
  std::string s;
  for (int i = 0; i < 2000000; ++i)
    s += '-';
  // CHECK-MESSAGES-GNU: :[[@LINE-1]]:7: warning: 's' grows by 'operator+=' on each of '2000000' iterations without reserve; consider 's.reserve(2000000)' [escape-unreserved-growth]
  // CHECK-MESSAGES-GNU: :[[@LINE-3]]:3: note: loop runs '2000000' times
  // CHECK-FIXES-GNU: s.reserve(2000000);
  // CHECK-MESSAGES-LLVM: :[[@LINE-4]]:7: warning: 's' grows by 'operator+=' on each of '2000000' iterations without reserve; consider 's.reserve(2000000)' [escape-unreserved-growth]
  // CHECK-MESSAGES-LLVM: :[[@LINE-6]]:3: note: loop runs '2000000' times
  // CHECK-FIXES-LLVM: s.reserve(2000000);
  return s;
}
