// RUN: %check_clang_tidy -std-lib=libstdc++ %s escape-owning-return %t
// RUN: %check_clang_tidy -std-lib=libc++ %s escape-owning-return %t

#include <memory>
#include <string>

struct Config {
  int Threads = 4;
  bool Verbose = false;
};

std::unique_ptr<Config> defaultConfig() {
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'defaultConfig' returns a heap-allocated 'Config' (8 bytes) through 'std::unique_ptr<Config>'; consider returning 'Config' by value [escape-owning-return]
  auto C = std::make_unique<Config>();
  C->Threads = 8;
  return C;
}

std::shared_ptr<std::string> greeting(bool Polite) {
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'greeting' returns a heap-allocated 'std::string' ({{32|24}} bytes) or null through 'std::shared_ptr<std::string>'; consider returning 'std::optional<std::string>' [escape-owning-return]
  if (!Polite)
    return nullptr;
  return std::make_shared<std::string>("hello");
}

int use() { return defaultConfig()->Threads + static_cast<int>(greeting(true)->size()); }
// CHECK-MESSAGES: :[[@LINE-1]]:20: note: 1 caller in this translation unit would change; the first that keeps the object is here
// CHECK-MESSAGES: :[[@LINE-2]]:64: note: 1 caller in this translation unit would change; the first that keeps the object is here
