//===--- TripCount.cpp - loop trip counts as source text ------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/TripCount.h"
#include "escape/Capacity.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::escape {

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

static bool isOneOf(StringRef Name, std::initializer_list<StringRef> Names) {
  return llvm::is_contained(Names, Name);
}

std::optional<std::string> spelledText(const Expr &E, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  CharSourceRange Range = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(E.getSourceRange()), SM,
      Ctx.getLangOpts());
  if (Range.isInvalid())
    return std::nullopt;
  bool Invalid = false;
  StringRef Text = Lexer::getSourceText(Range, SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid || Text.empty())
    return std::nullopt;
  return Text.str();
}

static std::optional<std::string> spelled(const Expr &E, ASTContext &Ctx) {
  return spelledText(E, Ctx);
}

static std::optional<int64_t> evalInt(const Expr &E, ASTContext &Ctx) {
  if (E.isValueDependent() || E.isTypeDependent() ||
      !E.getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E.EvaluateAsInt(R, Ctx))
    return std::nullopt;
  const llvm::APSInt &V = R.Val.getInt();
  if (V.isUnsigned() ? V.getActiveBits() > 63 : V.getSignificantBits() > 63)
    return std::nullopt;
  return V.getExtValue();
}

static const VarDecl *refVar(const Expr *E) {
  if (!E)
    return nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// Strips implicit nodes and iterator copies (`It(begin())`).
static const Expr *ignoreCopies(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    const auto *CE = dyn_cast<CXXConstructExpr>(E);
    if (!CE || CE->getNumArgs() != 1 || isa<CXXTemporaryObjectExpr>(CE) ||
        !CE->getConstructor()->isCopyOrMoveConstructor())
      return E;
    E = CE->getArg(0);
  }
  return E;
}

static bool mentionsDecl(const Stmt *S, const Decl *D) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (DRE->getDecl() == D)
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsDecl(Child, D))
      return true;
  return false;
}

/// The parent of \p N, looking through variable declarations to their
/// DeclStmt. Null at a function, record or lambda boundary.
static std::optional<DynTypedNode> parentOf(const DynTypedNode &N,
                                            ASTContext &Ctx) {
  StatementContext &SC = StatementContext::get(Ctx);
  DynTypedNode Cur = N;
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    auto Parents = SC.parents(Cur);
    if (Parents.empty())
      return std::nullopt;
    const DynTypedNode &P = Parents[0];
    if (P.get<Stmt>())
      return P;
    if (const auto *VD = P.get<VarDecl>()) {
      if (isa<ParmVarDecl>(VD))
        return std::nullopt;
      Cur = P;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool isDeclaredInside(const Decl &D, const Stmt &Root, ASTContext &Ctx) {
  if (isa<ParmVarDecl>(D) || isa<FieldDecl>(D))
    return false;
  StatementContext &SC = StatementContext::get(Ctx);
  DynTypedNode Cur = DynTypedNode::create(D);
  for (unsigned Depth = 0; Depth < 256; ++Depth) {
    auto Parents = SC.parents(Cur);
    if (Parents.empty())
      return false;
    Cur = Parents[0];
    if (Cur.get<Stmt>() == &Root)
      return true;
    if (const auto *PD = Cur.get<Decl>())
      if (isa<FunctionDecl, TranslationUnitDecl, RecordDecl>(PD))
        return false;
  }
  return false;
}

bool isLoopStmt(const Stmt &S) {
  return isa<ForStmt, CXXForRangeStmt, WhileStmt, DoStmt>(S);
}

static const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *FS = dyn_cast<ForStmt>(&Loop))
    return FS->getBody();
  if (const auto *FR = dyn_cast<CXXForRangeStmt>(&Loop))
    return FR->getBody();
  if (const auto *WS = dyn_cast<WhileStmt>(&Loop))
    return WS->getBody();
  if (const auto *DS = dyn_cast<DoStmt>(&Loop))
    return DS->getBody();
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Side effects
//===----------------------------------------------------------------------===//

static bool isSideEffectFreeStmt(const Stmt *S) {
  if (!S)
    return true;
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      return false;
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      return false;
  } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (!MD || !(MD->isConst() || MD->isStatic()))
      return false;
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    const auto *FD = OC->getDirectCallee();
    if (!FD)
      return false;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
      if (!MD->isConst())
        return false;
    } else {
      for (const ParmVarDecl *P : FD->parameters()) {
        QualType T = P->getType();
        if (T->isReferenceType() && !T->getPointeeType().isConstQualified())
          return false;
      }
    }
  } else if (const auto *CE = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD)
      return false;
    bool Known =
        FD->hasAttr<ConstAttr>() || FD->hasAttr<PureAttr>() ||
        (FD->isInStdNamespace() && FD->getIdentifier() &&
         isOneOf(FD->getName(), {"size", "ssize", "distance", "min", "max",
                                 "begin", "end", "cbegin", "cend"}));
    if (!Known)
      return false;
  } else if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (!Ctor->isTrivial() && !Ctor->isCopyOrMoveConstructor())
      return false;
  } else if (isa<CXXNewExpr, CXXDeleteExpr, CXXThrowExpr, LambdaExpr, StmtExpr,
                 BlockExpr>(S)) {
    return false;
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (DRE->getType().isVolatileQualified())
      return false;
  }
  for (const Stmt *Child : S->children())
    if (!isSideEffectFreeStmt(Child))
      return false;
  return true;
}

