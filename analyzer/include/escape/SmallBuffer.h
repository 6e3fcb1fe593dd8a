// Placeholder: the small-buffer (SBO) rule table; owned by the type-erasure work.
#ifndef ESCAPE_ANALYZER_SMALLBUFFER_H
#define ESCAPE_ANALYZER_SMALLBUFFER_H
#include <cstdint>
#include <string>
namespace clang::escape {
enum class StdLib { LibStdCxx, LibCxx, LibCxxOptimizedFunction, MsvcStl };
struct ErasedTypeRule {
  std::string QualifiedName;
  uint64_t InlineCapacity = 0;
};
} // namespace clang::escape
#endif
