//===--- HeapToStackCheck.cpp - escape-tidy -------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HeapToStackCheck.h"
#include "OwnerFixes.h"
#include "escape/Compat.h"
#include "escape/FrameFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

using namespace clang::ast_matchers;
using clang::escape::AllocationSite;
using clang::escape::AllocKind;
using clang::escape::EscapeAnalyzer;
using clang::escape::OwnerFacts;
using clang::escape::OwnerUse;

namespace clang::tidy::escape {

// Bind names:
//   AllocName: the allocation expression (CXXNewExpr, or the CallExpr of
//              std::make_unique / make_shared / allocate_shared / malloc /
//              calloc).
static constexpr char AllocName[] = "alloc";

HeapToStackCheck::HeapToStackCheck(StringRef Name, ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      MaxObjectSize(Reader.getUnsigned("MaxObjectSize", 1024)),
      MaxFrameSize(Reader.getUnsigned("MaxFrameSize", 4096)),
      RecursiveMaxObjectSize(Reader.getUnsigned("RecursiveMaxObjectSize", 64)),
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)),
      ParentTypes(Reader.getQualifiedNames("ParentTypes", "QObject")) {}

void HeapToStackCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxObjectSize", std::to_string(MaxObjectSize));
  Options.store(Opts, "MaxFrameSize", std::to_string(MaxFrameSize));
  Options.store(Opts, "RecursiveMaxObjectSize",
                std::to_string(RecursiveMaxObjectSize));
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
  Options.store(Opts, "ParentTypes", llvm::join(ParentTypes, ";"));
}

void HeapToStackCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  Finder->addMatcher(
      traverse(TK_AsIs,
               cxxNewExpr(unless(isExpansionInSystemHeader())).bind(AllocName)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs,
               callExpr(unless(isExpansionInSystemHeader()),
                        callee(functionDecl(hasAnyName(
                            "::std::make_unique", "::std::make_shared",
                            "::std::allocate_shared", "::malloc", "::calloc",
                            "::std::malloc", "::std::calloc"))))
                   .bind(AllocName)),
      this);
}

/// True when \p F is (inside) a template instantiation.
static bool isInstantiation(const FunctionDecl *F) {
  for (const DeclContext *DC = F; DC; DC = DC->getParent()) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
      if (FD->getTemplateInstantiationPattern())
        return true;
    if (isa<ClassTemplateSpecializationDecl>(DC))
      return true;
  }
  return false;
}

/// True when some use in \p Facts hands the owner, as itself, to a member
/// function of a standard-library class whose parameter takes the owner's
/// type (a lookup key of a container of owners:
/// `std::set<std::shared_ptr<T>>`'s `count`, `find`, `equal_range`, ...).
static bool isKeyOfOwnerContainer(const OwnerFacts &Facts) {
  if (!Facts.Owner || !Facts.Owner->getType()->isRecordType())
    return false;
  QualType OwnerType =
      Facts.Owner->getType().getCanonicalType().getUnqualifiedType();
  for (const OwnerUse &U : Facts.Uses) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(U.E);
    const CXXMethodDecl *Callee = Call ? Call->getMethodDecl() : nullptr;
    if (U.Kind != OwnerUse::Other || !Callee || !Callee->getParent() ||
        !Callee->getParent()->isInStdNamespace())
      continue;
    for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
         ++I) {
      if (Call->getArg(I)->IgnoreParenImpCasts() != U.Ref)
        continue;
      QualType P = Callee->getParamDecl(I)
                       ->getType()
                       .getNonReferenceType()
                       .getCanonicalType()
                       .getUnqualifiedType();
      if (P == OwnerType)
        return true;
    }
  }
  return false;
}

void HeapToStackCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  Context = Result.Context;
  const auto *Alloc = Result.Nodes.getNodeAs<Expr>(AllocName);
  assert(Alloc && "no allocation expression");
  EscapeAnalyzer::Options Opts;
  Opts.StrictEscape = StrictEscape;
  Opts.ParentTypes = ParentTypes;
  EscapeAnalyzer Analyzer(*Result.Context, Cache, Opts);
  std::optional<AllocationSite> Site = Analyzer.allocationSite(*Alloc);
  if (!Site || Site->InMacro)
    return;
  const SourceManager &SM = *Result.SourceManager;
  SourceLocation Loc = Alloc->getBeginLoc();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
    return;
  // An allocation in a template is judged on every instantiation and
  // reported (once, at the template) only when none of them disagrees.
  Finding &F = Findings[Loc.getRawEncoding()];
  if (F.Vetoed)
    return;
  auto Veto = [&F] { F.Vetoed = true; };

  QualType T = Site->AllocatedType;
  if (T.isNull() || T->isIncompleteType())
    return Veto();
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    if (!RD->hasDefinition() || RD->isAbstract() || RD->isInvalidDecl() ||
        clang::escape::hasShallowCopyHazard(*RD))
      return Veto(); // A shallow copy of a value would be freed twice.
  if (!Site->SizeInBytes || *Site->SizeInBytes == 0 ||
      *Site->SizeInBytes > MaxObjectSize)
    return Veto();
  // Each level of a recursion gets a frame of its own: only small objects.
  if (*Site->SizeInBytes > RecursiveMaxObjectSize &&
      Recursion.isRecursive(*Site->Scope))
    return Veto();
  bool IsMalloc =
      Site->Kind == AllocKind::Malloc || Site->Kind == AllocKind::Calloc;
  if (Analyzer.findEscape(*Site))
    return Veto();
  OwnerFacts Facts = Analyzer.ownerFacts(*Site);
  if (Facts.has(OwnerUse::Reseat))
    return Veto(); // The owner holds different objects over time.
  if (Site->Owner && Site->OwnerBinding && !isa<DeclStmt>(Site->OwnerBinding))
    if (const Expr *Init = Site->Owner->getInit()) {
      // Assigned to an owner that was declared with another object.
      const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
      bool Empty =
          CE && (CE->getNumArgs() == 0 ||
                 CE->getArg(0)->IgnoreImplicit()->isNullPointerConstant(
                     *Result.Context, Expr::NPC_ValueDependentIsNull));
      if (!Empty && !Init->IgnoreImplicit()->isNullPointerConstant(
                        *Result.Context, Expr::NPC_ValueDependentIsNull))
        return Veto();
    }
  if (IsMalloc && !Facts.has(OwnerUse::Free))
    return Veto(); // Never freed here: a leak, or freed elsewhere.
  // The object is a lookup key in a standard container of owners
  // (`set.count(key)` on a set of shared_ptr): the container compares
  // owners, so a local value would need an aliasing shared_ptr, not the
  // local variable this check suggests.
  if (isKeyOfOwnerContainer(Facts))
    return Veto();
  bool Optional = Facts.has(OwnerUse::NullTest) || Facts.has(OwnerUse::Reset) ||
                  (Site->OwnerBinding && !isa<DeclStmt>(Site->OwnerBinding));
  bool PerIteration = Site->Loop && (!Site->Owner || Site->OwnerInLoop);
  if (PerIteration) {
    // An alias declared outside the loop keeps the object past its
    // iteration: neither "per iteration" nor a local of the loop body.
    SourceRange LoopRange = Site->Loop->getSourceRange();
    for (const VarDecl *Alias : Facts.Aliases)
      if (SM.isBeforeInTranslationUnit(Alias->getLocation(),
                                       LoopRange.getBegin()))
        return Veto();
  }

  std::string TypeName = clang::escape::compat::typeName(T, *Result.Context);
  std::string Object = TypeName;
  if (Site->ArrayLength && !IsMalloc)
    Object += "[" + std::to_string(*Site->ArrayLength) + "]";
  if (IsMalloc)
    Object = std::string(clang::escape::spelling(Site->Kind)) + " buffer";
  const FunctionDecl *Scope = Site->Scope;
  std::string ScopeName = "lambda";
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Scope)) {
    if (!MD->getParent()->isLambda())
      ScopeName = MD->getNameAsString();
  } else {
    ScopeName = Scope->getNameAsString();
  }

  std::string Suggestion;
  if (IsMalloc)
    Suggestion = "a local array";
  else if (Site->ArrayLength)
    Suggestion = "'std::array<" + TypeName + ", " +
                 std::to_string(*Site->ArrayLength) + ">'";
  else if (Optional)
    Suggestion = "'std::optional<" + TypeName + ">'";
  else
    Suggestion = "a local variable";

  if (F.Loc.isValid())
    return; // Already judged on another instantiation; it agreed so far.
  F.Loc = Loc;
  F.Object = Object;
  F.Size = static_cast<unsigned>(*Site->SizeInBytes);
  F.PerIteration = PerIteration;
  F.Scope = ScopeName;
  F.ScopeDecl = Scope->getCanonicalDecl();
  F.Suggestion = Suggestion;
  if (Site->Owner) {
    F.NoteLoc = Site->Owner->getLocation();
    F.OwnerName = Site->Owner->getNameAsString();
  }
  // A fix-it must be proven: when "no escape" rests on code whose body is
  // not visible, the warning stays and a note says what was assumed.
  if (!Facts.Assumptions.empty()) {
    const clang::escape::Assumption &A = Facts.Assumptions.front();
    F.AssumptionLoc = A.Site->getBeginLoc();
    F.AssumedCallee = A.Callee ? A.Callee->getNameAsString() : "";
    return;
  }
  if (!Optional && !isInstantiation(Scope))
    F.Fixes = ownerToValueFixes(*Site, Facts, *Result.Context);
}