bool isSideEffectFree(const Expr &E) { return isSideEffectFreeStmt(&E); }

//===----------------------------------------------------------------------===//
// Linear counts: sums and differences of expressions and an integer
//===----------------------------------------------------------------------===//

namespace {
/// Builds `a - b + c` from expressions, folding integer literals and
/// cancelling a term that is both added and subtracted (by spelling).
class LinearCount {
public:
  explicit LinearCount(ASTContext &Ctx) : Ctx(Ctx) {}

  void add(const Expr *E, int Sign) {
    if (!E) {
      Failed = true;
      return;
    }
    E = E->IgnoreParenImpCasts();
    // A literal written in the file (or inside a macro body) is folded; one
    // that is a whole macro expansion keeps the macro's name.
    if (isa<IntegerLiteral, CharacterLiteral>(E) &&
        (E->getBeginLoc().isFileID() || !spelled(*E, Ctx))) {
      if (auto V = evalInt(*E, Ctx)) {
        Const += Sign * *V;
        return;
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) {
        add(BO->getLHS(), Sign);
        add(BO->getRHS(), BO->getOpcode() == BO_Sub ? -Sign : Sign);
        return;
      }
    }
    std::optional<std::string> Text = spelled(*E, Ctx);
    if (!Text) {
      Failed = true;
      return;
    }
    for (auto It = Terms.begin(); It != Terms.end(); ++It) {
      if (It->Text == *Text && It->Sign == -Sign) {
        Terms.erase(It);
        return;
      }
    }
    bool Parens = isa<AbstractConditionalOperator>(E);
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      Parens = !isOneOf(BinaryOperator::getOpcodeStr(BO->getOpcode()),
                        {"*", "/", "%", ".*", "->*"});
    Terms.push_back({Sign, *Text, Parens, E});
  }
  void addConstant(int64_t V) { Const += V; }

  /// Fills Text, Constant, MayBeNegative, SignedBound, SideEffectFree and
  /// Operands of
  /// \p TC; false when the count is not positive or not expressible.
  bool finish(TripCount &TC) {
    if (Failed)
      return false;
    llvm::SmallVector<const Term *, 4> Pos, Neg;
    for (const Term &T : Terms)
      (T.Sign > 0 ? Pos : Neg).push_back(&T);
    if (Terms.empty()) {
      if (Const <= 0)
        return false;
      TC.Text = std::to_string(Const);
      TC.Constant = static_cast<uint64_t>(Const);
      TC.SideEffectFree = true;
      return true;
    }
    if (Pos.empty() && Const <= 0)
      return false;
    // Whole value when every term is a named constant.
    int64_t Value = Const;
    bool AllConstant = true;
    for (const Term &T : Terms) {
      std::optional<int64_t> V = evalInt(*T.E, Ctx);
      if (!V) {
        AllConstant = false;
        break;
      }
      Value += T.Sign * *V;
    }
    if (AllConstant) {
      if (Value <= 0)
        return false;
      TC.Constant = static_cast<uint64_t>(Value);
    }
    unsigned Items = Terms.size() + (Const != 0 ? 1 : 0);
    // A term that is not a primary or multiplicative expression keeps its
    // parentheses even alone: the text goes into `v.size() + N` or `N * M`.
    auto TermText = [&](const Term &T) {
      return T.Parens ? "(" + T.Text + ")" : T.Text;
    };
    std::string Out;
    if (Pos.empty())
      Out = std::to_string(Const);
    for (const Term *T : Pos)
      Out += (Out.empty() ? "" : " + ") + TermText(*T);
    for (const Term *T : Neg)
      Out += " - " + TermText(*T);
    if (!Pos.empty() && Const > 0)
      Out += " + " + std::to_string(Const);
    else if (Const < 0)
      Out += " - " + std::to_string(-Const);
    TC.Text = Items > 1 ? "(" + Out + ")" : Out;
    TC.MayBeNegative = !AllConstant && (!Neg.empty() || Const < 0);
    TC.SideEffectFree = true;
    for (const Term &T : Terms) {
      TC.Operands.push_back(T.E);
      TC.SideEffectFree = TC.SideEffectFree && isSideEffectFree(*T.E);
      if (!AllConstant && T.E->getType()->isSignedIntegerOrEnumerationType() &&
          !evalInt(*T.E, Ctx))
        TC.SignedBound = true;
    }
    return true;
  }

private:
  struct Term {
    int Sign;
    std::string Text;
    bool Parens;
    const Expr *E;
  };
  ASTContext &Ctx;
  llvm::SmallVector<Term, 4> Terms;
  int64_t Const = 0;
  bool Failed = false;
};
} // namespace

