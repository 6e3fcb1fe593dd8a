//===--- Capacity.cpp - container capacity facts before a loop ------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/Capacity.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include <deque>

namespace clang::escape {

//===----------------------------------------------------------------------===//
// ContainerRef
//===----------------------------------------------------------------------===//

std::optional<ContainerRef> ContainerRef::fromExpr(const Expr &E) {
  const Expr *X = E.IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return std::nullopt;
    if (isa<ParmVarDecl>(VD))
      return ContainerRef{VD, false};
    // Locals only; a local reference may alias anything.
    if (VD->hasLocalStorage() && !VD->getType()->isReferenceType())
      return ContainerRef{VD, false};
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(X)) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return ContainerRef{FD, true};
  }
  return std::nullopt;
}

bool ContainerRef::isNamedBy(const Expr &E) const {
  const Expr *X = E.IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(X))
    return !ThroughThis && DRE->getDecl() == Decl;
  if (const auto *ME = dyn_cast<MemberExpr>(X))
    return ThroughThis && ME->getMemberDecl() == Decl &&
           isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  return false;
}

bool isLocalTo(const ValueDecl &D, const FunctionDecl &F) {
  const Decl *Target = F.getCanonicalDecl();
  for (const DeclContext *DC = D.getDeclContext(); DC;) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DC)) {
      if (FD->getCanonicalDecl() == Target)
        return true;
      const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      if (!MD || !MD->getParent()->isLambda())
        return false;
      DC = MD->getParent()->getParent(); // Out of the lambda's class.
      continue;
    }
    if (isa<BlockDecl>(DC)) {
      DC = DC->getParent();
      continue;
    }
    return false;
  }
  return false;
}

bool ContainerRef::mayBeNonEmptyOnEntry() const {
  return ThroughThis || isa<ParmVarDecl>(Decl);
}

//===----------------------------------------------------------------------===//
// classifyUse
//===----------------------------------------------------------------------===//

static bool isOneOf(StringRef Name, std::initializer_list<StringRef> Names) {
  return llvm::is_contained(Names, Name);
}

static bool isMapLike(QualType ObjectType) {
  const auto *RD = ObjectType.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD)
    return false;
  const IdentifierInfo *Name = &RD->getASTContext().Idents.get("mapped_type");
  return !RD->lookup(Name).empty();
}

/// The effect of calling \p MD on a container whose type is \p ObjectType.
static ContainerUse byMethod(const CXXMethodDecl &MD, QualType ObjectType) {
  switch (MD.getOverloadedOperator()) {
  case OO_None:
    break;
  case OO_Equal:
    return ContainerUse::Establish;
  case OO_PlusEqual:
    return ContainerUse::Grow;
  case OO_Subscript:
    return isMapLike(ObjectType) ? ContainerUse::Grow
                                 : ContainerUse::ElementAccess;
  default:
    return MD.isConst() ? ContainerUse::None : ContainerUse::ElementAccess;
  }
  if (!MD.getIdentifier())
    return MD.isConst() ? ContainerUse::None : ContainerUse::SizeChange;
  StringRef Name = MD.getName();
  if (isOneOf(Name, {"reserve", "rehash"}))
    return ContainerUse::Reserve;
  if (isOneOf(Name, {"resize", "assign", "resize_and_overwrite"}))
    return ContainerUse::Establish;
  if (Name == "clear")
    return ContainerUse::Clear;
  if (Name == "shrink_to_fit")
    return ContainerUse::Shrink;
  if (isOneOf(Name, {"push_back", "emplace_back", "insert", "emplace",
                     "emplace_hint", "try_emplace", "insert_or_assign",
                     "append", "push_front", "emplace_front"}))
    return ContainerUse::Grow;
  if (Name == "swap")
    return ContainerUse::Escape;
  if (MD.isConst())
    return ContainerUse::None;
  if (isOneOf(Name, {"at", "front", "back", "data", "begin", "end", "cbegin",
                     "cend", "rbegin", "rend", "crbegin", "crend", "find",
                     "equal_range", "lower_bound", "upper_bound"}))
    return ContainerUse::ElementAccess;
  return ContainerUse::SizeChange;
}

