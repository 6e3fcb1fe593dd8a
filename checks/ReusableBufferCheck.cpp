//===--- ReusableBufferCheck.cpp - escape-tidy ----------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ReusableBufferCheck.h"
#include "escape/Capacity.h"
#include "escape/SmallBuffer.h"
#include "escape/StatementContext.h"
#include "escape/TripCount.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

// Matcher names. Given the code:
//
// \code
//   void f(const std::vector<Row> &rows) {
//     for (const Row &r : rows) {
//       std::vector<int> cells;
//       fill(cells, r);
//       print(cells);
//     }
//     auto l = [&] { ... };
//   }
// \endcode
//
//   - FunctionName: `f` (as FunctionDecl); every function with a body outside
//     system headers.
//   - LambdaName: the lambda expression (its call operator is analyzed like a
//     function).
//
// The candidates (`cells`) are found by walking the body.
static constexpr char FunctionName[] = "function";
static constexpr char LambdaName[] = "lambda";

/// The standard classes whose storage `clear()` keeps.
static const char *const StandardReusable[] = {
    "std::vector",        "std::basic_string",       "std::unordered_map",
    "std::unordered_set", "std::unordered_multimap", "std::unordered_multiset"};

ReusableBufferCheck::ReusableBufferCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      ReusableTypesValue(Reader.get("ReusableTypes", "")) {
  for (const char *N : StandardReusable)
    ReusableTypes.push_back(N);
  for (std::string &N : Reader.getQualifiedNames("ReusableTypes", ""))
    ReusableTypes.push_back(std::move(N));
}

void ReusableBufferCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReusableTypes", ReusableTypesValue);
}

void ReusableBufferCheck::registerPPCallbacks(const SourceManager &,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  this->PP = PP;
}

void ReusableBufferCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind(FunctionName),
                     this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind(LambdaName), this);
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

/// `a::b::C` for \p ND, leaving out inline and anonymous namespaces.
static std::string qualifiedName(const NamedDecl &ND) {
  std::string Name = ND.getNameAsString();
  for (const DeclContext *DC = ND.getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getNameAsString() + "::" + Name;
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      Name = RD->getNameAsString() + "::" + Name;
    }
  }
  return Name;
}

/// True when option item \p Item (no leading `::`) names \p QualifiedName,
/// like clang's hasName: `b::C` matches `a::b::C`.
static bool namesClass(StringRef Item, StringRef QualifiedName) {
  return QualifiedName == Item ||
         (QualifiedName.size() > Item.size() + 2 &&
          clang::escape::compat::endsWith(QualifiedName, Item) &&
          clang::escape::compat::endsWith(QualifiedName.drop_back(Item.size()),
                                          "::"));
}

/// True when \p RD declares (or inherits) a member named \p Member.
static bool hasMember(const CXXRecordDecl *RD, StringRef Member,
                      unsigned Depth = 0) {
  if (!RD || Depth > 16 || !(RD = RD->getDefinition()))
    return false;
  if (!RD->lookup(&RD->getASTContext().Idents.get(Member)).empty())
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (hasMember(B.getType()->getAsCXXRecordDecl(), Member, Depth + 1))
      return true;
  return false;
}

bool ReusableBufferCheck::isReusableType(QualType T) const {
  if (T.isNull() || T->isDependentType() || T->isReferenceType() ||
      T.isConstQualified() || T.isVolatileQualified())
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  std::string QN = qualifiedName(*RD);
  for (const std::string &N : ReusableTypes)
    if (namesClass(N, QN))
      return hasMember(RD, "clear");
  return false;
}

/// Standard classes whose destruction only frees memory when their value
/// types' destruction does.
static bool isMemoryOnlyStd(StringRef QN) {
  static const char *const Names[] = {"std::basic_string",
                                      "std::vector",
                                      "std::deque",
                                      "std::list",
                                      "std::forward_list",
                                      "std::map",
                                      "std::multimap",
                                      "std::set",
                                      "std::multiset",
                                      "std::unordered_map",
                                      "std::unordered_set",
                                      "std::unordered_multimap",
                                      "std::unordered_multiset",
                                      "std::pair",
                                      "std::tuple",
                                      "std::array",
                                      "std::optional",
                                      "std::allocator",
                                      "std::hash",
                                      "std::equal_to",
                                      "std::less",
                                      "std::char_traits",
                                      "std::basic_string_view"};
  for (const char *N : Names)
    if (QN == N)
      return true;
  return false;
}

