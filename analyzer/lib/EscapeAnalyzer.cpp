//===--- EscapeAnalyzer.cpp - escape analysis of allocation sites ---------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// The analysis follows a value upward through the AST of its function, the
// way ExprMutationAnalyzer follows a mutation: from an expression that
// carries the tracked object (a Carrier) to its parent, deciding at each
// parent whether the object escapes there, stays, or flows on (into a local
// alias, through a cast, into the result of a call whose parameter leaks to
// its result). Aliases are variables; each is followed through all its uses.
// It is flow-insensitive and conservative: anything it does not model is an
// escape (EscapeRoute::Unmodelled).
//
//===----------------------------------------------------------------------===//

#include "EscapeAnalyzerImpl.h"
#include "escape/Capacity.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::escape {

//===----------------------------------------------------------------------===//
// Names of the standard library the engine models.
//===----------------------------------------------------------------------===//

static bool isOneOf(StringRef Name, std::initializer_list<StringRef> Names) {
  for (StringRef N : Names)
    if (Name == N)
      return true;
  return false;
}

/// True when \p D is declared in namespace std (or an inline namespace of
/// it, such as libc++'s std::__1 or libstdc++'s std::__cxx11), directly or as
/// a member of a class declared there.
static bool isInStd(const Decl *D) {
  if (!D)
    return false;
  const DeclContext *DC = D->getDeclContext();
  while (DC && !DC->isNamespace() && !DC->isTranslationUnit())
    DC = DC->getParent();
  if (!DC || !DC->isNamespace())
    return false;
  // Walk out of implementation namespaces (std::__detail, std::__1, ...).
  while (DC && DC->isNamespace()) {
    if (DC->isStdNamespace())
      return true;
    DC = DC->getParent();
  }
  return false;
}

/// True when \p D belongs to a library: namespace std, or a declaration in
/// a system header (libstdc++'s __gnu_cxx iterators, C library functions).
static bool isLibrary(const Decl *D) {
  if (!D)
    return false;
  if (isInStd(D))
    return true;
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(D->getLocation());
}

static StringRef declName(const NamedDecl *D) {
  if (!D || !D->getIdentifier())
    return "";
  return D->getName();
}

/// The record behind \p T (through references, sugar and templates).
static const CXXRecordDecl *recordOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD;
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl())
      return dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl());
  return nullptr;
}

static bool isStdRecordNamed(QualType T, std::initializer_list<StringRef> N) {
  const CXXRecordDecl *RD = recordOf(T);
  if (!RD || !isInStd(RD))
    return false;
  StringRef Name = declName(RD);
  for (StringRef Candidate : N)
    if (Name == Candidate)
      return true;
  return false;
}

static bool isSmartPointer(QualType T) {
  return isStdRecordNamed(T,
                          {"unique_ptr", "shared_ptr", "weak_ptr", "auto_ptr"});
}

static bool isUniquePtr(QualType T) {
  return isStdRecordNamed(T, {"unique_ptr", "auto_ptr"});
}

static bool isPointerLike(QualType T) {
  T = T.getNonReferenceType();
  return T->isPointerType() || T->isMemberPointerType() || isSmartPointer(T);
}

/// Non-owning views into another object's storage.
static bool isViewType(QualType T) {
  return isStdRecordNamed(T,
                          {"basic_string_view", "span", "reference_wrapper"});
}

/// True when \p T is a class with an iterator's interface (`operator++`
/// together with `operator*` or `operator->`): libstdc++'s
/// __normal_iterator, libc++'s __wrap_iter, node iterators, user iterators.
static bool isIteratorLike(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  bool Increment = false, Access = false;
  for (const CXXMethodDecl *MD : RD->methods()) {
    OverloadedOperatorKind Op = MD->getOverloadedOperator();
    Increment |= Op == OO_PlusPlus;
    Access |= Op == OO_Star || Op == OO_Arrow;
  }
  for (const Decl *D : RD->decls())
    if (const auto *FTD = dyn_cast<FunctionTemplateDecl>(D)) {
      OverloadedOperatorKind Op =
          FTD->getTemplatedDecl()->getOverloadedOperator();
      Increment |= Op == OO_PlusPlus;
      Access |= Op == OO_Star || Op == OO_Arrow;
    }
  return Increment && Access;
}

/// True when a value of class type \p T may hold the address of another
/// object (a derived address): views, smart pointers, iterators, and classes
/// outside the standard library with a pointer, reference or such member
/// (searched through bases and members, a few levels deep). Standard
/// containers and strings own deep copies and are not.
static bool mayHoldAddress(QualType T, unsigned Depth = 0) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType() || T->isMemberPointerType())
    return true;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return false;
  if (isViewType(T) || isSmartPointer(T) || isIteratorLike(RD))
    return true;
  if (Depth > 3)
    return true; // Too deep to tell: assume it may.
  if (isInStd(RD)) {
    // A standard holder (pair, tuple, optional, a container of pointers)
    // holds an address when one of its type arguments does.
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (A.getKind() == TemplateArgument::Type &&
            mayHoldAddress(A.getAsType(), Depth + 1))
          return true;
    return false;
  }
  RD = RD->getDefinition();
  if (!RD)
    return true; // Incomplete: unknown.
  if (RD->isLambda())
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (mayHoldAddress(B.getType(), Depth + 1))
      return true;
  for (const FieldDecl *FD : RD->fields()) {
    QualType FT = FD->getType();
    if (FT->isReferenceType())
      return true;
    while (const ArrayType *AT = FT->getAsArrayTypeUnsafe())
      FT = AT->getElementType();
    if (mayHoldAddress(FT, Depth + 1))
      return true;
  }
  return false;
}

static bool isThreadLike(QualType T) {
  return isStdRecordNamed(T, {"thread", "jthread", "packaged_task"});
}

/// Standard functions whose result is (a reference to) their argument.
static bool isIdentityFunction(const FunctionDecl *FD) {
  if (!FD || !isInStd(FD))
    return false;
  return isOneOf(declName(FD),
                 {"move", "forward", "as_const", "move_if_noexcept"});
}

/// The constructor whose body runs for \p Ctor: for an inherited
/// constructor (`using Base::Base;`, no body of its own), the base's.
static const CXXConstructorDecl *
effectiveConstructor(const CXXConstructorDecl *Ctor) {
  if (Ctor && Ctor->isInheritingConstructor())
    if (const CXXConstructorDecl *Inherited =
            Ctor->getInheritedConstructor().getConstructor())
      return Inherited;
  return Ctor;
}

/// True when a call of \p MD may run an override: virtual, and neither it
/// nor its class is `final`.
static bool mayBeOverridden(const CXXMethodDecl *MD) {
  return MD && MD->isVirtual() && !MD->hasAttr<FinalAttr>() &&
         !MD->getParent()->hasAttr<FinalAttr>();
}

/// Standard algorithms that call a function object without keeping it.
static bool isNonStoringAlgorithm(const FunctionDecl *FD) {
  if (!FD || !isInStd(FD) || isa<CXXMethodDecl>(FD))
    return false;
  return isOneOf(declName(FD), {"for_each",
                                "for_each_n",
                                "transform",
                                "find",
                                "find_if",
                                "find_if_not",
                                "count",
                                "count_if",
                                "any_of",
                                "all_of",
                                "none_of",
                                "sort",
                                "stable_sort",
                                "partial_sort",
                                "nth_element",
                                "accumulate",
                                "reduce",
                                "transform_reduce",
                                "inner_product",
                                "generate",
                                "generate_n",
                                "remove_if",
                                "remove_copy_if",
                                "min_element",
                                "max_element",
                                "minmax_element",
                                "copy_if",
                                "partition",
                                "stable_partition",
                                "is_sorted",
                                "lower_bound",
                                "upper_bound",
                                "equal_range",
                                "binary_search",
                                "replace_if",
                                "adjacent_find",
                                "unique",
                                "equal",
                                "mismatch",
                                "search",
                                "iota",
                                "merge",
                                "includes",
                                "lexicographical_compare",
                                "is_permutation",
                                "call_once"});
}

/// Member functions of std containers/holders that store their argument in
/// the object.
static bool isStoringMember(StringRef Name) {
  return isOneOf(Name, {"push_back",
                        "emplace_back",
                        "push_front",
                        "emplace_front",
                        "insert",
                        "emplace",
                        "emplace_hint",
                        "try_emplace",
                        "insert_or_assign",
                        "push",
                        "assign",
                        "store",
                        "exchange",
                        "compare_exchange_weak",
                        "compare_exchange_strong",
                        "set_value",
                        "emplace_after",
                        "insert_after",
                        "splice",
                        "swap",
                        "operator="});
}

//===----------------------------------------------------------------------===//
// Function indexes.
//===----------------------------------------------------------------------===//

/// The body (and constructor initializers) of \p F, or null.
static const Stmt *bodyOf(const FunctionDecl &F) { return F.getBody(); }

static bool isAllocationCandidate(const Stmt *S) {
  if (isa<CXXNewExpr>(S))
    return true;
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call || isa<CXXMemberCallExpr>(S) || isa<CXXOperatorCallExpr>(S))
    return false;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  StringRef N = FD->getName();
  if (N == "make_unique" || N == "make_shared" || N == "allocate_shared")
    return isInStd(FD);
  if (N == "malloc" || N == "calloc")
    return FD->isExternC() || isInStd(FD) ||
           FD->getDeclContext()->getRedeclContext()->isTranslationUnit();
  return false;
}

FunctionIndex &indexFor(EscapeAnalyzer::Memoized::Impl &M,
                        const FunctionDecl &F) {
  auto &Slot = M.Indexes[&F];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<FunctionIndex>();
  FunctionIndex &Idx = *Slot;
  Idx.Func = &F;
  const Stmt *Body = bodyOf(F);
  if (!Body)
    return Idx;
  Idx.Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&F)) {
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (!Init->getInit())
        continue;
      Idx.Parents->addStmt(Init->getInit());
      Idx.InitRoots[Init->getInit()] = Init;
      Work.push_back(Init->getInit());
    }
  }
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        Idx.Refs[VD].push_back(DRE);
      else if (const auto *BD = dyn_cast<BindingDecl>(DRE->getDecl()))
        if (const auto *Decomp =
                dyn_cast_or_null<VarDecl>(BD->getDecomposedDecl()))
          Idx.Refs[Decomp].push_back(DRE); // A part of the decomposition.
    } else if (const auto *This = dyn_cast<CXXThisExpr>(S)) {
      Idx.Thises.push_back(This);
    } else if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      Idx.Lambdas.push_back(Lambda);
    }
    if (isAllocationCandidate(S))
      Idx.AllocCandidates.push_back(cast<Expr>(S));
    for (const Stmt *Child : S->children())
      if (Child)
        Work.push_back(Child);
  }
  // Parents were recorded in discovery order; keep the use lists in source
  // order so that the first witness found is the first in the code.
  for (auto &Entry : Idx.Refs)
    std::reverse(Entry.second.begin(), Entry.second.end());
  std::reverse(Idx.Thises.begin(), Idx.Thises.end());
  std::reverse(Idx.AllocCandidates.begin(), Idx.AllocCandidates.end());
  return Idx;
}

