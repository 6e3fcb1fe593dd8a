//===--- OwnerFixes.cpp - escape-tidy -------------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwnerFixes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cctype>

using namespace clang::ast_matchers;
using clang::escape::AllocationSite;
using clang::escape::AllocKind;
using clang::escape::OwnerFacts;
using clang::escape::OwnerUse;

namespace clang::tidy::escape {

std::string sourceText(SourceRange R, const SourceManager &SM,
                       const LangOptions &LO) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

std::string spelledType(const AllocationSite &Site, const SourceManager &SM,
                        const LangOptions &LO) {
  if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc)) {
    if (const TypeSourceInfo *TSI = New->getAllocatedTypeSourceInfo())
      return sourceText(TSI->getTypeLoc().getSourceRange(), SM, LO);
    return "";
  }
  const auto *Call = cast<CallExpr>(Site.Alloc);
  const auto *Callee =
      dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
  if (!Callee || Callee->getNumTemplateArgs() == 0)
    return "";
  return sourceText(Callee->getTemplateArgs()[0].getSourceRange(), SM, LO);
}

/// The initializer to give the local value: "(args)", "{...}" or "".
static std::optional<std::string> spelledInit(const AllocationSite &Site,
                                              const SourceManager &SM,
                                              const LangOptions &LO,
                                              bool ForDeclaration = true) {
  // `T p();` would declare a function, so a declaration value-initializes
  // with `{}`; a temporary keeps `T()` (`T{}` of an aggregate would
  // copy-list-initialize its members).
  const char *Empty = ForDeclaration ? "{}" : "()";
  if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc)) {
    const TypeSourceInfo *TSI = New->getAllocatedTypeSourceInfo();
    if (!TSI)
      return std::nullopt;
    SourceLocation AfterType =
        Lexer::getLocForEndOfToken(TSI->getTypeLoc().getEndLoc(), 0, SM, LO);
    SourceLocation End =
        Lexer::getLocForEndOfToken(New->getEndLoc(), 0, SM, LO);
    if (AfterType.isInvalid() || End.isInvalid())
      return std::nullopt;
    std::string Text =
        Lexer::getSourceText(CharSourceRange::getCharRange(AfterType, End), SM,
                             LO)
            .str();
    StringRef Trimmed = StringRef(Text).trim();
    if (Trimmed.empty())
      return std::string();
    std::string Compact;
    for (char C : Trimmed)
      if (C != ' ' && C != '\t')
        Compact += C;
    if (Compact == "()")
      return std::string(Empty);
    return Trimmed.str();
  }
  const auto *Call = cast<CallExpr>(Site.Alloc);
  if (Call->getNumArgs() == 0)
    return std::string(Empty);
  SourceRange Args(Call->getArg(0)->getBeginLoc(),
                   Call->getArg(Call->getNumArgs() - 1)->getEndLoc());
  if (Args.getBegin().isMacroID() || Args.getEnd().isMacroID())
    return std::nullopt;
  return "(" + sourceText(Args, SM, LO) + ")";
}

std::optional<std::string> spelledTemporary(const AllocationSite &Site,
                                            const SourceManager &SM,
                                            const LangOptions &LO) {
  if (Site.ArrayLength || Site.InMacro ||
      (Site.Kind != AllocKind::New && Site.Kind != AllocKind::MakeUnique &&
       Site.Kind != AllocKind::MakeShared))
    return std::nullopt;
  if (Site.AllocatedType.isConstQualified() ||
      Site.AllocatedType.isVolatileQualified())
    return std::nullopt;
  if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc))
    if (New->getNumPlacementArgs() > 0 || New->isParenTypeId() ||
        New->getAllocatedType()->getContainedDeducedType())
      return std::nullopt; // `new auto(5)`: `auto(5)` is not C++17.
  if (Site.Alloc->getBeginLoc().isMacroID() ||
      Site.Alloc->getEndLoc().isMacroID())
    return std::nullopt;
  std::string Type = spelledType(Site, SM, LO);
  // `unsigned long(1)` is not an expression: a functional cast needs a
  // one-word type.
  if (Type.empty() ||
      llvm::any_of(Type, [](char C) { return isspace(C) || C == '*'; }))
    return std::nullopt;
  std::optional<std::string> Init =
      spelledInit(Site, SM, LO, /*ForDeclaration=*/false);
  if (!Init)
    return std::nullopt;
  return Type + (Init->empty() ? std::string("()") : *Init);
}