//===----------------------------------------------------------------------===//
// Loop pieces: steps, comparisons, exits
//===----------------------------------------------------------------------===//

/// Matches `++v`, `v++`, `--v`, `v--`, `v += 1`, `v -= 1` and the overloaded
/// `++`/`--` of class iterators.
static bool matchStep(const Expr *E, const VarDecl *&Var, int &Dir,
                      ASTContext &Ctx) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (!UO->isIncrementDecrementOp())
      return false;
    Var = refVar(UO->getSubExpr());
    Dir = UO->isIncrementOp() ? 1 : -1;
    return Var != nullptr;
  }
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(E)) {
    if (CA->getOpcode() != BO_AddAssign && CA->getOpcode() != BO_SubAssign)
      return false;
    std::optional<int64_t> Step = evalInt(*CA->getRHS(), Ctx);
    if (!Step || (*Step != 1 && *Step != -1))
      return false;
    Var = refVar(CA->getLHS());
    Dir = (CA->getOpcode() == BO_AddAssign ? 1 : -1) * static_cast<int>(*Step);
    return Var != nullptr;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind K = OC->getOperator();
    if ((K != OO_PlusPlus && K != OO_MinusMinus) || OC->getNumArgs() < 1)
      return false;
    Var = refVar(OC->getArg(0));
    Dir = K == OO_PlusPlus ? 1 : -1;
    return Var != nullptr;
  }
  return false;
}

namespace {
struct Comparison {
  BinaryOperatorKind Op;
  const Expr *LHS;
  const Expr *RHS;
};
} // namespace

static std::optional<Comparison> decompose(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!BO->isComparisonOp())
      return std::nullopt;
    return Comparison{BO->getOpcode(), BO->getLHS(), BO->getRHS()};
  }
  if (const auto *RB = dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    auto D = RB->getDecomposedForm();
    return Comparison{D.Opcode, D.LHS, D.RHS};
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() != 2)
      return std::nullopt;
    BinaryOperatorKind Op;
    switch (OC->getOperator()) {
    case OO_Less:
      Op = BO_LT;
      break;
    case OO_LessEqual:
      Op = BO_LE;
      break;
    case OO_Greater:
      Op = BO_GT;
      break;
    case OO_GreaterEqual:
      Op = BO_GE;
      break;
    case OO_ExclaimEqual:
      Op = BO_NE;
      break;
    default:
      return std::nullopt;
    }
    return Comparison{Op, OC->getArg(0), OC->getArg(1)};
  }
  return std::nullopt;
}

/// Rewrites \p C so that the counter \p V is on the left; the right side is
/// returned in \p Bound. False when neither side is the counter alone.
static bool orient(const Comparison &C, const VarDecl *V,
                   BinaryOperatorKind &Op, const Expr *&Bound) {
  if (refVar(C.LHS) == V && !mentionsDecl(C.RHS, V)) {
    Op = C.Op;
    Bound = C.RHS;
    return true;
  }
  if (refVar(C.RHS) == V && !mentionsDecl(C.LHS, V)) {
    Op = BinaryOperator::reverseComparisonOp(C.Op);
    Bound = C.LHS;
    return true;
  }
  return false;
}

namespace {
struct ExitScan {
  bool Break = false;    ///< Leaves the loop.
  bool Continue = false; ///< Skips the rest of the iteration.
  bool Leave = false;    ///< return / goto / co_return.
};
} // namespace

static void scanExits(const Stmt *S, bool InNestedLoop, bool InSwitch,
                      ExitScan &R) {
  if (!S)
    return;
  if (isa<BreakStmt>(S)) {
    if (!InNestedLoop && !InSwitch)
      R.Break = true;
    return;
  }
  if (isa<ContinueStmt>(S)) {
    if (!InNestedLoop)
      R.Continue = true;
    return;
  }
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt, CoreturnStmt>(S)) {
    R.Leave = true;
    return;
  }
  if (isa<LambdaExpr, BlockExpr>(S))
    return;
  bool Loop = isLoopStmt(*S);
  bool Switch = isa<SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    scanExits(Child, InNestedLoop || Loop, InSwitch || Switch, R);
}

static bool mayExitEarly(const Stmt &Loop) {
  ExitScan R;
  scanExits(loopBody(Loop), false, false, R);
  return R.Break || R.Leave;
}

/// True when no variable of \p E (a local or parameter, or a member through
/// `this`) is declared inside or changed by \p Region.
static bool isUnchangedIn(const Expr &E, const Stmt &Region, ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 16> Work{&E};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
        if (isDeclaredInside(*VD, Region, Ctx))
          return false;
        if (mayChangeIn(ContainerRef{VD, false}, Region, Ctx))
          return false;
      }
    } else if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
            mayChangeIn(ContainerRef{FD, true}, Region, Ctx))
          return false;
    }
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Containers and iterator pairs
//===----------------------------------------------------------------------===//