/// True when destroying a \p T later than now changes nothing but when its
/// memory is freed: trivially destructible types, and standard containers,
/// strings, pairs and tuples of such. Elements with other destructors (a
/// lock, a file, a thread, a `unique_ptr` to one) would be destroyed at the
/// next `clear()` instead of at the end of their iteration, and the last
/// iteration's only after the loop.
static bool isMemoryOnly(QualType T, unsigned Depth = 0) {
  if (Depth > 8 || T.isNull() || T->isDependentType())
    return false;
  T = T.getCanonicalType();
  if (T->isReferenceType())
    return false;
  if (const auto *AT = dyn_cast<ArrayType>(T.getTypePtr()))
    return isMemoryOnly(AT->getElementType(), Depth + 1);
  if (T.isDestructedType() == QualType::DK_none)
    return true;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || !isMemoryOnlyStd(qualifiedName(*Spec)))
    return false;
  for (const TemplateArgument &A : Spec->getTemplateArgs().asArray()) {
    if (A.getKind() == TemplateArgument::Type &&
        !isMemoryOnly(A.getAsType(), Depth + 1))
      return false;
    if (A.getKind() == TemplateArgument::Pack)
      for (const TemplateArgument &P : A.pack_elements())
        if (P.getKind() == TemplateArgument::Type &&
            !isMemoryOnly(P.getAsType(), Depth + 1))
          return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Candidates
//===----------------------------------------------------------------------===//

namespace {

/// A local declared in a loop body, with its innermost loop.
struct Candidate {
  const VarDecl *Var;
  const DeclStmt *Decl;
  const Stmt *Loop;
};

} // namespace

static const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *FS = dyn_cast<ForStmt>(&Loop))
    return FS->getBody();
  if (const auto *RS = dyn_cast<CXXForRangeStmt>(&Loop))
    return RS->getBody();
  if (const auto *WS = dyn_cast<WhileStmt>(&Loop))
    return WS->getBody();
  if (const auto *DS = dyn_cast<DoStmt>(&Loop))
    return DS->getBody();
  return nullptr;
}

/// Collects the variables declared in loop bodies under \p S; \p Loop is the
/// innermost loop whose body contains \p S. Lambdas and local classes are
/// analyzed on their own.
static void collect(const Stmt *S, const Stmt *Loop,
                    std::vector<Candidate> &Out, unsigned Depth = 0) {
  if (!S || Depth > 512 || isa<LambdaExpr>(S))
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(S); DS && Loop)
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        Out.push_back({VD, DS, Loop});
  const Stmt *Body = loopBody(*S);
  for (const Stmt *Child : S->children())
    collect(Child, Body && Child == Body ? S : Loop, Out, Depth + 1);
}

//===----------------------------------------------------------------------===//
// Facts about one candidate
//===----------------------------------------------------------------------===//

/// The expression above \p E once parentheses and implicit casts are left.
static const Expr *climb(const Expr *E, ASTContext &Ctx, const Stmt **Parent) {
  *Parent = nullptr;
  for (unsigned I = 0; I < 16; ++I) {
    auto Parents = clang::escape::StatementContext::get(Ctx).parents(*E);
    if (Parents.empty())
      return E;
    const auto *P = Parents[0].get<Stmt>();
    if (const auto *PE = dyn_cast_or_null<Expr>(P);
        PE && (isa<ParenExpr>(PE) || isa<ImplicitCastExpr>(PE) ||
               isa<MaterializeTemporaryExpr>(PE))) {
      E = PE;
      continue;
    }
    *Parent = P;
    return E;
  }
  return E;
}

/// True when \p E is bound to a non-const lvalue reference parameter of the
/// call \p P (the container is filled by the callee).
static bool filledByCall(const Expr *E, const Stmt *P) {
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  if (!Call)
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  unsigned Offset = 0;
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD))
    Offset = 1;
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
    if (Call->getArg(I) != E || I - Offset >= FD->getNumParams())
      continue;
    QualType PT = FD->getParamDecl(I - Offset)->getType();
    return PT->isLValueReferenceType() &&
           !PT.getNonReferenceType().isConstQualified();
  }
  return false;
}

