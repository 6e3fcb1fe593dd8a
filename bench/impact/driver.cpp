//===--- driver.cpp - workload for the escape-tidy impact measurement -----===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Drives the bundled example (examples/order_router.cpp) with a workload, once
// as written and once after escape-tidy's fix-its (bench/impact.sh). The
// example is included, not copied: the include path (-I) picks the original or
// the fixed copy. Its own main() is renamed so that this driver supplies one;
// the example's text is not changed.
//
// Workload (defaults; `driver [ORDERS [BATCH [SESSION]]]`): 200 batches of
// 1000 orders from generateOrders, each routed (validate + one Fill per order),
// reported (formatReport, venueByOrder) and summarized per book; one route
// configuration per batch (makeRouteConfig); every 10 batches a surveillance
// query (countMatching, totalVolume). One Router serves SESSION batches, then a
// new one starts with empty books; SESSION 0 (the default) keeps one Router,
// whose books then hold every order of the run, as in the example's main().
// A checksum (FNV-1a, 64 bits) over every result proves that before and after
// compute the same thing and keeps the optimizer from dropping the work.
//
// Output: one `key=value` line, e.g.
//   orders=200000 batches=200 session=0 checksum=0x... allocations=...
//   bytes=... deallocations=... time_ns=... cpu_ns=... total_allocations=...
// allocations/bytes/deallocations count the workload only (from before the
// first Router is built until after the last result is hashed);
// total_allocations counts the whole process, for comparison with heaptrack.
// time_ns is wall time (steady_clock), cpu_ns the process's CPU time (user +
// system), both of the workload only.
//
//===----------------------------------------------------------------------===//

#include "counting_new.h"

#define main order_router_example_main
#include "order_router.cpp" // examples/ or its fixed copy, chosen by -I.
#undef main

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace {

/// FNV-1a over 64-bit values.
class Checksum {
public:
  void add(std::uint64_t V) {
    for (int I = 0; I < 8; ++I) {
      Hash ^= (V >> (8 * I)) & 0xffU;
      Hash *= 0x100000001b3ULL;
    }
  }
  void add(std::int64_t V) { add(static_cast<std::uint64_t>(V)); }
  void add(int V) { add(static_cast<std::uint64_t>(static_cast<unsigned>(V))); }
  void add(const std::string &S) {
    add(static_cast<std::uint64_t>(S.size()));
    for (unsigned char C : S) {
      Hash ^= C;
      Hash *= 0x100000001b3ULL;
    }
  }
  std::uint64_t value() const { return Hash; }

private:
  std::uint64_t Hash = 0xcbf29ce484222325ULL;
};

// makeRouteConfig returns std::unique_ptr<RouteConfig> as written and
// RouteConfig after escape-owning-return's signature fix-it (FixSignatures):
// the driver accepts both.
[[maybe_unused]] const router::RouteConfig &
configOf(const std::unique_ptr<router::RouteConfig> &P) {
  return *P;
}
[[maybe_unused]] const router::RouteConfig &
configOf(const router::RouteConfig &C) {
  return C;
}

/// CPU time of the process (user + system), in nanoseconds.
long long cpuNanoseconds() {
  timespec T{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &T);
  return static_cast<long long>(T.tv_sec) * 1000000000LL + T.tv_nsec;
}

long parsePositive(const char *Arg, const char *What) {
  char *End = nullptr;
  long V = std::strtol(Arg, &End, 10);
  if (End == Arg || *End != '\0' || V <= 0) {
    std::fprintf(stderr, "driver: error: %s '%s' is not a positive integer\n",
                 What, Arg);
    std::exit(2);
  }
  return V;
}

} // namespace

int main(int Argc, char **Argv) {
  using namespace router;
  if (Argc > 4) {
    std::fprintf(stderr, "usage: driver [ORDERS [BATCH [SESSION]]]\n");
    return 2;
  }
  long Orders = Argc > 1 ? parsePositive(Argv[1], "ORDERS") : 200000;
  long BatchSize = Argc > 2 ? parsePositive(Argv[2], "BATCH") : 1000;
  long Session = 0;
  if (Argc > 3 && std::strcmp(Argv[3], "0") != 0)
    Session = parsePositive(Argv[3], "SESSION");
  long Batches = (Orders + BatchSize - 1) / BatchSize;
  const std::vector<std::string> Watched = {"ACME", "UMBR"};
  const std::vector<std::int64_t> Prices = {100, 101, 102};

  installDefaultLimits();
  Checksum Sum;
  impact::AllocCounters Start = impact::Counters;
  long long Cpu0 = cpuNanoseconds();
  auto T0 = std::chrono::steady_clock::now();
  {
    auto R = std::make_unique<Router>(3);
    long Left = Orders;
    for (long B = 0; B < Batches; ++B) {
      if (Session > 0 && B > 0 && B % Session == 0)
        R = std::make_unique<Router>(3); // A new session: empty books.
      int Count = static_cast<int>(Left < BatchSize ? Left : BatchSize);
      Left -= Count;
      std::vector<Order> Batch = generateOrders(Count);
      std::vector<Fill> Fills = R->route(Batch);
      for (const Fill &F : Fills) {
        Sum.add(F.OrderId);
        Sum.add(F.Venue);
        Sum.add(F.Price);
        Sum.add(F.Quantity);
      }
      Sum.add(formatReport(Fills));
      std::unordered_map<std::uint64_t, int> Venues = venueByOrder(Fills);
      std::uint64_t VenueSum = 0; // Order-independent: the map is unordered.
      for (const auto &Entry : Venues)
        VenueSum += Entry.first * static_cast<std::uint64_t>(Entry.second);
      Sum.add(VenueSum);
      Sum.add(static_cast<std::uint64_t>(Venues.size()));
      std::int64_t Booked = 0;
      for (const auto &Entry : R->books()) {
        LevelStats Stats = Entry.second.summarize();
        Booked += Stats.Volume + 3 * Stats.Notional + 5 * Stats.Orders +
                  7 * Stats.Best;
      }
      Sum.add(Booked);
      auto &&Config = makeRouteConfig(static_cast<int>(B % 3) + 1);
      Sum.add(configOf(Config).MaxQuantity);
      Sum.add(configOf(Config).MaxNotional);
      Sum.add(configOf(Config).Venue);
      if ((B + 1) % 10 == 0 || B + 1 == Batches) {
        Sum.add(R->countMatching(Watched));
        Sum.add(R->totalVolume(Prices));
      }
    }
  }
  auto T1 = std::chrono::steady_clock::now();
  long long Cpu1 = cpuNanoseconds();
  impact::AllocCounters End = impact::Counters;
  delete GDefaultLimits;

  long long Ns = static_cast<long long>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(T1 - T0).count());
  std::printf(
      "orders=%ld batches=%ld session=%ld checksum=0x%016llx allocations=%llu "
      "bytes=%llu deallocations=%llu time_ns=%lld cpu_ns=%lld "
      "total_allocations=%llu\n",
      Orders, Batches, Session, static_cast<unsigned long long>(Sum.value()),
      static_cast<unsigned long long>(End.Allocations - Start.Allocations),
      static_cast<unsigned long long>(End.Bytes - Start.Bytes),
      static_cast<unsigned long long>(End.Deallocations - Start.Deallocations),
      Ns, Cpu1 - Cpu0,
      static_cast<unsigned long long>(impact::Counters.Allocations));
  return 0;
}
