//===--- OwningReturnCheck.cpp - escape-tidy ------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwningReturnCheck.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;
using clang::escape::AllocationSite;
using clang::escape::EscapeAnalyzer;
namespace compat = clang::escape::compat;

namespace clang::tidy::escape {

// Bind names:
//   FuncName:   a function definition (FunctionDecl) to judge.
//   RefName:    a reference to a function (DeclRefExpr or MemberExpr), to
//               tell calls from address-taking uses.
//   TargetName: the function that RefName refers to.
static constexpr char FuncName[] = "func";
static constexpr char RefName[] = "ref";
static constexpr char TargetName[] = "target";

OwningReturnCheck::OwningReturnCheck(StringRef Name, ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      MaxReturnSize(Reader.getUnsigned("MaxReturnSize", 256)),
      FixSignatures(Reader.getBool("FixSignatures", false)),
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)) {}

void OwningReturnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxReturnSize", std::to_string(MaxReturnSize));
  Options.store(Opts, "FixSignatures", FixSignatures ? "true" : "false");
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
}

void OwningReturnCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  Finder->addMatcher(
      traverse(TK_AsIs,
               functionDecl(isDefinition(), unless(isExpansionInSystemHeader()),
                            unless(cxxConstructorDecl()),
                            unless(cxxDestructorDecl()))
                   .bind(FuncName)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs,
               declRefExpr(to(functionDecl().bind(TargetName))).bind(RefName)),
      this);
  Finder->addMatcher(
      traverse(
          TK_AsIs,
          memberExpr(member(cxxMethodDecl().bind(TargetName))).bind(RefName)),
      this);
}

/// Strips what a `return` wraps around the value it returns.
static const Expr *returnedValue(const Expr *E) {
  while (true) {
    E = E->IgnoreImplicit()->IgnoreParens();
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(CE)) {
        E = CE->getArg(0);
        continue;
      }
      if (isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1) {
        E = CE->getArg(0);
        continue;
      }
      return E;
    }
    if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = FC->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && FD->getIdentifier() && FD->getName() == "move" &&
          Call->getNumArgs() == 1 && FD->getDeclContext()->isStdNamespace()) {
        E = Call->getArg(0);
        continue;
      }
    }
    return E;
  }
}

static bool isMovableOrCopyable(const CXXRecordDecl *RD) {
  if (!RD)
    return true; // Scalars.
  for (const CXXConstructorDecl *C : RD->ctors())
    if ((C->isMoveConstructor() || C->isCopyConstructor()) && !C->isDeleted())
      return true;
  if (RD->needsImplicitMoveConstructor() &&
      !RD->defaultedMoveConstructorIsDeleted())
    return true;
  return RD->needsImplicitCopyConstructor() &&
         !RD->defaultedCopyConstructorIsDeleted();
}

void OwningReturnCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  if (const auto *Target = Result.Nodes.getNodeAs<FunctionDecl>(TargetName)) {
    // A call, or a use that takes the function's address.
    const auto *Ref = Result.Nodes.getNodeAs<Expr>(RefName);
    DynTypedNodeList Parents = Ctx.getParents(*Ref);
    while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
      Parents = Ctx.getParents(Parents[0]);
    bool IsCall = false;
    if (!Parents.empty()) {
      if (const auto *Call = Parents[0].get<CallExpr>())
        IsCall = Call->getCallee()->IgnoreImplicit() == Ref ||
                 Call->getCallee()->IgnoreParenImpCasts() == Ref;
      if (Parents[0].get<CXXMemberCallExpr>())
        IsCall = true;
    }
    const FunctionDecl *Canon = Target->getCanonicalDecl();
    if (const FunctionDecl *Pattern = Target->getTemplateInstantiationPattern())
      Canon = Pattern->getCanonicalDecl();
    if (IsCall)
      Callers[Canon].push_back(Ref->getBeginLoc());
    else
      AddressTaken.insert(Canon);
    return;
  }

  const auto *F = Result.Nodes.getNodeAs<FunctionDecl>(FuncName);
  if (!F || F->isDependentContext() || F->isExternC() || F->isMain() ||
      F->isDeleted() || F->isDefaulted() || !F->hasBody())
    return;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(F))
    if (MD->isVirtual() || MD->size_overridden_methods() > 0 ||
        MD->getParent()->isLambda())
      return;
  QualType R = F->getReturnType();
  QualType T = clang::escape::ownedPointee(R);
  if (T.isNull() || T->isIncompleteType() || T->isVoidType() ||
      T->isFunctionType() || T.isConstQualified())
    return;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (RD && (!RD->hasDefinition() || RD->isAbstract()))
    return;
  uint64_t Size = Ctx.getTypeSizeInChars(T).getQuantity();
  if (Size == 0 || Size > MaxReturnSize)
    return;

  EscapeAnalyzer::Options Opts;
  Opts.StrictEscape = StrictEscape;
  EscapeAnalyzer Analyzer(Ctx, Cache, Opts);
  std::vector<AllocationSite> Sites = Analyzer.allocationSites(*F);

  // Every `return` of F must yield a fresh allocation of exactly T, directly
  // or through a local owner, or be null.
  auto Returns =
      match(functionDecl(forEachDescendant(returnStmt().bind("ret"))), *F, Ctx);
  bool MayBeNull = false, ThroughLocal = false;
  unsigned Fresh = 0;
  for (const BoundNodes &B : Returns) {
    const auto *Ret = B.getNodeAs<ReturnStmt>("ret");
    // Skip returns of lambdas inside F.
    if (Analyzer.enclosingFunction(*Ret) != F)
      continue;
    if (!Ret->getRetValue())
      return;
    const Expr *V = returnedValue(Ret->getRetValue());
    if (V->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
        isa<CXXNullPtrLiteralExpr>(V)) {
      MayBeNull = true;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(V))
      if (CE->getNumArgs() == 0) {
        MayBeNull = true; // `return {};` / `return std::unique_ptr<T>();`
        continue;
      }
    const AllocationSite *Site = nullptr;
    for (const AllocationSite &S : Sites) {
      if (S.Scope != F)
        continue;
      if (S.Alloc == V->IgnoreParenImpCasts())
        Site = &S;
      else if (const auto *DRE = dyn_cast<DeclRefExpr>(V))
        if (S.Owner && S.Owner == DRE->getDecl()) {
          if (Site)
            return; // The owner holds several allocations.
          Site = &S;
          ThroughLocal = true;
        }
    }
    if (!Site || Site->InMacro || Site->ArrayLength ||
        Site->AllocatedType.getCanonicalType().getUnqualifiedType() !=
            T.getCanonicalType().getUnqualifiedType())
      return;
    bool Leaks = false;
    if (Analyzer.findEscapeBesidesReturn(*Site, Leaks) || !Leaks)
      return;
    ++Fresh;
  }
  if (Fresh == 0)
    return;
  if (ThroughLocal && !isMovableOrCopyable(RD))
    return;

  const FunctionDecl *Reported = F;
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    Reported = Pattern;
  SourceLocation Loc = Reported->getLocation();
  if (Loc.isMacroID() || !this->Reported.insert(Loc.getRawEncoding()).second)
    return;
  Candidate C;
  C.Func = Reported->getCanonicalDecl();
  C.Loc = Loc;
  C.Name = Reported->getNameAsString();
  C.Type = clang::escape::compat::typeName(T, Ctx);
  C.Returned = clang::escape::compat::typeName(R, Ctx);
  C.Size = static_cast<unsigned>(Size);
  C.MayBeNull = MayBeNull;
  Candidates.push_back(std::move(C));
}

void OwningReturnCheck::onEndOfTranslationUnit() {
  for (const Candidate &C : Candidates) {
    if (AddressTaken.count(C.Func))
      continue;
    if (C.MayBeNull)
      diag(C.Loc, "'%0' returns a heap-allocated '%1' (%2 bytes) or null "
                  "through '%3'; consider returning 'std::optional<%1>'")
          << C.Name << C.Type << C.Size << C.Returned;
    else
      diag(C.Loc, "'%0' returns a heap-allocated '%1' (%2 bytes) through "
                  "'%3'; consider returning '%1' by value")
          << C.Name << C.Type << C.Size << C.Returned;
    auto It = Callers.find(C.Func);
    if (It != Callers.end() && !It->second.empty()) {
      std::vector<SourceLocation> Locs = It->second;
      llvm::sort(Locs, [](SourceLocation A, SourceLocation B) {
        return A.getRawEncoding() < B.getRawEncoding();
      });
      Locs.erase(std::unique(Locs.begin(), Locs.end()), Locs.end());
      diag(Locs.front(),
           "%0 caller%s0 in this translation unit would change; the first "
           "is here",
           DiagnosticIDs::Note)
          << static_cast<unsigned>(Locs.size());
    }
  }
  Candidates.clear();
  AddressTaken.clear();
  Callers.clear();
  Reported.clear();
  Cache.clear();
}

} // namespace clang::tidy::escape
