//===--- order_router.cpp - escape-tidy example program -------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// A small order router: it validates incoming orders, keeps a price-level book
// per symbol, routes each order to a venue and reports fills. It is ordinary
// server code with the four allocation patterns escape-tidy looks for. Each
// spot is marked with the check that should report it, or with "quiet:" and
// the reason why no check may report it.
//
// Run escape-tidy over it with `tools/run-example.sh [MAJOR]`.
//
//===----------------------------------------------------------------------===//

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace router {

enum class Side : std::uint8_t { Buy, Sell };

struct Order {
  std::uint64_t Id = 0;
  std::string Symbol;
  Side Direction = Side::Buy;
  std::int64_t Price = 0; // In ticks.
  std::int64_t Quantity = 0;
};

struct Fill {
  std::uint64_t OrderId = 0;
  int Venue = 0;
  std::int64_t Price = 0;
  std::int64_t Quantity = 0;
};

/// Limits applied to one route: 24 bytes.
struct RouteConfig {
  std::int64_t MaxQuantity = 0;
  std::int64_t MaxNotional = 0;
  int Venue = 0;
};

/// Running statistics of one price level: 32 bytes.
struct LevelStats {
  std::int64_t Volume = 0;
  std::int64_t Notional = 0;
  std::int64_t Orders = 0;
  std::int64_t Best = 0;
};

/// Exposure per venue and symbol bucket: 8 KiB, too large for the stack.
struct RiskSnapshot {
  std::int64_t Exposure[16][64] = {};
};

/// Venues are polymorphic: a factory must hand them out by pointer.
class VenueAdapter {
public:
  virtual ~VenueAdapter() = default;
  virtual Fill execute(const Order &O) = 0;
  virtual int id() const = 0;
};

class SimulatedVenue final : public VenueAdapter {
public:
  explicit SimulatedVenue(int VenueId) : Id(VenueId) {}
  Fill execute(const Order &O) override {
    ++Executed;
    std::int64_t Improvement = (O.Direction == Side::Buy) ? -1 : 1;
    return Fill{O.Id, Id, O.Price + Improvement * (Executed % 2), O.Quantity};
  }
  int id() const override { return Id; }

private:
  int Id;
  std::int64_t Executed = 0;
};

// quiet: a 24-byte config built fresh and handed out through a unique_ptr,
// but its caller keeps the owner in a member (Router::Limits): the heap
// object is what the caller needs.
std::unique_ptr<RouteConfig> makeRouteConfig(int Venue) {
  auto Config = std::make_unique<RouteConfig>();
  Config->MaxQuantity = 10000;
  Config->MaxNotional = 50000000;
  Config->Venue = Venue;
  return Config;
}

// quiet: the dynamic type is SimulatedVenue, returned as its base class;
// returning by value would slice it.
std::unique_ptr<VenueAdapter> makeVenue(int Id) {
  return std::make_unique<SimulatedVenue>(Id);
}

// quiet: RiskSnapshot is 8 KiB, above escape-owning-return's MaxReturnSize.
std::unique_ptr<RiskSnapshot> makeEmptySnapshot() {
  return std::make_unique<RiskSnapshot>();
}

// quiet: stored into a global, the object outlives every function.
static RouteConfig *GDefaultLimits = nullptr;

void installDefaultLimits() {
  GDefaultLimits = new RouteConfig{5000, 10000000, 0};
}

// escape-owning-return: a 16-byte spread computed fresh and handed out
// through a unique_ptr, although its only caller reads it; returning Spread by
// value avoids the allocation.
struct Spread {
  std::int64_t Low = 0;
  std::int64_t High = 0;
};
static std::unique_ptr<Spread>
spreadOf(const std::map<std::int64_t, std::int64_t> &Levels) {
  auto S = std::make_unique<Spread>();
  if (!Levels.empty()) {
    S->Low = Levels.begin()->first;
    S->High = Levels.rbegin()->first;
  }
  return S;
}

class OrderBook {
public:
  void add(const Order &O) {
    // quiet: std::map is node based, there is nothing to reserve.
    Levels[O.Price] += O.Quantity;
    Orders.push_back(O);
  }

  std::int64_t volumeAt(std::int64_t Price) const {
    auto It = Levels.find(Price);
    return It == Levels.end() ? 0 : It->second;
  }

  // escape-heap-to-stack: Stats never leaves this function.
  LevelStats summarize() const {
    auto Stats = std::make_unique<LevelStats>();
    for (const auto &Level : Levels) {
      Stats->Volume += Level.second;
      Stats->Notional += Level.first * Level.second;
      if (Stats->Best == 0 || Level.first < Stats->Best)
        Stats->Best = Level.first;
    }
    Stats->Orders = static_cast<std::int64_t>(Orders.size());
    return *Stats;
  }

  const std::vector<Order> &orders() const { return Orders; }

  std::int64_t width() const {
    return spreadOf(Levels)->High - spreadOf(Levels)->Low;
  }

private:
  std::map<std::int64_t, std::int64_t> Levels;
  std::vector<Order> Orders;
};

class Router {
public:
  explicit Router(int VenueCount) {
    // quiet: reserved before the loop.
    Venues.reserve(static_cast<std::size_t>(VenueCount));
    for (int V = 1; V <= VenueCount; ++V)
      Venues.push_back(makeVenue(V));
    Limits = makeRouteConfig(1);
  }

  // escape-heap-to-stack: `new` + `delete` of a 24-byte object in one scope.
  bool validate(const Order &O) const {
    RouteConfig *Effective = new RouteConfig(*Limits);
    if (GDefaultLimits && GDefaultLimits->MaxQuantity < Effective->MaxQuantity)
      Effective->MaxQuantity = GDefaultLimits->MaxQuantity;
    bool Ok = O.Quantity > 0 && O.Quantity <= Effective->MaxQuantity &&
              O.Price * O.Quantity <= Effective->MaxNotional;
    delete Effective;
    return Ok;
  }

  std::vector<Fill> route(const std::vector<Order> &Batch) {
    std::vector<Fill> Fills;
    // quiet: reserved before the loop.
    Fills.reserve(Batch.size());
    std::size_t Next = 0;
    for (const Order &O : Batch) {
      if (!validate(O)) {
        // quiet: escapes into a member that outlives the call.
        LastRejected = std::make_unique<Order>(O);
        continue;
      }
      // escape-heap-to-stack: one allocation per iteration, never escapes.
      auto Pending = std::make_unique<Fill>();
      Pending->OrderId = O.Id;
      Pending->Quantity = O.Quantity;
      VenueAdapter &Venue = *Venues[Next++ % Venues.size()];
      Fill Done = Venue.execute(O);
      Done.Quantity = Pending->Quantity;
      Fills.push_back(Done);
      Books[O.Symbol].add(O);
    }
    return Fills;
  }

  // escape-hot-type-erasure: each std::function holds a lambda that captures a
  // std::string (32 bytes with libstdc++) by value, too large for its small
  // buffer, so every iteration allocates.
  std::int64_t countMatching(const std::vector<std::string> &Symbols) const {
    std::int64_t Total = 0;
    for (const std::string &Symbol : Symbols) {
      std::function<bool(const Order &)> Matches = [Symbol](const Order &O) {
        return O.Symbol == Symbol;
      };
      for (const auto &Entry : Books)
        for (const Order &O : Entry.second.orders())
          Total += Matches(O) ? 1 : 0;
    }
    return Total;
  }

  // quiet: the lambda captures one pointer and fits the small buffer.
  std::int64_t totalVolume(const std::vector<std::int64_t> &Prices) const {
    std::int64_t Total = 0;
    for (const std::int64_t &Price : Prices) {
      const std::int64_t *Level = &Price;
      std::function<std::int64_t(const OrderBook &)> Volume =
          [Level](const OrderBook &Book) { return Book.volumeAt(*Level); };
      for (const auto &Entry : Books)
        Total += Volume(Entry.second);
    }
    return Total;
  }

  const std::unordered_map<std::string, OrderBook> &books() const {
    return Books;
  }

private:
  std::vector<std::unique_ptr<VenueAdapter>> Venues;
  std::unique_ptr<RouteConfig> Limits;
  std::unique_ptr<Order> LastRejected;
  std::unordered_map<std::string, OrderBook> Books;
};

// escape-unreserved-growth: push_back in a counted loop, no reserve.
std::vector<Order> generateOrders(int Count) {
  static const char *const Symbols[] = {"ACME", "GLOBX", "INITECH", "UMBR"};
  std::vector<Order> Batch;
  for (int I = 0; I < Count; ++I) {
    Order O;
    O.Id = static_cast<std::uint64_t>(I) + 1;
    O.Symbol = Symbols[I % 4];
    O.Direction = (I % 3 == 0) ? Side::Sell : Side::Buy;
    O.Price = 100 + I % 7;
    O.Quantity = 10 * (1 + I % 5);
    Batch.push_back(O);
  }
  return Batch;
}

// escape-unreserved-growth: the report string grows with += once per fill.
std::string formatReport(const std::vector<Fill> &Fills) {
  std::string Report;
  for (const Fill &F : Fills) {
    Report += std::to_string(F.OrderId);
    Report += ':';
  }
  return Report;
}

// escape-unreserved-growth: operator[] inserts one key per order, no reserve.
std::unordered_map<std::uint64_t, int>
venueByOrder(const std::vector<Fill> &Fills) {
  std::unordered_map<std::uint64_t, int> Venues;
  for (const Fill &F : Fills)
    Venues[F.OrderId] = F.Venue;
  return Venues;
}

} // namespace router

