//===--- OwningReturnCheck.h - escape-tidy
//-------------------------------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_OWNINGRETURNCHECK_H
#define ESCAPE_CHECKS_OWNINGRETURNCHECK_H

#include "CheckOptions.h"
#include "TidyCompat.h"
#include "escape/EscapeAnalyzer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang::tidy::escape {

/// Finds functions that return an owning pointer to a small object they have
/// just allocated, where returning the object by value would do (guaranteed
/// copy elision since C++17).
///
/// For the user-facing documentation see: checks/docs/escape-owning-return.rst
class OwningReturnCheck : public EscapeCheckBase {
public:
  OwningReturnCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

  /// How a caller uses the object it reaches through the returned pointer.
  struct ReadUse {
    /// Only read, so that a prvalue (`f().m`, `f()`) compiles where the
    /// pointer did and means the same.
    bool Ok = false;
    /// Bound to a reference variable (`const T &R = *f();`).
    bool BindsVar = false;
    /// A method is called on it (which may keep or delete `this`).
    bool CallsMethod = false;
  };
  /// One call of a function, and what the caller does with the result.
  struct CallUse {
    SourceLocation Loc; ///< The callee's name (for the callers note).
    enum KindTy {
      Arrow,     ///< `f()->m`.
      Deref,     ///< `*f()`.
      Passed,    ///< Handed on as an argument: `take(f())`, `T x(f())`, or
                 ///< kept in a local that is then handed on (moved into a
                 ///< parameter, a member, a global or a container).
      NeedsHeap, ///< Returned on to the caller's caller (`return f();`, or
                 ///< through a local), or a raw pointer kept in a global or
                 ///< a member: the object must live on the heap.
      Other,     ///< Anything else: no fix-it may change the signature.
    } Kind = Other;
    /// The `->` or `*` token to rewrite.
    SourceLocation OpLoc;
    /// What the caller does with the object behind the pointer.
    ReadUse Read;
    /// The call is in a template or an instantiation, where the same text
    /// may call another overload.
    bool InTemplate = false;
  };

private:
  /// Largest returned object (bytes) suggested to be returned by value.
  const unsigned MaxReturnSize;
  /// Offer signature fix-its for internal functions.
  const bool FixSignatures;
  const bool StrictEscape;
  /// Qualified class names whose pointers, passed to a constructor whose
  /// body is not visible, are taken as a parent that may own the new object
  /// (`;`-separated; local or global option; default "QObject").
  const std::vector<std::string> ParentTypes;
  /// `PublicFunctions`: also judge functions that other translation units
  /// can call (external linkage, declared in a header).
  const bool PublicFunctions;
  clang::escape::EscapeAnalyzer::Memoized Cache;

  /// A function that qualifies, reported at the end of the TU once its
  /// callers and address-taking uses are known.
  struct Candidate {
    const FunctionDecl *Func; ///< Canonical declaration.
    SourceLocation Loc;       ///< Where to warn (the template's name).
    std::string Name, Type, Returned;
    unsigned Size;
    bool MayBeNull;
    bool Raw = false; ///< Returned through a raw `T *`.
    /// FixSignatures: the signature and `return` rewrites, computed when the
    /// function qualifies (internal linkage, not a template); the callers'
    /// rewrites are added at the end of the TU.
    bool Fixable = false;
    std::vector<FixItHint> Fixes;
  };
  std::vector<Candidate> Candidates;
  llvm::DenseSet<const FunctionDecl *> AddressTaken;
  llvm::DenseMap<const FunctionDecl *, std::vector<CallUse>> Callers;
  llvm::DenseSet<unsigned> Reported;
  const SourceManager *SM = nullptr;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_OWNINGRETURNCHECK_H