static bool hasSizeMember(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return false;
  RD = RD->getDefinition();
  const IdentifierInfo *Name = &RD->getASTContext().Idents.get("size");
  for (const NamedDecl *ND : RD->lookup(Name)) {
    const NamedDecl *Target = ND->getUnderlyingDecl();
    if (const auto *MD = dyn_cast<CXXMethodDecl>(Target))
      if (MD->isInstance() && MD->getMinRequiredArguments() == 0)
        return true;
  }
  for (const CXXBaseSpecifier &B : RD->bases())
    if (hasSizeMember(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

/// Sets \p TC to the element count of container expression \p X: the bound
/// of a built-in array, or `X.size()`.
static bool containerCount(const Expr &X, ASTContext &Ctx, TripCount &TC) {
  QualType T = X.getType().getNonReferenceType();
  if (const auto *CAT = Ctx.getAsConstantArrayType(T)) {
    uint64_t N = CAT->getSize().getZExtValue();
    if (N == 0)
      return false;
    TC.Text = std::to_string(N);
    TC.Constant = N;
    TC.SideEffectFree = true;
    return true;
  }
  if (T->isDependentType() || !hasSizeMember(T->getAsCXXRecordDecl()))
    return false;
  const Expr *Obj = X.IgnoreImplicit()->IgnoreParens();
  std::string Call;
  if (const auto *UO = dyn_cast<UnaryOperator>(Obj);
      UO && UO->getOpcode() == UO_Deref) {
    std::optional<std::string> P = spelled(*UO->getSubExpr(), Ctx);
    if (!P)
      return false;
    const Expr *Sub = UO->getSubExpr()->IgnoreParenImpCasts();
    bool Postfix = isa<DeclRefExpr, MemberExpr, CXXThisExpr, CallExpr>(Sub);
    Call = (Postfix ? *P : "(" + *P + ")") + "->size()";
  } else {
    std::optional<std::string> Text = spelled(*Obj, Ctx);
    if (!Text)
      return false;
    bool Postfix =
        isa<DeclRefExpr, MemberExpr, CallExpr, ArraySubscriptExpr, ParenExpr>(
            Obj);
    // `*p` on a smart pointer is an operator call, not a postfix one.
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Obj))
      Postfix =
          OC->getOperator() == OO_Subscript || OC->getOperator() == OO_Call;
    Call = (Postfix ? *Text : "(" + *Text + ")") + ".size()";
  }
  TC.Text = Call;
  TC.SideEffectFree = isSideEffectFree(X);
  TC.Operands.push_back(&X);
  // std::array<T, N> has N elements, whatever its text says.
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl()))
    if (Spec->getIdentifier() && Spec->getName() == "array" &&
        Spec->isInStdNamespace() && Spec->getTemplateArgs().size() == 2 &&
        Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      TC.Constant = Spec->getTemplateArgs()[1].getAsIntegral().getZExtValue();
  return true;
}

/// The container of `X.begin()`, `X.cbegin()`, `std::begin(X)` (Begin) or
/// the `end` forms; \p Reverse is set for `rbegin`/`rend`.
static const Expr *rangeOf(const Expr *E, bool Begin, bool &Reverse) {
  E = ignoreCopies(E);
  StringRef Fwd1 = Begin ? "begin" : "end", Fwd2 = Begin ? "cbegin" : "cend";
  StringRef Rev1 = Begin ? "rbegin" : "rend",
            Rev2 = Begin ? "crbegin" : "crend";
  auto Classify = [&](StringRef Name) {
    if (Name == Fwd1 || Name == Fwd2) {
      Reverse = false;
      return true;
    }
    if (Name == Rev1 || Name == Rev2) {
      Reverse = true;
      return true;
    }
    return false;
  };
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if (MD && MD->getIdentifier() && MC->getNumArgs() == 0 &&
        Classify(MD->getName()))
      return MC->getImplicitObjectArgument();
    return nullptr;
  }
  if (const auto *CE = dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && FD->isInStdNamespace() && FD->getIdentifier() &&
        CE->getNumArgs() == 1 && Classify(FD->getName()))
      return CE->getArg(0);
  }
  return nullptr;
}

/// The `iterator_category` tag of iterator class \p RD (searched in its
/// bases too, as std::iterator<> provides it), or null.
static const CXXRecordDecl *iteratorCategory(const CXXRecordDecl *RD,
                                             ASTContext &Ctx, int Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 8)
    return nullptr;
  for (const NamedDecl *D : RD->lookup(&Ctx.Idents.get("iterator_category")))
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      return TD->getUnderlyingType()->getAsCXXRecordDecl();
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXRecordDecl *Tag =
            iteratorCategory(B.getType()->getAsCXXRecordDecl(), Ctx, Depth + 1))
      return Tag;
  return nullptr;
}