/// `U()` / `U(x)` (not `U{...}`): as the argument of a declaration it makes
/// the most vexing parse.
static bool isParenTemporary(const Expr *A) {
  if (isa<CXXScalarValueInitExpr>(A))
    return true;
  if (const auto *T = dyn_cast<CXXTemporaryObjectExpr>(A))
    return !T->isListInitialization();
  if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(A))
    return !F->isListInitialization();
  return false;
}

std::vector<FixItHint> ownerToValueFixes(const AllocationSite &Site,
                                         const OwnerFacts &Facts,
                                         ASTContext &Ctx,
                                         llvm::ArrayRef<const Expr *> KeptRefs) {
  std::vector<FixItHint> Fixes;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const VarDecl *Owner = Site.Owner;
  const auto *DS = dyn_cast_or_null<DeclStmt>(Site.OwnerBinding);
  if (!Owner || !DS || !DS->isSingleDecl() || Site.ArrayLength ||
      (Site.Kind != AllocKind::New && Site.Kind != AllocKind::MakeUnique &&
       Site.Kind != AllocKind::MakeShared))
    return Fixes;
  if (Site.AllocatedType.isConstQualified() ||
      Site.AllocatedType.isVolatileQualified())
    return Fixes;
  if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc))
    if (New->isParenTypeId())
      return Fixes; // `new (int)`: the spelling does not make a declaration.
  // The owner must see the object through its own type: otherwise member
  // lookup, access and hidden non-virtual functions would change.
  QualType Pointee = clang::escape::ownedPointee(Owner->getType());
  if (Pointee.isNull() ||
      Pointee.getCanonicalType().getUnqualifiedType() !=
          Site.AllocatedType.getCanonicalType().getUnqualifiedType())
    return Fixes;
  const CXXRecordDecl *RD = Site.AllocatedType->getAsCXXRecordDecl();
  if (RD)
    for (const CXXMethodDecl *M : RD->methods())
      if (M->getOverloadedOperator() == OO_Amp && M->getNumParams() == 0)
        return Fixes; // `&p` would call the class's operator&.
  // `T p(U())` would declare a function.
  if (const auto *Call = dyn_cast<CallExpr>(Site.Alloc)) {
    for (const Expr *Arg : Call->arguments()) {
      const Expr *A = Arg->IgnoreImplicit();
      if (isParenTemporary(A))
        return Fixes;
    }
  } else if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc)) {
    if (const auto *CE =
            dyn_cast_or_null<CXXConstructExpr>(New->getConstructExpr()))
      for (const Expr *Arg : CE->arguments()) {
        const Expr *A = Arg->IgnoreImplicit();
        if (isParenTemporary(A))
          return Fixes;
      }
  }
  bool ConstPointee = Pointee.isConstQualified();
  bool TriviallyDestructible =
      !RD || !RD->hasDefinition() || RD->hasTrivialDestructor();
  // Every reference to the owner must be a use we can rewrite.
  auto Refs =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Owner)))).bind("ref")),
            *Site.Scope->getBody(), Ctx);
  llvm::SmallPtrSet<const Expr *, 8> Rewritten;
  for (const Expr *Kept : KeptRefs)
    Rewritten.insert(Kept);
  for (const OwnerUse &U : Facts.Uses) {
    if (llvm::is_contained(KeptRefs, U.Ref))
      continue;
    if (U.Kind != OwnerUse::Arrow && U.Kind != OwnerUse::Deref &&
        U.Kind != OwnerUse::Get &&
        !(U.Kind == OwnerUse::Delete && Site.Kind == AllocKind::New))
      return Fixes;
    Rewritten.insert(U.Ref);
  }
  for (const BoundNodes &B : Refs)
    if (!Rewritten.count(B.getNodeAs<DeclRefExpr>("ref")))
      return Fixes;

  std::string Type = spelledType(Site, SM, LO);
  std::optional<std::string> Init = spelledInit(Site, SM, LO);
  if (Type.empty() || !Init)
    return Fixes;
  SourceRange DeclRange(DS->getBeginLoc(), Owner->getEndLoc());
  if (DeclRange.getBegin().isMacroID() || DeclRange.getEnd().isMacroID())
    return Fixes;
  std::vector<FixItHint> Result;
  if (ConstPointee && Init->empty())
    *Init = "{}"; // A const object needs an initializer.
  Result.push_back(
      FixItHint::CreateReplacement(CharSourceRange::getTokenRange(DeclRange),
                                   (ConstPointee ? "const " : "") + Type + " " +
                                       Owner->getNameAsString() + *Init));
  std::string Name = Owner->getNameAsString();
  for (const OwnerUse &U : Facts.Uses) {
    if (llvm::is_contained(KeptRefs, U.Ref))
      continue;
    if (U.E->getBeginLoc().isMacroID() || U.E->getEndLoc().isMacroID())
      return Fixes;
    switch (U.Kind) {
    case OwnerUse::Arrow: {
      const auto *ME = dyn_cast<MemberExpr>(U.E);
      if (!ME || ME->getOperatorLoc().isInvalid())
        return Fixes;
      Result.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(ME->getOperatorLoc()), "."));
      break;
    }
    case OwnerUse::Deref: {
      SourceLocation Op;
      if (const auto *UO = dyn_cast<UnaryOperator>(U.E))
        Op = UO->getOperatorLoc();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(U.E))
        Op = OC->getOperatorLoc();
      if (Op.isInvalid())
        return Fixes;
      Result.push_back(
          FixItHint::CreateRemoval(CharSourceRange::getTokenRange(Op)));
      break;
    }
    case OwnerUse::Get: {
      bool NeedsParens = false;
      DynTypedNodeList Parents = Ctx.getParents(*U.E);
      while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
        Parents = Ctx.getParents(Parents[0]);
      if (!Parents.empty() &&
          (Parents[0].get<MemberExpr>() ||
           Parents[0].get<ArraySubscriptExpr>() ||
           Parents[0].get<UnaryOperator>() || Parents[0].get<BinaryOperator>()))
        NeedsParens = true;
      Result.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(U.E->getSourceRange()),
          NeedsParens ? "(&" + Name + ")" : "&" + Name));
      break;
    }
    case OwnerUse::Delete: {
      DynTypedNodeList Parents = Ctx.getParents(*U.E);
      const auto *Block =
          Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
      if (!Block)
        return Fixes;
      if (!TriviallyDestructible) {
        // The destructor would run later, at the end of the scope: only
        // when nothing but a return follows in the function body.
        if (Block != Site.Scope->getBody())
          return Fixes;
        bool After = false;
        for (const Stmt *S : Block->body()) {
          if (S == U.E) {
            After = true;
            continue;
          }
          if (After && !isa<ReturnStmt>(S))
            return Fixes;
        }
      }
      // Remove the whole line when the statement stands alone on it.
      SourceLocation Begin = U.E->getBeginLoc();
      if (Begin.isMacroID())
        return Fixes;
      std::pair<FileID, unsigned> Dec = SM.getDecomposedLoc(Begin);
      StringRef Buffer = SM.getBufferData(Dec.first);
      unsigned End = SM.getDecomposedLoc(U.E->getEndLoc()).second;
      while (End < Buffer.size() && Buffer[End] != ';')
        ++End;
      if (End >= Buffer.size())
        return Fixes;
      ++End; // Past the semicolon.
      unsigned LineStart = Dec.second;
      while (LineStart > 0 &&
             (Buffer[LineStart - 1] == ' ' || Buffer[LineStart - 1] == '\t'))
        --LineStart;
      // Take the preceding newline rather than the following one: the end
      // of a removal must stay on the newline itself.
      if (LineStart > 0 && Buffer[LineStart - 1] == '\n' &&
          End < Buffer.size() && Buffer[End] == '\n')
        --LineStart;
      else
        LineStart = Dec.second;
      Begin = Begin.getLocWithOffset(static_cast<int>(LineStart) -
                                     static_cast<int>(Dec.second));
      SourceLocation AfterSemi =
          Begin.getLocWithOffset(static_cast<int>(End - LineStart));
      Result.push_back(FixItHint::CreateRemoval(
          CharSourceRange::getCharRange(Begin, AfterSemi)));
      break;
    }
    default:
      return Fixes;
    }
  }
  return Result;
}

} // namespace clang::tidy::escape