/// The effect of passing the mention as argument \p ArgIndex of \p Call.
static ContainerUse byArgument(const Expr &Call, unsigned ArgIndex) {
  const FunctionDecl *FD = nullptr;
  unsigned ParamIndex = ArgIndex;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(&Call)) {
    FD = CE->getConstructor();
  } else if (const auto *CE = dyn_cast<CallExpr>(&Call)) {
    FD = CE->getDirectCallee();
    // A member operator call lists the object as argument 0.
    if (isa<CXXOperatorCallExpr>(CE) && FD && isa<CXXMethodDecl>(FD)) {
      if (ArgIndex == 0)
        return ContainerUse::None; // Handled by byMethod.
      ParamIndex = ArgIndex - 1;
    }
  }
  if (!FD)
    return ContainerUse::Escape;
  // Container growth members copy or move from their arguments (a move goes
  // through std::move, seen on its own); their forwarding references do not
  // change an lvalue argument.
  if (isa<CXXMethodDecl>(FD) && FD->getIdentifier() &&
      isOneOf(FD->getName(),
              {"push_back", "emplace_back", "emplace", "emplace_hint",
               "try_emplace", "insert", "insert_or_assign", "push_front",
               "emplace_front"}))
    return ContainerUse::None;
  if (FD->isInStdNamespace() && FD->getIdentifier()) {
    StringRef Name = FD->getName();
    if (isOneOf(Name, {"begin", "end", "cbegin", "cend", "rbegin", "rend",
                       "size", "ssize", "data", "empty", "distance"}))
      return ContainerUse::ElementAccess;
    if (isOneOf(Name, {"back_inserter", "inserter"}))
      return ContainerUse::Grow;
    if (isOneOf(Name, {"as_const", "cref"}))
      return ContainerUse::None;
  }
  if (ParamIndex >= FD->getNumParams())
    return ContainerUse::None; // C variadic: passed by value.
  QualType PT = FD->getParamDecl(ParamIndex)->getType();
  if (PT->isDependentType())
    return ContainerUse::Escape;
  if (const auto *RT = PT->getAs<ReferenceType>()) {
    if (RT->isSpelledAsLValue() && RT->getPointeeType().isConstQualified())
      return ContainerUse::None;
    return ContainerUse::Escape;
  }
  return ContainerUse::None;
}

static const Stmt *stmtParent(const DynTypedNode &Node, ASTContext &Ctx,
                              const Decl **DeclParent = nullptr) {
  auto Parents = StatementContext::get(Ctx).parents(Node);
  if (Parents.empty())
    return nullptr;
  if (DeclParent)
    *DeclParent = Parents[0].get<Decl>();
  return Parents[0].get<Stmt>();
}