//===----------------------------------------------------------------------===//
// The flow walker.
//===----------------------------------------------------------------------===//

namespace detail {

/// Follows one tracked value through one function body.
class FlowWalker {
public:
  FlowWalker(ASTContext &Ctx, EscapeAnalyzer &Analyzer,
             EscapeAnalyzer::Memoized::Impl &M,
             const EscapeAnalyzer::Options &Opts, const FunctionDecl &Scope,
             bool SummaryMode)
      : Ctx(Ctx), Analyzer(Analyzer), Opts(Opts), Scope(Scope),
        Idx(indexFor(M, Scope)), SummaryMode(SummaryMode) {}

  /// Follows \p E, which carries \p C, to where it goes.
  std::optional<Witness> flowExpr(const Expr *E, Carrier C,
                                  std::vector<FlowStep> Flow);
  /// Follows every use of \p V, which carries \p C.
  std::optional<Witness> flowVar(const VarDecl *V, Carrier C,
                                 std::vector<FlowStep> Flow);
  /// Follows every `this` of the function (summaries of index -1), which
  /// carries \p C: Ptr for the tracked object itself, Container for an
  /// object whose fields hold the tracked address.
  std::optional<Witness> flowThis(Carrier C = Carrier::Ptr);

  /// Set in SummaryMode when the value reaches a `return` of Scope.
  bool LeaksToResult = false;
  /// When set, direct uses of this variable are recorded into Facts.
  const VarDecl *FactsOwner = nullptr;
  OwnerFacts *Facts = nullptr;
  /// The statement that binds the allocation to FactsOwner (not a use).
  const Stmt *OwnerBinding = nullptr;
  /// The allocation being tracked (for devirtualising calls on it).
  const CXXRecordDecl *DynamicClass = nullptr;
  /// Where "no escape" was assumed of opaque code (see Assumption).
  llvm::SmallVector<Assumption, 1> Assumptions;
  /// A transfer of the whole object \p V (see findEscapeFromRegion).
  std::optional<Witness> findTransfer(const VarDecl *V);
  /// When set (findEscapeFromRegion), an alias variable declared outside
  /// this statement outlives the region: an escape.
  const Stmt *Region = nullptr;

private:
  const Stmt *parent(const Stmt *S) const {
    return Idx.Parents ? Idx.Parents->getParent(const_cast<Stmt *>(S))
                       : nullptr;
  }
  Witness make(EscapeRoute R, const Stmt *Site,
               const std::vector<FlowStep> &Flow,
               const NamedDecl *Target = nullptr) const {
    Witness W;
    W.Route = R;
    W.Site = Site;
    W.Target = Target;
    W.Flow = Flow;
    return W;
  }
  bool isInNestedLambda(const Stmt *S) const;
  bool isUnevaluated(const Stmt *S) const;
  std::optional<Witness> flowIntoVar(const VarDecl *D, Carrier C,
                                     const Stmt *Site,
                                     std::vector<FlowStep> Flow, StringRef How);
  std::optional<Witness> storeTo(const Expr *LHS, const Expr *Value,
                                 const Stmt *Site, Carrier C,
                                 std::vector<FlowStep> Flow);
  std::optional<Witness> callArg(const Expr *Call, const FunctionDecl *FD,
                                 unsigned ArgIndex, const Expr *Arg, Carrier C,
                                 std::vector<FlowStep> Flow);
  std::optional<Witness> objectCall(const Expr *Call, const CXXMethodDecl *MD,
                                    const Expr *Object, Carrier C,
                                    std::vector<FlowStep> Flow);
  /// Applies the summary of `this` of \p Def, called at \p Call on an
  /// object that carries \p C (Obj: the tracked object; Container: a holder
  /// of its address); an escape is reported as \p Route.
  std::optional<Witness> thisSummaryAt(const Expr *Call,
                                       const FunctionDecl &Def, Carrier C,
                                       EscapeRoute Route,
                                       std::vector<FlowStep> Flow);
  std::optional<Witness> construct(const CXXConstructExpr *CE,
                                   unsigned ArgIndex, const Expr *Arg,
                                   Carrier C, std::vector<FlowStep> Flow);
  void assume(const Stmt *Site, const NamedDecl *Callee) {
    Assumptions.push_back({Site, Callee});
  }
  /// True when \p Ref is the owner assigned by OwnerBinding (`p = new T`).
  bool isOwnerBindingTarget(const Expr *Ref) const {
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(OwnerBinding))
      LHS = BO->getLHS();
    else if (const auto *OC =
                 dyn_cast_or_null<CXXOperatorCallExpr>(OwnerBinding))
      LHS = OC->getNumArgs() > 0 ? OC->getArg(0) : nullptr;
    return LHS && LHS->IgnoreParenImpCasts() == Ref;
  }
  void recordUse(OwnerUse::KindTy K, const Expr *Use, const Expr *Ref) {
    if (Facts && Use != OwnerBinding)
      Facts->Uses.push_back({K, Use, Ref});
  }

  ASTContext &Ctx;
  EscapeAnalyzer &Analyzer;
  const EscapeAnalyzer::Options &Opts;
  const FunctionDecl &Scope;
  FunctionIndex &Idx;
  bool SummaryMode;
  llvm::DenseSet<std::pair<const VarDecl *, int>> Seen;
  llvm::DenseSet<const LambdaExpr *> SeenLambdas;
  /// The DeclRefExpr of FactsOwner being followed, if any.
  const Expr *CurrentOwnerRef = nullptr;
};

} // namespace detail

using detail::FlowWalker;

bool FlowWalker::isUnevaluated(const Stmt *S) const {
  for (const Stmt *P = parent(S); P; P = parent(P)) {
    if (isa<UnaryExprOrTypeTraitExpr>(P) || isa<CXXNoexceptExpr>(P))
      return true;
    if (const auto *TI = dyn_cast<CXXTypeidExpr>(P))
      if (!TI->isPotentiallyEvaluated())
        return true;
    if (isa<LambdaExpr>(P))
      return false;
  }
  return false;
}

bool FlowWalker::isInNestedLambda(const Stmt *S) const {
  for (const Stmt *P = parent(S); P; S = P, P = parent(P))
    if (const auto *L = dyn_cast<LambdaExpr>(P))
      if (L->getBody() == S)
        return true;
  return false;
}

/// True when \p D is declared inside the source range of \p Region.
static bool isDeclaredIn(const VarDecl &D, const Stmt &Region,
                         const SourceManager &SM) {
  SourceLocation L = SM.getExpansionLoc(D.getLocation());
  SourceLocation B = SM.getExpansionLoc(Region.getBeginLoc());
  SourceLocation E = SM.getExpansionLoc(Region.getEndLoc());
  if (L.isInvalid() || B.isInvalid() || E.isInvalid())
    return false;
  return !SM.isBeforeInTranslationUnit(L, B) &&
         !SM.isBeforeInTranslationUnit(E, L);
}

static bool isLocalStorage(const VarDecl *V) {
  return V && V->hasLocalStorage() && !V->getType()->isReferenceType();
}

std::optional<Witness> FlowWalker::flowIntoVar(const VarDecl *D, Carrier C,
                                               const Stmt *Site,
                                               std::vector<FlowStep> Flow,
                                               StringRef How) {
  // A local of an enclosing function, captured by reference by the lambda
  // being analysed, outlives the lambda's call: a store into it leaves.
  if (!D->hasLocalStorage() || !isLocalTo(*D, Scope))
    return make(EscapeRoute::StoredNonLocal, Site, Flow, D);
  if (Region && !isDeclaredIn(*D, *Region, Ctx.getSourceManager()))
    return make(EscapeRoute::LeavesRegion, Site, Flow, D);
  Flow.push_back({Site, D, (How + " '" + D->getName() + "'").str()});
  if (Facts && D != FactsOwner)
    Facts->Aliases.push_back(D);
  return flowVar(D, C, std::move(Flow));
}

std::optional<Witness> FlowWalker::flowVar(const VarDecl *V, Carrier C,
                                           std::vector<FlowStep> Flow) {
  if (!Seen.insert({V, static_cast<int>(C)}).second)
    return std::nullopt;
  auto It = Idx.Refs.find(V);
  if (It != Idx.Refs.end()) {
    for (const DeclRefExpr *Ref : It->second) {
      if (isUnevaluated(Ref))
        continue;
      const Expr *SavedRef = CurrentOwnerRef;
      CurrentOwnerRef = (V == FactsOwner) ? Ref : nullptr;
      size_t UsesBefore = Facts ? Facts->Uses.size() : 0;
      std::optional<Witness> W = flowExpr(Ref, C, Flow);
      CurrentOwnerRef = SavedRef;
      if (W)
        return W;
      // A use of the owner that none of the kinds above describes (handed
      // to a callee that takes the owner, copied, compared) is "Other": the
      // code needs the owner itself there, not only the object. When the
      // owner is an argument, the use is the call.
      if (Facts && V == FactsOwner && !isOwnerBindingTarget(Ref) &&
          llvm::none_of(llvm::drop_begin(Facts->Uses, UsesBefore),
                        [Ref](const OwnerUse &U) { return U.Ref == Ref; })) {
        const Stmt *P = parent(Ref);
        while (P &&
               isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr>(P))
          P = parent(P);
        const auto *Call = dyn_cast_or_null<CallExpr>(P);
        recordUse(OwnerUse::Other, Call ? static_cast<const Expr *>(Call) : Ref,
                  Ref);
      }
    }
  }
  // Lambdas that capture V implicitly have no DeclRefExpr in a capture init
  // in some LLVM versions' parent maps; treat every capture of V explicitly.
  for (const LambdaExpr *L : Idx.Lambdas) {
    for (const LambdaCapture &Cap : L->captures()) {
      if (!Cap.capturesVariable() ||
          dyn_cast<VarDecl>(Cap.getCapturedVar()) != V)
        continue;
      bool ByRef = Cap.getCaptureKind() == LCK_ByRef;
      if (!ByRef && C == Carrier::Obj)
        continue; // A copy of the object.
      if (!SeenLambdas.insert(L).second)
        continue;
      if (V == FactsOwner && !ByRef)
        recordUse(OwnerUse::Other, L, L);
      std::vector<FlowStep> F = Flow;
      F.push_back({L, V,
                   ByRef ? "captured by reference in a lambda"
                         : "captured by copy in a lambda"});
      if (std::optional<Witness> W = flowExpr(L, Carrier::Closure, F)) {
        if (W->Route != EscapeRoute::CapturedByEscapingLambda) {
          Witness Outer = make(EscapeRoute::CapturedByEscapingLambda, L, F);
          Outer.Inner = std::make_shared<Witness>(std::move(*W));
          return Outer;
        }
        return W;
      }
    }
  }
  return std::nullopt;
}