/// Can the range [First, Last) of a class-type iterator be counted before it
/// is walked? Not for input iterators (`std::istreambuf_iterator`): counting
/// consumes the stream. Iterators without a category are not trusted either.
static bool countableIterator(const Expr *First, ASTContext &Ctx) {
  const CXXRecordDecl *RD =
      First->IgnoreParenImpCasts()->getType()->getAsCXXRecordDecl();
  if (!RD)
    return true; // Pointers and other scalars.
  const CXXRecordDecl *Tag = iteratorCategory(RD, Ctx);
  return Tag && Tag->getIdentifier() &&
         Tag->getName() != "input_iterator_tag" &&
         Tag->getName() != "output_iterator_tag";
}

/// The number of steps from iterator \p First to \p Last.
static bool iteratorPairCount(const Expr *First, const Expr *Last,
                              ASTContext &Ctx, TripCount &TC) {
  if (!First || !Last)
    return false;
  bool RevB = false, RevE = false;
  const Expr *XB = rangeOf(First, /*Begin=*/true, RevB);
  const Expr *XE = rangeOf(Last, /*Begin=*/false, RevE);
  if (XB && XE && RevB == RevE) {
    std::optional<std::string> TB = spelled(*XB, Ctx), TE = spelled(*XE, Ctx);
    if (TB && TE && *TB == *TE && isSideEffectFree(*XB))
      return containerCount(*XB, Ctx, TC);
    return false;
  }
  QualType T = First->IgnoreParenImpCasts()->getType();
  if (T->isPointerType()) {
    LinearCount L(Ctx);
    L.add(Last, +1);
    L.add(First, -1);
    return L.finish(TC);
  }
  if (!countableIterator(First, Ctx))
    return false;
  std::optional<std::string> TF = spelled(*ignoreCopies(First), Ctx);
  std::optional<std::string> TL = spelled(*ignoreCopies(Last), Ctx);
  if (!TF || !TL)
    return false;
  TC.Text = "std::distance(" + *TF + ", " + *TL + ")";
  TC.SideEffectFree = isSideEffectFree(*First) && isSideEffectFree(*Last);
  TC.Operands.push_back(First);
  TC.Operands.push_back(Last);
  return true;
}

//===----------------------------------------------------------------------===//
// Loop shapes
//===----------------------------------------------------------------------===//

static std::optional<TripCount> forCount(const ForStmt &FS, ASTContext &Ctx) {
  const Stmt *Body = FS.getBody();
  if (!FS.getCond() || !FS.getInc() || !Body || FS.getConditionVariable())
    return std::nullopt;
  const VarDecl *V = nullptr;
  int Dir = 0;
  if (!matchStep(FS.getInc(), V, Dir, Ctx))
    return std::nullopt;
  std::optional<Comparison> Cmp = decompose(FS.getCond());
  BinaryOperatorKind Op;
  const Expr *Bound = nullptr;
  if (!Cmp || !orient(*Cmp, V, Op, Bound))
    return std::nullopt;

  // The start value, and the other variables the init declares.
  const Expr *Start = nullptr;
  llvm::SmallVector<const VarDecl *, 2> InitVars;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(FS.getInit())) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        return std::nullopt;
      if (VD == V)
        Start = VD->getInit();
      else
        InitVars.push_back(VD);
    }
    if (!Start && llvm::is_contained(DS->decls(), V))
      return std::nullopt;
  } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(FS.getInit())) {
    if (BO->getOpcode() == BO_Assign && refVar(BO->getLHS()) == V)
      Start = BO->getRHS();
    else if (mentionsDecl(BO, V))
      return std::nullopt;
  } else if (FS.getInit() && mentionsDecl(FS.getInit(), V)) {
    return std::nullopt;
  }
  // `for (int i = 0, n = v.size(); i < n; ++i)`: count with n's initializer.
  if (const VarDecl *BV = refVar(Bound)) {
    if (llvm::is_contained(InitVars, BV)) {
      if (!BV->getInit() || mayChangeIn(ContainerRef{BV, false}, *Body, Ctx) ||
          BV->getType()->isReferenceType())
        return std::nullopt;
      Bound = BV->getInit();
    }
  }
  for (const VarDecl *IV : InitVars)
    if (mentionsDecl(Bound, IV) || (Start && mentionsDecl(Start, IV)))
      return std::nullopt;

  // The loop must not change its own count.
  if (mayChangeIn(ContainerRef{V, false}, *Body, Ctx))
    return std::nullopt;
  if (!isUnchangedIn(*Bound, *Body, Ctx) ||
      !isUnchangedIn(*Bound, *FS.getInc(), Ctx))
    return std::nullopt;

  TripCount TC;
  TC.Loop = &FS;
  QualType VT = V->getType().getNonReferenceType();
  if (VT->isIntegerType()) {
    TC.Kind = LoopKind::CountedFor;
    LinearCount L(Ctx);
    auto AddStart = [&](int Sign) {
      if (Start)
        L.add(Start, Sign);
      else
        L.add(Cmp->LHS == Bound ? Cmp->RHS : Cmp->LHS, Sign);
    };
    if (Dir > 0 && (Op == BO_LT || Op == BO_NE || Op == BO_LE)) {
      L.add(Bound, +1);
      AddStart(-1);
      if (Op == BO_LE)
        L.addConstant(1);
    } else if (Dir < 0 && (Op == BO_GT || Op == BO_NE || Op == BO_GE)) {
      AddStart(+1);
      L.add(Bound, -1);
      if (Op == BO_GE)
        L.addConstant(1);
    } else {
      return std::nullopt;
    }
    if (!L.finish(TC))
      return std::nullopt;
  } else if (VT->isPointerType() || VT->isRecordType()) {
    TC.Kind = LoopKind::IteratorFor;
    if (Dir < 0 || !Start || (Op != BO_NE && Op != BO_LT))
      return std::nullopt;
    if (!iteratorPairCount(Start, Bound, Ctx, TC))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  for (const Expr *E : TC.Operands)
    for (const VarDecl *IV : InitVars)
      if (mentionsDecl(E, IV))
        return std::nullopt;
  TC.MayExitEarly = mayExitEarly(FS);
  return TC;
}

