//===--- ReusableBufferCheck.h - escape-tidy --------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_REUSABLEBUFFERCHECK_H
#define ESCAPE_CHECKS_REUSABLEBUFFERCHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "escape/EscapeAnalyzer.h"
#include "escape/SmallBuffer.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::escape {

/// Finds a `std::vector`, `std::basic_string` or unordered container declared
/// inside a loop body, grown there and dropped at the end of the iteration,
/// and suggests declaring it before the loop and calling `clear()` so that
/// its capacity is reused (the C++ form of Go's `buf.Reset()`).
///
/// For the user-facing documentation see:
/// checks/docs/escape-reusable-buffer.rst
class ReusableBufferCheck : public EscapeCheckBase {
public:
  ReusableBufferCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void onEndOfTranslationUnit() override {
    Cache.clear();
    LibraryDetected = false;
    DetectedLibrary.reset();
  }

private:
  bool isReusableType(QualType T) const;
  void checkCandidate(const VarDecl &Var, const Stmt &Loop,
                      const FunctionDecl &F, ASTContext &Ctx);

  const std::string ReusableTypesValue;
  /// The standard classes first, then the valid items of ReusableTypes, as
  /// qualified names without a leading `::`.
  std::vector<std::string> ReusableTypes;
  clang::escape::EscapeAnalyzer::Memoized Cache;
  Preprocessor *PP = nullptr;
  bool LibraryDetected = false;
  std::optional<clang::escape::StdLib> DetectedLibrary;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_REUSABLEBUFFERCHECK_H