/// Characters appended by the growth call \p Call on a string, when a
/// constant: `s += 'c'`, `s += "lit"`, `s.push_back(c)`, `s.append("lit")`,
/// `s.append(n, c)`.
static std::optional<uint64_t> constantChars(const Stmt *Call,
                                             ASTContext &Ctx) {
  const Expr *Arg = nullptr;
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(Call)) {
    if (OC->getOperator() != OO_PlusEqual || OC->getNumArgs() != 2)
      return std::nullopt;
    Arg = OC->getArg(1);
  } else if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !MD->getIdentifier())
      return std::nullopt;
    StringRef Name = MD->getName();
    if (Name == "push_back" && MC->getNumArgs() == 1)
      return 1;
    if (Name == "append" && MC->getNumArgs() == 2 &&
        MC->getArg(1)->getType()->isAnyCharacterType()) {
      Expr::EvalResult R;
      if (MC->getArg(0)->EvaluateAsInt(R, Ctx) &&
          R.Val.getInt().isNonNegative())
        return R.Val.getInt().getZExtValue();
      return std::nullopt;
    }
    if (Name != "append" || MC->getNumArgs() != 1)
      return std::nullopt;
    Arg = MC->getArg(0);
  } else {
    return std::nullopt;
  }
  Arg = Arg->IgnoreParenImpCasts();
  if (Arg->getType()->isAnyCharacterType())
    return 1;
  if (const auto *SL = dyn_cast<StringLiteral>(Arg))
    return SL->getLength();
  return std::nullopt;
}

/// True when \p S is inside a loop that is itself inside \p Body.
static bool inNestedLoop(const Stmt &S, const Stmt &Body, ASTContext &Ctx) {
  const Stmt *Cur = &S;
  for (unsigned I = 0; I < 256; ++I) {
    auto Parents = clang::escape::StatementContext::get(Ctx).parents(*Cur);
    if (Parents.empty())
      return false;
    const auto *P = Parents[0].get<Stmt>();
    if (!P || P == &Body)
      return false;
    if (loopBody(*P))
      return true;
    Cur = P;
  }
  return true;
}

/// True when \p Loop provably runs its body at most once.
static bool runsAtMostOnce(const Stmt &Loop, ASTContext &Ctx) {
  if (std::optional<clang::escape::TripCount> TC =
          clang::escape::findTripCount(Loop, Ctx))
    if (TC->Constant && *TC->Constant <= 1)
      return true;
  if (const auto *DS = dyn_cast<DoStmt>(&Loop)) {
    bool Value = true;
    if (DS->getCond() &&
        DS->getCond()->EvaluateAsBooleanCondition(Value, Ctx) && !Value)
      return true;
  }
  // A body that ends by leaving the loop on every path it reaches the end.
  const auto *Body = dyn_cast_or_null<CompoundStmt>(loopBody(Loop));
  if (!Body || Body->body_empty())
    return false;
  const Stmt *Last = Body->body_back();
  if (!isa<BreakStmt, ReturnStmt>(Last))
    return false;
  // No `continue` of this loop may skip the end.
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S) || (S != Body && loopBody(*S)))
      continue;
    if (isa<ContinueStmt>(S))
      return false;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return true;
}

/// True when \p Region holds a `continue` of \p Loop (not of a nested loop)
/// that starts before \p Before.
static bool hasContinueBefore(const Stmt &Region, const Stmt &Before,
                              const SourceManager &SM) {
  llvm::SmallVector<const Stmt *, 32> Work{&Region};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S) || (S != &Region && loopBody(*S)))
      continue;
    if (isa<ContinueStmt>(S) &&
        SM.isBeforeInTranslationUnit(S->getBeginLoc(), Before.getBeginLoc()))
      return true;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return false;
}

/// True when anything in \p F's body other than \p Var is declared or named
/// \p Name, or \p F has a `goto`, or \p Body declares a type: hoisting the
/// declaration could then clash, shadow, or jump past it.
static bool blocksHoisting(const FunctionDecl &F, const VarDecl &Var,
                           const Stmt &Body) {
  StringRef Name = Var.getName();
  for (const ParmVarDecl *P : F.parameters())
    if (P->getName() == Name)
      return true;
  llvm::SmallVector<const Stmt *, 64> Work{F.getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (isa<GotoStmt, IndirectGotoStmt, LabelStmt>(S))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (DRE->getDecl() != &Var &&
          DRE->getDecl()->getDeclName().isIdentifier() &&
          DRE->getDecl()->getName() == Name)
        return true;
    if (const auto *ME = dyn_cast<MemberExpr>(S))
      if (ME->getMemberDecl()->getDeclName().isIdentifier() &&
          ME->getMemberDecl()->getName() == Name)
        return true;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls()) {
        if (const auto *ND = dyn_cast<NamedDecl>(D))
          if (ND != &Var && ND->getDeclName().isIdentifier() &&
              ND->getName() == Name)
            return true;
        if (isa<TypeDecl, UsingDecl, UsingDirectiveDecl, NamespaceAliasDecl>(D))
          return true;
      }
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      for (const ParmVarDecl *P : L->getCallOperator()->parameters())
        if (P->getName() == Name)
          return true;
    }
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  (void)Body;
  return false;
}