std::optional<Witness> FlowWalker::flowThis(Carrier C) {
  for (const CXXThisExpr *This : Idx.Thises)
    if (std::optional<Witness> W = flowExpr(This, C, {}))
      return W;
  for (const LambdaExpr *L : Idx.Lambdas) {
    bool CapturesThis = false;
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesThis())
        CapturesThis = true;
    if (!CapturesThis || !SeenLambdas.insert(L).second)
      continue;
    std::vector<FlowStep> F{{L, nullptr, "'this' captured by a lambda"}};
    if (std::optional<Witness> W = flowExpr(L, Carrier::Closure, F))
      return W;
  }
  // Base-class constructors run with the same `this`.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&Scope)) {
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      // Base and member subobjects are constructed with a `this` inside
      // the object.
      if (!Init->isBaseInitializer() && !Init->isMemberInitializer())
        continue;
      const Expr *IE = Init->getInit()->IgnoreImplicit();
      const CXXConstructorDecl *BaseCtor = nullptr;
      if (const auto *CE = dyn_cast_or_null<CXXConstructExpr>(IE))
        BaseCtor = CE->getConstructor();
      else if (const auto *ICE = dyn_cast_or_null<CXXInheritedCtorInitExpr>(IE))
        BaseCtor = ICE->getConstructor(); // `using Base::Base;`
      if (!BaseCtor || BaseCtor->isCopyOrMoveConstructor())
        continue;
      if (isInStd(BaseCtor))
        continue;
      const Expr *CE = IE;
      ParamSummary S = Analyzer.summarizeParam(*BaseCtor, -1);
      if (S.Assumed)
        assume(CE, BaseCtor);
      if (S.Kind == ParamSummary().Kind)
        continue;
      if (S.Kind == ParamEscape::Escapes) {
        Witness W = make(EscapeRoute::ThisEscapes, CE, {}, BaseCtor);
        W.Inner = S.Why;
        return W;
      }
    }
  }
  return std::nullopt;
}

static bool isTransparent(const Stmt *S);

/// True for `std::move(x)`, `std::forward<T>(x)` and `std::as_const(x)`.
static bool isIdentityCast(const Stmt *S) {
  const auto *CE = dyn_cast<CallExpr>(S);
  if (!CE || CE->getNumArgs() != 1 || isa<CXXOperatorCallExpr>(CE))
    return false;
  const FunctionDecl *FD = CE->getDirectCallee();
  return FD && isInStd(FD) &&
         isOneOf(declName(FD), {"move", "forward", "as_const"});
}

std::optional<Witness> FlowWalker::findTransfer(const VarDecl *V) {
  QualType Whole = V->getType().getCanonicalType().getUnqualifiedType();
  auto IsWhole = [&](const Expr *E) {
    return E->getType()
               .getNonReferenceType()
               .getCanonicalType()
               .getUnqualifiedType() == Whole;
  };
  for (const LambdaExpr *L : Idx.Lambdas)
    for (const LambdaCapture &Cap : L->captures())
      if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByCopy &&
          dyn_cast<VarDecl>(Cap.getCapturedVar()) == V)
        return make(EscapeRoute::TransferredOut, L, {});
  auto It = Idx.Refs.find(V);
  if (It == Idx.Refs.end())
    return std::nullopt;
  for (const DeclRefExpr *Ref : It->second) {
    if (isUnevaluated(Ref))
      continue;
    const Stmt *Child = Ref;
    const Stmt *P = parent(Child);
    while (P && (isTransparent(P) || isa<ImplicitCastExpr>(P) ||
                 isa<CXXStaticCastExpr>(P) || isIdentityCast(P))) {
      Child = P;
      P = parent(P);
    }
    if (!P)
      continue;
    Witness W = make(EscapeRoute::TransferredOut, P, {});
    // `v.swap(other)`: the object trades its buffer.
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(parent(ME));
      if (MC && MC->getMethodDecl() && declName(MC->getMethodDecl()) == "swap")
        return make(EscapeRoute::TransferredOut, MC, {});
      continue;
    }
    if (isa<ReturnStmt>(P) || isa<CXXThrowExpr>(P) || isa<CoreturnStmt>(P))
      return W;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = CE->getConstructor();
      // A copy or move of the object, or a standard holder built from it
      // (`std::pair<K, V>{k, v}`, `std::optional<V>(v)`).
      if (Ctor && IsWhole(cast<Expr>(Child)) &&
          (Ctor->isCopyOrMoveConstructor() ||
           (isInStd(Ctor) && !isViewType(CE->getType()) &&
            !isIteratorLike(Ctor->getParent()))))
        return W;
      continue;
    }
    const auto *Call = dyn_cast<CallExpr>(P);
    if (!Call)
      continue;
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      continue;
    StringRef Name = declName(FD);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      if (MC->getImplicitObjectArgument() == Child) {
        if (Name == "swap")
          return W;
        continue;
      }
    const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call);
    if (OC && OC->getOperator() == OO_Equal) {
      if (OC->getNumArgs() == 2 && OC->getArg(1) == Child &&
          IsWhole(cast<Expr>(Child)))
        return W;
      continue;
    }
    // The argument's position among the callee's parameters.
    unsigned Offset =
        (OC && isa<CXXMethodDecl>(FD) && !cast<CXXMethodDecl>(FD)->isStatic())
            ? 1
            : 0;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
      if (Call->getArg(I) != Child || I < Offset)
        continue;
      if (!IsWhole(cast<Expr>(Child)))
        break;
      if (isInStd(FD) &&
          isOneOf(Name, {"swap", "exchange", "make_pair", "make_tuple",
                         "make_optional", "make_shared", "make_unique",
                         "make_any", "forward_as_tuple"}))
        return W;
      if (isa<CXXMethodDecl>(FD) && isLibrary(FD) && isStoringMember(Name))
        return W;
      unsigned PI = I - Offset;
      if (PI < FD->getNumParams() &&
          FD->getParamDecl(PI)->getType()->isRValueReferenceType())
        return W;
      break;
    }
  }
  return std::nullopt;
}

/// Strips parentheses and casts that do not change what is carried.
static bool isTransparent(const Stmt *S) {
  return isa<ParenExpr>(S) || isa<ExprWithCleanups>(S) ||
         isa<MaterializeTemporaryExpr>(S) || isa<CXXBindTemporaryExpr>(S) ||
         isa<ConstantExpr>(S) || isa<CXXDefaultArgExpr>(S) ||
         isa<ParenListExpr>(S);
}

/// The storage an lvalue designates: a local variable (possibly through
/// `.` members and array elements of it), or something non-local.
struct StorageRoot {
  const VarDecl *Local = nullptr;      ///< Set when the storage is local.
  const NamedDecl *NonLocal = nullptr; ///< Member, global, parameter, ...
};

static StorageRoot storageOf(const Expr *LHS) {
  StorageRoot R;
  const Expr *E = LHS->IgnoreParenImpCasts();
  while (true) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow()) {
        R.NonLocal = ME->getMemberDecl();
        return R;
      }
      if (!R.NonLocal)
        R.NonLocal = ME->getMemberDecl();
      E = ME->getBase()->IgnoreParenImpCasts();
      continue;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      const Expr *Base = AS->getBase()->IgnoreParenImpCasts();
      if (Base->getType()->isPointerType() &&
          !isa<ArrayType>(Base->IgnoreImpCasts()->getType())) {
        // Through a pointer: not local.
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Base))
          R.NonLocal = DRE->getDecl();
        return R;
      }
      E = Base;
      continue;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      // `local[i] = p` on a local container, `(*q) = p`, ...
      if (OC->getOperator() == OO_Subscript && OC->getNumArgs() > 0) {
        E = OC->getArg(0)->IgnoreParenImpCasts();
        continue;
      }
      return R;
    }
    break;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && isLocalStorage(VD)) {
      R.Local = VD;
      R.NonLocal = nullptr;
      return R;
    }
    R.NonLocal = DRE->getDecl();
    return R;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        R.NonLocal = DRE->getDecl();
  }
  return R;
}

std::optional<Witness> FlowWalker::storeTo(const Expr *LHS, const Expr *Value,
                                           const Stmt *Site, Carrier C,
                                           std::vector<FlowStep> Flow) {
  (void)Value;
  StorageRoot Root = storageOf(LHS);
  if (Root.Local) {
    // Storing into a local: the local (or the local aggregate holding it)
    // becomes an alias. A store into a member of a local aggregate makes the
    // aggregate a holder.
    bool Direct = isa<DeclRefExpr>(LHS->IgnoreParenImpCasts());
    Carrier Into = Direct ? C : Carrier::Container;
    if (C == Carrier::Obj)
      return std::nullopt; // A copy of the object's value.
    return flowIntoVar(Root.Local, Into, Site, std::move(Flow),
                       Direct ? "assigned to" : "stored into");
  }
  if (C == Carrier::Obj)
    return std::nullopt;
  return make(EscapeRoute::StoredNonLocal, Site, Flow, Root.NonLocal);
}

/// The carrier of a call's result when an argument carrying \p C leaks to it.
static std::optional<Carrier> resultCarrier(QualType Result, Carrier C) {
  if (Result->isVoidType())
    return std::nullopt;
  if (isPointerLike(Result))
    return C == Carrier::Obj ? Carrier::Ptr : C;
  if (Result->isReferenceType())
    return C;
  if (Result->isRecordType()) {
    // A class value built from the object holds a derived address only
    // when its type can hold one (an iterator, a view, a handle).
    if (C == Carrier::Obj)
      return mayHoldAddress(Result) ? std::optional<Carrier>(Carrier::Ptr)
                                    : std::nullopt;
    return C;
  }
  return std::nullopt; // Scalars: a value computed from the object.
}

