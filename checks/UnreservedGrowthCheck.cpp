//===--- UnreservedGrowthCheck.cpp - escape-tidy --------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "UnreservedGrowthCheck.h"
#include "escape/Capacity.h"
#include "escape/SmallBuffer.h"
#include "escape/StatementContext.h"
#include "escape/TripCount.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Regex.h"
#include <algorithm>
#include <functional>
#include <limits>

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

using clang::escape::AlgorithmGrowth;
using clang::escape::ContainerRef;
using clang::escape::Coverage;
using clang::escape::StatementContext;
using clang::escape::TripCount;

// Matcher names. Given the code:
//
// \code
//   void f(const std::vector<int> &in) {
//     std::vector<int> out;
//     for (int x : in)
//       out.push_back(x);
//     auto l = [&] { ... };
//   }
// \endcode
//
//   - FunctionName: `f` (as FunctionDecl); every function with a body outside
//     system headers, template instantiations included.
//   - LambdaName: the lambda expression (its call operator is analyzed like a
//     function).
//
// The growth calls, loops and containers are found by walking the body: the
// findings of one container in one loop nest are reported together, with one
// fix-it whose reserve covers all of them.
static constexpr char FunctionName[] = "function";
static constexpr char LambdaName[] = "lambda";

/// The standard containers that have `reserve`. Node-based containers (map,
/// set, list, deque) do not and are never reported.
static const char *const StandardReservable[] = {
    "std::vector",        "std::basic_string",       "std::unordered_map",
    "std::unordered_set", "std::unordered_multimap", "std::unordered_multiset"};

UnreservedGrowthCheck::UnreservedGrowthCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context), OwnName(Name.str()),
      ReservableContainersValue(Reader.get("ReservableContainers", "")),
      FlagConditionalGrowth(Reader.getBool("FlagConditionalGrowth", false)) {
  for (const char *N : StandardReservable)
    ReservableContainers.push_back(std::string("::") + N);
  llvm::Regex QualifiedName(
      "^(::)?[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$");
  for (const std::string &Item :
       clang::escape::compat::parseList(ReservableContainersValue)) {
    if (!QualifiedName.match(Item)) {
      Reader.Errors.push_back(
          "invalid class name '" + Item + "' in option '" + Name.str() +
          ".ReservableContainers'; expected a qualified name without "
          "template arguments, such as 'absl::flat_hash_map'");
      continue;
    }
    ReservableContainers.push_back(Item);
  }
}

void UnreservedGrowthCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReservableContainers", ReservableContainersValue);
  Options.store(Opts, "FlagConditionalGrowth",
                FlagConditionalGrowth ? "true" : "false");
}

void UnreservedGrowthCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind(FunctionName),
                     this);
  Finder->addMatcher(
      lambdaExpr(unless(isExpansionInSystemHeader())).bind(LambdaName), this);
}

//===----------------------------------------------------------------------===//
// Container classes
//===----------------------------------------------------------------------===//

/// `a::b::C` for \p ND, leaving out inline namespaces (libc++'s `__1`,
/// libstdc++'s `__cxx11`) and anonymous namespaces.
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

/// True when option item \p Item names the class \p QualifiedName: like
/// clang's hasName, `b::C` also matches `a::b::C`, and `::b::C` only
/// `b::C`.
static bool namesClass(StringRef Item, StringRef QualifiedName) {
  if (Item.consume_front("::"))
    return Item == QualifiedName;
  return QualifiedName == Item ||
         (QualifiedName.size() > Item.size() + 2 &&
          clang::escape::compat::endsWith(QualifiedName, Item) &&
          clang::escape::compat::endsWith(QualifiedName.drop_back(Item.size()),
                                          "::"));
}