int main() {
  using namespace router;
  installDefaultLimits();
  Router R(3);
  std::vector<Order> Batch = generateOrders(2000);
  std::vector<Fill> Fills = R.route(Batch);
  std::string Report = formatReport(Fills);
  std::unordered_map<std::uint64_t, int> Venues = venueByOrder(Fills);
  std::int64_t Matching = R.countMatching({"ACME", "UMBR"});
  std::int64_t Volume = R.totalVolume({100, 101, 102});
  std::unique_ptr<RiskSnapshot> Risk = makeEmptySnapshot();
  for (const Fill &F : Fills)
    Risk->Exposure[F.Venue % 16][F.OrderId % 64] += F.Price * F.Quantity;
  std::int64_t Levels = 0;
  for (const auto &Entry : R.books())
    Levels += Entry.second.summarize().Volume;
  std::printf("orders=%zu fills=%zu venues=%zu report=%zu bytes matching=%lld "
              "volume=%lld booked=%lld exposure[1][1]=%lld\n",
              Batch.size(), Fills.size(), Venues.size(), Report.size(),
              static_cast<long long>(Matching), static_cast<long long>(Volume),
              static_cast<long long>(Levels),
              static_cast<long long>(Risk->Exposure[1][1]));
  delete GDefaultLimits;
  return Fills.empty() ? 1 : 0;
}