std::optional<Witness> FlowWalker::construct(const CXXConstructExpr *CE,
                                             unsigned ArgIndex, const Expr *Arg,
                                             Carrier C,
                                             std::vector<FlowStep> Flow) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  QualType T = CE->getType();
  if (!Ctor)
    return make(EscapeRoute::Unmodelled, CE, Flow);
  if (isThreadLike(T))
    return make(EscapeRoute::ThreadStarted, CE, Flow, Ctor->getParent());
  if (isSmartPointer(T)) {
    if (C == Carrier::Obj)
      return std::nullopt;
    if (CE->getNumArgs() > 1 && !isa<CXXDefaultArgExpr>(CE->getArg(1)))
      return make(EscapeRoute::Unmodelled, CE, Flow); // A custom deleter.
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            T->getAsCXXRecordDecl()))
      if (Spec->getTemplateArgs().size() > 1 &&
          Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Type) {
        const CXXRecordDecl *Deleter =
            Spec->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl();
        if (!Deleter || declName(Deleter) != "default_delete")
          return make(EscapeRoute::Unmodelled, CE, Flow); // A custom deleter.
      }
    return flowExpr(CE, Carrier::Ptr, Flow);
  }
  if (Ctor->isCopyOrMoveConstructor()) {
    if (C == Carrier::Obj)
      return std::nullopt; // A copy of the object (or of a subobject).
    return flowExpr(CE, C, Flow);
  }
  if (isInStd(Ctor)) {
    // std::function, std::any, std::optional, std::pair, containers...: a
    // holder of what it is built from.
    if (C == Carrier::Obj &&
        (isViewType(T) || isIteratorLike(Ctor->getParent())))
      return flowExpr(CE, Carrier::Ptr, Flow); // A span over the object.
    if (C == Carrier::Obj) {
      if (ArgIndex < Ctor->getNumParams()) {
        QualType PT = Ctor->getParamDecl(ArgIndex)->getType();
        if (!PT->isReferenceType() ||
            PT.getNonReferenceType().isConstQualified())
          return std::nullopt; // Copied in.
      }
      return flowExpr(CE, Carrier::Ptr, Flow); // reference_wrapper & co.
    }
    return flowExpr(CE, C == Carrier::Ptr ? Carrier::Container : C, Flow);
  }
  return callArg(CE, Ctor, ArgIndex, Arg, C, std::move(Flow));
}

std::optional<Witness> FlowWalker::objectCall(const Expr *Call,
                                              const CXXMethodDecl *MD,
                                              const Expr *Object, Carrier C,
                                              std::vector<FlowStep> Flow) {
  StringRef Name = declName(MD);
  // Members inherited from an implementation base (libstdc++'s
  // __shared_ptr_access) are called through a derived-to-base cast.
  QualType ObjT = Object->IgnoreParenImpCasts()->getType();
  bool OnOwner = CurrentOwnerRef && Object->IgnoreParenImpCasts() ==
                                        CurrentOwnerRef->IgnoreParenImpCasts();
  if (C == Carrier::Closure) {
    // Calling the closure, or a std::function holding it.
    return std::nullopt;
  }
  if (C == Carrier::Ptr && isSmartPointer(ObjT)) {
    if (Name == "get" || Name == "lock") {
      if (OnOwner)
        recordUse(OwnerUse::Get, Call, CurrentOwnerRef);
      // What follows uses the raw pointer, not the owner.
      const Expr *Saved = CurrentOwnerRef;
      CurrentOwnerRef = nullptr;
      std::optional<Witness> W = flowExpr(Call, Carrier::Ptr, Flow);
      CurrentOwnerRef = Saved;
      return W;
    }
    if (Name == "release")
      return make(EscapeRoute::Released, Call, Flow);
    if (Name == "reset") {
      if (OnOwner) {
        const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
        bool WithArg = MC && MC->getNumArgs() > 0 &&
                       !isa<CXXDefaultArgExpr>(MC->getArg(0)) &&
                       !MC->getArg(0)->IgnoreImpCasts()->isNullPointerConstant(
                           Ctx, Expr::NPC_ValueDependentIsNotNull);
        recordUse(WithArg ? OwnerUse::Reseat : OwnerUse::Reset, Call,
                  CurrentOwnerRef);
      }
      return std::nullopt;
    }
    if (Name == "swap")
      return make(EscapeRoute::Unmodelled, Call, Flow);
    if (isa<CXXConversionDecl>(MD)) {
      if (OnOwner)
        recordUse(OwnerUse::NullTest, Call, CurrentOwnerRef);
      return std::nullopt;
    }
    if (OnOwner)
      recordUse(OwnerUse::Other, Call, CurrentOwnerRef);
    if (isPointerLike(MD->getReturnType()))
      return flowExpr(Call, Carrier::Ptr, Flow);
    return std::nullopt;
  }
  if ((C == Carrier::Ptr || C == Carrier::Container) && !isLibrary(MD)) {
    // A member function of a user class whose object holds the address (a
    // handle, an iterator, a wrapper): what its body does with the fields
    // of `this` decides. A body that is not visible (or may be overridden)
    // may publish them.
    const FunctionDecl *Def = MD->getDefinition();
    if (!Def || !Def->hasBody() || mayBeOverridden(MD))
      return make(EscapeRoute::PassedToOpaqueCallee, Call, Flow, MD);
    return thisSummaryAt(Call, *Def, Carrier::Container,
                         EscapeRoute::PassedToEscapingParam, std::move(Flow));
  }
  if (C == Carrier::Container || C == Carrier::Ptr) {
    // A local container or holder of the object from the library: element
    // access gives the element, iterators are followed as pointers.
    QualType R = MD->getReturnType();
    if (R->isVoidType() || R->isBooleanType() || R->isIntegerType())
      return std::nullopt;
    if (R->isReferenceType())
      return flowExpr(Call, Carrier::Ptr, Flow); // An element.
    if (R->isPointerType() || R->isRecordType())
      return flowExpr(Call, Carrier::Container, Flow); // data(), iterators.
    return std::nullopt;
  }
  if (C == Carrier::Ptr) {
    // A method of a user type called on a pointer-carrying local holder.
    return std::nullopt;
  }
  // C == Obj: a member function called on the object; what does it do with
  // `this`? Devirtualise on the allocated class when it is known.
  const CXXMethodDecl *Target = MD;
  if (MD->isVirtual() && DynamicClass)
    if (const CXXMethodDecl *Over =
            MD->getCorrespondingMethodInClass(DynamicClass))
      Target = Over;
  if (isa<CXXDestructorDecl>(Target))
    return std::nullopt;
  const FunctionDecl *Def = Target->getDefinition();
  bool Opaque = !Def || (!DynamicClass && mayBeOverridden(Target));
  StringRef TargetName = declName(Target);
  if (TargetName == "shared_from_this" || TargetName == "weak_from_this")
    return make(EscapeRoute::ThisEscapes, Call, Flow, Target);
  if (Opaque || isInStd(Target)) {
    if (Opts.StrictEscape && !isInStd(Target))
      return make(EscapeRoute::PassedToOpaqueCallee, Call, Flow, Target);
    if (!isLibrary(Target))
      assume(Call, Target); // Its body could keep `this`.
    // A pointer, reference or view returned by a member whose body we do
    // not see may point into the object (`s->c_str()`, `v->data()`).
    QualType R = Target->getReturnType();
    if (R->isPointerType() || isViewType(R))
      return flowExpr(Call, Carrier::Ptr, Flow);
    // Iterators (`s->vec.begin()`) and other handles into the object.
    if (R->isRecordType() && mayHoldAddress(R))
      return flowExpr(Call, Carrier::Ptr, Flow);
    if (R->isReferenceType())
      return flowExpr(Call,
                      isPointerLike(R.getNonReferenceType()) ? Carrier::Ptr
                                                             : Carrier::Obj,
                      Flow);
    return std::nullopt;
  }
  return thisSummaryAt(Call, *Def, Carrier::Obj, EscapeRoute::ThisEscapes,
                       std::move(Flow));
}

std::optional<Witness> FlowWalker::thisSummaryAt(const Expr *Call,
                                                 const FunctionDecl &Def,
                                                 Carrier C, EscapeRoute Route,
                                                 std::vector<FlowStep> Flow) {
  // Obj: `this` is the tracked object (summary of index -1 as a pointer);
  // Container: the fields of `this` hold the tracked address.
  ParamSummary S = Analyzer.summarize(
      Def, -1,
      static_cast<int>(C == Carrier::Obj ? Carrier::Ptr : Carrier::Container));
  if (S.Assumed)
    assume(Call, &Def);
  if (S.Kind == ParamEscape::Escapes) {
    Witness W = make(Route, Call, Flow, &Def);
    W.Inner = S.Why;
    return W;
  }
  if (S.Kind == ParamEscape::LeaksToResult)
    if (std::optional<Carrier> RC = resultCarrier(Def.getReturnType(), C))
      return flowExpr(Call, *RC, Flow);
  return std::nullopt;
}

