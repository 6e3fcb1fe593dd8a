//===--- HotTypeErasureCheck.h - escape-tidy -------------------------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_HOTTYPEERASURECHECK_H
#define ESCAPE_CHECKS_HOTTYPEERASURECHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "CheckOptions.h"
#include "escape/SmallBuffer.h"
namespace clang::tidy::escape {

/// Finds constructions of type-erased wrappers (`std::function`, `std::any`,
/// `std::move_only_function`, configured types) on hot paths whose payload does
/// not fit the library's small buffer, so that each construction allocates.
///
/// For the user-facing documentation see: checks/docs/escape-hot-type-erasure.rst
class HotTypeErasureCheck : public EscapeCheckBase {
public:
  HotTypeErasureCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  const std::string HotFunctionsValue;
  const std::string ErasedTypesValue;
  const bool LoopsAreHot;
  const std::string StandardLibraryValue;
  RegexList HotFunctions;
  std::vector<clang::escape::ErasedTypeRule> ExtraErasedTypes;
  std::optional<clang::escape::StdLib> ForcedLibrary;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_HOTTYPEERASURECHECK_H
