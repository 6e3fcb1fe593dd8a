//===--- HotTypeErasureCheck.h - escape-tidy -------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_HOTTYPEERASURECHECK_H
#define ESCAPE_CHECKS_HOTTYPEERASURECHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "escape/SmallBuffer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Preprocessor;
} // namespace clang

namespace clang::tidy::escape {

/// Finds constructions of type-erased wrappers (`std::function`, `std::any`,
/// `std::move_only_function`, `std::copyable_function`, configured types) on
/// hot paths whose payload does not fit the library's small buffer, so that
/// each construction allocates.
///
/// For the user-facing documentation see:
/// checks/docs/escape-hot-type-erasure.rst
class HotTypeErasureCheck : public EscapeCheckBase {
public:
  HotTypeErasureCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

  /// Why a statement runs often.
  struct HotPath {
    enum KindType {
      Loop,            ///< Where: the loop statement.
      Algorithm,       ///< Where: the std algorithm call running the lambda.
      HotAttribute,    ///< Function, Attribute: the hot function.
      HotFunctionName, ///< Function: the function matching HotFunctions.
      CalledInLoop,    ///< Where: a call in a loop of Function.
    } Kind = Loop;
    const Stmt *Where = nullptr;
    const FunctionDecl *Function = nullptr;
    const Attr *Attribute = nullptr;
  };

  /// One construction of an erased type.
  struct Construction {
    /// The construction expression (its parents decide hotness).
    const Expr *Site = nullptr;
    /// Where the warning goes: the payload argument, or the call.
    SourceLocation Loc;
    /// The erased type.
    const CXXRecordDecl *Record = nullptr;
    /// The payload type, as written where possible.
    QualType Payload;
  };

  /// A construction returned by Function, reported if Function is called in
  /// a loop anywhere in the translation unit.
  struct PendingReturn {
    Construction What;
    const FunctionDecl *Function = nullptr;
  };

private:
  /// The rows that apply to the erased type \p Record (custom entries first),
  /// with its display name; false when the type or library is not modelled.
  bool rulesFor(const CXXRecordDecl *Record, ASTContext &Ctx,
                std::vector<clang::escape::BufferRule> &Rules, std::string &Who,
                std::string &TypeName, bool &IsAny);
  void handleConstruction(const Construction &C, ASTContext &Ctx);
  void report(const Construction &C, const HotPath &Path, ASTContext &Ctx);

  /// `HotFunctions`: regexes matched against whole qualified function names.
  const std::string HotFunctionsValue;
  /// `ErasedTypes`: see clang::escape::parseErasedTypes().
  const std::string ErasedTypesValue;
  /// `LoopsAreHot`: loop bodies (and lambdas run by std algorithms) are hot.
  const bool LoopsAreHot;
  /// `StandardLibrary`: auto, libstdc++, libc++, libc++-optimized-function,
  /// msvc.
  const std::string StandardLibraryValue;
  RegexList HotFunctions;
  std::vector<clang::escape::CustomErasedType> CustomTypes;
  /// Set unless StandardLibrary is `auto` (or invalid).
  std::optional<clang::escape::StdLib> ForcedLibrary;

  // Per translation unit.
  Preprocessor *PP = nullptr;
  bool LibraryDetected = false;
  std::optional<clang::escape::StdLib> DetectedLibrary;
  /// Payload locations already reported (template instantiations share them).
  llvm::DenseSet<unsigned> Reported;
  std::vector<PendingReturn> PendingReturns;
  /// Functions returning an erased type, to their first call in a loop.
  llvm::DenseMap<const FunctionDecl *, const CallExpr *> CallsInLoops;
  ASTContext *LastContext = nullptr;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_HOTTYPEERASURECHECK_H