ContainerUse classifyUse(const Expr &Ref, ASTContext &Ctx) {
  const Expr *E = &Ref;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    const Decl *PD = nullptr;
    const Stmt *P = stmtParent(DynTypedNode::create(*E), Ctx, &PD);
    if (!P) {
      const auto *VD = dyn_cast_or_null<VarDecl>(PD);
      if (!VD || VD->getInit() == nullptr)
        return ContainerUse::None;
      // The implicit `__range` variable of a range-for: element access.
      if (VD->isImplicit())
        return ContainerUse::ElementAccess;
      QualType T = VD->getType();
      if (const auto *RT = T->getAs<ReferenceType>())
        return RT->isSpelledAsLValue() &&
                       RT->getPointeeType().isConstQualified()
                   ? ContainerUse::None
                   : ContainerUse::Escape;
      return ContainerUse::None; // A copy.
    }
    if (isa<ParenExpr, ExprWithCleanups, MaterializeTemporaryExpr,
            CXXBindTemporaryExpr>(P)) {
      E = cast<Expr>(P);
      continue;
    }
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(P)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        return ContainerUse::None;
      if (IC->getCastKind() == CK_ArrayToPointerDecay)
        return ContainerUse::ElementAccess;
      E = IC;
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      if (ME->getBase() != E)
        return ContainerUse::None;
      if (ME->isArrow())
        return ContainerUse::None; // A pointer variable: the pointee changes.
      if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl())) {
        if (!MD->isInstance())
          return ContainerUse::None;
        return byMethod(*MD, E->getType());
      }
      // A field of a local aggregate: its use decides.
      E = ME;
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (OC->getNumArgs() > 0 && OC->getArg(0) == E) {
        if (const auto *MD =
                dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()))
          return byMethod(*MD, E->getType());
      }
      for (unsigned I = 0; I < OC->getNumArgs(); ++I)
        if (OC->getArg(I) == E)
          return byArgument(*OC, I);
      return ContainerUse::None;
    }
    if (const auto *CE = dyn_cast<CallExpr>(P)) {
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (CE->getArg(I) == E)
          return byArgument(*CE, I);
      return ContainerUse::None; // The callee itself.
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (CE->getArg(I) == E)
          return byArgument(*CE, I);
      return ContainerUse::None;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      if (UO->getOpcode() == UO_AddrOf)
        return ContainerUse::Escape;
      if (UO->isIncrementDecrementOp())
        return ContainerUse::Mutated;
      return ContainerUse::None;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isAssignmentOp() && BO->getLHS() == E)
        return ContainerUse::Mutated;
      if (BO->getOpcode() == BO_Comma && BO->getRHS() == E) {
        E = BO;
        continue;
      }
      return ContainerUse::None;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (CO->getCond() == E)
        return ContainerUse::None;
      E = CO; // An lvalue `c ? v : w` is used like the variable.
      continue;
    }
    if (isa<ArraySubscriptExpr>(P))
      return ContainerUse::ElementAccess;
    if (const auto *FR = dyn_cast<CXXForRangeStmt>(P)) {
      (void)FR;
      return ContainerUse::ElementAccess;
    }
    if (const auto *LE = dyn_cast<LambdaExpr>(P)) {
      auto Init = LE->capture_init_begin();
      for (const LambdaCapture &Cap : LE->captures()) {
        if (Init != LE->capture_init_end() && *Init == E)
          return Cap.getCaptureKind() == LCK_ByRef ? ContainerUse::Escape
                                                   : ContainerUse::None;
        ++Init;
      }
      return ContainerUse::None;
    }
    return ContainerUse::None;
  }
  return ContainerUse::None;
}

//===----------------------------------------------------------------------===//
// Region scans
//===----------------------------------------------------------------------===//

/// True for a call of a non-const member function on `*this` (which may
/// change any member).
static bool isNonConstThisCall(const Stmt &S) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(&S);
  if (!MC || !MC->getMethodDecl() || MC->getMethodDecl()->isConst())
    return false;
  const Expr *Obj = MC->getImplicitObjectArgument();
  return Obj && isa<CXXThisExpr>(Obj->IgnoreParenImpCasts());
}

static bool isMention(const ContainerRef &C, const Stmt &S) {
  if (!isa<DeclRefExpr, MemberExpr>(S))
    return false;
  return C.isNamedBy(cast<Expr>(S));
}

template <class Pred>
static const Stmt *findInRegion(const Stmt &Region,
                                llvm::ArrayRef<const Stmt *> Ignore,
                                const Pred &P) {
  llvm::SmallVector<const Stmt *, 32> Work{&Region};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || llvm::is_contained(Ignore, S))
      continue;
    if (P(*S))
      return S;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return nullptr;
}

const Stmt *findSizingUseIn(const ContainerRef &C, const Stmt &Region,
                            ASTContext &Ctx,
                            llvm::ArrayRef<const Stmt *> Ignore) {
  return findInRegion(Region, Ignore, [&](const Stmt &S) {
    if (C.ThroughThis && isNonConstThisCall(S))
      return true;
    if (!isMention(C, S))
      return false;
    ContainerUse U = classifyUse(cast<Expr>(S), Ctx);
    return changesSizeOrCapacity(U) && U != ContainerUse::Grow;
  });
}

