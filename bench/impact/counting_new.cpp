//===--- counting_new.cpp - counting replacement of global operator new ---===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Replaces all 22 replaceable global allocation and deallocation functions of
// C++17 ([new.delete.single], [new.delete.array]: plain, nothrow, aligned,
// aligned nothrow, sized, aligned sized) with versions that count calls and
// bytes and forward to malloc/posix_memalign/free. Heaptrack, which
// intercepts malloc, therefore still sees every allocation.
//
// It lives in its own translation unit on purpose: the optimizer must not see
// its body from the code under test, exactly as with the library's own
// operator new, so allocation elision ([expr.new]/10) is judged the same way.
//
// The counters are plain integers: the impact driver is single-threaded.
//
//===----------------------------------------------------------------------===//

#include "counting_new.h"

#include <cstdlib>
#include <new>

namespace impact {
AllocCounters Counters;
} // namespace impact

namespace {

void *allocate(std::size_t Size) noexcept {
  ++impact::Counters.Allocations;
  impact::Counters.Bytes += Size;
  return std::malloc(Size == 0 ? 1 : Size);
}

void *allocateAligned(std::size_t Size, std::align_val_t Align) noexcept {
  ++impact::Counters.Allocations;
  impact::Counters.Bytes += Size;
  std::size_t A = static_cast<std::size_t>(Align);
  if (A < sizeof(void *))
    A = sizeof(void *);
  void *P = nullptr;
  if (posix_memalign(&P, A, Size == 0 ? 1 : Size) != 0)
    return nullptr;
  return P;
}

/// The throwing forms: retry through the new-handler, then throw
/// ([new.delete.single]/4).
void *allocateOrThrow(std::size_t Size) {
  for (;;) {
    if (void *P = allocate(Size))
      return P;
    std::new_handler Handler = std::get_new_handler();
    if (!Handler)
      throw std::bad_alloc();
    Handler();
  }
}

void *allocateAlignedOrThrow(std::size_t Size, std::align_val_t Align) {
  for (;;) {
    if (void *P = allocateAligned(Size, Align))
      return P;
    std::new_handler Handler = std::get_new_handler();
    if (!Handler)
      throw std::bad_alloc();
    Handler();
  }
}

void release(void *P) noexcept {
  if (!P)
    return;
  ++impact::Counters.Deallocations;
  std::free(P);
}

} // namespace

void *operator new(std::size_t Size) { return allocateOrThrow(Size); }
void *operator new[](std::size_t Size) { return allocateOrThrow(Size); }
void *operator new(std::size_t Size, const std::nothrow_t &) noexcept {
  return allocate(Size);
}
void *operator new[](std::size_t Size, const std::nothrow_t &) noexcept {
  return allocate(Size);
}
void *operator new(std::size_t Size, std::align_val_t Align) {
  return allocateAlignedOrThrow(Size, Align);
}
void *operator new[](std::size_t Size, std::align_val_t Align) {
  return allocateAlignedOrThrow(Size, Align);
}
void *operator new(std::size_t Size, std::align_val_t Align,
                   const std::nothrow_t &) noexcept {
  return allocateAligned(Size, Align);
}
void *operator new[](std::size_t Size, std::align_val_t Align,
                     const std::nothrow_t &) noexcept {
  return allocateAligned(Size, Align);
}

void operator delete(void *P) noexcept { release(P); }
void operator delete[](void *P) noexcept { release(P); }
void operator delete(void *P, const std::nothrow_t &) noexcept { release(P); }
void operator delete[](void *P, const std::nothrow_t &) noexcept { release(P); }
void operator delete(void *P, std::size_t) noexcept { release(P); }
void operator delete[](void *P, std::size_t) noexcept { release(P); }
void operator delete(void *P, std::align_val_t) noexcept { release(P); }
void operator delete[](void *P, std::align_val_t) noexcept { release(P); }
void operator delete(void *P, std::size_t, std::align_val_t) noexcept {
  release(P);
}
void operator delete[](void *P, std::size_t, std::align_val_t) noexcept {
  release(P);
}
void operator delete(void *P, std::align_val_t,
                     const std::nothrow_t &) noexcept {
  release(P);
}
void operator delete[](void *P, std::align_val_t,
                       const std::nothrow_t &) noexcept {
  release(P);
}