/// The class among \p Names that \p RD is or derives from publicly.
static std::optional<std::string>
reservableBase(const CXXRecordDecl *RD, llvm::ArrayRef<std::string> Names,
               unsigned Depth = 0) {
  if (!RD || Depth > 16)
    return std::nullopt;
  std::string QN = qualifiedName(*RD);
  for (const std::string &N : Names)
    if (namesClass(N, QN))
      return N;
  if (!RD->hasDefinition())
    return std::nullopt;
  for (const CXXBaseSpecifier &B : RD->getDefinition()->bases()) {
    if (B.getAccessSpecifier() != AS_public)
      continue;
    if (auto Found =
            reservableBase(B.getType()->getAsCXXRecordDecl(), Names, Depth + 1))
      return Found;
  }
  return std::nullopt;
}

static bool declaresMappedType(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return false;
  RD = RD->getDefinition();
  if (!RD->lookup(&RD->getASTContext().Idents.get("mapped_type")).empty())
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (declaresMappedType(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

/// True when \p RD or one of its bases declares a member named `reserve`.
static bool hasReserveMember(const CXXRecordDecl *RD, unsigned Depth = 0) {
  if (!RD || Depth > 16)
    return false;
  RD = RD->getDefinition();
  if (!RD)
    return false;
  if (!RD->lookup(&RD->getASTContext().Idents.get("reserve")).empty())
    return true;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (hasReserveMember(B.getType()->getAsCXXRecordDecl(), Depth + 1))
      return true;
  return false;
}

UnreservedGrowthCheck::ContainerKind
UnreservedGrowthCheck::containerKind(QualType ObjectType) const {
  ObjectType = ObjectType.getNonReferenceType();
  if (ObjectType->isDependentType())
    return ContainerKind::NotReservable;
  const CXXRecordDecl *RD = ObjectType->getAsCXXRecordDecl();
  std::optional<std::string> Base = reservableBase(RD, ReservableContainers);
  if (!Base)
    return ContainerKind::NotReservable;
  // A configured class must have `reserve`, or the suggestion would not
  // compile: a configuration error, once per class.
  if (RD && RD->hasDefinition() && !hasReserveMember(RD->getDefinition())) {
    if (NamedWithoutReserve.insert(*Base).second)
      configurationDiag("class '%0' named in option '%1.ReservableContainers' "
                        "has no member function 'reserve'; it is ignored",
                        DiagnosticIDs::Error)
          << *Base << OwnName;
    return ContainerKind::NotReservable;
  }
  if (reservableBase(RD, {std::string("::std::basic_string")}))
    return ContainerKind::String;
  return declaresMappedType(RD) ? ContainerKind::Map : ContainerKind::Sequence;
}

//===----------------------------------------------------------------------===//
// Growth calls
//===----------------------------------------------------------------------===//

namespace {

/// One call that adds an element to a container.
struct GrowthSite {
  const Expr *Call = nullptr;   ///< The growth call or the inserter call.
  SourceLocation Loc;           ///< Where the warning goes.
  const Expr *Object = nullptr; ///< The container as written.
  ContainerRef Container;
  std::string Op;                        ///< `push_back`, `operator[]`, ...
  const CallExpr *Algorithm = nullptr;   ///< For inserter growth.
  std::optional<AlgorithmGrowth> Growth; ///< For inserter growth.
};

/// Collects the growth calls of one body; lambdas and local classes are
/// analyzed on their own.
class SiteCollector : public RecursiveASTVisitor<SiteCollector> {
public:
  SiteCollector(
      ASTContext &Ctx,
      std::function<UnreservedGrowthCheck::ContainerKind(QualType)> Kind)
      : Ctx(Ctx), Kind(std::move(Kind)) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseLambdaExpr(LambdaExpr *LE) {
    for (Expr *Init : LE->capture_inits())
      if (Init)
        TraverseStmt(Init);
    return true;
  }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool TraverseFunctionDecl(FunctionDecl *) { return true; }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *MC) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens());
    if (!MD || !ME || ME->isArrow() || !MD->getIdentifier())
      return true;
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (!Obj)
      return true;
    auto K = Kind(Obj->IgnoreParenImpCasts()->getType());
    if (!isGrowth(K, *MD, *MC))
      return true;
    add(MC, ME->getMemberLoc(), Obj, MD->getName().str());
    return true;
  }

  /// `m[k] = v` on a map: index building, one new key per assignment.
  /// Other uses of `m[k]` (`++m[k]`, `m[k] += v`, `m[k].push_back(x)`)
  /// aggregate into keys that repeat by design, and are not counted.
  void addMapAssignment(const Expr *LHS) {
    const auto *Sub = dyn_cast<CXXOperatorCallExpr>(LHS->IgnoreParenImpCasts());
    if (!Sub || Sub->getOperator() != OO_Subscript || Sub->getNumArgs() < 2)
      return;
    const Expr *Obj = Sub->getArg(0);
    if (Kind(Obj->IgnoreParenImpCasts()->getType()) ==
        UnreservedGrowthCheck::ContainerKind::Map)
      add(Sub, Obj->getBeginLoc(), Obj, "operator[]");
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      addMapAssignment(BO->getLHS());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
    if (OC->getNumArgs() < 2)
      return true;
    if (OC->getOperator() == OO_Equal)
      addMapAssignment(OC->getArg(0));
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
    if (!MD)
      return true;
    const Expr *Obj = OC->getArg(0);
    auto K = Kind(Obj->IgnoreParenImpCasts()->getType());
    using CK = UnreservedGrowthCheck::ContainerKind;
    if (OC->getOperator() == OO_PlusEqual && K == CK::String &&
        MD->getNumParams() == 1 &&
        MD->getParamDecl(0)
            ->getType()
            .getNonReferenceType()
            ->isAnyCharacterType()) {
      add(OC, OC->getOperatorLoc(), Obj, "operator+=");
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (isa<CXXMemberCallExpr, CXXOperatorCallExpr>(CE))
      return true;
    std::optional<AlgorithmGrowth> G =
        clang::escape::findAlgorithmGrowth(*CE, Ctx);
    if (!G)
      return true;
    if (Kind(G->Container->getType()) ==
        UnreservedGrowthCheck::ContainerKind::NotReservable)
      return true;
    std::optional<ContainerRef> C = ContainerRef::fromExpr(*G->Container);
    if (!C)
      return true;
    GrowthSite S;
    S.Call = G->Inserter;
    S.Loc = G->Inserter->getBeginLoc();
    S.Object = G->Container;
    S.Container = *C;
    S.Op = G->InserterName;
    S.Algorithm = CE;
    S.Growth = std::move(G);
    Sites.push_back(std::move(S));
    return true;
  }

  std::vector<GrowthSite> Sites;

private:
  /// True when \p MD called as \p MC adds exactly one element.
  static bool isGrowth(UnreservedGrowthCheck::ContainerKind K,
                       const CXXMethodDecl &MD, const CXXMemberCallExpr &MC) {
    using CK = UnreservedGrowthCheck::ContainerKind;
    StringRef Name = MD.getName();
    if (K == CK::NotReservable)
      return false;
    if (K == CK::String) {
      if (Name == "push_back")
        return true;
      // append(1, c)
      if (Name == "append" && MC.getNumArgs() == 2 && MD.getNumParams() == 2 &&
          MD.getParamDecl(1)->getType()->isAnyCharacterType()) {
        Expr::EvalResult R;
        return MC.getArg(0)->EvaluateAsInt(R, MD.getASTContext()) &&
               R.Val.getInt() == 1;
      }
      return false;
    }
    if (Name == "push_back" || Name == "emplace_back" || Name == "emplace" ||
        Name == "emplace_hint" || Name == "try_emplace" ||
        Name == "insert_or_assign")
      return true;
    if (Name != "insert")
      return false;
    // One element: insert(value), insert(hint, value); not insert(first,
    // last), insert(pos, n, value) or an initializer list.
    auto IsList = [](QualType T) {
      const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
      return RD && RD->getName() == "initializer_list";
    };
    unsigned N = MD.getNumParams();
    if (N == 1)
      return !IsList(MD.getParamDecl(0)->getType());
    if (N == 2) {
      QualType A = MD.getParamDecl(0)->getType().getNonReferenceType();
      QualType B = MD.getParamDecl(1)->getType().getNonReferenceType();
      return !IsList(B) && !A->isIntegerType() &&
             A.getCanonicalType().getUnqualifiedType() !=
                 B.getCanonicalType().getUnqualifiedType();
    }
    return false;
  }

  void add(const Expr *Call, SourceLocation Loc, const Expr *Obj,
           std::string Op) {
    std::optional<ContainerRef> C = ContainerRef::fromExpr(*Obj);
    if (!C)
      return;
    GrowthSite S;
    S.Call = Call;
    S.Loc = Loc;
    S.Object = Obj->IgnoreParenImpCasts();
    S.Container = *C;
    S.Op = std::move(Op);
    Sites.push_back(std::move(S));
  }

  ASTContext &Ctx;
  std::function<UnreservedGrowthCheck::ContainerKind(QualType)> Kind;
};

/// One loop level of a growth site, innermost first.
struct Level {
  const Stmt *Loop;
  TripCount Count;
  Coverage Cov;
};

/// A growth site with its loop nest, ready to report.
struct Finding {
  const GrowthSite *Site;
  llvm::SmallVector<Level, 2> Levels; ///< Innermost first.
  const Stmt *Outermost;
  bool UpperBound; ///< Conditional growth or a loop that may exit early.
  /// Reported only with FlagConditionalGrowth: conditional growth, or a loop
  /// that a `break` or `goto` may leave (a `return` on an error path does
  /// not make the growth optional).
  bool NeedsFlag;
  std::string Count;
  bool FixSafe;        ///< Side-effect free, never negative, names only
                       ///< what is declared before the loop.
  bool SideEffectFree; ///< The count can be evaluated once more.
  bool MayBeNegative;  ///< The count is a difference (`n - 1`).
};

} // namespace

static std::optional<std::string> spelled(const Expr &E, ASTContext &Ctx) {
  return clang::escape::spelledText(E, Ctx);
}

/// True when \p S contains a `break` or `goto` that may leave \p Loop (a
/// `break` of an inner loop or switch does not).
static bool hasBreakOrGoto(const Stmt *S, const Stmt *Loop, bool Nested) {
  if (!S)
    return false;
  if (isa<GotoStmt, IndirectGotoStmt>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !Nested;
  if (isa<LambdaExpr, BlockExpr>(S))
    return false;
  bool Inner =
      Nested ||
      (S != Loop && (clang::escape::isLoopStmt(*S) || isa<SwitchStmt>(S)));
  for (const Stmt *Child : S->children())
    if (hasBreakOrGoto(Child, Loop, Inner))
      return true;
  return false;
}

/// The loop nest of \p S up to the scope of its container; std::nullopt when
/// the growth is not in a loop or some level has no known trip count.
static std::optional<Finding> analyzeSite(const GrowthSite &S,
                                          ASTContext &Ctx) {
  Finding F;
  F.Site = &S;
  const Stmt *Child = S.Call;
  if (S.Algorithm) {
    F.Levels.push_back(
        {S.Algorithm, S.Growth->Count, Coverage::EveryIteration});
    Child = S.Algorithm;
  }
  const Decl *Local =
      S.Container.mayBeNonEmptyOnEntry() ? nullptr : S.Container.Decl;
  for (const Stmt *L = clang::escape::enclosingLoop(*Child, Ctx); L;
       L = clang::escape::enclosingLoop(*L, Ctx)) {
    // A container declared inside the loop starts anew on each iteration.
    if (Local && clang::escape::isDeclaredInside(*Local, *L, Ctx))
      break;
    std::optional<TripCount> TC = clang::escape::findTripCount(*L, Ctx);
    if (!TC)
      return std::nullopt;
    F.Levels.push_back(
        {L, std::move(*TC), clang::escape::coverage(*Child, *L, Ctx)});
    Child = L;
  }
  if (F.Levels.empty())
    return std::nullopt;
  F.Outermost = F.Levels.back().Loop;
  F.UpperBound = false;
  F.NeedsFlag = false;
  F.FixSafe = true;
  F.SideEffectFree = true;
  F.MayBeNegative = false;
  std::vector<std::string> Factors;
  for (auto It = F.Levels.rbegin(); It != F.Levels.rend(); ++It) {
    if (It->Cov == Coverage::AfterEarlyExit)
      return std::nullopt;
    if (It->Cov == Coverage::Conditional || It->Count.MayExitEarly)
      F.UpperBound = true;
    if (It->Cov == Coverage::Conditional ||
        (It->Count.MayExitEarly &&
         (It->Count.Kind == clang::escape::LoopKind::Algorithm ||
          hasBreakOrGoto(It->Loop, It->Loop, false))))
      F.NeedsFlag = true;
    if (It->Loop != F.Outermost &&
        !clang::escape::isInvariantIn(It->Count, *F.Outermost, Ctx))
      return std::nullopt;
    // A negative bound (`int n`) runs the loop zero times but makes
    // reserve() throw std::length_error: no fix-it. So does a range declared
    // in the loop's init-statement (`for (auto v = make(); int x : v)`): the
    // reserve before the loop would name it before its declaration.
    const auto *Range = dyn_cast<CXXForRangeStmt>(It->Loop);
    F.FixSafe = F.FixSafe && It->Count.SideEffectFree &&
                !It->Count.MayBeNegative && !It->Count.SignedBound &&
                !(Range && Range->getInit());
    F.SideEffectFree = F.SideEffectFree && It->Count.SideEffectFree;
    F.MayBeNegative = F.MayBeNegative || It->Count.MayBeNegative;
    Factors.push_back(It->Count.Text);
  }
  F.Count = clang::escape::productText(Factors);
  // Constant counts multiply with overflow checks: a product beyond 64 bits
  // is more than any container holds (no finding), and one beyond int is
  // spelled as one literal, since `65536 * 65536` overflows int in the
  // suggested reserve.
  if (Factors.size() > 1 && llvm::all_of(F.Levels, [](const Level &L) {
        return L.Count.Constant.has_value();
      })) {
    uint64_t Product = 1;
    for (const Level &L : F.Levels) {
      bool Overflow = false;
      Product = llvm::SaturatingMultiply<uint64_t>(Product, *L.Count.Constant,
                                                   &Overflow);
      if (Overflow)
        return std::nullopt;
    }
    if (Product > uint64_t(std::numeric_limits<int64_t>::max()))
      F.Count = std::to_string(Product) + "ULL"; // No signed type holds it.
    else if (Product > uint64_t(std::numeric_limits<int>::max()))
      F.Count = std::to_string(Product);
  }
  return F;
}

/// The statement before which the reserve goes: the outermost loop, or the
/// statement holding an algorithm call; null when it is not directly in a
/// compound statement (inserting there would change the control flow).
static const Stmt *insertionPoint(const Stmt &Outermost, ASTContext &Ctx) {
  const Stmt *S = &Outermost;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    auto Parents = StatementContext::get(Ctx).parents(*S);
    if (Parents.empty())
      return nullptr;
    if (Parents[0].get<CompoundStmt>())
      return S;
    // Only an algorithm call may climb to its full statement.
    if (clang::escape::isLoopStmt(Outermost))
      return nullptr;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P) {
      // A variable initialized by the call: climb to its DeclStmt.
      const auto *VD = Parents[0].get<VarDecl>();
      if (!VD)
        return nullptr;
      auto VP = StatementContext::get(Ctx).parents(*VD);
      if (VP.empty() || !(P = VP[0].get<DeclStmt>()))
        return nullptr;
    }
    if (isa<CompoundStmt>(P) || clang::escape::isLoopStmt(*P) ||
        isa<IfStmt, SwitchStmt, LambdaExpr>(P))
      return nullptr;
    S = P;
  }
  return nullptr;
}