/// The whitespace that starts the line of \p Loc, when only whitespace
/// precedes \p Loc on its line.
static std::optional<std::string> indentationAt(SourceLocation Loc,
                                                const SourceManager &SM) {
  std::pair<FileID, unsigned> Pos = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(Pos.first, &Invalid);
  if (Invalid)
    return std::nullopt;
  StringRef Before = Buffer.substr(0, Pos.second);
  StringRef Line = Before.substr(Before.rfind('\n') + 1);
  if (Line.find_first_not_of(" \t") != StringRef::npos)
    return std::nullopt;
  return Line.str();
}

/// True when \p Var is default-constructed: no initializer, `{}`, `()`-less
/// default construction, or `= {}`.
static bool isDefaultConstructed(const VarDecl &Var) {
  const Expr *Init = Var.getInit();
  if (!Init)
    return true;
  Init = Init->IgnoreImplicit();
  if (const auto *ILE = dyn_cast<InitListExpr>(Init))
    return ILE->getNumInits() == 0;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(Init)) {
    if (CE->getNumArgs() == 0)
      return true;
    // Default arguments only (an allocator).
    for (const Expr *A : CE->arguments())
      if (!isa<CXXDefaultArgExpr>(A))
        return false;
    return true;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// check()
//===----------------------------------------------------------------------===//

void ReusableBufferCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const FunctionDecl *F = Result.Nodes.getNodeAs<FunctionDecl>(FunctionName);
  if (const auto *LE = Result.Nodes.getNodeAs<LambdaExpr>(LambdaName))
    F = LE->getCallOperator();
  if (!F || !F->hasBody() || F->isTemplated() ||
      F->getTemplateInstantiationPattern() ||
      isa<ClassTemplateSpecializationDecl>(F->getParent()))
    return;
  if (Ctx.getSourceManager().isInSystemHeader(F->getLocation()))
    return;
  std::vector<Candidate> Candidates;
  collect(F->getBody(), nullptr, Candidates);
  for (const Candidate &C : Candidates)
    checkCandidate(*C.Var, *C.Loop, *F, Ctx);
}