bool mayChangeIn(const ContainerRef &C, const Stmt &Region, ASTContext &Ctx) {
  return findInRegion(Region, {}, [&](const Stmt &S) {
           if (C.ThroughThis && isNonConstThisCall(S))
             return true;
           if (!isMention(C, S))
             return false;
           return changesSizeOrCapacity(classifyUse(cast<Expr>(S), Ctx));
         }) != nullptr;
}

//===----------------------------------------------------------------------===//
// CapacityAnalyzer
//===----------------------------------------------------------------------===//

struct CapacityAnalyzer::State {
  bool Reached = false;
  bool Established = false;
  bool NonEmpty = false;
  bool Cleared = false; ///< A clear() of a possibly non-empty container.

  bool operator==(const State &O) const {
    return Reached == O.Reached && Established == O.Established &&
           NonEmpty == O.NonEmpty && Cleared == O.Cleared;
  }
  bool operator!=(const State &O) const { return !(*this == O); }
  /// Joins two paths: established only if established on both.
  void join(const State &O) {
    if (!O.Reached)
      return;
    if (!Reached) {
      *this = O;
      return;
    }
    Established = Established && O.Established;
    NonEmpty = NonEmpty || O.NonEmpty;
    Cleared = Cleared || O.Cleared;
  }
};

/// Where each statement of the CFG is, built once with the CFG.
struct CapacityAnalyzer::Layout {
  /// The first block (in the CFG's order) that ends with the statement, or
  /// holds it as an element, and the element's index (the block's size for
  /// a terminator).
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Stmts;
  /// The element that declares each variable (the CFG splits a DeclStmt of
  /// several variables into one per variable).
  llvm::DenseMap<const Decl *, std::pair<const CFGBlock *, unsigned>> Decls;
  /// Blocks reachable from the entry.
  std::vector<char> Reachable;
};

CapacityAnalyzer::CapacityAnalyzer(const FunctionDecl &Func, ASTContext &Ctx)
    : Func(Func), Ctx(Ctx) {}
CapacityAnalyzer::~CapacityAnalyzer() = default;

/// True when \p Init leaves a container empty without capacity: a default
/// construction, `{}`, or a copy of such a temporary.
static bool isEmptyConstruction(const Expr *Init) {
  if (!Init)
    return true;
  Init = Init->IgnoreImplicit();
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(Init))
    return isEmptyConstruction(DI->getExpr());
  if (const auto *IL = dyn_cast<InitListExpr>(Init))
    return IL->getNumInits() == 0;
  const auto *CE = dyn_cast<CXXConstructExpr>(Init);
  if (!CE)
    return false;
  for (const Expr *Arg : CE->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      return false;
  return true;
}

CapacityAnalyzer::State
CapacityAnalyzer::entryState(const ContainerRef &C) const {
  State S;
  S.Reached = true;
  if (!C.mayBeNonEmptyOnEntry() && isLocalTo(*C.Decl, Func))
    return S; // A local: its declaration sets the state.
  S.NonEmpty = true;
  if (!C.ThroughThis)
    return S;
  const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Func);
  if (!Ctor)
    return S;
  // In a constructor the member starts from its initializer, unless another
  // constructor ran first on it: a delegated-to constructor, or the base
  // constructor of an inherited member.
  if (Ctor->isDelegatingConstructor())
    return S;
  if (const auto *FD = dyn_cast<FieldDecl>(C.Decl))
    if (FD->getParent()->getCanonicalDecl() !=
        Ctor->getParent()->getCanonicalDecl())
      return S;
  S.NonEmpty = false;
  for (const CXXCtorInitializer *I : Ctor->inits()) {
    if (I->getMember() != C.Decl)
      continue;
    if (!isEmptyConstruction(I->getInit()))
      S.Established = S.NonEmpty = true;
  }
  return S;
}

