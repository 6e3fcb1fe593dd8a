#include <cstdlib>
#include <memory>

// Sizes that overflow 64 bits: "too large", never the wrapped value.
static const unsigned long long Lengths[] = {0x4000000000000001ULL};

int newArray() {
  int *p = new int[Lengths[0]];
  int v = p[0];
  delete[] p;
  return v;
}

int makeUniqueArray() {
  auto p = std::make_unique<int[]>(0x4000000000000001ULL);
  return p[0];
}

int callocBuffer() {
  int *p = static_cast<int *>(std::calloc(0x4000000000000001ULL, 4));
  int v = p[0];
  std::free(p);
  return v;
}

int mallocBuffer() {
  int *p = static_cast<int *>(std::malloc(sizeof(int) * 0x4000000000000001ULL));
  int v = p[0];
  std::free(p);
  return v;
}
