//===--- counting_new.h - counters of the replaced operator new -*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_TIDY_BENCH_IMPACT_COUNTING_NEW_H
#define ESCAPE_TIDY_BENCH_IMPACT_COUNTING_NEW_H

#include <cstdint>

namespace impact {

/// Totals since program start of the replaced global operator new/delete
/// (counting_new.cpp). Bytes are the sizes requested from operator new, not
/// what malloc rounds them up to. Not thread-safe: single-threaded use only.
struct AllocCounters {
  std::uint64_t Allocations = 0;
  std::uint64_t Bytes = 0;
  std::uint64_t Deallocations = 0;
};

extern AllocCounters Counters;

} // namespace impact

#endif // ESCAPE_TIDY_BENCH_IMPACT_COUNTING_NEW_H