/// \p Text without one pair of parentheses around all of it: `(n + 1)`
/// becomes `n + 1`, `(a) * (b)` stays.
static std::string withoutOuterParens(StringRef Text) {
  if (Text.size() < 2 || Text.front() != '(' || Text.back() != ')')
    return Text.str();
  int Depth = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    Depth += Text[I] == '(' ? 1 : Text[I] == ')' ? -1 : 0;
    if (Depth == 0 && I + 1 < Text.size())
      return Text.str();
    if (Depth == 1 && Text[I] == ',')
      return Text.str(); // `(a, b)` must stay one argument.
  }
  return Text.substr(1, Text.size() - 2).str();
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

/// True when a mention of \p C inside \p Region grows it (ContainerUse::Grow)
/// but is none of the growth calls \p Group that the check counts: `s += part`
/// beside `s += ','`, `++m[k]`, a range insert. The per-iteration growth is
/// then not the counted number of elements.
static bool hasUncountedGrowth(const ContainerRef &C, const Stmt &Region,
                               llvm::ArrayRef<const GrowthSite *> Group,
                               ASTContext &Ctx) {
  llvm::SmallVector<const Stmt *, 32> Work{&Region};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
    const auto *E = dyn_cast<Expr>(S);
    if (!E || !(isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) || !C.isNamedBy(*E))
      continue;
    if (clang::escape::classifyUse(*E, Ctx) !=
        clang::escape::ContainerUse::Grow)
      continue;
    bool Counted = false;
    for (const GrowthSite *G : Group)
      Counted = Counted ||
                G->Object->IgnoreParenImpCasts() == E->IgnoreParenImpCasts();
    if (!Counted)
      return true;
  }
  return false;
}