void ReusableBufferCheck::checkCandidate(const VarDecl &Var, const Stmt &Loop,
                                         const FunctionDecl &F,
                                         ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var.getLocation().isMacroID() || Var.getLocation().isInvalid() ||
      SM.isInSystemHeader(Var.getLocation()) || !Var.getIdentifier() ||
      !isReusableType(Var.getType()) || !isDefaultConstructed(Var))
    return;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(
      Var.getType()->getAsCXXRecordDecl());
  if (Spec)
    for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
      if (A.getKind() == TemplateArgument::Type && !isMemoryOnly(A.getAsType()))
        return;
  const Stmt *Body = loopBody(Loop);
  if (!Body || runsAtMostOnce(Loop, Ctx))
    return;

  // Growth in the iteration.
  bool IsString = qualifiedName(*Var.getType()->getAsCXXRecordDecl()) ==
                  "std::basic_string";
  bool Grows = false;
  // Characters of constant string growth so far, while CharsKnown.
  bool CharsKnown = true;
  uint64_t Chars = 0;
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
    const auto *Ref = dyn_cast<DeclRefExpr>(S);
    if (!Ref || Ref->getDecl() != &Var)
      continue;
    using clang::escape::ContainerUse;
    ContainerUse Use = clang::escape::classifyUse(*Ref, Ctx);
    const Stmt *Parent = nullptr;
    const Expr *Top = climb(Ref, Ctx, &Parent);
    const Stmt *Call = Parent;
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(Parent)) {
      auto Ps = clang::escape::StatementContext::get(Ctx).parents(*ME);
      Call = Ps.empty() ? nullptr : Ps[0].get<Stmt>();
    }
    const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(Call);
    const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
    StringRef Member = MD && MD->getIdentifier() ? MD->getName() : "";
    switch (Use) {
    case ContainerUse::Grow:
      Grows = true;
      if (CharsKnown) {
        std::optional<uint64_t> N = constantChars(Call, Ctx);
        if (N && !inNestedLoop(*Ref, *Body, Ctx))
          Chars += *N;
        else
          CharsKnown = false;
      }
      break;
    case ContainerUse::Establish:
      // `v = make()`: a move assignment takes the other buffer, and the
      // old capacity is freed anyway.
      if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(Parent))
        if (const auto *AM =
                dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()))
          if (AM->isMoveAssignmentOperator())
            return;
      [[fallthrough]];
    case ContainerUse::Reserve:
      if (Member == "reserve" || Member == "rehash" || Member == "resize" ||
          Member == "assign") {
        // A size that changes with the iteration: the container is sized
        // for each iteration's own need.
        if ((Member == "reserve" || Member == "rehash") && MC->getNumArgs() &&
            !MC->getArg(0)->isEvaluatable(Ctx))
          return;
      }
      Grows = true;
      CharsKnown = false;
      break;
    case ContainerUse::Escape:
      if (filledByCall(Top, Parent)) {
        Grows = true;
        CharsKnown = false;
      }
      break;
    case ContainerUse::Shrink:
      return;
    default:
      break;
    }
  }
  if (!Grows)
    return;
  if (IsString && CharsKnown) {
    if (!LibraryDetected && PP) {
      DetectedLibrary = clang::escape::detectStdLib(
          [this](StringRef Macro) { return PP->isMacroDefined(Macro); });
      LibraryDetected = true;
    }
    unsigned CharBytes = 1;
    if (Spec && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type) {
      QualType CharT = Spec->getTemplateArgs()[0].getAsType();
      if (!CharT->isIncompleteType() && !CharT->isDependentType())
        CharBytes =
            static_cast<unsigned>(Ctx.getTypeSizeInChars(CharT).getQuantity());
    }
    if (Chars <=
        clang::escape::stringInlineCapacity(DetectedLibrary, CharBytes))
      return;
  }

  // The object and its addresses die in the iteration.
  clang::escape::EscapeAnalyzer Analyzer(Ctx, Cache);
  if (Analyzer.findEscapeFromRegion(Var, *Body, F))
    return;

  // The fix-it.
  std::optional<FixItHint> Insert, Replace;
  do {
    auto DeclParents = clang::escape::StatementContext::get(Ctx).parents(Var);
    const DeclStmt *DS =
        DeclParents.empty() ? nullptr : DeclParents[0].get<DeclStmt>();
    const auto *Compound = dyn_cast<CompoundStmt>(Body);
    if (!DS || !DS->isSingleDecl() || !Compound ||
        llvm::find(Compound->body(), DS) == Compound->body_end())
      break;
    auto LoopParents = clang::escape::StatementContext::get(Ctx).parents(Loop);
    if (LoopParents.empty() || !LoopParents[0].get<CompoundStmt>())
      break;
    SourceLocation LoopBegin = Loop.getBeginLoc();
    if (LoopBegin.isMacroID() || DS->getBeginLoc().isMacroID() ||
        DS->getEndLoc().isMacroID() || Body->getBeginLoc().isMacroID() ||
        Body->getEndLoc().isMacroID())
      break;
    if (hasContinueBefore(*Body, *DS, SM) || blocksHoisting(F, Var, *Body))
      break;
    CharSourceRange Range =
        CharSourceRange::getTokenRange(DS->getSourceRange());
    bool Invalid = false;
    StringRef Text =
        Lexer::getSourceText(Range, SM, Ctx.getLangOpts(), &Invalid);
    if (Invalid || Text.empty() || !clang::escape::compat::endsWith(Text, ";"))
      break;
    std::optional<std::string> Indent = indentationAt(LoopBegin, SM);
    if (!Indent)
      break;
    Insert = FixItHint::CreateInsertion(LoopBegin, Text.str() + "\n" + *Indent);
    Replace = FixItHint::CreateReplacement(Range,
                                           (Var.getName() + ".clear();").str());
  } while (false);

  {
    auto D = diag(Var.getLocation(),
                  "%0 is rebuilt on each iteration of this loop; declare it "
                  "before the loop and call '%1' at the start of each "
                  "iteration to reuse its capacity")
             << &Var << (Var.getName() + ".clear()").str();
    if (Insert && Replace)
      D << *Insert << *Replace;
  }
  diag(Loop.getBeginLoc(), "loop here", DiagnosticIDs::Note);
}

} // namespace clang::tidy::escape
