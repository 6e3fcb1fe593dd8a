// Placeholder: loop trip counts; owned by the unreserved-growth work.
#ifndef ESCAPE_ANALYZER_TRIPCOUNT_H
#define ESCAPE_ANALYZER_TRIPCOUNT_H
namespace clang::escape {}
#endif