static std::optional<TripCount> rangeForCount(const CXXForRangeStmt &FR,
                                              ASTContext &Ctx) {
  const Expr *Init = FR.getRangeInit();
  if (!Init || !FR.getBody())
    return std::nullopt;
  TripCount TC;
  TC.Loop = &FR;
  TC.Kind = LoopKind::RangeFor;
  const Expr *R = Init->IgnoreImplicit();
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(R))
    R = SIL->getSubExpr()->IgnoreImplicit();
  if (const auto *IL = dyn_cast<InitListExpr>(R)) {
    if (IL->getNumInits() == 0)
      return std::nullopt;
    TC.Text = std::to_string(IL->getNumInits());
    TC.Constant = IL->getNumInits();
    TC.SideEffectFree = true;
  } else if (!R->isGLValue()) {
    // `for (auto x : split(s))`: the range is a temporary that exists only
    // inside the loop; a reserve before it would build it twice.
    return std::nullopt;
  } else if (!containerCount(*Init, Ctx, TC)) {
    return std::nullopt;
  }
  // The range is evaluated once; it must not be resized by the body.
  if (!isUnchangedIn(*Init, *FR.getBody(), Ctx))
    return std::nullopt;
  TC.MayExitEarly = mayExitEarly(FR);
  return TC;
}

/// The side-effect-free value a variable is set to by the statement just
/// before \p Loop (`int i = 0;` or `i = lo;`), if any.
static const Expr *precedingConstantInit(const Stmt &Loop, const VarDecl *V,
                                         ASTContext &Ctx) {
  StatementContext &SC = StatementContext::get(Ctx);
  const auto *CS = dyn_cast_or_null<CompoundStmt>(SC.parentStmt(Loop));
  std::optional<unsigned> At = SC.positionInBlock(Loop);
  if (!CS || !At)
    return nullptr;
  const Stmt *Prev = *At == 0 ? nullptr : CS->body_begin()[*At - 1];
  const Expr *Init = nullptr;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Prev)) {
    if (DS->isSingleDecl() && DS->getSingleDecl() == V)
      Init = V->getInit();
  } else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Prev)) {
    if (BO->getOpcode() == BO_Assign && refVar(BO->getLHS()) == V)
      Init = BO->getRHS();
  }
  // The value is the same as at the loop: nothing runs in between.
  if (Init && !Init->getType()->isReferenceType() && isSideEffectFree(*Init))
    return Init;
  return nullptr;
}

