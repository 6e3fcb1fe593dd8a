//===--- HeapToStackCheck.cpp - escape-tidy -------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HeapToStackCheck.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

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
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)) {}

void HeapToStackCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxObjectSize", std::to_string(MaxObjectSize));
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
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

static std::string sourceText(SourceRange R, const SourceManager &SM,
                              const LangOptions &LO) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM, LO).str();
}

/// The text that names the allocated type as the user wrote it, or "".
static std::string spelledType(const AllocationSite &Site,
                               const SourceManager &SM, const LangOptions &LO) {
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
                                              const LangOptions &LO) {
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
      return std::string("{}"); // `T p();` would declare a function.
    return Trimmed.str();
  }
  const auto *Call = cast<CallExpr>(Site.Alloc);
  if (Call->getNumArgs() == 0)
    return std::string("{}");
  SourceRange Args(Call->getArg(0)->getBeginLoc(),
                   Call->getArg(Call->getNumArgs() - 1)->getEndLoc());
  if (Args.getBegin().isMacroID() || Args.getEnd().isMacroID())
    return std::nullopt;
  return "(" + sourceText(Args, SM, LO) + ")";
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

/// Fix-its that turn the owner into a local value, or an empty vector when
/// some use cannot be rewritten.
static std::vector<FixItHint> makeFixes(const AllocationSite &Site,
                                        const OwnerFacts &Facts,
                                        ASTContext &Ctx) {
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
  for (const OwnerUse &U : Facts.Uses) {
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

void HeapToStackCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Context->getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const auto *Alloc = Result.Nodes.getNodeAs<Expr>(AllocName);
  assert(Alloc && "no allocation expression");
  EscapeAnalyzer::Options Opts;
  Opts.StrictEscape = StrictEscape;
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
    if (!RD->hasDefinition() || RD->isAbstract() || RD->isInvalidDecl())
      return Veto();
  if (!Site->SizeInBytes || *Site->SizeInBytes == 0 ||
      *Site->SizeInBytes > MaxObjectSize)
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
  F.Suggestion = Suggestion;
  if (Site->Owner) {
    F.NoteLoc = Site->Owner->getLocation();
    F.OwnerName = Site->Owner->getNameAsString();
  }
  if (!Optional && !isInstantiation(Scope))
    F.Fixes = makeFixes(*Site, Facts, *Result.Context);
}

void HeapToStackCheck::onEndOfTranslationUnit() {
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
  }
  Findings.clear();
  Cache.clear();
}

} // namespace clang::tidy::escape
