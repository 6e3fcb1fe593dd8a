// A header that declares part of a library's public API: other translation
// units call these functions, and may keep what they return.
#include <memory>

struct Widget {
  int Id = 0;
};
std::unique_ptr<Widget> makeWidget(int Id);

// Defined in the header: every translation unit that includes it has its own
// callers, and sees only those.
static inline std::unique_ptr<Widget> makeInlineWidget(int Id) {
  auto W = std::make_unique<Widget>();
  W->Id = Id;
  return W;
}
template <class T> std::unique_ptr<T> makeDefault() {
  return std::make_unique<T>();
}