/// `while (i < n) { ...; ++i; }`, `do { ...; ++i; } while (i < n);` and
/// `while (n--)`.
static std::optional<TripCount> whileCount(const Stmt &Loop, const Expr *Cond,
                                           const Stmt *Body, ASTContext &Ctx) {
  if (!Cond || !Body)
    return std::nullopt;
  TripCount TC;
  TC.Loop = &Loop;
  TC.Kind = isa<DoStmt>(Loop) ? LoopKind::DoWhile : LoopKind::While;
  TC.MayExitEarly = mayExitEarly(Loop);

  // Countdown: `while (n--)`, `while (n-- > 0)`, `while (n-- != 0)`.
  const Expr *C = Cond->IgnoreParenImpCasts();
  const UnaryOperator *PostDec = dyn_cast<UnaryOperator>(C);
  if (auto Cmp = decompose(C)) {
    std::optional<int64_t> Zero = evalInt(*Cmp->RHS, Ctx);
    if ((Cmp->Op == BO_GT || Cmp->Op == BO_NE) && Zero && *Zero == 0)
      PostDec = dyn_cast<UnaryOperator>(Cmp->LHS->IgnoreParenImpCasts());
  }
  if (PostDec && PostDec->getOpcode() == UO_PostDec && !isa<DoStmt>(Loop)) {
    const VarDecl *V = refVar(PostDec->getSubExpr());
    if (!V || !V->getType()->isIntegerType() ||
        mayChangeIn(ContainerRef{V, false}, *Body, Ctx))
      return std::nullopt;
    LinearCount L(Ctx);
    L.add(PostDec->getSubExpr(), +1);
    if (!L.finish(TC))
      return std::nullopt;
    return TC;
  }

  std::optional<Comparison> Cmp = decompose(Cond);
  if (!Cmp)
    return std::nullopt;
  for (const Expr *Side : {Cmp->LHS, Cmp->RHS}) {
    const VarDecl *V = refVar(Side);
    if (!V || !V->getType().getNonReferenceType()->isIntegerType() ||
        isDeclaredInside(*V, Loop, Ctx))
      continue;
    BinaryOperatorKind Op;
    const Expr *Bound = nullptr;
    if (!orient(*Cmp, V, Op, Bound))
      continue;
    // Exactly one change of V in the body: a step on every iteration.
    const Stmt *Step = nullptr;
    int Dir = 0;
    bool Other = false;
    llvm::SmallVector<const Stmt *, 32> Work{Body};
    while (!Work.empty() && !Other) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      const VarDecl *SV = nullptr;
      int SD = 0;
      if (const auto *E = dyn_cast<Expr>(S);
          E && matchStep(E, SV, SD, Ctx) && SV == V) {
        if (Step)
          Other = true;
        Step = S;
        Dir = SD;
        continue;
      }
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        if (DRE->getDecl() == V &&
            changesSizeOrCapacity(classifyUse(*DRE, Ctx)))
          Other = true;
      for (const Stmt *Child : S->children())
        Work.push_back(Child);
    }
    if (Other || !Step ||
        coverage(*Step, Loop, Ctx) != Coverage::EveryIteration)
      continue;
    if (!isUnchangedIn(*Bound, *Body, Ctx))
      continue;
    const Expr *Start = precedingConstantInit(Loop, V, Ctx);
    LinearCount L(Ctx);
    if (Dir > 0 && (Op == BO_LT || Op == BO_NE || Op == BO_LE)) {
      L.add(Bound, +1);
      L.add(Start ? Start : Side, -1);
      if (Op == BO_LE)
        L.addConstant(1);
    } else if (Dir < 0 && (Op == BO_GT || Op == BO_NE || Op == BO_GE)) {
      L.add(Start ? Start : Side, +1);
      L.add(Bound, -1);
      if (Op == BO_GE)
        L.addConstant(1);
    } else {
      continue;
    }
    if (!L.finish(TC))
      return std::nullopt;
    return TC;
  }
  return std::nullopt;
}

std::optional<TripCount> findTripCount(const Stmt &Loop, ASTContext &Ctx) {
  if (const auto *FS = dyn_cast<ForStmt>(&Loop))
    return forCount(*FS, Ctx);
  if (const auto *FR = dyn_cast<CXXForRangeStmt>(&Loop))
    return rangeForCount(*FR, Ctx);
  if (const auto *WS = dyn_cast<WhileStmt>(&Loop)) {
    if (WS->getConditionVariable())
      return std::nullopt;
    return whileCount(Loop, WS->getCond(), WS->getBody(), Ctx);
  }
  if (const auto *DS = dyn_cast<DoStmt>(&Loop))
    return whileCount(Loop, DS->getCond(), DS->getBody(), Ctx);
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Algorithms
//===----------------------------------------------------------------------===//

std::optional<AlgorithmGrowth> findAlgorithmGrowth(const CallExpr &Call,
                                                   ASTContext &Ctx) {
  const FunctionDecl *FD = Call.getDirectCallee();
  if (!FD || !FD->isInStdNamespace() || !FD->getIdentifier())
    return std::nullopt;
  StringRef Name = FD->getName();
  unsigned N = Call.getNumArgs();
  int OutIndex = -1;
  if ((Name == "copy" && N == 3) || (Name == "copy_n" && N == 3) ||
      (Name == "transform" && N == 4))
    OutIndex = 2;
  else if (Name == "transform" && N == 5)
    OutIndex = 3;
  else if ((Name == "generate_n" || Name == "fill_n") && N == 3)
    OutIndex = 0;
  if (OutIndex < 0)
    return std::nullopt;

  const auto *Ins =
      dyn_cast<CallExpr>(ignoreCopies(Call.getArg(unsigned(OutIndex))));
  const FunctionDecl *InsFD = Ins ? Ins->getDirectCallee() : nullptr;
  if (!InsFD || !InsFD->isInStdNamespace() || !InsFD->getIdentifier())
    return std::nullopt;
  StringRef InsName = InsFD->getName();
  if (!((InsName == "back_inserter" && Ins->getNumArgs() == 1) ||
        (InsName == "inserter" && Ins->getNumArgs() == 2)))
    return std::nullopt;

  AlgorithmGrowth G;
  G.Algorithm = &Call;
  G.Inserter = Ins;
  G.Container = Ins->getArg(0)->IgnoreParenImpCasts();
  G.AlgorithmName = ("std::" + Name).str();
  G.InserterName = ("std::" + InsName).str();
  G.Count.Loop = &Call;
  G.Count.Kind = LoopKind::Algorithm;
  if (Name == "copy" || Name == "transform") {
    if (!iteratorPairCount(Call.getArg(0), Call.getArg(1), Ctx, G.Count))
      return std::nullopt;
  } else {
    LinearCount L(Ctx);
    L.add(Call.getArg(1),
          +1); // copy_n(f, n, o), generate_n(o, n, g), fill_n(o, n, v)
    if (!L.finish(G.Count))
      return std::nullopt;
  }
  // Reading the container that is written is not a count.
  if (auto C = ContainerRef::fromExpr(*G.Container))
    for (const Expr *Op : G.Count.Operands)
      if (mayChangeIn(*C, *Op, Ctx) || mentionsDecl(Op, C->Decl))
        return std::nullopt;
  return G;
}

//===----------------------------------------------------------------------===//
// Position of a statement in a loop
//===----------------------------------------------------------------------===//

const Stmt *enclosingLoop(const Stmt &S, ASTContext &Ctx) {
  DynTypedNode Cur = DynTypedNode::create(S);
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    std::optional<DynTypedNode> P = parentOf(Cur, Ctx);
    if (!P)
      return nullptr;
    const Stmt *PS = P->get<Stmt>();
    const Stmt *Child = Cur.get<Stmt>();
    if (isa<LambdaExpr, BlockExpr>(PS))
      return nullptr;
    if (const auto *FS = dyn_cast<ForStmt>(PS)) {
      if (Child != FS->getInit())
        return PS;
    } else if (const auto *FR = dyn_cast<CXXForRangeStmt>(PS)) {
      if (Child != FR->getInit() && Child != FR->getRangeStmt())
        return PS;
    } else if (isa<WhileStmt, DoStmt>(PS)) {
      return PS;
    }
    Cur = *P;
  }
  return nullptr;
}

