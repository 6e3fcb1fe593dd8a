// RUN: %check_clang_tidy %s escape-heap-to-stack %t

#include <cstdlib>
#include <memory>

// Sizes whose byte count does not fit in 64 bits: sizeof(T) * N wraps to a
// small number, but what is asked for is too large for any stack. No finding
// (and never a suggestion such as 'std::array<int, 4611686018427387905>').

// The length is not an integral constant expression (Sema does not reject
// it) but it folds to a constant.
static const unsigned long long Lengths[] = {0x4000000000000001ULL};

int newArray() {
  int *p = new int[Lengths[0]];
  p[0] = 1;
  int v = p[0];
  delete[] p;
  return v;
}

int makeUniqueArray() {
  auto p = std::make_unique<int[]>(0x4000000000000001ULL);
  p[0] = 1;
  return p[0];
}

int callocWraps() {
  int *p = static_cast<int *>(std::calloc(0x4000000000000001ULL, 4));
  int v = p[0];
  std::free(p);
  return v;
}

int mallocProductWraps() {
  int *p = static_cast<int *>(std::malloc(sizeof(int) * 0x4000000000000001ULL));
  int v = p[0];
  std::free(p);
  return v;
}

int mallocSumWraps() {
  char *p = static_cast<char *>(std::malloc(0xFFFFFFFFFFFFFFFFULL + 9));
  char v = p[0];
  std::free(p);
  return v;
}

struct Big {
  char Bytes[1 << 20];
};

// 2^44 elements of 2^20 bytes: 2^64 bytes, which wraps to 0.
int makeUniqueBigArray() {
  auto p = std::make_unique<Big[]>(1ULL << 44);
  return p[0].Bytes[0];
}
