//===--- OwningReturnCheck.cpp - escape-tidy ------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwningReturnCheck.h"
#include "OwnerFixes.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"

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

/// The parent of \p E, stepping over parentheses, temporaries, full
/// expressions and no-op casts (every implicit cast when \p SkipCasts); \p E
/// becomes the child of the returned node.
static const Stmt *parentOf(const Expr *&E, ASTContext &Ctx, bool SkipCasts) {
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*E);
    if (Parents.empty())
      return nullptr;
    const auto *P = Parents[0].get<Stmt>();
    if (!P)
      return nullptr;
    const auto *PE = dyn_cast<Expr>(P);
    bool Skip = isa<ParenExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
                isa<CXXBindTemporaryExpr>(P) || isa<FullExpr>(P);
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P))
      Skip = SkipCasts || Cast->getCastKind() == CK_NoOp;
    if (!Skip || !PE)
      return P;
    E = PE;
  }
}

static bool readOnly(const Expr *E, ASTContext &Ctx);

/// `m` of `x.m` / `x->m` when x becomes a prvalue: a method without a `&`
/// qualifier may still be called; a field must only be read.
static bool memberReadOnly(const MemberExpr *ME, ASTContext &Ctx) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
    return MD->getRefQualifier() != RQ_LValue;
  if (isa<FieldDecl>(ME->getMemberDecl()))
    return readOnly(ME, Ctx);
  return false;
}

/// Is the lvalue \p E only read, so that an xvalue or prvalue of the same
/// type would compile in its place? (Copied, converted to an rvalue, bound
/// to `const T &` or `T &&` parameters, or its members read.)
static bool readOnly(const Expr *E, ASTContext &Ctx) {
  const Stmt *P = parentOf(E, Ctx, /*SkipCasts=*/false);
  if (!P) {
    // `const T &R = *f();`: a prvalue binds there too (and lives as long as
    // the reference, where the pointer's object did not).
    DynTypedNodeList Parents = Ctx.getParents(*E);
    const auto *VD = Parents.empty() ? nullptr : Parents[0].get<VarDecl>();
    if (!VD)
      return false;
    QualType T = VD->getType();
    return T->isRValueReferenceType() ||
           (T->isLValueReferenceType() &&
            T.getNonReferenceType().isConstQualified());
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P))
    return Cast->getCastKind() == CK_LValueToRValue;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P))
    return CE->getConstructor()->isCopyOrMoveConstructor();
  if (const auto *ME = dyn_cast<MemberExpr>(P))
    return !ME->isArrow() && memberReadOnly(ME, Ctx);
  if (const auto *Call = dyn_cast<CallExpr>(P)) {
    if (isa<CXXOperatorCallExpr>(Call) || isa<CXXMemberCallExpr>(Call))
      return false;
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return false;
    for (unsigned I = 0, N = Call->getNumArgs(); I < N && I < FD->getNumParams();
         ++I) {
      if (Call->getArg(I) != E)
        continue;
      QualType T = FD->getParamDecl(I)->getType();
      if (T->isRValueReferenceType())
        return true;
      return T->isLValueReferenceType() &&
             T.getNonReferenceType().isConstQualified();
    }
  }
  return false;
}

/// Classifies what the caller does with the pointer \p Call returns.
static void classifyUse(const CallExpr *Call, ASTContext &Ctx,
                        OwningReturnCheck::CallUse &Use) {
  const Expr *E = Call;
  const Stmt *P = parentOf(E, Ctx, /*SkipCasts=*/true);
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P)) {
    if (OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1) {
      const Expr *O = OC;
      P = parentOf(O, Ctx, /*SkipCasts=*/true);
      // Falls through to the MemberExpr case below.
    } else if (OC->getOperator() == OO_Star && OC->getNumArgs() == 1) {
      Use.Kind = OwningReturnCheck::CallUse::Deref;
      Use.OpLoc = OC->getOperatorLoc();
      Use.ReadOnly = readOnly(OC, Ctx);
      return;
    } else {
      return;
    }
  }
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(P)) {
    if (!ME->isArrow())
      return;
    Use.Kind = OwningReturnCheck::CallUse::Arrow;
    Use.OpLoc = ME->getOperatorLoc();
    Use.ReadOnly = memberReadOnly(ME, Ctx);
    return;
  }
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    if (UO->getOpcode() == UO_Deref) {
      Use.Kind = OwningReturnCheck::CallUse::Deref;
      Use.OpLoc = UO->getOperatorLoc();
      Use.ReadOnly = readOnly(UO, Ctx);
    }
}

