// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-unreserved-growth %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-unreserved-growth %t

// Counting a range of input iterators walks it: std::distance over
// std::istreambuf_iterator consumes the stream the copy then reads (found in
// llama.cpp's common/arg.cpp). Only forward iterators or better are counted.

#include <algorithm>
#include <istream>
#include <iterator>
#include <list>
#include <string>
#include <vector>

std::string readAll(std::istream &In) {
  std::string Text;
  std::copy(std::istreambuf_iterator<char>(In), std::istreambuf_iterator<char>(),
            std::back_inserter(Text));
  return Text;
}

std::vector<int> readInts(std::istream &In) {
  std::vector<int> Out;
  std::copy(std::istream_iterator<int>(In), std::istream_iterator<int>(),
            std::back_inserter(Out));
  return Out;
}

std::vector<int> fromList(const std::list<int> &L, std::list<int>::const_iterator First) {
  std::vector<int> Out;
  std::copy(First, L.end(), std::back_inserter(Out));
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Out' grows by 'std::back_inserter' on each of 'std::distance(First, L.end())' iterations without reserve; consider 'Out.reserve(std::distance(First, L.end()))' [escape-unreserved-growth]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'std::copy' writes 'std::distance(First, L.end())' elements
  // CHECK-FIXES: Out.reserve(std::distance(First, L.end()));
  // CHECK-FIXES: std::copy(First, L.end(), std::back_inserter(Out));
  return Out;
}