std::optional<Witness>
FlowWalker::callArg(const Expr *Call, const FunctionDecl *FD, unsigned ArgIndex,
                    const Expr *Arg, Carrier C, std::vector<FlowStep> Flow) {
  (void)Arg;
  // An inherited constructor (`using Base::Base;`) has no body of its own:
  // the base's constructor receives the arguments.
  if (const auto *CD = dyn_cast_or_null<CXXConstructorDecl>(FD))
    FD = effectiveConstructor(CD);
  if (!FD) {
    if (C == Carrier::Obj && !Opts.StrictEscape) {
      assume(Call, nullptr); // A reference through a function pointer.
      return std::nullopt;
    }
    return make(EscapeRoute::PassedToOpaqueCallee, Call, Flow);
  }
  if (isIdentityFunction(FD))
    return flowExpr(Call, C, Flow);
  if (isInStd(FD) && declName(FD) == "addressof")
    return flowExpr(Call, Carrier::Ptr, Flow);
  if (isInStd(FD) && (declName(FD) == "ref" || declName(FD) == "cref"))
    return flowExpr(Call, C == Carrier::Obj ? Carrier::Ptr : C, Flow);
  if (isNonStoringAlgorithm(FD)) {
    QualType R = FD->getReturnType();
    // for_each returns its function object; min/max return a reference.
    if (C == Carrier::Closure || !(R->isReferenceType() || isPointerLike(R)))
      return std::nullopt;
    return std::nullopt;
  }
  if (isInStd(FD) && declName(FD) == "exchange") {
    const auto *CallE = dyn_cast<CallExpr>(Call);
    if (ArgIndex == 1 && CallE && CallE->getNumArgs() == 2)
      return storeTo(CallE->getArg(0), Arg, Call, C, std::move(Flow));
    return flowExpr(Call, C, Flow);
  }
  if (isInStd(FD) && (declName(FD) == "min" || declName(FD) == "max"))
    return flowExpr(Call, C, Flow);
  if (isInStd(FD) &&
      (declName(FD) == "make_pair" || declName(FD) == "make_tuple" ||
       declName(FD) == "tie" || declName(FD) == "forward_as_tuple" ||
       declName(FD) == "bind" || declName(FD) == "bind_front")) {
    if (C == Carrier::Obj && declName(FD) != "tie" &&
        declName(FD) != "forward_as_tuple")
      return std::nullopt;
    return flowExpr(Call, C == Carrier::Ptr ? Carrier::Container : C, Flow);
  }
  if (isInStd(FD) && (declName(FD) == "async" || declName(FD) == "thread"))
    return make(EscapeRoute::ThreadStarted, Call, Flow, FD);
  if (isInStd(FD) &&
      (declName(FD) == "make_unique" || declName(FD) == "make_shared" ||
       declName(FD) == "allocate_shared")) {
    if (C == Carrier::Obj)
      return std::nullopt; // Copied into the new object... or bound by
                           // reference; judged like a const& below.
    return make(EscapeRoute::StoredNonLocal, Call, Flow, FD);
  }
  if (declName(FD) == "free" && (FD->isExternC() || isInStd(FD))) {
    if (CurrentOwnerRef)
      recordUse(OwnerUse::Free, Call, CurrentOwnerRef);
    return std::nullopt;
  }
  if (declName(FD) == "realloc")
    return make(EscapeRoute::Unmodelled, Call, Flow, FD);
  if (FD->getBuiltinID() != 0) {
    // memcpy, memset, strcpy, ... return their first argument.
    if (ArgIndex == 0 && FD->getReturnType()->isPointerType())
      return flowExpr(Call, C, Flow);
    return std::nullopt;
  }

  // The parameter that receives the argument.
  const ParmVarDecl *Param =
      ArgIndex < FD->getNumParams() ? FD->getParamDecl(ArgIndex) : nullptr;
  if (!Param) {
    // C variadic arguments: anything can happen.
    return make(EscapeRoute::PassedToOpaqueCallee, Call, Flow, FD);
  }
  QualType PT = Param->getType();
  if (Param->hasAttr<NoEscapeAttr>())
    return std::nullopt;
  if (Param->hasAttr<LifetimeBoundAttr>()) {
    if (std::optional<Carrier> RC = resultCarrier(FD->getReturnType(), C))
      return flowExpr(Call, *RC, Flow);
    return std::nullopt;
  }
  // A unique_ptr moved into a by-value owner parameter.
  if (C == Carrier::Ptr && isUniquePtr(PT) && !PT->isReferenceType())
    return make(EscapeRoute::OwnershipMovedOut, Call, Flow, Param);
  // The object copied into a by-value parameter.
  if (C == Carrier::Obj && !PT->isReferenceType() && !PT->isPointerType())
    return std::nullopt;

  const FunctionDecl *Def = FD->getDefinition();
  // The standard library is judged by its contract, not by its body.
  bool InSystem =
      isInStd(FD) ||
      (Def && Ctx.getSourceManager().isInSystemHeader(Def->getLocation()));
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  bool Virtual = mayBeOverridden(MD);
  if (!Def || !Def->hasBody() || InSystem || Virtual) {
    // The body is not visible (or belongs to the standard library, or may
    // be overridden): judge by the parameter type.
    bool ConstRef = PT->isReferenceType() &&
                    PT.getNonReferenceType().isConstQualified() &&
                    !PT.getNonReferenceType()->isPointerType();
    bool ByValueClass =
        !PT->isReferenceType() && !PT->isPointerType() && PT->isRecordType();
    if (C == Carrier::Obj && ConstRef && !Opts.StrictEscape) {
      if (!InSystem)
        assume(Call, FD);  // It could keep the reference.
      return std::nullopt; // Read (or copied) through a const reference.
    }
    // Copying a `const shared_ptr<T>&` (or locking a `const weak_ptr<T>&`)
    // is how a callee takes shared ownership: an escape whatever the
    // options, unless the library's contract says otherwise.
    bool SharedOwner =
        isStdRecordNamed(PT.getNonReferenceType(), {"shared_ptr", "weak_ptr"});
    if (C == Carrier::Ptr && SharedOwner && InSystem &&
        isOneOf(declName(FD),
                {"static_pointer_cast", "dynamic_pointer_cast",
                 "const_pointer_cast", "reinterpret_pointer_cast"}))
      return flowExpr(Call, Carrier::Ptr, Flow); // Shares ownership.
    bool StoringMember =
        InSystem && isa<CXXMethodDecl>(FD) && isStoringMember(declName(FD));
    if (C == Carrier::Ptr && ConstRef && !Opts.StrictEscape && !StoringMember &&
        (isUniquePtr(PT.getNonReferenceType()) || InSystem)) {
      if (!InSystem)
        assume(Call, FD);  // It could keep `.get()`.
      return std::nullopt; // `const unique_ptr<T>&` cannot re-seat.
    }
    if (C == Carrier::Closure && InSystem && !ByValueClass && ConstRef &&
        !StoringMember)
      return std::nullopt;
    if (StoringMember) {
      // Stored into a standard container or holder: the implicit object.
      const Expr *Object = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        Object = MC->getImplicitObjectArgument();
      else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
        Object = OC->getNumArgs() ? OC->getArg(0) : nullptr;
      if (Object) {
        Carrier Into = C == Carrier::Obj ? Carrier::Container : C;
        if (C == Carrier::Ptr)
          Into = Carrier::Container;
        if (C == Carrier::Obj && !PT->isReferenceType())
          return std::nullopt;
        return storeTo(Object, Arg, Call, Into, std::move(Flow));
      }
    }
    if (InSystem && C == Carrier::Obj)
      return std::nullopt; // The library reads the object.
    if (InSystem && declName(FD) == "operator<<")
      return std::nullopt; // Streaming a pointer value.
    Witness W = make(EscapeRoute::PassedToOpaqueCallee, Call, Flow, FD);
    W.Param = Param;
    return W;
  }

  ParamSummary S =
      Analyzer.summarize(*Def, static_cast<int>(ArgIndex), static_cast<int>(C));
  if (S.Assumed)
    assume(Call, Def);
  if (S.Kind == ParamEscape::NoEscape)
    return std::nullopt;
  if (S.Kind == ParamEscape::LeaksToResult) {
    if (std::optional<Carrier> RC = resultCarrier(Def->getReturnType(), C)) {
      Flow.push_back(
          {Call, nullptr, ("returned by '" + Def->getNameAsString() + "'")});
      return flowExpr(Call, *RC, Flow);
    }
    return std::nullopt;
  }
  Witness W = make(EscapeRoute::PassedToEscapingParam, Call, Flow, Def);
  W.Param = Def->getParamDecl(ArgIndex);
  W.Inner = S.Why;
  return W;
}