/// The pointee type as written in a declaration's return type:
/// `Point` in `std::unique_ptr<Point>` or `Point *`, or "".
static std::string spelledPointee(const FunctionDecl &D, ASTContext &Ctx) {
  const TypeSourceInfo *TSI = D.getTypeSourceInfo();
  if (!TSI)
    return "";
  auto FTL = TSI->getTypeLoc().getAsAdjusted<FunctionTypeLoc>();
  if (!FTL)
    return "";
  TypeLoc Ret = FTL.getReturnLoc();
  if (Ret.getAs<QualifiedTypeLoc>())
    return ""; // `const std::unique_ptr<T>`: leave such code alone.
  SourceRange Pointee;
  if (auto PTL = Ret.getAsAdjusted<PointerTypeLoc>())
    Pointee = PTL.getPointeeLoc().getSourceRange();
  else if (auto TST = Ret.getAsAdjusted<TemplateSpecializationTypeLoc>())
    if (TST.getNumArgs() == 1)
      Pointee = TST.getArgLoc(0).getSourceRange();
  if (Pointee.isInvalid() || Pointee.getBegin().isMacroID() ||
      Pointee.getEnd().isMacroID())
    return "";
  return sourceText(Pointee, Ctx.getSourceManager(), Ctx.getLangOpts());
}

/// Is `std::optional` declared in this translation unit?
static bool hasStdOptional(ASTContext &Ctx) {
  for (const Decl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      for (const Decl *Opt : NS->lookup(&Ctx.Idents.get("optional")))
        if (isa<ClassTemplateDecl>(Opt))
          return true;
  return false;
}

/// One `return` of a candidate: its fresh allocation (null for a null
/// return) and whether it returns the allocation's local owner.
struct ReturnInfo {
  const ReturnStmt *Ret;
  const AllocationSite *Site;
  bool Local;
};

/// The FixSignatures rewrites of \p F itself: each declaration's return type
/// (`T`, or `std::optional<T>` when \p MayBeNull), each `return` (a prvalue
/// of T, `std::nullopt`, or the local owner turned into a value). False, with
/// \p Fixes unspecified, when some part cannot be rewritten.
static bool signatureFixes(const FunctionDecl &F, bool MayBeNull,
                           llvm::ArrayRef<ReturnInfo> Returns,
                           EscapeAnalyzer &Analyzer, ASTContext &Ctx,
                           std::vector<FixItHint> &Fixes) {
  // Internal linkage: every caller is in this translation unit.
  if (F.isExternallyVisible() || F.getTemplateInstantiationPattern() ||
      F.isOverloadedOperator())
    return false;
  if (MayBeNull && !hasStdOptional(Ctx))
    return false; // No header to include from here: leave it to the user.
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  for (const FunctionDecl *D : F.redecls()) {
    if (D->getDeclaredReturnType()->getContainedAutoType()) {
      if (MayBeNull)
        return false; // `T` and `std::nullopt` deduce no common type.
      continue;       // Deduced from the rewritten returns.
    }
    std::string Pointee = spelledPointee(*D, Ctx);
    SourceRange R = D->getReturnTypeSourceRange();
    if (Pointee.empty() || R.isInvalid() || R.getBegin().isMacroID() ||
        R.getEnd().isMacroID())
      return false;
    std::string Text = MayBeNull ? "std::optional<" + Pointee + ">" : Pointee;
    // `Point *make()` has no space between the type and the name.
    SourceLocation After = Lexer::getLocForEndOfToken(R.getEnd(), 0, SM, LO);
    if (After.isValid() && isAsciiIdentifierContinue(*SM.getCharacterData(After)))
      Text += ' ';
    Fixes.push_back(
        FixItHint::CreateReplacement(CharSourceRange::getTokenRange(R), Text));
  }
  llvm::SmallVector<const Expr *, 4> Kept;
  const AllocationSite *LocalSite = nullptr;
  for (const ReturnInfo &RI : Returns) {
    const Expr *V = RI.Ret->getRetValue();
    if (V->getBeginLoc().isMacroID() || V->getEndLoc().isMacroID())
      return false;
    if (!RI.Site) {
      Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(V->getSourceRange()),
          "std::nullopt"));
      continue;
    }
    if (RI.Local) {
      if (LocalSite && LocalSite != RI.Site)
        return false;
      LocalSite = RI.Site;
      const auto *Ref = dyn_cast<DeclRefExpr>(returnedValue(V));
      if (!Ref)
        return false;
      Kept.push_back(Ref);
      continue;
    }
    std::optional<std::string> Temp = spelledTemporary(*RI.Site, SM, LO);
    if (!Temp)
      return false;
    Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(V->getSourceRange()), *Temp));
  }
  if (LocalSite) {
    std::vector<FixItHint> Owner = ownerToValueFixes(
        *LocalSite, Analyzer.ownerFacts(*LocalSite), Ctx, Kept);
    if (Owner.empty())
      return false;
    Fixes.insert(Fixes.end(), Owner.begin(), Owner.end());
  }
  return true;
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
    if (IsCall) {
      CallUse Use;
      Use.Loc = Ref->getBeginLoc();
      if (const auto *Call = Parents[0].get<CallExpr>())
        classifyUse(Call, Ctx, Use);
      Callers[Canon].push_back(Use);
    } else
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
  std::vector<ReturnInfo> Infos;
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
      Infos.push_back({Ret, nullptr, false});
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(V))
      if (CE->getNumArgs() == 0) {
        MayBeNull = true; // `return {};` / `return std::unique_ptr<T>();`
        Infos.push_back({Ret, nullptr, false});
        continue;
      }
    const AllocationSite *Site = nullptr;
    bool Local = false;
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
          ThroughLocal = Local = true;
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
    Infos.push_back({Ret, Site, Local});
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
  // A deduced type prints as the library spelled it
  // (`std::_MakeUniq<T>::__single_object`): name the smart pointer instead.
  if (F->getDeclaredReturnType()->getContainedAutoType()) {
    C.Returned = clang::escape::compat::typeName(R.getCanonicalType(), Ctx);
    if (const auto *Ptr = R->getAsCXXRecordDecl())
      if (Ptr->isInStdNamespace() && Ptr->getIdentifier())
        C.Returned = "std::" + Ptr->getName().str() + "<" + C.Type + ">";
  }
  C.Size = static_cast<unsigned>(Size);
  C.MayBeNull = MayBeNull;
  if (FixSignatures && Reported == F)
    C.Fixable = signatureFixes(*F, MayBeNull, Infos, Analyzer, Ctx, C.Fixes);
  Candidates.push_back(std::move(C));
}

