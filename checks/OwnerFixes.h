//===--- OwnerFixes.h - escape-tidy -----------------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// Fix-its shared by the checks that turn a heap allocation into a value:
// escape-heap-to-stack (a local owner becomes a local value) and
// escape-owning-return (the same, for the owner a function returns, plus
// `return std::make_unique<T>(a)` becoming `return T(a)`).
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_OWNERFIXES_H
#define ESCAPE_CHECKS_OWNERFIXES_H

#include "escape/AllocationSite.h"
#include "escape/EscapeAnalyzer.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::escape {

/// The source text of the token range \p R ("" when it cannot be read).
std::string sourceText(SourceRange R, const SourceManager &SM,
                       const LangOptions &LO);

/// True when \p R is spelled in one file, outside macros, and holds no
/// preprocessor directive (a `#` that starts a line): a fix-it replacing or
/// removing it cannot drop or half-keep a conditional block.
bool isPlainFileRange(CharSourceRange R, const SourceManager &SM,
                      const LangOptions &LO);

/// The allocated type as the user wrote it at \p Site (`Point` in
/// `new Point{1, 2}` or `std::make_unique<Point>(1, 2)`), or "".
std::string spelledType(const clang::escape::AllocationSite &Site,
                        const SourceManager &SM, const LangOptions &LO);

/// An expression that creates the object of \p Site as a prvalue instead:
/// `Point{1, 2}` for `new Point{1, 2}`, `Point(1, 2)` for
/// `std::make_unique<Point>(1, 2)`, `Point()` for `new Point`. std::nullopt
/// for arrays, placement new, allocations other than new / make_unique /
/// make_shared, or text inside macros.
std::optional<std::string>
spelledTemporary(const clang::escape::AllocationSite &Site,
                 const SourceManager &SM, const LangOptions &LO);

/// Fix-its that turn the owner of \p Site (`auto p = std::make_unique<T>(a);`)
/// into a local value (`T p(a);`): `p->m` becomes `p.m`, `*p` becomes `p`,
/// `p.get()` becomes `&p`, `delete p;` is removed. \p KeptRefs are references
/// to the owner left as they are (the `p` of `return p;` when the function
/// returns the value). Returns an empty vector when some use of the owner
/// cannot be rewritten, or when a rewrite would land in a macro.
std::vector<FixItHint>
ownerToValueFixes(const clang::escape::AllocationSite &Site,
                  const clang::escape::OwnerFacts &Facts, ASTContext &Ctx,
                  llvm::ArrayRef<const Expr *> KeptRefs = {});

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_OWNERFIXES_H