std::optional<Witness> FlowWalker::flowExpr(const Expr *E, Carrier C,
                                            std::vector<FlowStep> Flow) {
  const Expr *Child = E;
  for (unsigned Steps = 0; Steps < 256; ++Steps) {
    const Stmt *P = parent(Child);
    if (!P) {
      // The top of a constructor initializer: stored into the member (or
      // handed to the base/delegated constructor).
      auto Init = Idx.InitRoots.find(Child);
      if (Init != Idx.InitRoots.end() && C != Carrier::Obj) {
        const CXXCtorInitializer *CI = Init->second;
        return make(EscapeRoute::StoredNonLocal, Child, Flow,
                    CI->getMember()
                        ? static_cast<const NamedDecl *>(CI->getMember())
                        : nullptr);
      }
      return std::nullopt; // The top of the body: a discarded value.
    }
    if (isTransparent(P)) {
      Child = cast<Expr>(P);
      continue;
    }
    // Unevaluated operands never escape.
    if (isa<UnaryExprOrTypeTraitExpr>(P) || isa<CXXNoexceptExpr>(P) ||
        isa<CXXTypeidExpr>(P))
      return std::nullopt;

    if (const auto *Cast = dyn_cast<CastExpr>(P)) {
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        if (C == Carrier::Obj)
          return std::nullopt; // A value read out of the object.
        // A number read through a derived address carries no address.
        if (Cast->getType()->isArithmeticType() ||
            Cast->getType()->isEnumeralType())
          return std::nullopt;
        break;
      case CK_PointerToBoolean:
      case CK_MemberPointerToBoolean:
        if (CurrentOwnerRef && Child->IgnoreParenImpCasts() == CurrentOwnerRef)
          recordUse(OwnerUse::NullTest, Cast, CurrentOwnerRef);
        return std::nullopt;
      case CK_PointerToIntegral:
        return make(EscapeRoute::ConvertedToInteger, Cast, Flow);
      case CK_ToVoid:
        return std::nullopt;
      case CK_ArrayToPointerDecay:
        // An array (member) of the object decays to a pointer into it: a
        // derived address that flows like a pointer to the object.
        if (C == Carrier::Obj) {
          C = Carrier::Ptr;
          Child = cast<Expr>(P);
          continue;
        }
        break;
      case CK_UserDefinedConversion:
      case CK_ConstructorConversion:
        break; // The conversion call is the child; handled there.
      default:
        break;
      }
      if (C == Carrier::Obj && !Cast->getType()->isReferenceType() &&
          isa<ExplicitCastExpr>(Cast) && !Cast->isGLValue())
        return std::nullopt; // A value conversion of the object.
      Child = cast<Expr>(P);
      continue;
    }

    if (const auto *Ret = dyn_cast<ReturnStmt>(P)) {
      if (isInNestedLambda(Ret))
        return make(EscapeRoute::Returned, Ret, Flow);
      if (C == Carrier::Obj && !Scope.getReturnType()->isReferenceType())
        return std::nullopt;
      if (SummaryMode) {
        LeaksToResult = true;
        return std::nullopt;
      }
      return make(EscapeRoute::Returned, Ret, Flow);
    }
    if (isa<CoreturnStmt>(P) || isa<CoawaitExpr>(P) || isa<CoyieldExpr>(P))
      return make(EscapeRoute::Unmodelled, P, Flow);

    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || VD->getInit() != Child)
          continue;
        if (!VD->hasLocalStorage()) {
          if (C == Carrier::Obj && !VD->getType()->isReferenceType())
            return std::nullopt;
          return make(EscapeRoute::StoredNonLocal, DS, Flow, VD);
        }
        if (C == Carrier::Obj && !VD->getType()->isReferenceType())
          return std::nullopt; // A copy.
        // A range-for's hidden range variable: follow the loop variable.
        if (const auto *FRS = dyn_cast_or_null<CXXForRangeStmt>(parent(DS))) {
          if (FRS->getRangeStmt() == DS) {
            const VarDecl *LV = FRS->getLoopVariable();
            bool ByRef = LV->getType()->isReferenceType();
            Carrier Elem = C == Carrier::Container ? Carrier::Ptr : C;
            if (!ByRef && C != Carrier::Container)
              return std::nullopt;
            return flowIntoVar(LV, Elem, FRS, std::move(Flow), "iterated by");
          }
        }
        return flowIntoVar(VD, C, DS, std::move(Flow), "bound to");
      }
      return std::nullopt;
    }

    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isAssignmentOp()) {
        if (BO->getLHS()->IgnoreParens() == Child->IgnoreParens() ||
            BO->getLHS() == Child) {
          if (CurrentOwnerRef && !BO->isCompoundAssignmentOp()) {
            const Expr *R = BO->getRHS()->IgnoreParenImpCasts();
            recordUse(
                R->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)
                    ? OwnerUse::Reset
                    : OwnerUse::Reseat,
                BO, CurrentOwnerRef);
          }
          return std::nullopt; // Assigning to the carrier.
        }
        if (BO->isCompoundAssignmentOp())
          return std::nullopt;
        return storeTo(BO->getLHS(), BO->getRHS(), BO, C, std::move(Flow));
      }
      if (BO->isComparisonOp() || BO->isLogicalOp()) {
        if (CurrentOwnerRef)
          recordUse(OwnerUse::NullTest, BO, CurrentOwnerRef);
        return std::nullopt;
      }
      if (BO->getOpcode() == BO_Comma) {
        if (BO->getRHS() == Child) {
          Child = cast<Expr>(P);
          continue;
        }
        return std::nullopt;
      }
      if (BO->isAdditiveOp() && C == Carrier::Ptr &&
          BO->getType()->isPointerType()) {
        Child = cast<Expr>(P);
        continue;
      }
      if (BO->isPtrMemOp() && BO->getLHS() == Child) {
        Child = cast<Expr>(P);
        C = Carrier::Obj;
        continue;
      }
      return std::nullopt;
    }

    if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
      switch (UO->getOpcode()) {
      case UO_Deref:
        if (CurrentOwnerRef)
          recordUse(OwnerUse::Deref, UO, CurrentOwnerRef);
        if (C == Carrier::Ptr) {
          C = Carrier::Obj;
          Child = cast<Expr>(P);
          CurrentOwnerRef = nullptr;
          continue;
        }
        if (C == Carrier::Container)
          C = Carrier::Ptr; // An element.
        Child = cast<Expr>(P);
        continue;
      case UO_AddrOf:
        if (C == Carrier::Obj) {
          C = Carrier::Ptr;
          Child = cast<Expr>(P);
          continue;
        }
        return make(EscapeRoute::AddressOfOwnerTaken, UO, Flow);
      case UO_LNot:
        if (CurrentOwnerRef)
          recordUse(OwnerUse::NullTest, UO, CurrentOwnerRef);
        return std::nullopt;
      default:
        return std::nullopt;
      }
    }

    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P)) {
      if (AS->getBase() != Child && AS->getLHS() != Child &&
          AS->getBase()->IgnoreParenImpCasts() != Child)
        return std::nullopt; // Used as the index.
      if (CurrentOwnerRef)
        recordUse(OwnerUse::Subscript, AS, CurrentOwnerRef);
      CurrentOwnerRef = nullptr;
      if (C == Carrier::Ptr)
        C = Carrier::Obj;
      else if (C == Carrier::Container)
        C = Carrier::Ptr;
      Child = cast<Expr>(P);
      continue;
    }

    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const Expr *Object = ME->getBase();
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      Carrier ObjC = C;
      if (ME->isArrow() && C == Carrier::Ptr) {
        ObjC = Carrier::Obj;
        if (CurrentOwnerRef)
          recordUse(OwnerUse::Arrow, ME, CurrentOwnerRef);
      }
      if (MD) {
        const Stmt *CallP = parent(ME);
        const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(CallP);
        if (!MC)
          return make(EscapeRoute::Unmodelled, ME, Flow);
        const Expr *Saved = CurrentOwnerRef;
        if (ObjC == Carrier::Obj && ME->isArrow())
          CurrentOwnerRef = nullptr;
        std::optional<Witness> W =
            objectCall(MC, MD, ME->isArrow() && C == Carrier::Ptr ? ME : Object,
                       ObjC, Flow);
        CurrentOwnerRef = Saved;
        return W;
      }
      // A data member: a subobject of what is carried.
      CurrentOwnerRef = nullptr;
      if (ObjC == Carrier::Obj) {
        C = Carrier::Obj;
        Child = cast<Expr>(P);
        continue;
      }
      // A member of a holder (pair.first, ...): keep what is carried.
      Child = cast<Expr>(P);
      continue;
    }

    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
      unsigned Index = 0;
      for (; Index < OC->getNumArgs(); ++Index)
        if (OC->getArg(Index) == Child)
          break;
      if (Index == OC->getNumArgs())
        return make(EscapeRoute::Unmodelled, OC, Flow);
      OverloadedOperatorKind Op = OC->getOperator();
      if (MD && Index == 0) {
        // The carrier is the object of a member operator.
        if (C == Carrier::Ptr &&
            isSmartPointer(Child->IgnoreParenImpCasts()->getType())) {
          if (Op == OO_Arrow) {
            Child = cast<Expr>(
                P); // Yields the raw pointer; the MemberExpr records.
            continue;
          }
          if (Op == OO_Star || Op == OO_Subscript) {
            if (CurrentOwnerRef)
              recordUse(Op == OO_Star ? OwnerUse::Deref : OwnerUse::Subscript,
                        OC, CurrentOwnerRef);
            CurrentOwnerRef = nullptr;
            C = Carrier::Obj;
            Child = cast<Expr>(P);
            continue;
          }
          if (Op == OO_Equal) {
            if (CurrentOwnerRef && OC->getNumArgs() > 1) {
              const Expr *R = OC->getArg(1)->IgnoreParenImpCasts();
              bool Null = R->isNullPointerConstant(
                              Ctx, Expr::NPC_ValueDependentIsNotNull) ||
                          isa<CXXNullPtrLiteralExpr>(R);
              recordUse(Null ? OwnerUse::Reset : OwnerUse::Reseat, OC,
                        CurrentOwnerRef);
            }
            return std::nullopt;
          }
          if (Op == OO_EqualEqual || Op == OO_ExclaimEqual || Op == OO_Less ||
              Op == OO_Exclaim) {
            if (CurrentOwnerRef)
              recordUse(OwnerUse::NullTest, OC, CurrentOwnerRef);
            return std::nullopt;
          }
          return make(EscapeRoute::Unmodelled, OC, Flow);
        }
        if (Op == OO_Equal) {
          // Assignment to a carrier (a holder / container / closure).
          if (CurrentOwnerRef)
            recordUse(OwnerUse::Reseat, OC, CurrentOwnerRef);
          return std::nullopt;
        }
        if (Op == OO_Call)
          return std::nullopt; // Calling the closure / a functor.
        return objectCall(OC, MD, Child, C, Flow);
      }
      if (MD && Index > 0) {
        // Argument of a member operator: `x = p`, `v[i] = ...`, `s << p`.
        if (Op == OO_Equal) {
          if (C == Carrier::Obj && !isa<CXXMethodDecl>(MD))
            return std::nullopt;
          if (C == Carrier::Obj)
            return std::nullopt; // Copy assignment from the object.
          return storeTo(OC->getArg(0), OC->getArg(1), OC, C, Flow);
        }
        return callArg(OC, MD, Index - 1, Child, C, Flow);
      }
      // A free operator function.
      return callArg(OC, OC->getDirectCallee(), Index, Child, C, Flow);
    }

    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      // The carrier is an argument (the object goes through MemberExpr).
      for (unsigned I = 0; I < MC->getNumArgs(); ++I)
        if (MC->getArg(I) == Child)
          return callArg(MC, MC->getDirectCallee(), I, Child, C, Flow);
      return std::nullopt; // The callee expression.
    }

    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child)
          return callArg(Call, Call->getDirectCallee(), I, Child, C, Flow);
      return std::nullopt; // Called: `l()`, `fp()`.
    }

    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      for (unsigned I = 0; I < CE->getNumArgs(); ++I)
        if (CE->getArg(I) == Child)
          return construct(CE, I, Child, C, Flow);
      return std::nullopt;
    }

    if (const auto *New = dyn_cast<CXXNewExpr>(P)) {
      if (C == Carrier::Obj && New->getInitializer() == Child)
        return std::nullopt; // Copied into the new object.
      return make(EscapeRoute::StoredNonLocal, New, Flow);
    }

    if (isa<InitListExpr>(P) || isa<CXXStdInitializerListExpr>(P)) {
      if (C == Carrier::Obj)
        return std::nullopt; // Copied into the aggregate.
      C = C == Carrier::Closure ? C : Carrier::Container;
      Child = cast<Expr>(P);
      continue;
    }

    if (const auto *Del = dyn_cast<CXXDeleteExpr>(P)) {
      if (CurrentOwnerRef) {
        recordUse(OwnerUse::Delete, Del, CurrentOwnerRef);
        return std::nullopt;
      }
      if (SummaryMode || isa<CXXThisExpr>(E))
        return make(EscapeRoute::Unmodelled, Del, Flow); // `delete this`.
      return std::nullopt;
    }

    if (isa<CXXThrowExpr>(P)) {
      if (C == Carrier::Obj)
        return std::nullopt; // The exception object is a copy.
      return make(EscapeRoute::Thrown, P, Flow);
    }

    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (CO->getCond() == Child) {
        if (CurrentOwnerRef)
          recordUse(OwnerUse::NullTest, CO, CurrentOwnerRef);
        return std::nullopt;
      }
      CurrentOwnerRef = nullptr;
      Child = cast<Expr>(P);
      continue;
    }

    if (const auto *L = dyn_cast<LambdaExpr>(P)) {
      if (L->getBody() == Child)
        return std::nullopt;
      if (C == Carrier::Obj && !Child->getType().isNull() &&
          !Child->getType()->isReferenceType() && !Child->isGLValue())
        return std::nullopt; // Captured a copy of the object.
      // An init-capture (`[q = p.get()]`, `[&r = *p]`) is an alias declared
      // in the closure: its uses in the body decide, like a local's.
      const VarDecl *InitCapture = nullptr;
      auto Init = L->capture_init_begin();
      for (const LambdaCapture &Cap : L->captures()) {
        if (Init == L->capture_init_end())
          break;
        const Expr *CapInit = *Init++;
        if (CapInit != Child || !Cap.capturesVariable())
          continue;
        const auto *VD = dyn_cast<VarDecl>(Cap.getCapturedVar());
        if (VD && VD->isInitCapture())
          InitCapture = VD;
      }
      if (InitCapture) {
        if (C == Carrier::Obj && !InitCapture->getType()->isReferenceType())
          return std::nullopt; // A copy of the object in the closure.
        if (CurrentOwnerRef)
          recordUse(OwnerUse::Other, L, CurrentOwnerRef);
        CurrentOwnerRef = nullptr;
        if (std::optional<Witness> W =
                flowIntoVar(InitCapture, C, L, Flow, "captured in a lambda as"))
          return W;
      }
      if (!SeenLambdas.insert(L).second)
        return std::nullopt;
      if (CurrentOwnerRef)
        recordUse(OwnerUse::Other, L, CurrentOwnerRef);
      CurrentOwnerRef = nullptr;
      Flow.push_back({L, nullptr, "captured in a lambda"});
      std::optional<Witness> W = flowExpr(L, Carrier::Closure, Flow);
      if (!W || W->Route == EscapeRoute::CapturedByEscapingLambda)
        return W;
      Witness Outer = make(EscapeRoute::CapturedByEscapingLambda, L, Flow);
      Outer.Inner = std::make_shared<Witness>(std::move(*W));
      return Outer;
    }

    if (const auto *FRS = dyn_cast<CXXForRangeStmt>(P)) {
      (void)FRS;
      return std::nullopt; // Conditions and increments of the loop.
    }

    if (isa<IfStmt>(P) || isa<WhileStmt>(P) || isa<DoStmt>(P) ||
        isa<ForStmt>(P) || isa<SwitchStmt>(P)) {
      if (CurrentOwnerRef && isa<Expr>(Child) && !isa<CompoundStmt>(Child))
        recordUse(OwnerUse::NullTest, Child, CurrentOwnerRef);
      return std::nullopt;
    }
    if (isa<CompoundStmt>(P) || isa<LabelStmt>(P) || isa<CaseStmt>(P) ||
        isa<DefaultStmt>(P) || isa<AttributedStmt>(P) || isa<CXXTryStmt>(P) ||
        isa<CXXCatchStmt>(P))
      return std::nullopt; // A discarded full-expression.
    if (isa<CXXPseudoDestructorExpr>(P) || isa<CXXScalarValueInitExpr>(P))
      return std::nullopt;
    if (isa<CXXDependentScopeMemberExpr>(P) || isa<UnresolvedLookupExpr>(P) ||
        isa<CXXUnresolvedConstructExpr>(P) || isa<UnresolvedMemberExpr>(P))
      return make(EscapeRoute::Unmodelled, P, Flow);
    if (isa<OpaqueValueExpr>(P) || isa<PseudoObjectExpr>(P) ||
        isa<ArrayInitLoopExpr>(P)) {
      Child = cast<Expr>(P);
      continue;
    }
    return make(EscapeRoute::Unmodelled, P, Flow);
  }
  return make(EscapeRoute::Unmodelled, E, Flow);
}

