// A header that declares part of a library's public API: other translation
// units call these functions, and may keep what they return.
#include <memory>

struct Widget {
  int Id = 0;
};
std::unique_ptr<Widget> makeWidget(int Id);
