#include "escape/AllocationSite.h"
namespace clang::escape {
const char *spelling(AllocKind K) {
  switch (K) {
  case AllocKind::New: return "new";
  case AllocKind::NewArray: return "new[]";
  case AllocKind::MakeUnique: return "make_unique";
  case AllocKind::MakeUniqueArray: return "make_unique";
  case AllocKind::MakeShared: return "make_shared";
  case AllocKind::AllocateShared: return "allocate_shared";
  case AllocKind::Malloc: return "malloc";
  case AllocKind::Calloc: return "calloc";
  }
  return "new";
}
} // namespace clang::escape
