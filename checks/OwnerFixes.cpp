//===--- OwnerFixes.cpp - escape-tidy -------------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwnerFixes.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclFriend.h"
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
using clang::escape::StatementContext;

namespace clang::tidy::escape {

std::string sourceText(SourceRange R, const SourceManager &SM,
                       const LangOptions &LO) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

bool isPlainFileRange(CharSourceRange R, const SourceManager &SM,
                      const LangOptions &LO) {
  if (R.getBegin().isInvalid() || R.getEnd().isInvalid() ||
      R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return false;
  CharSourceRange File = Lexer::makeFileCharRange(R, SM, LO);
  if (File.isInvalid())
    return false;
  std::pair<FileID, unsigned> Begin = SM.getDecomposedLoc(File.getBegin());
  std::pair<FileID, unsigned> End = SM.getDecomposedLoc(File.getEnd());
  if (Begin.first != End.first || End.second < Begin.second)
    return false;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(Begin.first, &Invalid);
  if (Invalid)
    return false;
  // Raw-lex the range: a `#` that starts a line is a directive (comments and
  // string literals are tokens of their own, so a `#` inside them is not).
  Lexer Raw(SM.getLocForStartOfFile(Begin.first), LO, Buffer.begin(),
            Buffer.begin() + Begin.second, Buffer.end());
  Token Tok;
  while (true) {
    bool AtEof = Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof) || SM.getFileOffset(Tok.getLocation()) >= End.second)
      break;
    if (Tok.is(tok::hash) && Tok.isAtStartOfLine())
      return false;
    if (AtEof)
      break;
  }
  return true;
}

/// The spellings of the tokens of the file range [\p Begin, \p End), comments
/// left out.
static std::vector<std::string> tokensBetween(SourceLocation Begin,
                                              SourceLocation End,
                                              const SourceManager &SM,
                                              const LangOptions &LO) {
  std::vector<std::string> Tokens;
  std::pair<FileID, unsigned> B = SM.getDecomposedLoc(Begin);
  unsigned E = SM.getDecomposedLoc(End).second;
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(B.first, &Invalid);
  if (Invalid)
    return Tokens;
  Lexer Raw(SM.getLocForStartOfFile(B.first), LO, Buffer.begin(),
            Buffer.begin() + B.second, Buffer.end());
  Token Tok;
  while (true) {
    bool AtEof = Raw.LexFromRawLexer(Tok);
    if (Tok.is(tok::eof) || SM.getFileOffset(Tok.getLocation()) >= E)
      break;
    Tokens.push_back(Lexer::getSpelling(Tok, SM, LO));
    if (AtEof)
      break;
  }
  return Tokens;
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
    CharSourceRange Range = CharSourceRange::getCharRange(AfterType, End);
    if (AfterType.isMacroID() || End.isMacroID() ||
        !isPlainFileRange(Range, SM, LO))
      return std::nullopt;
    // Compare tokens, not text: `new T(\n)` and `new T /*c*/ ()` are empty
    // parentheses too, and `T p(\n)` would declare a function.
    std::vector<std::string> Tokens = tokensBetween(AfterType, End, SM, LO);
    if (Tokens.empty())
      return std::string();
    if (Tokens.size() == 2 && Tokens[0] == "(" && Tokens[1] == ")")
      return std::string(Empty);
    std::string Text = Lexer::getSourceText(Range, SM, LO).str();
    return StringRef(Text).trim().str();
  }
  const auto *Call = cast<CallExpr>(Site.Alloc);
  if (Call->getNumArgs() == 0)
    return std::string(Empty);
  SourceRange Args(Call->getArg(0)->getBeginLoc(),
                   Call->getArg(Call->getNumArgs() - 1)->getEndLoc());
  if (Args.getBegin().isMacroID() || Args.getEnd().isMacroID() ||
      !isPlainFileRange(CharSourceRange::getTokenRange(Args), SM, LO))
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

/// Does a unary `operator&` apply to an lvalue of \p RD: a member, a friend,
/// or a function of an enclosing namespace (what ADL would find)?
static bool hasUnaryAddressOf(const CXXRecordDecl *RD, ASTContext &Ctx) {
  if (!RD || !RD->hasDefinition())
    return false;
  DeclarationName Name = Ctx.DeclarationNames.getCXXOperatorName(OO_Amp);
  auto IsUnary = [](const NamedDecl *D, unsigned Params) {
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      D = FT->getTemplatedDecl();
    const auto *FD = dyn_cast<FunctionDecl>(D);
    return FD && FD->getNumParams() == Params;
  };
  for (const CXXRecordDecl *C = RD; C;) {
    for (const NamedDecl *D : C->lookup(Name))
      if (IsUnary(D, 0))
        return true;
    for (const FriendDecl *F : C->friends())
      if (const NamedDecl *D = F->getFriendDecl())
        if (D->getDeclName() == Name && IsUnary(D, 1))
          return true;
    C = C->getNumBases() == 1
            ? C->bases_begin()->getType()->getAsCXXRecordDecl()
            : nullptr;
  }
  for (const DeclContext *DC = RD->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isFileContext())
      for (const NamedDecl *D : DC->getPrimaryContext()->lookup(Name))
        if (IsUnary(D, 1))
          return true;
  return false;
}

