//===--- HeapToStackCheck.h - escape-tidy
//-------------------------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_HEAPTOSTACKCHECK_H
#define ESCAPE_CHECKS_HEAPTOSTACKCHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "escape/EscapeAnalyzer.h"
#include "escape/FrameFacts.h"
#include "llvm/ADT/MapVector.h"
#include <string>
#include <vector>

namespace clang::tidy::escape {

/// Finds heap allocations (`new`, `std::make_unique`, `std::make_shared`,
/// `malloc`) whose object never outlives the function, and suggests a local
/// value, `std::optional` or `std::array` instead.
///
/// For the user-facing documentation see: checks/docs/escape-heap-to-stack.rst
class HeapToStackCheck : public EscapeCheckBase {
public:
  HeapToStackCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  /// Largest object (bytes, dynamic type) suggested for the stack.
  const unsigned MaxObjectSize;
  /// Largest frame (bytes: the function's locals plus the objects suggested
  /// for its stack) the check fills with suggestions.
  const unsigned MaxFrameSize;
  /// Largest object (bytes) suggested for the stack of a function that is
  /// recursive in the translation unit.
  const unsigned RecursiveMaxObjectSize;
  /// Treat `const &` arguments and implicit objects of opaque callees as
  /// escaping.
  const bool StrictEscape;
  /// Qualified class names whose pointers, passed to a constructor whose
  /// body is not visible, are taken as a parent that may own the new object
  /// (`;`-separated; local or global option; default "QObject").
  const std::vector<std::string> ParentTypes;
  clang::escape::EscapeAnalyzer::Memoized Cache;
  clang::escape::RecursionFacts Recursion;
  ASTContext *Context = nullptr;
  /// One allocation site as written (instantiations of a template share
  /// it), reported at the end of the TU unless some instantiation vetoed it.
  struct Finding {
    bool Vetoed = false;
    SourceLocation Loc, NoteLoc;
    std::string Object, Scope, Suggestion, OwnerName;
    unsigned Size = 0;
    bool PerIteration = false;
    /// The function whose frame would hold the object.
    const FunctionDecl *ScopeDecl = nullptr;
    std::vector<FixItHint> Fixes;
    /// Where "no escape" rests on opaque code (no fix-it then), and the
    /// callee's name ("" for a call through a pointer).
    SourceLocation AssumptionLoc;
    std::string AssumedCallee;
  };
  llvm::MapVector<unsigned, Finding> Findings;
  /// Vetoes the findings that would push a frame past MaxFrameSize.
  void applyFrameBudget();
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_HEAPTOSTACKCHECK_H