void CapacityAnalyzer::transfer(
    State &S, const ContainerRef &C, const Stmt &E,
    const llvm::DenseMap<const Stmt *, bool> &Inside) const {
  if (Inside.count(&E))
    return;
  if (const auto *DS = dyn_cast<DeclStmt>(&E)) {
    for (const Decl *D : DS->decls()) {
      if (D != C.Decl)
        continue;
      bool Empty = isEmptyConstruction(cast<VarDecl>(D)->getInit());
      S.Established = !Empty;
      S.NonEmpty = !Empty;
    }
    return;
  }
  if (C.ThroughThis && isa<CXXThisExpr>(E)) {
    // `this` used other than to name a field: a member call or an escape.
    const Stmt *P = stmtParent(DynTypedNode::create(E), Ctx);
    while (P && isa<ImplicitCastExpr, ParenExpr>(P))
      P = stmtParent(DynTypedNode::create(*P), Ctx);
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(P)) {
      if (isa<FieldDecl>(ME->getMemberDecl()))
        return;
      if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
        if (MD->isConst() || MD->isStatic())
          return;
    }
    S.Established = S.NonEmpty = true;
    return;
  }
  if (!isMention(C, E))
    return;
  switch (classifyUse(cast<Expr>(E), Ctx)) {
  case ContainerUse::Reserve:
    S.Established = true;
    return;
  case ContainerUse::Establish:
  case ContainerUse::Escape:
    S.Established = S.NonEmpty = true;
    return;
  case ContainerUse::Grow:
    S.NonEmpty = true;
    return;
  case ContainerUse::Clear:
    if (S.NonEmpty)
      S.Cleared = true; // Reused: the old capacity stays.
    S.NonEmpty = false;
    return;
  case ContainerUse::Shrink:
    S.Established = false;
    return;
  case ContainerUse::Mutated:
  case ContainerUse::SizeChange:
  case ContainerUse::ElementAccess:
  case ContainerUse::None:
    return;
  }
}

bool CapacityAnalyzer::regionFromDeclaration(const ContainerRef &C,
                                             const CFGBlock &PointBlock,
                                             unsigned PointIndex,
                                             llvm::DenseSet<unsigned> &InRegion,
                                             const CFGBlock *&DeclBlock) {
  const auto *VD = dyn_cast<VarDecl>(C.Decl);
  if (C.ThroughThis || !VD || isa<ParmVarDecl>(VD) || !VD->hasLocalStorage() ||
      !isLocalTo(*VD, Func))
    return false;
  auto D = Where->Decls.find(VD);
  if (D == Where->Decls.end())
    return false;
  DeclBlock = D->second.first;
  if (DeclBlock == &PointBlock && PointIndex <= D->second.second)
    return false;
  // A clear() may carry "reused" from an earlier life of the variable (an
  // enclosing loop) into this one: the whole function decides.
  std::optional<llvm::ArrayRef<const DeclRefExpr *>> Refs =
      StatementContext::get(Ctx).references(*VD);
  if (!Refs)
    return false;
  for (const DeclRefExpr *Ref : *Refs)
    if (classifyUse(*Ref, Ctx) == ContainerUse::Clear)
      return false;
  // Backward from the point, not past the declaration: a path that reaches
  // the entry does not start at the declaration.
  InRegion.clear();
  InRegion.insert(DeclBlock->getBlockID());
  InRegion.insert(PointBlock.getBlockID());
  llvm::SmallVector<const CFGBlock *, 32> Work{&PointBlock};
  const CFGBlock *Entry = &Cfg->getEntry();
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == DeclBlock)
      continue;
    for (const CFGBlock::AdjacentBlock &Pred : B->preds()) {
      const CFGBlock *PB = Pred.getReachableBlock();
      if (!PB)
        continue;
      if (PB == Entry)
        return false;
      if (InRegion.insert(PB->getBlockID()).second)
        Work.push_back(PB);
    }
  }
  return true;
}