/// The size in bytes of the characters of the string class \p T (1 when it
/// cannot be told).
static unsigned charBytesOf(QualType T, ASTContext &Ctx) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  for (; Spec; Spec = nullptr) {
    if (Spec->getTemplateArgs().size() == 0 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      break;
    QualType CharT = Spec->getTemplateArgs()[0].getAsType();
    if (CharT->isIncompleteType() || CharT->isDependentType())
      break;
    return static_cast<unsigned>(Ctx.getTypeSizeInChars(CharT).getQuantity());
  }
  return 1;
}

void UnreservedGrowthCheck::registerPPCallbacks(const SourceManager &,
                                                Preprocessor *PP,
                                                Preprocessor *) {
  this->PP = PP;
}

void UnreservedGrowthCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const FunctionDecl *F = Result.Nodes.getNodeAs<FunctionDecl>(FunctionName);
  if (const auto *LE = Result.Nodes.getNodeAs<LambdaExpr>(LambdaName))
    F = LE->getCallOperator();
  if (!F || !F->hasBody() || F->isTemplated() || !Processed.insert(F).second)
    return;
  checkFunction(*F, Ctx);
}

void UnreservedGrowthCheck::checkFunction(const FunctionDecl &F,
                                          ASTContext &Ctx) {
  SiteCollector Collector(Ctx, [this](QualType T) { return containerKind(T); });
  Collector.TraverseStmt(const_cast<Stmt *>(F.getBody()));
  if (Collector.Sites.empty())
    return;
  const SourceManager &SM = Ctx.getSourceManager();

  // Group the sites by container and outermost loop, in source order.
  std::vector<Finding> Findings;
  for (const GrowthSite &S : Collector.Sites)
    if (std::optional<Finding> Fd = analyzeSite(S, Ctx))
      Findings.push_back(std::move(*Fd));
  std::stable_sort(Findings.begin(), Findings.end(),
                   [&](const Finding &A, const Finding &B) {
                     return SM.isBeforeInTranslationUnit(A.Site->Loc,
                                                         B.Site->Loc);
                   });

  clang::escape::CapacityAnalyzer Capacity(F, Ctx);
  /// A group of findings of one container and loop nest, to be reported.
  struct PendingReport {
    std::vector<const Finding *> Group;
    std::string Name;
    std::string Reserve;
    bool SideEffectFree;
    bool MayBeNegative;
    const Stmt *Insert; ///< Where the fix-it goes; null for none.
  };
  std::vector<PendingReport> Pending;
  std::vector<bool> Done(Findings.size(), false);
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (Done[I])
      continue;
    const ContainerRef &C = Findings[I].Site->Container;
    const Stmt *Outermost = Findings[I].Outermost;
    std::vector<const Finding *> Group;
    for (size_t J = I; J < Findings.size(); ++J) {
      if (Done[J] || !(Findings[J].Site->Container == C) ||
          Findings[J].Outermost != Outermost)
        continue;
      Done[J] = true;
      if (!Findings[J].NeedsFlag || FlagConditionalGrowth)
        Group.push_back(&Findings[J]);
    }
    if (Group.empty() ||
        Reported.count(Group.front()->Site->Loc.getRawEncoding()))
      continue;

    // Capacity established before the loop, or managed inside it.
    std::optional<clang::escape::CapacityFact> Fact =
        Capacity.before(C, *Outermost);
    if (!Fact || Fact->EstablishedOnEveryPath)
      continue;
    if (clang::escape::findSizingUseIn(C, *Outermost, Ctx))
      continue;
    // A container cleared and refilled keeps the capacity of its earlier
    // contents: the reserve would be a no-op.
    if (Fact->MayKeepCapacity)
      continue;
    // A member or a container passed by reference outlives the call and may
    // already hold elements: an exact `reserve(size() + n)` in a helper that
    // is called again and again turns amortized growth into a reallocation
    // per call, and a count-based reserve is a guess.
    bool OutlivesCall =
        C.ThroughThis ||
        (isa<ParmVarDecl>(C.Decl) && C.Decl->getType()->isReferenceType()) ||
        !clang::escape::isLocalTo(*C.Decl, F); // Captured by a lambda.
    if (Fact->MayBeNonEmpty && OutlivesCall)
      continue;
    std::vector<const GrowthSite *> CountedSites;
    for (const GrowthSite &S : Collector.Sites)
      if (S.Container == C)
        CountedSites.push_back(&S);
    if (hasUncountedGrowth(C, *Outermost, CountedSites, Ctx))
      continue;
    // A string allocates only once it outgrows its small-string buffer
    // (15 chars in libstdc++, 22 in libc++: SmallBuffer.h). Reported only
    // when the characters added are known to exceed it: a constant count
    // above the buffer, or more than 2^20. With a run-time count the string
    // may stay in its buffer on the program's data (issue 13, kind C), and
    // a check that is unsure stays silent.
    if (containerKind(C.Decl->getType()) == ContainerKind::String) {
      enum { Known, Unknown, TooMany } Extent = Known;
      uint64_t Chars = 0;
      for (const Finding *Fd : Group) {
        uint64_t Product = 1;
        bool Overflow = false;
        bool Constant = true;
        for (const Level &L : Fd->Levels) {
          if (!L.Count.Constant) {
            Constant = false;
            break;
          }
          Product = llvm::SaturatingMultiply<uint64_t>(
              Product, *L.Count.Constant, &Overflow);
        }
        if (!Constant) {
          Extent = Unknown; // Another site of the group may be too many.
          continue;
        }
        Chars = llvm::SaturatingAdd<uint64_t>(Chars, Product, &Overflow);
        if (Overflow || Chars > (1u << 20)) {
          Extent = TooMany;
          break;
        }
      }
      if (Extent == Unknown)
        continue;
      if (!LibraryDetected && PP) {
        DetectedLibrary = clang::escape::detectStdLib(
            [this](StringRef Macro) { return PP->isMacroDefined(Macro); });
        LibraryDetected = true;
      }
      if (Extent == Known &&
          Chars <= clang::escape::stringInlineCapacity(
                       DetectedLibrary, charBytesOf(C.Decl->getType(), Ctx)))
        continue;
    }

    const GrowthSite &First = *Group.front()->Site;
    std::optional<std::string> Spelled = spelled(*First.Object, Ctx);
    std::string Name = Spelled.value_or(C.Decl->getNameAsString());
    std::vector<std::string> Counts;
    bool FixSafe = true;
    bool SideEffectFree = true;
    bool MayBeNegative = false;
    for (const Finding *Fd : Group) {
      MayBeNegative = MayBeNegative || Fd->MayBeNegative;
      Counts.push_back(Fd->Count);
      FixSafe = FixSafe && Fd->FixSafe;
      SideEffectFree = SideEffectFree && Fd->SideEffectFree;
    }
    std::string Total = clang::escape::sumText(Counts);
    std::string Reserve = Name + ".reserve(" +
                          (Fact->MayBeNonEmpty ? Name + ".size() + " + Total
                                               : withoutOuterParens(Total)) +
                          ")";

    const Stmt *Insert = insertionPoint(*Outermost, Ctx);
    // Never inside a macro: the loop (or statement) must start in the file,
    // and the container must be spelled there too.
    // A container whose type is a template parameter (`C &c`): the fix-it
    // would edit the template, whose other instantiations (a std::deque)
    // may have no reserve.
    bool InInstantiation = F.getTemplateInstantiationPattern() != nullptr ||
                           isa<ClassTemplateSpecializationDecl>(F.getParent());
    bool DependentContainer =
        InInstantiation && C.Decl &&
        C.Decl->getType()
                .getNonReferenceType()
                ->getAs<SubstTemplateTypeParmType>() != nullptr;
    bool Fixable = FixSafe && Spelled && Insert &&
                   Insert->getBeginLoc().isFileID() && !DependentContainer;
    Pending.push_back({std::move(Group), Name, Reserve, SideEffectFree,
                       MayBeNegative, Fixable ? Insert : nullptr});
  }

  // Reserves that go before the same statement form one fix-it, on the
  // first finding there: separate insertions at one offset would depend on
  // the order clang-tidy applies them in.
  llvm::DenseMap<const Stmt *, std::string> TextAt;
  for (const PendingReport &P : Pending)
    if (P.Insert) {
      std::optional<std::string> Indent =
          indentationAt(P.Insert->getBeginLoc(), SM);
      TextAt[P.Insert] +=
          P.Reserve + ";" + (Indent ? "\n" + *Indent : std::string(" "));
    }
  llvm::DenseSet<const Stmt *> Fixed;
  for (const PendingReport &P : Pending) {
    std::optional<FixItHint> Fix;
    if (P.Insert && Fixed.insert(P.Insert).second)
      Fix =
          FixItHint::CreateInsertion(P.Insert->getBeginLoc(), TextAt[P.Insert]);
    for (const Finding *Fd : P.Group) {
      const GrowthSite &S = *Fd->Site;
      Reported.insert(S.Loc.getRawEncoding());
      {
        // A count with side effects must not be evaluated twice: the
        // message does not suggest spelling it again.
        auto D = diag(S.Loc,
                      "'%0' grows by '%1' on %select{each of|up to}2 "
                      "'%3' iterations without reserve; consider %select{'%4'|"
                      "reserving capacity before the loop, with the count "
                      "evaluated once|'%4' where the count cannot be negative "
                      "(a negative count makes 'reserve' throw)}5")
                 << P.Name << S.Op << (Fd->UpperBound ? 1 : 0) << Fd->Count
                 << P.Reserve
                 << (!P.SideEffectFree ? 1
                     : P.MayBeNegative ? 2
                                       : 0);
        if (Fd == P.Group.front() && Fix)
          D << *Fix;
      }
      for (auto It = Fd->Levels.rbegin(); It != Fd->Levels.rend(); ++It) {
        if (It->Count.Kind == clang::escape::LoopKind::Algorithm)
          diag(It->Loop->getBeginLoc(), "'%0' writes '%1' elements",
               DiagnosticIDs::Note)
              << S.Growth->AlgorithmName << It->Count.Text;
        else
          diag(It->Loop->getBeginLoc(),
               "loop runs %select{|at most }0'%1' times", DiagnosticIDs::Note)
              << (It->Count.MayExitEarly ? 1 : 0) << It->Count.Text;
      }
    }
  }
}

} // namespace clang::tidy::escape