void HeapToStackCheck::applyFrameBudget() {
  if (!Context)
    return;
  // The frame holds the function's locals plus every object suggested for
  // it: suggestions are taken in source order while they fit.
  llvm::MapVector<const FunctionDecl *, std::vector<Finding *>> ByScope;
  for (auto &Entry : Findings)
    if (!Entry.second.Vetoed && Entry.second.Loc.isValid())
      ByScope[Entry.second.ScopeDecl].push_back(&Entry.second);
  const SourceManager &SM = Context->getSourceManager();
  for (auto &Scope : ByScope) {
    const FunctionDecl *Def = Scope.first->getDefinition();
    uint64_t Frame =
        Def ? clang::escape::localVariablesSize(*Def, *Context) : 0;
    llvm::sort(Scope.second, [&SM](const Finding *A, const Finding *B) {
      return SM.isBeforeInTranslationUnit(A->Loc, B->Loc);
    });
    for (Finding *F : Scope.second) {
      bool Overflow = false;
      uint64_t After = llvm::SaturatingAdd<uint64_t>(Frame, F->Size, &Overflow);
      if (Overflow || After > MaxFrameSize) {
        F->Vetoed = true;
        continue;
      }
      Frame = After;
    }
  }
}

void HeapToStackCheck::onEndOfTranslationUnit() {
  applyFrameBudget();
  for (auto &Entry : Findings) {
    const Finding &F = Entry.second;
    if (F.Vetoed || F.Loc.isInvalid())
      continue;
    {
      auto D = diag(F.Loc, "'%0' (%1 byte%s1) is heap-allocated%2 but never "
                           "escapes '%3'; consider %4")
               << F.Object << F.Size
               << (F.PerIteration ? " on each iteration" : "") << F.Scope
               << F.Suggestion;
      for (const FixItHint &Fix : F.Fixes)
        D << Fix;
    }
    if (F.NoteLoc.isValid())
      diag(F.NoteLoc,
           "'%0' owns the object and no use of it lets the object escape",
           DiagnosticIDs::Note)
          << F.OwnerName;
    else
      diag(F.Loc,
           "no variable owns the object: it is used only within this "
           "expression, and nothing it is passed to lets it escape",
           DiagnosticIDs::Note);
    if (F.AssumptionLoc.isValid())
      diag(F.AssumptionLoc,
           "no fix-it: the object reaches %select{a function called through "
           "a pointer|'%1'}0, whose code is not all visible here; the finding "
           "assumes that it keeps no reference to the object",
           DiagnosticIDs::Note)
          << (F.AssumedCallee.empty() ? 0 : 1) << F.AssumedCallee;
  }
  Findings.clear();
  Cache.clear();
  Recursion.clear();
  Context = nullptr;
}

} // namespace clang::tidy::escape
