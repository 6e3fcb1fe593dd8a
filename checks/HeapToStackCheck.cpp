#include "llvm/ADT/StringExtras.h"
//===--- HeapToStackCheck.cpp - escape-tidy -------------------------------===//
#include "llvm/ADT/StringExtras.h"
//
#include "llvm/ADT/StringExtras.h"
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
#include "llvm/ADT/StringExtras.h"
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "llvm/ADT/StringExtras.h"
//
#include "llvm/ADT/StringExtras.h"
//===----------------------------------------------------------------------===//
#include "llvm/ADT/StringExtras.h"

#include "HeapToStackCheck.h"
#include "OwnerFixes.h"
#include "escape/Compat.h"
#include "escape/FrameFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
using namespace clang::ast_matchers;
#include "llvm/ADT/StringExtras.h"
using clang::escape::AllocationSite;
#include "llvm/ADT/StringExtras.h"
using clang::escape::AllocKind;
#include "llvm/ADT/StringExtras.h"
using clang::escape::EscapeAnalyzer;
#include "llvm/ADT/StringExtras.h"
using clang::escape::OwnerFacts;
#include "llvm/ADT/StringExtras.h"
using clang::escape::OwnerUse;
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
namespace clang::tidy::escape {
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
// Bind names:
#include "llvm/ADT/StringExtras.h"
//   AllocName: the allocation expression (CXXNewExpr, or the CallExpr of
#include "llvm/ADT/StringExtras.h"
//              std::make_unique / make_shared / allocate_shared / malloc /
#include "llvm/ADT/StringExtras.h"
//              calloc).
#include "llvm/ADT/StringExtras.h"
static constexpr char AllocName[] = "alloc";
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
HeapToStackCheck::HeapToStackCheck(StringRef Name, ClangTidyContext *Context)
#include "llvm/ADT/StringExtras.h"
    : EscapeCheckBase(Name, Context),
#include "llvm/ADT/StringExtras.h"
      MaxObjectSize(Reader.getUnsigned("MaxObjectSize", 1024)),
#include "llvm/ADT/StringExtras.h"
      MaxFrameSize(Reader.getUnsigned("MaxFrameSize", 4096)),
#include "llvm/ADT/StringExtras.h"
      RecursiveMaxObjectSize(Reader.getUnsigned("RecursiveMaxObjectSize", 64)),
#include "llvm/ADT/StringExtras.h"
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)),
#include "llvm/ADT/StringExtras.h"
      ParentTypes(Reader.getQualifiedNames("ParentTypes", "QObject")) {
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
void HeapToStackCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
#include "llvm/ADT/StringExtras.h"
  Options.store(Opts, "MaxObjectSize", std::to_string(MaxObjectSize));
#include "llvm/ADT/StringExtras.h"
  Options.store(Opts, "MaxFrameSize", std::to_string(MaxFrameSize));
#include "llvm/ADT/StringExtras.h"
  Options.store(Opts, "RecursiveMaxObjectSize",
#include "llvm/ADT/StringExtras.h"
                std::to_string(RecursiveMaxObjectSize));
#include "llvm/ADT/StringExtras.h"
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
#include "llvm/ADT/StringExtras.h"
  Options.store(Opts, "ParentTypes", llvm::join(ParentTypes, ";"));
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
void HeapToStackCheck::registerMatchers(MatchFinder *Finder) {
#include "llvm/ADT/StringExtras.h"
  reportOptionErrors();
#include "llvm/ADT/StringExtras.h"
  Finder->addMatcher(
#include "llvm/ADT/StringExtras.h"
      traverse(TK_AsIs,
#include "llvm/ADT/StringExtras.h"
               cxxNewExpr(unless(isExpansionInSystemHeader())).bind(AllocName)),
#include "llvm/ADT/StringExtras.h"
      this);
#include "llvm/ADT/StringExtras.h"
  Finder->addMatcher(
#include "llvm/ADT/StringExtras.h"
      traverse(TK_AsIs,
#include "llvm/ADT/StringExtras.h"
               callExpr(unless(isExpansionInSystemHeader()),
#include "llvm/ADT/StringExtras.h"
                        callee(functionDecl(hasAnyName(
#include "llvm/ADT/StringExtras.h"
                            "::std::make_unique", "::std::make_shared",
#include "llvm/ADT/StringExtras.h"
                            "::std::allocate_shared", "::malloc", "::calloc",
#include "llvm/ADT/StringExtras.h"
                            "::std::malloc", "::std::calloc"))))
#include "llvm/ADT/StringExtras.h"
                   .bind(AllocName)),
#include "llvm/ADT/StringExtras.h"
      this);
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
/// True when \p F is (inside) a template instantiation.
#include "llvm/ADT/StringExtras.h"
static bool isInstantiation(const FunctionDecl *F) {
#include "llvm/ADT/StringExtras.h"
  for (const DeclContext *DC = F; DC; DC = DC->getParent()) {
#include "llvm/ADT/StringExtras.h"
    if (const auto *FD = dyn_cast<FunctionDecl>(DC))
#include "llvm/ADT/StringExtras.h"
      if (FD->getTemplateInstantiationPattern())
#include "llvm/ADT/StringExtras.h"
        return true;
#include "llvm/ADT/StringExtras.h"
    if (isa<ClassTemplateSpecializationDecl>(DC))
#include "llvm/ADT/StringExtras.h"
      return true;
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"
  return false;
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
void HeapToStackCheck::check(const MatchFinder::MatchResult &Result) {
#include "llvm/ADT/StringExtras.h"
  limitParentMap(*Result.Context);
#include "llvm/ADT/StringExtras.h"
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
  Context = Result.Context;
#include "llvm/ADT/StringExtras.h"
  const auto *Alloc = Result.Nodes.getNodeAs<Expr>(AllocName);
#include "llvm/ADT/StringExtras.h"
  assert(Alloc && "no allocation expression");
#include "llvm/ADT/StringExtras.h"
  EscapeAnalyzer::Options Opts;
#include "llvm/ADT/StringExtras.h"
  Opts.StrictEscape = StrictEscape;
#include "llvm/ADT/StringExtras.h"
  Opts.ParentTypes = ParentTypes;
#include "llvm/ADT/StringExtras.h"
  EscapeAnalyzer Analyzer(*Result.Context, Cache, Opts);
#include "llvm/ADT/StringExtras.h"
  std::optional<AllocationSite> Site = Analyzer.allocationSite(*Alloc);
#include "llvm/ADT/StringExtras.h"
  if (!Site || Site->InMacro)
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
  const SourceManager &SM = *Result.SourceManager;
#include "llvm/ADT/StringExtras.h"
  SourceLocation Loc = Alloc->getBeginLoc();
#include "llvm/ADT/StringExtras.h"
  if (SM.isInSystemHeader(SM.getExpansionLoc(Loc)))
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
    // An allocation in a template is judged on every instantiation and
#include "llvm/ADT/StringExtras.h"
    // reported (once, at the template) only when none of them disagrees.
#include "llvm/ADT/StringExtras.h"
  Finding &F = Findings[Loc.getRawEncoding()];
#include "llvm/ADT/StringExtras.h"
  if (F.Vetoed)
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
  auto Veto = [&F] { F.Vetoed = true; };
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
  QualType T = Site->AllocatedType;
#include "llvm/ADT/StringExtras.h"
  if (T.isNull() || T->isIncompleteType())
#include "llvm/ADT/StringExtras.h"
    return Veto();
#include "llvm/ADT/StringExtras.h"
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
#include "llvm/ADT/StringExtras.h"
    if (!RD->hasDefinition() || RD->isAbstract() || RD->isInvalidDecl() ||
#include "llvm/ADT/StringExtras.h"
        clang::escape::hasShallowCopyHazard(*RD))
#include "llvm/ADT/StringExtras.h"
      return Veto(); // A shallow copy of a value would be freed twice.
#include "llvm/ADT/StringExtras.h"
  if (!Site->SizeInBytes || *Site->SizeInBytes == 0 ||
#include "llvm/ADT/StringExtras.h"
      *Site->SizeInBytes > MaxObjectSize)
#include "llvm/ADT/StringExtras.h"
    return Veto();
#include "llvm/ADT/StringExtras.h"
    // Each level of a recursion gets a frame of its own: only small objects.
#include "llvm/ADT/StringExtras.h"
  if (*Site->SizeInBytes > RecursiveMaxObjectSize &&
#include "llvm/ADT/StringExtras.h"
      Recursion.isRecursive(*Site->Scope))
#include "llvm/ADT/StringExtras.h"
    return Veto();
#include "llvm/ADT/StringExtras.h"
  bool IsMalloc =
#include "llvm/ADT/StringExtras.h"
      Site->Kind == AllocKind::Malloc || Site->Kind == AllocKind::Calloc;
#include "llvm/ADT/StringExtras.h"
  if (Analyzer.findEscape(*Site))
#include "llvm/ADT/StringExtras.h"
    return Veto();
#include "llvm/ADT/StringExtras.h"
  OwnerFacts Facts = Analyzer.ownerFacts(*Site);
#include "llvm/ADT/StringExtras.h"
  if (Facts.has(OwnerUse::Reseat))
#include "llvm/ADT/StringExtras.h"
    return Veto(); // The owner holds different objects over time.
#include "llvm/ADT/StringExtras.h"
  if (Site->Owner && Site->OwnerBinding && !isa<DeclStmt>(Site->OwnerBinding))
#include "llvm/ADT/StringExtras.h"
    if (const Expr *Init = Site->Owner->getInit()) {
#include "llvm/ADT/StringExtras.h"
      // Assigned to an owner that was declared with another object.
#include "llvm/ADT/StringExtras.h"
      const auto *CE = dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit());
#include "llvm/ADT/StringExtras.h"
      bool Empty =
#include "llvm/ADT/StringExtras.h"
          CE && (CE->getNumArgs() == 0 ||
#include "llvm/ADT/StringExtras.h"
                 CE->getArg(0)->IgnoreImplicit()->isNullPointerConstant(
#include "llvm/ADT/StringExtras.h"
                     *Result.Context, Expr::NPC_ValueDependentIsNull));
#include "llvm/ADT/StringExtras.h"
      if (!Empty && !Init->IgnoreImplicit()->isNullPointerConstant(
#include "llvm/ADT/StringExtras.h"
                        *Result.Context, Expr::NPC_ValueDependentIsNull))
#include "llvm/ADT/StringExtras.h"
        return Veto();
#include "llvm/ADT/StringExtras.h"
    }
#include "llvm/ADT/StringExtras.h"
  if (IsMalloc && !Facts.has(OwnerUse::Free))
#include "llvm/ADT/StringExtras.h"
    return Veto(); // Never freed here: a leak, or freed elsewhere.
#include "llvm/ADT/StringExtras.h"
  bool Optional = Facts.has(OwnerUse::NullTest) || Facts.has(OwnerUse::Reset) ||
#include "llvm/ADT/StringExtras.h"
                  (Site->OwnerBinding && !isa<DeclStmt>(Site->OwnerBinding));
#include "llvm/ADT/StringExtras.h"
  bool PerIteration = Site->Loop && (!Site->Owner || Site->OwnerInLoop);
#include "llvm/ADT/StringExtras.h"
  if (PerIteration) {
#include "llvm/ADT/StringExtras.h"
    // An alias declared outside the loop keeps the object past its
#include "llvm/ADT/StringExtras.h"
    // iteration: neither "per iteration" nor a local of the loop body.
#include "llvm/ADT/StringExtras.h"
    SourceRange LoopRange = Site->Loop->getSourceRange();
#include "llvm/ADT/StringExtras.h"
    for (const VarDecl *Alias : Facts.Aliases)
#include "llvm/ADT/StringExtras.h"
      if (SM.isBeforeInTranslationUnit(Alias->getLocation(),
#include "llvm/ADT/StringExtras.h"
                                       LoopRange.getBegin()))
#include "llvm/ADT/StringExtras.h"
        return Veto();
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
  std::string TypeName = clang::escape::compat::typeName(T, *Result.Context);
#include "llvm/ADT/StringExtras.h"
  std::string Object = TypeName;
#include "llvm/ADT/StringExtras.h"
  if (Site->ArrayLength && !IsMalloc)
#include "llvm/ADT/StringExtras.h"
    Object += "[" + std::to_string(*Site->ArrayLength) + "]";
#include "llvm/ADT/StringExtras.h"
  if (IsMalloc)
#include "llvm/ADT/StringExtras.h"
    Object = std::string(clang::escape::spelling(Site->Kind)) + " buffer";
#include "llvm/ADT/StringExtras.h"
  const FunctionDecl *Scope = Site->Scope;
#include "llvm/ADT/StringExtras.h"
  std::string ScopeName = "lambda";
#include "llvm/ADT/StringExtras.h"
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Scope)) {
#include "llvm/ADT/StringExtras.h"
    if (!MD->getParent()->isLambda())
#include "llvm/ADT/StringExtras.h"
      ScopeName = MD->getNameAsString();
#include "llvm/ADT/StringExtras.h"
  } else {
#include "llvm/ADT/StringExtras.h"
    ScopeName = Scope->getNameAsString();
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
  std::string Suggestion;
#include "llvm/ADT/StringExtras.h"
  if (IsMalloc)
#include "llvm/ADT/StringExtras.h"
    Suggestion = "a local array";
#include "llvm/ADT/StringExtras.h"
  else if (Site->ArrayLength)
#include "llvm/ADT/StringExtras.h"
    Suggestion = "'std::array<" + TypeName + ", " +
#include "llvm/ADT/StringExtras.h"
                 std::to_string(*Site->ArrayLength) + ">'";
#include "llvm/ADT/StringExtras.h"
  else if (Optional)
#include "llvm/ADT/StringExtras.h"
    Suggestion = "'std::optional<" + TypeName + ">'";
#include "llvm/ADT/StringExtras.h"
  else
#include "llvm/ADT/StringExtras.h"
    Suggestion = "a local variable";
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
  if (F.Loc.isValid())
#include "llvm/ADT/StringExtras.h"
    return; // Already judged on another instantiation; it agreed so far.
#include "llvm/ADT/StringExtras.h"
  F.Loc = Loc;
#include "llvm/ADT/StringExtras.h"
  F.Object = Object;
#include "llvm/ADT/StringExtras.h"
  F.Size = static_cast<unsigned>(*Site->SizeInBytes);
#include "llvm/ADT/StringExtras.h"
  F.PerIteration = PerIteration;
#include "llvm/ADT/StringExtras.h"
  F.Scope = ScopeName;
#include "llvm/ADT/StringExtras.h"
  F.ScopeDecl = Scope->getCanonicalDecl();
#include "llvm/ADT/StringExtras.h"
  F.Suggestion = Suggestion;
#include "llvm/ADT/StringExtras.h"
  if (Site->Owner) {
#include "llvm/ADT/StringExtras.h"
    F.NoteLoc = Site->Owner->getLocation();
#include "llvm/ADT/StringExtras.h"
    F.OwnerName = Site->Owner->getNameAsString();
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"
  // A fix-it must be proven: when "no escape" rests on code whose body is
#include "llvm/ADT/StringExtras.h"
  // not visible, the warning stays and a note says what was assumed.
#include "llvm/ADT/StringExtras.h"
  if (!Facts.Assumptions.empty()) {
#include "llvm/ADT/StringExtras.h"
    const clang::escape::Assumption &A = Facts.Assumptions.front();
#include "llvm/ADT/StringExtras.h"
    F.AssumptionLoc = A.Site->getBeginLoc();
#include "llvm/ADT/StringExtras.h"
    F.AssumedCallee = A.Callee ? A.Callee->getNameAsString() : "";
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"
  if (!Optional && !isInstantiation(Scope))
#include "llvm/ADT/StringExtras.h"
    F.Fixes = ownerToValueFixes(*Site, Facts, *Result.Context);
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
void HeapToStackCheck::applyFrameBudget() {
#include "llvm/ADT/StringExtras.h"
  if (!Context)
#include "llvm/ADT/StringExtras.h"
    return;
#include "llvm/ADT/StringExtras.h"
    // The frame holds the function's locals plus every object suggested for
#include "llvm/ADT/StringExtras.h"
    // it: suggestions are taken in source order while they fit.
#include "llvm/ADT/StringExtras.h"
  llvm::MapVector<const FunctionDecl *, std::vector<Finding *>> ByScope;
#include "llvm/ADT/StringExtras.h"
  for (auto &Entry : Findings)
#include "llvm/ADT/StringExtras.h"
    if (!Entry.second.Vetoed && Entry.second.Loc.isValid())
#include "llvm/ADT/StringExtras.h"
      ByScope[Entry.second.ScopeDecl].push_back(&Entry.second);
#include "llvm/ADT/StringExtras.h"
  const SourceManager &SM = Context->getSourceManager();
#include "llvm/ADT/StringExtras.h"
  for (auto &Scope : ByScope) {
#include "llvm/ADT/StringExtras.h"
    const FunctionDecl *Def = Scope.first->getDefinition();
#include "llvm/ADT/StringExtras.h"
    uint64_t Frame =
#include "llvm/ADT/StringExtras.h"
        Def ? clang::escape::localVariablesSize(*Def, *Context) : 0;
#include "llvm/ADT/StringExtras.h"
    llvm::sort(Scope.second, [&SM](const Finding *A, const Finding *B) {
#include "llvm/ADT/StringExtras.h"
      return SM.isBeforeInTranslationUnit(A->Loc, B->Loc);
#include "llvm/ADT/StringExtras.h"
    });
#include "llvm/ADT/StringExtras.h"
    for (Finding *F : Scope.second) {
#include "llvm/ADT/StringExtras.h"
      if (Frame + F->Size > MaxFrameSize) {
#include "llvm/ADT/StringExtras.h"
        F->Vetoed = true;
#include "llvm/ADT/StringExtras.h"
        continue;
#include "llvm/ADT/StringExtras.h"
      }
#include "llvm/ADT/StringExtras.h"
      Frame += F->Size;
#include "llvm/ADT/StringExtras.h"
    }
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
void HeapToStackCheck::onEndOfTranslationUnit() {
#include "llvm/ADT/StringExtras.h"
  applyFrameBudget();
#include "llvm/ADT/StringExtras.h"
  for (auto &Entry : Findings) {
#include "llvm/ADT/StringExtras.h"
    const Finding &F = Entry.second;
#include "llvm/ADT/StringExtras.h"
    if (F.Vetoed || F.Loc.isInvalid())
#include "llvm/ADT/StringExtras.h"
      continue;
#include "llvm/ADT/StringExtras.h"
    {
#include "llvm/ADT/StringExtras.h"
      auto D = diag(F.Loc, "'%0' (%1 byte%s1) is heap-allocated%2 but never "
#include "llvm/ADT/StringExtras.h"
                           "escapes '%3'; consider %4")
#include "llvm/ADT/StringExtras.h"
               << F.Object << F.Size
#include "llvm/ADT/StringExtras.h"
               << (F.PerIteration ? " on each iteration" : "") << F.Scope
#include "llvm/ADT/StringExtras.h"
               << F.Suggestion;
#include "llvm/ADT/StringExtras.h"
      for (const FixItHint &Fix : F.Fixes)
#include "llvm/ADT/StringExtras.h"
        D << Fix;
#include "llvm/ADT/StringExtras.h"
    }
#include "llvm/ADT/StringExtras.h"
    if (F.NoteLoc.isValid())
#include "llvm/ADT/StringExtras.h"
      diag(F.NoteLoc,
#include "llvm/ADT/StringExtras.h"
           "'%0' owns the object and no use of it lets the object escape",
#include "llvm/ADT/StringExtras.h"
           DiagnosticIDs::Note)
#include "llvm/ADT/StringExtras.h"
          << F.OwnerName;
#include "llvm/ADT/StringExtras.h"
    else
#include "llvm/ADT/StringExtras.h"
      diag(F.Loc,
#include "llvm/ADT/StringExtras.h"
           "no variable owns the object: it is used only within this "
#include "llvm/ADT/StringExtras.h"
           "expression, and nothing it is passed to lets it escape",
#include "llvm/ADT/StringExtras.h"
           DiagnosticIDs::Note);
#include "llvm/ADT/StringExtras.h"
    if (F.AssumptionLoc.isValid())
#include "llvm/ADT/StringExtras.h"
      diag(F.AssumptionLoc,
#include "llvm/ADT/StringExtras.h"
           "no fix-it: the object reaches %select{a function called through "
#include "llvm/ADT/StringExtras.h"
           "a pointer|'%1'}0, whose code is not all visible here; the finding "
#include "llvm/ADT/StringExtras.h"
           "assumes that it keeps no reference to the object",
#include "llvm/ADT/StringExtras.h"
           DiagnosticIDs::Note)
#include "llvm/ADT/StringExtras.h"
          << (F.AssumedCallee.empty() ? 0 : 1) << F.AssumedCallee;
#include "llvm/ADT/StringExtras.h"
  }
#include "llvm/ADT/StringExtras.h"
  Findings.clear();
#include "llvm/ADT/StringExtras.h"
  Cache.clear();
#include "llvm/ADT/StringExtras.h"
  Recursion.clear();
#include "llvm/ADT/StringExtras.h"
  Context = nullptr;
#include "llvm/ADT/StringExtras.h"
}
#include "llvm/ADT/StringExtras.h"

#include "llvm/ADT/StringExtras.h"
} // namespace clang::tidy::escape