//===----------------------------------------------------------------------===//
// EscapeAnalyzer.
//===----------------------------------------------------------------------===//

EscapeAnalyzer::Memoized::Memoized() : State(std::make_unique<Impl>()) {}
EscapeAnalyzer::Memoized::~Memoized() = default;
void EscapeAnalyzer::Memoized::clear() { State = std::make_unique<Impl>(); }

EscapeAnalyzer::EscapeAnalyzer(ASTContext &Ctx, Memoized &Cache, Options Opts)
    : Ctx(Ctx), Cache(Cache), Opts(Opts) {}

/// The carrier of a parameter of type \p T (what a caller's argument of
/// carrier \p Caller becomes inside the callee).
static Carrier paramCarrier(QualType T, Carrier Caller) {
  if (Caller == Carrier::Closure || Caller == Carrier::Container)
    return Caller;
  if (isPointerLike(T.getNonReferenceType()))
    return Carrier::Ptr;
  if (T->isReferenceType())
    return Caller; // Obj bound to T&, or a Ptr bound to a reference.
  return Caller;
}

ParamSummary EscapeAnalyzer::summarizeParam(const FunctionDecl &F, int Index) {
  return summarize(F, Index, Index < 0 ? 0 : -1);
}

ParamSummary EscapeAnalyzer::summarize(const FunctionDecl &FIn, int Index,
                                       int CarrierHint) {
  const FunctionDecl *Def = FIn.getDefinition();
  if (!Def || !Def->hasBody()) {
    ParamSummary Opaque; // Judged "no escape" on trust, unless a library's.
    Opaque.Assumed = !isLibrary(&FIn);
    return Opaque;
  }
  Memoized::Impl &M = *Cache.State;
  Carrier C = Carrier::Ptr;
  if (Index >= 0) {
    if (static_cast<unsigned>(Index) >= Def->getNumParams())
      return {ParamEscape::Escapes, nullptr};
    const ParmVarDecl *P = Def->getParamDecl(Index);
    C = CarrierHint >= 0
            ? paramCarrier(P->getType(), static_cast<Carrier>(CarrierHint))
            : (isPointerLike(P->getType()) ? Carrier::Ptr : Carrier::Obj);
    if (const CXXRecordDecl *RD = recordOf(P->getType()))
      if (RD->isLambda())
        C = Carrier::Closure;
  } else if (CarrierHint == static_cast<int>(Carrier::Container)) {
    C = Carrier::Container; // The fields of `this` hold the address.
  }
  SummaryKey Key{Def, Index, C};
  auto Found = M.Summaries.find(Key);
  if (Found != M.Summaries.end()) {
    if (Found->second.InProgress)
      Found->second.ReadWhileInProgress = true;
    return Found->second.Summary;
  }
  if (M.Depth >= 12) {
    // Too deep: judge the callee conservatively.
    ParamSummary S;
    S.Kind = ParamEscape::Escapes;
    return S;
  }
  SummaryEntry &Entry = M.Summaries[Key];
  Entry.InProgress = true;
  Entry.Started = M.Order.size();
  ++M.Depth;
  ParamSummary Result;
  for (unsigned Iteration = 0; Iteration < 4; ++Iteration) {
    Entry.ReadWhileInProgress = false;
    FlowWalker Walker(Ctx, *this, M, Opts, *Def, /*SummaryMode=*/true);
    std::optional<Witness> W;
    if (Index < 0)
      W = Walker.flowThis(C);
    else
      W = Walker.flowVar(Def->getParamDecl(Index), C, {});
    Result = ParamSummary();
    if (W) {
      Result.Kind = ParamEscape::Escapes;
      Result.Why = std::make_shared<Witness>(std::move(*W));
    } else if (Walker.LeaksToResult) {
      Result.Kind = ParamEscape::LeaksToResult;
    }
    Result.Assumed = !W && !Walker.Assumptions.empty();
    SummaryEntry &E = M.Summaries[Key];
    bool Changed = E.Summary.Kind != Result.Kind;
    E.Summary = Result;
    if (!Changed || !E.ReadWhileInProgress)
      break;
    // Recursion read an assumption that turned out wrong: forget what was
    // computed on top of it and try again with the new assumption.
    for (size_t I = E.Started; I < M.Order.size(); ++I)
      M.Summaries.erase(M.Order[I]);
    M.Order.resize(E.Started);
  }
  --M.Depth;
  SummaryEntry &Done = M.Summaries[Key];
  Done.InProgress = false;
  M.Order.push_back(Key);
  return Result;
}

std::optional<Witness>
EscapeAnalyzer::findEscapeOfPointer(const VarDecl &Var,
                                    const FunctionDecl &Scope) {
  FlowWalker Walker(Ctx, *this, *Cache.State, Opts, Scope,
                    /*SummaryMode=*/false);
  Carrier C = isPointerLike(Var.getType()) ? Carrier::Ptr : Carrier::Obj;
  return Walker.flowVar(&Var, C, {});
}

std::optional<Witness>
EscapeAnalyzer::findEscapeFromRegion(const VarDecl &Var, const Stmt &Region,
                                     const FunctionDecl &Scope) {
  FlowWalker Walker(Ctx, *this, *Cache.State, Opts, Scope,
                    /*SummaryMode=*/false);
  Walker.Region = &Region;
  if (std::optional<Witness> W = Walker.findTransfer(&Var))
    return W;
  return Walker.flowVar(&Var, Carrier::Obj, {});
}

/// The constructor that builds the object of \p Site, if it can be found.
static const CXXConstructExpr *constructionOf(const AllocationSite &Site) {
  if (const auto *New = dyn_cast<CXXNewExpr>(Site.Alloc))
    return New->getConstructExpr();
  // make_unique/make_shared: look for `new T(...)` / a construction of T in
  // the instantiated body of the factory (one or two levels deep).
  const auto *Call = dyn_cast<CallExpr>(Site.Alloc);
  if (!Call || !Call->getDirectCallee())
    return nullptr;
  QualType T = Site.AllocatedType.getCanonicalType();
  llvm::SmallVector<std::pair<const Stmt *, unsigned>, 16> Work;
  if (const FunctionDecl *Def = Call->getDirectCallee()->getDefinition())
    Work.push_back({Def->getBody(), 0});
  unsigned Visited = 0;
  while (!Work.empty() && Visited < 4000) {
    auto [S, Depth] = Work.pop_back_val();
    ++Visited;
    if (!S)
      continue;
    if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
      if (CE->getType().getCanonicalType().getUnqualifiedType() ==
          T.getUnqualifiedType())
        return CE;
    if (const auto *Inner = dyn_cast<CallExpr>(S))
      if (Depth < 3)
        if (const FunctionDecl *FD = Inner->getDirectCallee())
          if (const FunctionDecl *Def = FD->getDefinition())
            if (Def->getTemplateInstantiationPattern())
              Work.push_back({Def->getBody(), Depth + 1});
    for (const Stmt *Child : S->children())
      Work.push_back({Child, Depth});
  }
  return nullptr;
}

/// Adds \p RD and all its bases (canonical declarations) to \p Out.
static void collectHierarchy(const CXXRecordDecl *RD,
                             llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Out,
                             unsigned Depth = 0) {
  if (!RD || Depth > 32)
    return;
  RD = RD->getDefinition();
  if (!RD || !Out.insert(RD->getCanonicalDecl()).second)
    return;
  for (const CXXBaseSpecifier &B : RD->bases())
    collectHierarchy(B.getType()->getAsCXXRecordDecl(), Out, Depth + 1);
}

/// True when parameter \p P of a constructor of \p Self could receive a
/// parent that takes ownership of the new object (the GUI parent-ownership
/// idiom, `QLabel(QWidget *parent)`): a pointer, non-const reference or
/// smart pointer to a class of the same hierarchy as \p Self (sharing a
/// base), to a class named in \p ParentTypes, to `void`, or to an
/// incomplete class. A pointer to an unrelated complete class (a file, an
/// options struct) or to a scalar owns nothing.
static bool isParentLikeParam(const ParmVarDecl *P, const CXXRecordDecl *Self,
                              llvm::ArrayRef<std::string> ParentTypes) {
  QualType T = P->getType();
  QualType Pointee;
  QualType Held = T.getNonReferenceType();
  if (isSmartPointer(Held)) {
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(recordOf(Held));
    if (!Spec || Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return true;
    Pointee = Spec->getTemplateArgs()[0].getAsType();
  } else if (T->isPointerType()) {
    Pointee = T->getPointeeType();
  } else if (T->isLValueReferenceType() &&
             !T.getNonReferenceType().isConstQualified()) {
    Pointee = T.getNonReferenceType();
  } else {
    return false;
  }
  Pointee = Pointee.getCanonicalType();
  if (Pointee->isFunctionType())
    return false;
  if (Pointee->isVoidType() || Pointee->isDependentType())
    return true; // Cannot tell what it points to.
  const CXXRecordDecl *PR = Pointee->getAsCXXRecordDecl();
  if (!PR)
    return false; // `int *`, `char *`: a scalar owns nothing.
  if (!PR->hasDefinition() || !Self)
    return true; // An incomplete class: cannot tell.
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> Theirs, Ours;
  collectHierarchy(PR, Theirs);
  for (const CXXRecordDecl *RD : Theirs)
    for (const std::string &Name : ParentTypes)
      if (RD->getQualifiedNameAsString() == Name)
        return true;
  collectHierarchy(Self, Ours);
  for (const CXXRecordDecl *RD : Theirs)
    if (Ours.count(RD))
      return true; // The same class hierarchy.
  return false;
}

/// False when \p Arg is a null pointer (explicit or a defaulted null
/// argument), or a parameter of \p Outer whose argument is known null by
/// \p OuterMaybeNonNull (one flag per parameter of Outer).
static bool maybeNonNull(const Expr *Arg, const FunctionDecl *Outer,
                         llvm::ArrayRef<bool> OuterMaybeNonNull,
                         ASTContext &Ctx) {
  const Expr *E = Arg;
  for (unsigned Steps = 0; E && Steps < 8; ++Steps) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E)) {
      E = DA->getExpr();
      continue;
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (Call->getNumArgs() == 1 &&
          isIdentityFunction(Call->getDirectCallee())) {
        E = Call->getArg(0); // std::forward<P>(parent)
        continue;
      }
    break;
  }
  if (!E)
    return true;
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) ||
      isa<CXXNullPtrLiteralExpr>(E))
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *PV = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      if (Outer && PV->getDeclContext() == Outer &&
          PV->getFunctionScopeIndex() < OuterMaybeNonNull.size())
        return OuterMaybeNonNull[PV->getFunctionScopeIndex()];
  return true;
}