Coverage coverage(const Stmt &S, const Stmt &Loop, ASTContext &Ctx) {
  Coverage Result = Coverage::EveryIteration;
  DynTypedNode Cur = DynTypedNode::create(S);
  for (unsigned Depth = 0; Depth < 512; ++Depth) {
    std::optional<DynTypedNode> P = parentOf(Cur, Ctx);
    if (!P)
      return Coverage::Conditional;
    const Stmt *PS = P->get<Stmt>();
    const Stmt *Child = Cur.get<Stmt>();
    if (PS == &Loop)
      return Child == loopBody(Loop) ? Result : Coverage::Conditional;
    if (const auto *CS = dyn_cast<CompoundStmt>(PS)) {
      ExitScan R;
      for (const Stmt *Sib : CS->body()) {
        if (Sib == Child)
          break;
        scanExits(Sib, false, false, R);
      }
      if (R.Break || R.Leave)
        return Coverage::AfterEarlyExit;
      if (R.Continue)
        Result = Coverage::Conditional;
    } else if (const auto *If = dyn_cast<IfStmt>(PS)) {
      if (Child == If->getThen() || Child == If->getElse())
        Result = Coverage::Conditional;
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(PS)) {
      if (Child != CO->getCond())
        Result = Coverage::Conditional;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(PS)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        Result = Coverage::Conditional;
    } else if (isa<SwitchStmt, SwitchCase, CXXCatchStmt, LambdaExpr, BlockExpr>(
                   PS) ||
               isLoopStmt(*PS)) {
      Result = Coverage::Conditional;
    }
    Cur = *P;
  }
  return Coverage::Conditional;
}

bool isInvariantIn(const TripCount &TC, const Stmt &Outer, ASTContext &Ctx) {
  if (!TC.SideEffectFree)
    return false;
  for (const Expr *Op : TC.Operands)
    if (!isUnchangedIn(*Op, Outer, Ctx))
      return false;
  return true;
}

//===----------------------------------------------------------------------===//
// Text
//===----------------------------------------------------------------------===//

std::string productText(llvm::ArrayRef<std::string> Factors) {
  std::string Out;
  for (const std::string &F : Factors)
    Out += (Out.empty() ? "" : " * ") + F;
  return Out;
}

std::string sumText(llvm::ArrayRef<std::string> Terms) {
  llvm::SmallVector<std::pair<std::string, unsigned>, 4> Counted;
  for (const std::string &T : Terms) {
    auto It =
        llvm::find_if(Counted, [&](const auto &P) { return P.first == T; });
    if (It != Counted.end())
      ++It->second;
    else
      Counted.push_back({T, 1});
  }
  std::string Out;
  for (const auto &P : Counted) {
    std::string Item =
        P.second == 1 ? P.first : std::to_string(P.second) + " * " + P.first;
    Out += (Out.empty() ? "" : " + ") + Item;
  }
  return Out;
}

} // namespace clang::escape
