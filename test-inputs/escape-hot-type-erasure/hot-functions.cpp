// RUN: %check_clang_tidy %s escape-hot-type-erasure %t -- \
// RUN:   -config="{CheckOptions: {escape-hot-type-erasure.StandardLibrary: 'libstdc++', escape-hot-type-erasure.HotFunctions: 'app::process.*;.*::tick'}}"

// HotFunctions: functions whose whole qualified name matches one of the
// regular expressions are hot; every construction in them counts.

#include <any>
#include <functional>
#include <string>

namespace app {

size_t processFrame(std::string S) {
  std::function<size_t()> F = [S] { return S.size(); };
  // CHECK-NOTES: :[[@LINE-1]]:31: warning: std::function built from a lambda capturing 32 bytes allocates on each call (libstdc++ stores only trivially copyable callables of up to 16 bytes inline; the lambda is not trivially copyable) [escape-hot-type-erasure]
  // CHECK-NOTES: :[[@LINE-3]]:8: note: 'app::processFrame' is hot because it matches the HotFunctions option
  return F();
}

struct Game {
  void tick(const std::string &Event) {
    std::any Last = Event;
    // CHECK-NOTES: :[[@LINE-1]]:21: warning: std::any built from 'std::string' (32 bytes) allocates on each call (libstdc++ stores only nothrow-move-constructible values of up to 8 bytes inline) [escape-hot-type-erasure]
    // CHECK-NOTES: :[[@LINE-3]]:8: note: 'app::Game::tick' is hot because it matches the HotFunctions option
  }
  // The regex must match the whole name: 'app::Game::ticker' does not.
  void ticker(const std::string &Event) { std::any Last = Event; }
};

// Not matched: 'app::setup', and 'app::preprocess' (the match is anchored).
size_t setup(std::string S) {
  std::function<size_t()> F = [S] { return S.size(); };
  return F();
}
size_t preprocess(std::string S) {
  std::function<size_t()> F = [S] { return S.size(); };
  return F();
}

// A lambda inside a hot function is a function of its own: not hot.
size_t processLater(std::string S) {
  auto Later = [S] {
    std::function<size_t()> F = [S] { return S.size(); };
    return F();
  };
  return Later();
}

} // namespace app
