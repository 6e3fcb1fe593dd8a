// RUN: %check_clang_tidy %s escape-* %t

// Ordinary code with no finding for any escape-* check: nothing may be
// printed (no CHECK lines means no diagnostics).
#include <memory>
#include <string>
#include <vector>

struct Widget {
  virtual ~Widget() = default;
  virtual int size() const { return 1; }
};

// The owner is handed to a function the analysis cannot see: it escapes.
void adopt(std::unique_ptr<Widget> W);

void handOver() {
  auto W = std::make_unique<Widget>();
  adopt(std::move(W));
}

// The container is sized before the loop.
std::vector<int> squares(int N) {
  std::vector<int> Out;
  Out.reserve(static_cast<std::size_t>(N));
  for (int I = 0; I < N; ++I)
    Out.push_back(I * I);
  return Out;
}

// Values on the stack, nothing to report.
std::size_t totalLength(const std::vector<std::string> &Words) {
  std::size_t Total = 0;
  for (const std::string &S : Words)
    Total += S.size();
  return Total;
}