/// Is `std::addressof` declared before \p Loc?
static bool hasStdAddressOf(ASTContext &Ctx, SourceLocation Loc) {
  for (const Decl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      for (const Decl *A : NS->lookup(&Ctx.Idents.get("addressof")))
        if (Ctx.getSourceManager().isBeforeInTranslationUnit(A->getLocation(),
                                                             Loc))
          return true;
  return false;
}

/// Can `delete p;` (statement \p Delete) be removed, so that the object is
/// destroyed at the end of the owner's scope instead? Always for a trivial
/// destructor. Otherwise only when the destructor runs at the same point
/// relative to everything with an effect: the `delete` is in the block that
/// declares the owner (\p OwnerDecl), no variable with a non-trivial
/// destructor is declared between the owner and the `delete` (it would be
/// destroyed before the value instead of after the object), and nothing with
/// side effects follows it in the block (only `;` and `return` of a value
/// without side effects).
static bool deleteMayMoveToScopeEnd(const Stmt *Delete,
                                    const DeclStmt *OwnerDecl,
                                    bool TriviallyDestructible,
                                    ASTContext &Ctx) {
  StatementContext &SC = StatementContext::get(Ctx);
  const auto *Block = dyn_cast_or_null<CompoundStmt>(SC.parentStmt(*Delete));
  if (!Block)
    return false;
  if (TriviallyDestructible)
    return true;
  // Only the statements from the owner's declaration on matter.
  std::optional<unsigned> DeclAt = SC.positionInBlock(*OwnerDecl);
  std::optional<unsigned> DeleteAt = SC.positionInBlock(*Delete);
  if (!DeclAt || !DeleteAt || SC.parentStmt(*OwnerDecl) != Block ||
      *DeleteAt < *DeclAt)
    return false;
  enum { Between, After } Where = Between;
  for (const Stmt *S : llvm::drop_begin(Block->body(), *DeclAt + 1)) {
    if (S == Delete) {
      Where = After;
      continue;
    }
    if (Where == Between) {
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D))
            if (VD->hasLocalStorage() &&
                VD->needsDestruction(Ctx) != QualType::DK_none)
              return false;
      continue;
    }
    if (isa<NullStmt>(S))
      continue;
    const auto *Ret = dyn_cast<ReturnStmt>(S);
    if (!Ret)
      return false;
    if (const Expr *V = Ret->getRetValue())
      if (V->HasSideEffects(Ctx) || !V->getType()->isScalarType())
        return false;
    return true; // Nothing after a return runs.
  }
  return true;
}

std::vector<FixItHint>
ownerToValueFixes(const AllocationSite &Site, const OwnerFacts &Facts,
                  ASTContext &Ctx, llvm::ArrayRef<const Expr *> KeptRefs) {
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
  // `&p` would call the class's operator&: spell `std::addressof(p)`, or
  // leave the code alone when <memory> is not there to provide it.
  bool AddressOf = false;
  if (Facts.has(OwnerUse::Get) && hasUnaryAddressOf(RD, Ctx)) {
    if (!hasStdAddressOf(Ctx, Site.Alloc->getBeginLoc()))
      return Fixes;
    AddressOf = true;
  }
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
  llvm::SmallVector<const DeclRefExpr *, 8> Refs;
  if (auto Known = StatementContext::get(Ctx).references(*Owner)) {
    Refs.assign(Known->begin(), Known->end());
  } else {
    for (const BoundNodes &B :
         match(findAll(declRefExpr(to(varDecl(equalsNode(Owner)))).bind("ref")),
               *Site.Scope->getBody(), Ctx))
      Refs.push_back(B.getNodeAs<DeclRefExpr>("ref"));
  }
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
  for (const DeclRefExpr *Ref : Refs)
    if (!Rewritten.count(Ref))
      return Fixes;

  std::string Type = spelledType(Site, SM, LO);
  std::optional<std::string> Init = spelledInit(Site, SM, LO);
  if (Type.empty() || !Init)
    return Fixes;
  SourceRange DeclRange(DS->getBeginLoc(), Owner->getEndLoc());
  if (DeclRange.getBegin().isMacroID() || DeclRange.getEnd().isMacroID() ||
      !isPlainFileRange(CharSourceRange::getTokenRange(DeclRange), SM, LO))
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
      DynTypedNodeList Parents = StatementContext::get(Ctx).parents(*U.E);
      while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
        Parents = StatementContext::get(Ctx).parents(Parents[0]);
      if (!Parents.empty() &&
          (Parents[0].get<MemberExpr>() ||
           Parents[0].get<ArraySubscriptExpr>() ||
           Parents[0].get<UnaryOperator>() || Parents[0].get<BinaryOperator>()))
        NeedsParens = true;
      if (AddressOf)
        NeedsParens = false;
      std::string Address =
          AddressOf ? "std::addressof(" + Name + ")" : "&" + Name;
      Result.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(U.E->getSourceRange()),
          NeedsParens ? "(" + Address + ")" : Address));
      break;
    }
    case OwnerUse::Delete: {
      if (!deleteMayMoveToScopeEnd(U.E, DS, TriviallyDestructible, Ctx))
        return Fixes;
      // Remove the whole line when the statement stands alone on it. The
      // `;` is the next token (a `;` in a comment is not).
      SourceLocation Begin = U.E->getBeginLoc();
      if (Begin.isMacroID() || U.E->getEndLoc().isMacroID())
        return Fixes;
      SourceLocation AfterSemiLoc = Lexer::findLocationAfterToken(
          U.E->getEndLoc(), tok::semi, SM, LO,
          /*SkipTrailingWhitespaceAndNewLine=*/false);
      if (AfterSemiLoc.isInvalid() ||
          !isPlainFileRange(CharSourceRange::getCharRange(Begin, AfterSemiLoc),
                            SM, LO))
        return Fixes;
      std::pair<FileID, unsigned> Dec = SM.getDecomposedLoc(Begin);
      StringRef Buffer = SM.getBufferData(Dec.first);
      unsigned End = SM.getDecomposedLoc(AfterSemiLoc).second;
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