/// The GUI parent-ownership idiom for the construction \p CE of an object
/// of class \p Self: a witness when a constructor whose body is not visible
/// receives a possibly non-null parent (isParentLikeParam), directly or
/// forwarded by visible constructors to their base or delegated
/// constructors (`MyWidget(QWidget *p) : QWidget(p) {}`). \p Outer and
/// \p OuterMaybeNonNull describe the function CE is in, when its arguments
/// are known.
static std::optional<Witness> parentOwnership(
    const CXXConstructExpr *CE, const CXXRecordDecl *Self,
    const FunctionDecl *Outer, llvm::ArrayRef<bool> OuterMaybeNonNull,
    const EscapeAnalyzer::Options &Opts, ASTContext &Ctx, unsigned Depth = 0) {
  const CXXConstructorDecl *Ctor = CE ? CE->getConstructor() : nullptr;
  if (!Ctor || Ctor->isCopyOrMoveConstructor() || Depth > 4)
    return std::nullopt;
  llvm::SmallVector<bool, 4> NonNull;
  for (const Expr *Arg : CE->arguments())
    NonNull.push_back(maybeNonNull(Arg, Outer, OuterMaybeNonNull, Ctx));
  Ctor = effectiveConstructor(Ctor);
  const FunctionDecl *Def = Ctor->getDefinition();
  const auto *CtorDef = dyn_cast_or_null<CXXConstructorDecl>(Def);
  if (!CtorDef || !Def->hasBody()) {
    if (Ctor->isTrivial() || Ctor->isDefaulted())
      return std::nullopt;
    unsigned N = std::min<unsigned>(CE->getNumArgs(), Ctor->getNumParams());
    for (unsigned I = 0; I < N; ++I) {
      const ParmVarDecl *P = Ctor->getParamDecl(I);
      if (!NonNull[I] || !isParentLikeParam(P, Self, Opts.ParentTypes))
        continue;
      Witness W;
      W.Route = EscapeRoute::ParentOwnership;
      W.Site = CE;
      W.Target = Ctor;
      W.Param = P;
      return W;
    }
    return std::nullopt;
  }
  // A visible constructor: what its base and delegated constructors get.
  for (const CXXCtorInitializer *Init : CtorDef->inits()) {
    if (!Init->isBaseInitializer() && !Init->isDelegatingInitializer())
      continue;
    const Expr *IE =
        Init->getInit() ? Init->getInit()->IgnoreImplicit() : nullptr;
    if (const auto *Inner = dyn_cast_or_null<CXXConstructExpr>(IE))
      if (std::optional<Witness> W = parentOwnership(
              Inner, Self, CtorDef, NonNull, Opts, Ctx, Depth + 1)) {
        if (Depth == 0) {
          // Report at the allocation's construction, with the forwarding
          // constructor's witness inside.
          Witness Outer;
          Outer.Route = EscapeRoute::ParentOwnership;
          Outer.Site = CE;
          Outer.Target = W->Target;
          Outer.Param = W->Param;
          Outer.Inner = std::make_shared<Witness>(std::move(*W));
          return Outer;
        }
        return W;
      }
  }
  return std::nullopt;
}

std::optional<Witness> EscapeAnalyzer::findEscape(const AllocationSite &Site) {
  Memoized::Impl &M = *Cache.State;
  auto Found = M.Results.find(Site.Alloc);
  if (Found != M.Results.end())
    return Found->second;
  M.Results[Site.Alloc] = std::nullopt; // Assume no escape while computing.

  std::optional<Witness> Result;
  OwnerFacts Facts;
  Facts.Owner = Site.Owner;
  const CXXRecordDecl *Class = Site.AllocatedType->getAsCXXRecordDecl();
  if (Class)
    Class = Class->getDefinition();

  // 1. The object's own constructor and destructor.
  if (Class && !Site.ArrayLength) {
    const CXXConstructExpr *CE = constructionOf(Site);
    const CXXConstructorDecl *Ctor = CE ? CE->getConstructor() : nullptr;
    if (Ctor && !Ctor->isCopyOrMoveConstructor()) {
      // make_unique/make_shared construct from their forwarded parameters:
      // map those back to the arguments of the allocation call.
      const FunctionDecl *Outer = nullptr;
      llvm::SmallVector<bool, 4> OuterNonNull;
      if (const auto *Call = dyn_cast<CallExpr>(Site.Alloc)) {
        if (const FunctionDecl *Callee = Call->getDirectCallee())
          Outer = Callee->getDefinition();
        for (const Expr *Arg : Call->arguments())
          OuterNonNull.push_back(maybeNonNull(Arg, nullptr, {}, Ctx));
      }
      Result = parentOwnership(CE, Class, Outer, OuterNonNull, Opts, Ctx);
      Ctor = effectiveConstructor(Ctor);
      const FunctionDecl *Def = Ctor->getDefinition();
      bool Visible = Def && Def->hasBody();
      if (!Result && !Visible && !Ctor->isTrivial() && !Ctor->isDefaulted() &&
          !isLibrary(Ctor))
        Facts.Assumptions.push_back(
            {Site.Alloc, Ctor}); // It could register `this`.
      if (!Result && Visible &&
          !Ctx.getSourceManager().isInSystemHeader(Def->getLocation())) {
        ParamSummary S = summarizeParam(*Def, -1);
        if (S.Assumed)
          Facts.Assumptions.push_back({Site.Alloc, Def});
        if (S.Kind == ParamEscape::Escapes) {
          Witness W;
          W.Route = EscapeRoute::ThisEscapes;
          W.Site = CE;
          W.Target = Def;
          W.Inner = S.Why;
          Result = W;
        }
      }
    } else if (!Ctor && Site.Kind != AllocKind::Malloc &&
               Site.Kind != AllocKind::Calloc && !Class->isAggregate() &&
               !Class->hasTrivialDefaultConstructor() &&
               (Site.Kind == AllocKind::MakeShared ||
                Site.Kind == AllocKind::AllocateShared ||
                Site.Kind == AllocKind::MakeUnique)) {
      // The factory's construction was not found: be conservative about
      // constructors that could register the object elsewhere.
      const auto *Call = cast<CallExpr>(Site.Alloc);
      for (const CXXConstructorDecl *C : Class->ctors()) {
        if (C->isCopyOrMoveConstructor() || C->hasBody() ||
            C->getNumParams() != Call->getNumArgs())
          continue;
        for (const ParmVarDecl *P : C->parameters())
          if (isParentLikeParam(P, Class, Opts.ParentTypes) && !Result) {
            Witness W;
            W.Route = EscapeRoute::ParentOwnership;
            W.Site = Site.Alloc;
            W.Target = C;
            W.Param = P;
            Result = W;
          }
      }
    }
    if (!Result)
      if (const CXXDestructorDecl *Dtor = Class->getDestructor())
        if (!Dtor->isTrivial() && !Dtor->getDefinition() && !isLibrary(Dtor))
          Facts.Assumptions.push_back({Site.Alloc, Dtor}); // Opaque.
    if (!Result)
      if (const CXXDestructorDecl *Dtor = Class->getDestructor())
        if (const FunctionDecl *Def = Dtor->getDefinition())
          if (Def->hasBody() &&
              !Ctx.getSourceManager().isInSystemHeader(Def->getLocation())) {
            ParamSummary S = summarizeParam(*Def, -1);
            if (S.Assumed)
              Facts.Assumptions.push_back({Site.Alloc, Def});
            if (S.Kind == ParamEscape::Escapes) {
              Witness W;
              W.Route = EscapeRoute::ThisEscapes;
              W.Site = Site.Alloc;
              W.Target = Def;
              W.Inner = S.Why;
              Result = W;
            }
          }
  }

  // 2. Where the pointer goes.
  if (!Result && Site.Scope && Site.Scope->hasBody()) {
    FlowWalker Walker(Ctx, *this, M, Opts, *Site.Scope,
                      /*SummaryMode=*/false);
    Walker.FactsOwner = Site.Owner;
    Walker.Facts = &Facts;
    Walker.OwnerBinding = Site.OwnerBinding;
    Walker.DynamicClass = Class;
    Result = Walker.flowExpr(Site.Alloc, Carrier::Ptr, {});
    Facts.Assumptions.append(Walker.Assumptions.begin(),
                             Walker.Assumptions.end());
  }
  M.Results[Site.Alloc] = Result;
  M.Facts[Site.Alloc] = std::move(Facts);
  return Result;
}

std::optional<Witness>
EscapeAnalyzer::findEscapeBesidesReturn(const AllocationSite &Site,
                                        bool &LeaksToResult) {
  LeaksToResult = false;
  std::optional<Witness> W = findEscape(Site);
  if (!W)
    return std::nullopt;
  if (W->Route != EscapeRoute::Returned || !Site.Scope ||
      !Site.Scope->hasBody())
    return W;
  const CXXRecordDecl *Class = Site.AllocatedType->getAsCXXRecordDecl();
  FlowWalker Walker(Ctx, *this, *Cache.State, Opts, *Site.Scope,
                    /*SummaryMode=*/true);
  Walker.DynamicClass = Class ? Class->getDefinition() : nullptr;
  std::optional<Witness> Other = Walker.flowExpr(Site.Alloc, Carrier::Ptr, {});
  LeaksToResult = Walker.LeaksToResult;
  return Other;
}

OwnerFacts EscapeAnalyzer::ownerFacts(const AllocationSite &Site) {
  Memoized::Impl &M = *Cache.State;
  if (!M.Facts.count(Site.Alloc))
    findEscape(Site);
  return M.Facts.lookup(Site.Alloc);
}

} // namespace clang::escape