std::optional<CapacityFact> CapacityAnalyzer::before(const ContainerRef &C,
                                                     const Stmt &Point) {
  if (!Built) {
    Built = true;
    if (Func.hasBody()) {
      CFG::BuildOptions Opts;
      Opts.setAllAlwaysAdd();
      Cfg = CFG::buildCFG(&Func, Func.getBody(), &Ctx, Opts);
    }
    if (Cfg) {
      Where = std::make_unique<Layout>();
      for (const CFGBlock *B : *Cfg) {
        if (!B)
          continue;
        if (const Stmt *T = B->getTerminatorStmt())
          Where->Stmts.try_emplace(T, B, B->size());
        unsigned I = 0;
        for (const CFGElement &El : *B) {
          if (auto CS = El.getAs<CFGStmt>()) {
            Where->Stmts.try_emplace(CS->getStmt(), B, I);
            if (const auto *DS = dyn_cast<DeclStmt>(CS->getStmt()))
              for (const Decl *D : DS->decls())
                Where->Decls.try_emplace(D, B, I);
          }
          ++I;
        }
      }
      Where->Reachable.assign(Cfg->getNumBlockIDs(), 0);
      llvm::SmallVector<const CFGBlock *, 32> Work{&Cfg->getEntry()};
      Where->Reachable[Cfg->getEntry().getBlockID()] = 1;
      while (!Work.empty()) {
        const CFGBlock *B = Work.pop_back_val();
        for (const CFGBlock::AdjacentBlock &Succ : B->succs())
          if (const CFGBlock *SB = Succ.getReachableBlock())
            if (!Where->Reachable[SB->getBlockID()]) {
              Where->Reachable[SB->getBlockID()] = 1;
              Work.push_back(SB);
            }
      }
    }
  }
  if (!Cfg)
    return std::nullopt;

  // Statements of Point itself are not applied.
  llvm::DenseMap<const Stmt *, bool> Inside;
  for (llvm::SmallVector<const Stmt *, 32> Work{&Point}; !Work.empty();) {
    const Stmt *S = Work.pop_back_val();
    if (!S || !Inside.try_emplace(S, true).second)
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }

  // Where Point sits: the block it terminates (a loop) or an element of it.
  auto At = Where->Stmts.find(&Point);
  if (At == Where->Stmts.end())
    return std::nullopt;
  const CFGBlock *PointBlock = At->second.first;
  unsigned PointIndex = At->second.second;

  // A local: only the paths from its declaration matter.
  llvm::DenseSet<unsigned> InRegion;
  const CFGBlock *DeclBlock = nullptr;
  bool Region =
      regionFromDeclaration(C, *PointBlock, PointIndex, InRegion, DeclBlock);
  auto Solve = [&](bool UseRegion) -> std::optional<CapacityFact> {
    if (UseRegion && !Where->Reachable[DeclBlock->getBlockID()])
      return std::nullopt;
    const CFGBlock *Start = UseRegion ? DeclBlock : &Cfg->getEntry();
    // States by block ID; maps, so that a query costs what it visits.
    llvm::DenseMap<unsigned, State> In, Out;
    In[Start->getBlockID()] = entryState(C);
    std::deque<const CFGBlock *> Work{Start};
    while (!Work.empty()) {
      const CFGBlock *B = Work.front();
      Work.pop_front();
      State S = In[B->getBlockID()];
      for (const CFGElement &El : *B)
        if (auto CS = El.getAs<CFGStmt>())
          transfer(S, C, *CS->getStmt(), Inside);
      auto Done = Out.try_emplace(B->getBlockID(), S);
      if (!Done.second) {
        if (S == Done.first->second)
          continue;
        Done.first->second = S;
      }
      for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
        const CFGBlock *SB = Succ.getReachableBlock();
        if (!SB || (UseRegion && !InRegion.count(SB->getBlockID())))
          continue;
        State &SuccIn = In[SB->getBlockID()];
        State Joined = SuccIn;
        Joined.join(S);
        if (Joined != SuccIn || !Out.count(SB->getBlockID())) {
          SuccIn = Joined;
          Work.push_back(SB);
        }
      }
    }

    State S = In.lookup(PointBlock->getBlockID());
    if (!S.Reached)
      return std::nullopt;
    unsigned I = 0;
    for (const CFGElement &El : *PointBlock) {
      if (I++ >= PointIndex)
        break;
      if (auto CS = El.getAs<CFGStmt>())
        transfer(S, C, *CS->getStmt(), Inside);
    }
    return CapacityFact{S.Established, S.NonEmpty, S.Cleared};
  };
  return Solve(Region);
}

} // namespace clang::escape