void OwningReturnCheck::onEndOfTranslationUnit() {
  for (const Candidate &C : Candidates) {
    if (AddressTaken.count(C.Func))
      continue;
    auto It = Callers.find(C.Func);
    std::vector<FixItHint> Fixes;
    if (C.Fixable) {
      Fixes = C.Fixes;
      // Each caller reaches the object through `->` or `*`: with the value,
      // `->` becomes `.` and `*` goes; std::optional keeps both.
      llvm::SmallPtrSet<const void *, 8> Seen; // Template patterns repeat.
      if (It != Callers.end())
        for (const CallUse &Use : It->second) {
          bool Ok = Use.Kind == CallUse::Arrow
                        ? (C.MayBeNull || Use.ReadOnly)
                        : Use.Kind == CallUse::Deref && Use.ReadOnly;
          if (!Ok || Use.OpLoc.isMacroID()) {
            Fixes.clear();
            break;
          }
          if (C.MayBeNull ||
              !Seen.insert(Use.OpLoc.getPtrEncoding()).second)
            continue;
          Fixes.push_back(
              Use.Kind == CallUse::Arrow
                  ? FixItHint::CreateReplacement(
                        CharSourceRange::getTokenRange(Use.OpLoc), ".")
                  : FixItHint::CreateRemoval(
                        CharSourceRange::getTokenRange(Use.OpLoc)));
        }
    }
    {
      DiagnosticBuilder D =
          C.MayBeNull
              ? diag(C.Loc,
                     "'%0' returns a heap-allocated '%1' (%2 bytes) or null "
                     "through '%3'; consider returning 'std::optional<%1>'")
              : diag(C.Loc, "'%0' returns a heap-allocated '%1' (%2 bytes) "
                            "through '%3'; consider returning '%1' by value");
      D << C.Name << C.Type << C.Size << C.Returned;
      for (const FixItHint &Fix : Fixes)
        D << Fix;
    }
    if (It != Callers.end() && !It->second.empty()) {
      std::vector<SourceLocation> Locs;
      for (const CallUse &Use : It->second)
        Locs.push_back(Use.Loc);
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
