//===--- UnreservedGrowthCheck.h - escape-tidy ------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_UNRESERVEDGROWTHCHECK_H
#define ESCAPE_CHECKS_UNRESERVEDGROWTHCHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "escape/SmallBuffer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::escape {

/// Finds `std::vector`, `std::basic_string` and unordered containers grown on
/// every iteration of a loop whose trip count is known before the loop, with no
/// capacity established first, and suggests `reserve`.
///
/// For the user-facing documentation see:
/// checks/docs/escape-unreserved-growth.rst
class UnreservedGrowthCheck : public EscapeCheckBase {
public:
  UnreservedGrowthCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  void onEndOfTranslationUnit() override {
    Reported.clear();
    Processed.clear();
    LibraryDetected = false;
    DetectedLibrary.reset();
  }

  /// What kind of growth a container class allows.
  enum class ContainerKind { NotReservable, Sequence, Map, String };

private:
  ContainerKind containerKind(QualType ObjectType) const;
  void checkFunction(const FunctionDecl &F, ASTContext &Ctx);

  const std::string OwnName; ///< The check's name, for messages.
  const std::string ReservableContainersValue;
  const bool FlagConditionalGrowth;
  /// Class names matched like clang's hasName (see namesClass()): the
  /// standard containers first, then the valid items of ReservableContainers.
  std::vector<std::string> ReservableContainers;
  /// Growth calls already diagnosed in this TU (a template instantiated twice
  /// is reported once), as raw source locations.
  llvm::DenseSet<unsigned> Reported;
  llvm::DenseSet<const FunctionDecl *> Processed;
  /// For the small-string rule: the standard library of the TU, detected
  /// from its macros on first use.
  Preprocessor *PP = nullptr;
  bool LibraryDetected = false;
  /// ReservableContainers items already reported as lacking `reserve`.
  mutable llvm::StringSet<> NamedWithoutReserve;
  std::optional<clang::escape::StdLib> DetectedLibrary;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_UNRESERVEDGROWTHCHECK_H
