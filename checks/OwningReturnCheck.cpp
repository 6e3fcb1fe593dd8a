//===--- OwningReturnCheck.cpp - escape-tidy ------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwningReturnCheck.h"
#include "OwnerFixes.h"
#include "escape/Compat.h"
#include "escape/FrameFacts.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;
using clang::escape::AllocationSite;
using clang::escape::EscapeAnalyzer;
using clang::escape::StatementContext;
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
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)),
      ParentTypes(Reader.getQualifiedNames("ParentTypes", "QObject")),
      PublicFunctions(Reader.getBool("PublicFunctions", false)) {}

void OwningReturnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxReturnSize", std::to_string(MaxReturnSize));
  Options.store(Opts, "FixSignatures", FixSignatures ? "true" : "false");
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
  Options.store(Opts, "ParentTypes", llvm::join(ParentTypes, ";"));
  Options.store(Opts, "PublicFunctions", PublicFunctions ? "true" : "false");
}

/// True when code in another translation unit can call \p F without
/// declaring it itself: it has external linkage and some declaration of it
/// is outside the main file (in a header). Its callers are then not all
/// visible here.
static bool callableFromOtherTUs(const FunctionDecl &F,
                                 const SourceManager &SM) {
  if (!F.isExternallyVisible())
    return false;
  for (const FunctionDecl *D : F.redecls())
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return true;
  if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
    return callableFromOtherTUs(*Pattern, SM);
  return false;
}

/// True when the body of \p F (of its template pattern, for an
/// instantiation) is written in the main file.
static bool definedInMainFile(const FunctionDecl &F, const SourceManager &SM) {
  const FunctionDecl *Def = &F;
  if (const FunctionDecl *Pattern = F.getTemplateInstantiationPattern())
    Def = Pattern;
  return SM.isInMainFile(SM.getExpansionLoc(Def->getLocation()));
}

namespace {
/// Functions whose return type is an owning pointer (`T *`,
/// `std::unique_ptr<T>`, `std::shared_ptr<T>`): the only ones this check
/// judges, so the only ones whose references it needs to see.
AST_MATCHER(FunctionDecl, returnsOwner) {
  return !clang::escape::ownedPointee(Node.getReturnType()).isNull();
}
} // namespace

void OwningReturnCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  Finder->addMatcher(
      traverse(TK_AsIs, functionDecl(isDefinition(), returnsOwner(),
                                     unless(isExpansionInSystemHeader()),
                                     unless(cxxConstructorDecl()),
                                     unless(cxxDestructorDecl()))
                            .bind(FuncName)),
      this);
  // References in system headers only matter to the fix-its (a library
  // template calling the function through ADL is a caller that must not be
  // rewritten); without them, skipping those references saves time.
  auto Target = functionDecl(returnsOwner()).bind(TargetName);
  if (FixSignatures) {
    Finder->addMatcher(traverse(TK_AsIs, declRefExpr(to(Target)).bind(RefName)),
                       this);
    Finder->addMatcher(
        traverse(
            TK_AsIs,
            memberExpr(member(cxxMethodDecl(returnsOwner()).bind(TargetName)))
                .bind(RefName)),
        this);
  } else {
    Finder->addMatcher(
        traverse(TK_AsIs,
                 declRefExpr(unless(isExpansionInSystemHeader()), to(Target))
                     .bind(RefName)),
        this);
    Finder->addMatcher(
        traverse(
            TK_AsIs,
            memberExpr(unless(isExpansionInSystemHeader()),
                       member(cxxMethodDecl(returnsOwner()).bind(TargetName)))
                .bind(RefName)),
        this);
  }
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

/// Can a `T` be returned by value? A prvalue needs only an accessible
/// destructor since C++17 (guaranteed copy elision); a named local, or any
/// return before C++17, also needs the constructor `return x;` selects: the
/// move constructor when one is declared, else a non-explicit copy one.
static bool returnableByValue(const CXXRecordDecl *RD, bool NeedsMove) {
  if (!RD)
    return true; // Scalars.
  if (const CXXDestructorDecl *D = RD->getDestructor()) {
    if (D->isDeleted() || D->getAccess() == AS_private ||
        D->getAccess() == AS_protected)
      return false;
  } else if (RD->needsImplicitDestructor() &&
             RD->defaultedDestructorIsDeleted()) {
    return false;
  }
  if (!NeedsMove)
    return true;
  bool DeclaresMove = false;
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isMoveConstructor()) {
      DeclaresMove = true;
      if (!C->isDeleted() && C->getAccess() == AS_public)
        return true;
    }
  if (DeclaresMove)
    return false; // Overload resolution picks the deleted or hidden one.
  if (RD->needsImplicitMoveConstructor())
    return !RD->defaultedMoveConstructorIsDeleted();
  for (const CXXConstructorDecl *C : RD->ctors())
    if (C->isCopyConstructor() && !C->isDeleted() && !C->isExplicit() &&
        C->getAccess() == AS_public)
      return true;
  return RD->needsImplicitCopyConstructor() &&
         !RD->defaultedCopyConstructorIsDeleted();
}

/// Does \p RD derive from std::enable_shared_from_this? Such an object is
/// meant to be owned by a shared_ptr: `shared_from_this()` on a value throws.
static bool sharesOwnership(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
    if (!Base)
      continue;
    if (Base->isInStdNamespace() && Base->getIdentifier() &&
        Base->getName() == "enable_shared_from_this")
      return true;
    if (sharesOwnership(Base))
      return true;
  }
  return false;
}

/// The parent of \p E, stepping over parentheses, temporaries, full
/// expressions and no-op casts (every implicit cast when \p SkipCasts); \p E
/// becomes the child of the returned node.
static const Stmt *parentOf(const Expr *&E, ASTContext &Ctx, bool SkipCasts) {
  while (true) {
    DynTypedNodeList Parents = StatementContext::get(Ctx).parents(*E);
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

static OwningReturnCheck::ReadUse readUse(const Expr *E, ASTContext &Ctx);

/// `m` of `x.m` / `x->m` when x becomes a prvalue: a method without a `&`
/// qualifier may still be called; a field must only be read.
static OwningReturnCheck::ReadUse memberUse(const MemberExpr *ME,
                                            ASTContext &Ctx) {
  OwningReturnCheck::ReadUse Use;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl())) {
    Use.Ok = MD->getRefQualifier() != RQ_LValue;
    Use.CallsMethod = true;
    return Use;
  }
  if (isa<FieldDecl>(ME->getMemberDecl()))
    return readUse(ME, Ctx);
  return Use;
}

/// Is the lvalue \p E only read, so that an xvalue or prvalue of the same
/// type would compile in its place and mean the same? (Copied, converted to
/// an rvalue, bound to `const T &` / `T &&` of a variable or of a parameter
/// of a function that is not overloaded, or its members read.)
static OwningReturnCheck::ReadUse readUse(const Expr *E, ASTContext &Ctx) {
  OwningReturnCheck::ReadUse Use;
  auto BindsAsValue = [](QualType T) {
    return T->isRValueReferenceType() ||
           (T->isLValueReferenceType() &&
            T.getNonReferenceType().isConstQualified());
  };
  const Stmt *P = parentOf(E, Ctx, /*SkipCasts=*/false);
  if (!P) {
    // `const T &R = *f();`: a prvalue binds there too (and lives as long as
    // the reference).
    DynTypedNodeList Parents = StatementContext::get(Ctx).parents(*E);
    const auto *VD = Parents.empty() ? nullptr : Parents[0].get<VarDecl>();
    Use.Ok = VD && BindsAsValue(VD->getType());
    Use.BindsVar = true;
    return Use;
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
    Use.Ok = Cast->getCastKind() == CK_LValueToRValue;
    return Use;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
    Use.Ok = CE->getConstructor()->isCopyOrMoveConstructor();
    return Use;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(P)) {
    if (!ME->isArrow())
      return memberUse(ME, Ctx);
    return Use;
  }
  if (const auto *Call = dyn_cast<CallExpr>(P)) {
    if (isa<CXXOperatorCallExpr>(Call) || isa<CXXMemberCallExpr>(Call))
      return Use;
    // An overload set may pick `f(T &&)` over `f(const T &)` once the
    // argument is an rvalue.
    const auto *Callee =
        dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts());
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !Callee || Callee->hadMultipleCandidates())
      return Use;
    for (unsigned I = 0, N = Call->getNumArgs();
         I < N && I < FD->getNumParams(); ++I)
      if (Call->getArg(I) == E) {
        Use.Ok = BindsAsValue(FD->getParamDecl(I)->getType());
        return Use;
      }
  }
  return Use;
}

/// Is \p E inside a template or one of its instantiations? A call there may
/// resolve to another overload in another instantiation.
static bool inTemplateCode(const Expr &E, ASTContext &Ctx) {
  DynTypedNodeList Parents = StatementContext::get(Ctx).parents(E);
  while (!Parents.empty()) {
    if (const auto *D = Parents[0].get<Decl>()) {
      const DeclContext *DC =
          isa<DeclContext>(D) ? cast<DeclContext>(D) : D->getDeclContext();
      for (; DC; DC = DC->getParent()) {
        if (DC->isDependentContext())
          return true;
        if (const auto *FD = dyn_cast<FunctionDecl>(DC))
          if (FD->getTemplateInstantiationPattern())
            return true;
        if (isa<ClassTemplateSpecializationDecl>(DC))
          return true;
      }
      return false;
    }
    Parents = StatementContext::get(Ctx).parents(Parents[0]);
  }
  return false;
}

/// Is \p E (the left side of an assignment) a global, a static or a member?
static bool isNonLocalStorage(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (isa<MemberExpr>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return !VD->hasLocalStorage();
  return false;
}

/// What a caller does with the owner it keeps in the local \p Var: hands it
/// on (moves it into a parameter, a member, a global or a container), returns
/// it to its own caller, or (for a raw pointer) keeps it in a global or a
/// member; Other when the owner stays in the caller.
static OwningReturnCheck::CallUse::KindTy
keptOwnerUse(const VarDecl &Var, const CallExpr &Call, bool Raw,
             EscapeAnalyzer &Analyzer) {
  using CallUse = OwningReturnCheck::CallUse;
  if (!Var.hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Var.getType()->isReferenceType())
    return CallUse::Other;
  const FunctionDecl *Scope = Analyzer.enclosingFunction(Call);
  if (!Scope)
    return CallUse::Other;
  std::optional<clang::escape::Witness> W =
      Analyzer.findEscapeOfPointer(Var, *Scope);
  if (!W)
    return CallUse::Other;
  if (W->Route == clang::escape::EscapeRoute::Returned ||
      (Raw && W->Route == clang::escape::EscapeRoute::StoredNonLocal))
    return CallUse::NeedsHeap;
  return CallUse::Passed;
}

/// Classifies what the caller does with the pointer \p Call returns.
static void classifyUse(const CallExpr *Call, ASTContext &Ctx,
                        EscapeAnalyzer &Analyzer,
                        OwningReturnCheck::CallUse &Use) {
  const Expr *E = Call;
  const Stmt *P = parentOf(E, Ctx, /*SkipCasts=*/true);
  bool Raw = Call->getType()->isPointerType();
  // Before C++17 a returned or stored prvalue is moved once more.
  if (const auto *Move = dyn_cast_or_null<CXXConstructExpr>(P))
    if (Move->getNumArgs() == 1 &&
        Move->getConstructor()->isCopyOrMoveConstructor()) {
      E = Move;
      P = parentOf(E, Ctx, /*SkipCasts=*/true);
    }
  // `return f();` in a function that returns the owner on: its own callers
  // receive the heap object.
  if (P && isa<ReturnStmt>(P)) {
    Use.Kind = OwningReturnCheck::CallUse::NeedsHeap;
    return;
  }
  // `auto n = f(); ... sink(std::move(n));`: kept in a local, then handed on.
  if (!P) {
    DynTypedNodeList Parents = StatementContext::get(Ctx).parents(*E);
    if (const auto *VD = Parents.empty() ? nullptr : Parents[0].get<VarDecl>())
      Use.Kind = keptOwnerUse(*VD, *Call, Raw, Analyzer);
    return;
  }
  // `global = f();`, `member = f();` with a raw pointer: the object must
  // outlive the caller.
  if (const auto *BO = dyn_cast<BinaryOperator>(P))
    if (Raw && BO->getOpcode() == BO_Assign && BO->getRHS() == E &&
        isNonLocalStorage(BO->getLHS())) {
      Use.Kind = OwningReturnCheck::CallUse::NeedsHeap;
      return;
    }
  // The owner is assigned straight to a member or a global: handed on, like
  // an owner kept in a local and then moved there.
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
        OC->getArg(1) == E && isNonLocalStorage(OC->getArg(0))) {
      Use.Kind = OwningReturnCheck::CallUse::Passed;
      return;
    }
  // The owner goes straight into another function or constructor (not
  // another operator).
  if (P && !isa<CXXOperatorCallExpr>(P)) {
    auto IsArg = [&](llvm::iterator_range<CallExpr::const_arg_iterator> Args) {
      return llvm::is_contained(Args, E);
    };
    bool Passed = false;
    if (const auto *Outer = dyn_cast<CallExpr>(P))
      Passed = IsArg(Outer->arguments());
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(P))
      Passed = !Ctor->getConstructor()->isCopyOrMoveConstructor() &&
               llvm::is_contained(Ctor->arguments(), E);
    if (Passed) {
      Use.Kind = OwningReturnCheck::CallUse::Passed;
      return;
    }
  }
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(P)) {
    if (OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1) {
      const Expr *O = OC;
      P = parentOf(O, Ctx, /*SkipCasts=*/true);
      // Falls through to the MemberExpr case below.
    } else if (OC->getOperator() == OO_Star && OC->getNumArgs() == 1) {
      Use.Kind = OwningReturnCheck::CallUse::Deref;
      Use.OpLoc = OC->getOperatorLoc();
      Use.Read = readUse(OC, Ctx);
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
    Use.Read = memberUse(ME, Ctx);
    return;
  }
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P))
    if (UO->getOpcode() == UO_Deref) {
      Use.Kind = OwningReturnCheck::CallUse::Deref;
      Use.OpLoc = UO->getOperatorLoc();
      Use.Read = readUse(UO, Ctx);
    }
}

/// The pointee type as written in a declaration's return type:
/// `Point` in `std::unique_ptr<Point>` or `Point *`, or "".
static std::string spelledPointee(const FunctionDecl &D, QualType T,
                                  ASTContext &Ctx) {
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
  QualType Written;
  if (auto PTL = Ret.getAsAdjusted<PointerTypeLoc>()) {
    Pointee = PTL.getPointeeLoc().getSourceRange();
    Written = PTL.getPointeeLoc().getType();
  } else if (auto TST = Ret.getAsAdjusted<TemplateSpecializationTypeLoc>()) {
    // An alias template's argument need not be the pointee
    // (`NoRef<Point &>`).
    if (TST.getNumArgs() == 1 && !TST.getTypePtr()->isTypeAlias() &&
        TST.getArgLoc(0).getArgument().getKind() == TemplateArgument::Type) {
      Pointee = TST.getArgLoc(0).getSourceRange();
      Written = TST.getArgLoc(0).getArgument().getAsType();
    }
  }
  if (Written.isNull() || Written.getCanonicalType() != T.getCanonicalType() ||
      Pointee.isInvalid() || Pointee.getBegin().isMacroID() ||
      Pointee.getEnd().isMacroID())
    return "";
  return sourceText(Pointee, Ctx.getSourceManager(), Ctx.getLangOpts());
}

/// Is `std::optional` declared before \p Loc?
static bool hasStdOptional(ASTContext &Ctx, SourceLocation Loc) {
  for (const Decl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      for (const Decl *Opt : NS->lookup(&Ctx.Idents.get("optional")))
        if (isa<ClassTemplateDecl>(Opt) &&
            Ctx.getSourceManager().isBeforeInTranslationUnit(Opt->getLocation(),
                                                             Loc))
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
static bool signatureFixes(const FunctionDecl &F, QualType T, bool MayBeNull,
                           llvm::ArrayRef<ReturnInfo> Returns,
                           EscapeAnalyzer &Analyzer, ASTContext &Ctx,
                           std::vector<FixItHint> &Fixes) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  // Internal linkage: every caller is in this translation unit. Templates,
  // their specializations, operators, literal operators and conversions are
  // left alone.
  if (F.isExternallyVisible() ||
      F.getTemplatedKind() != FunctionDecl::TK_NonTemplate ||
      F.getTemplateInstantiationPattern() ||
      F.getDeclName().getNameKind() != DeclarationName::Identifier)
    return false;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (MayBeNull && (!LO.CPlusPlus17 || !returnableByValue(RD, true) ||
                    !hasStdOptional(Ctx, F.getFirstDecl()->getBeginLoc())))
    return false; // No header to include from here: leave it to the user.
  for (const FunctionDecl *D : F.redecls()) {
    // Another translation unit may include a header that declares it.
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      return false;
    // `static Point *other(), *make();`: the return type is shared.
    for (const Decl *Other : D->getLexicalDeclContext()->decls())
      if (Other != D && Other->getBeginLoc() == D->getBeginLoc())
        return false;
    QualType Declared = D->getDeclaredReturnType();
    if (Declared->getContainedAutoType()) {
      // Only a plain `auto` is deduced from the rewritten returns; `auto *`
      // and `decltype(auto)` are not, and `T` and `std::nullopt` deduce no
      // common type.
      const auto *AT = dyn_cast<AutoType>(Declared.getTypePtr());
      if (MayBeNull || !AT || AT->isDecltypeAuto() ||
          Declared.hasLocalQualifiers())
        return false;
      continue;
    }
    std::string Pointee = spelledPointee(*D, T, Ctx);
    SourceRange R = D->getReturnTypeSourceRange();
    if (Pointee.empty() || R.isInvalid() || R.getBegin().isMacroID() ||
        R.getEnd().isMacroID())
      return false;
    std::string Text = MayBeNull ? "std::optional<" + Pointee + ">" : Pointee;
    // `Point *make()` has no space between the type and the name.
    SourceLocation After = Lexer::getLocForEndOfToken(R.getEnd(), 0, SM, LO);
    if (After.isValid() &&
        isAsciiIdentifierContinue(*SM.getCharacterData(After)))
      Text += ' ';
    Fixes.push_back(
        FixItHint::CreateReplacement(CharSourceRange::getTokenRange(R), Text));
  }
  llvm::SmallVector<const Expr *, 4> Kept;
  const AllocationSite *LocalSite = nullptr;
  for (const ReturnInfo &RI : Returns) {
    const Expr *V = RI.Ret->getRetValue();
    if (V->getBeginLoc().isMacroID() || V->getEndLoc().isMacroID() ||
        !isPlainFileRange(CharSourceRange::getTokenRange(V->getSourceRange()),
                          SM, LO))
      return false;
    if (!RI.Site) {
      Fixes.push_back(FixItHint::CreateReplacement(
          CharSourceRange::getTokenRange(V->getSourceRange()), "std::nullopt"));
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
      // `return std::unique_ptr<T>(p);` becomes `return p;`.
      if (V->IgnoreImplicit()->IgnoreParens() != Ref)
        Fixes.push_back(FixItHint::CreateReplacement(
            CharSourceRange::getTokenRange(V->getSourceRange()),
            Ref->getDecl()->getName()));
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
  SM = &Ctx.getSourceManager();
  if (const auto *Target = Result.Nodes.getNodeAs<FunctionDecl>(TargetName)) {
    // A call, or a use that takes the function's address.
    const auto *Ref = Result.Nodes.getNodeAs<Expr>(RefName);
    DynTypedNodeList Parents = StatementContext::get(Ctx).parents(*Ref);
    while (!Parents.empty() && Parents[0].get<ImplicitCastExpr>())
      Parents = StatementContext::get(Ctx).parents(Parents[0]);
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
      if (const auto *Call = Parents[0].get<CallExpr>()) {
        EscapeAnalyzer::Options Opts;
        Opts.StrictEscape = StrictEscape;
        Opts.ParentTypes = ParentTypes;
        EscapeAnalyzer Analyzer(Ctx, Cache, Opts);
        classifyUse(Call, Ctx, Analyzer, Use);
      }
      if (FixSignatures)
        Use.InTemplate = inTemplateCode(*Ref, Ctx);
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
  if (R->isReferenceType())
    return;
  QualType T = clang::escape::ownedPointee(R);
  if (T.isNull() || T->isIncompleteType() || T->isVoidType() ||
      T->isFunctionType() || T.isConstQualified())
    return;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  // A shallow copy (the rule-of-three hazard) would be freed twice once the
  // caller copies the value.
  if (RD && (!RD->hasDefinition() || RD->isAbstract() || sharesOwnership(RD) ||
             clang::escape::hasShallowCopyHazard(*RD)))
    return;
  // A polymorphic class (virtual functions or virtual bases) is used through
  // owners of its base, and a value would slice what other code puts there;
  // `final` does not change how the callers hold it.
  if (RD && (RD->getDefinition()->isPolymorphic() ||
             RD->getDefinition()->getNumVBases() > 0))
    return;
  // Public API: callers in other translation units may store the pointer.
  // Without every caller in view, a value suggestion is a guess.
  if (!PublicFunctions && callableFromOtherTUs(*F, Ctx.getSourceManager()))
    return;
  // Defined in a header (an inline function, a template): every translation
  // unit that includes it has callers of its own, and this one sees only its
  // own; judged here, the finding would repeat once per including unit with
  // a different caller count each time.
  if (!PublicFunctions && !definedInMainFile(*F, Ctx.getSourceManager()))
    return;
  uint64_t Size = Ctx.getTypeSizeInChars(T).getQuantity();
  if (Size == 0 || Size > MaxReturnSize)
    return;

  EscapeAnalyzer::Options Opts;
  Opts.StrictEscape = StrictEscape;
  Opts.ParentTypes = ParentTypes;
  EscapeAnalyzer Analyzer(Ctx, Cache, Opts);
  std::vector<AllocationSite> Sites = Analyzer.allocationSites(*F);

  // Every `return` of F must yield a fresh allocation of exactly T, directly
  // or through a local owner, or be null.
  auto Returns =
      match(functionDecl(forEachDescendant(returnStmt().bind("ret"))), *F, Ctx);
  bool MayBeNull = false;
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
          Local = true;
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
  // A value must be able to move on from the caller's frame: a type that
  // can be neither moved nor copied (rocksdb's BlobFileMetaData, "jointly
  // owned by the versions") is heap-allocated so that owners can share it.
  // Before C++17 a returned prvalue is moved too; std::optional is C++17.
  bool Cxx17 = Ctx.getLangOpts().CPlusPlus17;
  if (!returnableByValue(RD, /*NeedsMove=*/true) || (MayBeNull && !Cxx17))
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
  // `std::vector<Point>::value_type` says less than `Point`.
  QualType Shown = T;
  while (const auto *TT = Shown->getAs<TypedefType>()) {
    if (!isa<RecordDecl>(TT->getDecl()->getDeclContext()))
      break;
    Shown = TT->desugar();
  }
  C.Type = clang::escape::compat::typeName(Shown, Ctx);
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
  C.Raw = R->isPointerType();
  // A fix-it must be proven: none when "no escape" rests on code whose
  // body is not visible, and none for a raw `T *` whose object had a
  // non-trivial destructor (it leaked before; as a value its destructor
  // would run, which the program may observe).
  bool Proven = true;
  for (const ReturnInfo &I : Infos)
    if (I.Site && !Analyzer.ownerFacts(*I.Site).Assumptions.empty())
      Proven = false;
  if (C.Raw && RD && RD->hasDefinition() &&
      !RD->getDefinition()->hasTrivialDestructor())
    Proven = false;
  if (FixSignatures && Reported == F && Proven)
    C.Fixable = signatureFixes(*F, T, MayBeNull, Infos, Analyzer, Ctx, C.Fixes);
  Candidates.push_back(std::move(C));
}

void OwningReturnCheck::onEndOfTranslationUnit() {
  for (const Candidate &C : Candidates) {
    if (AddressTaken.count(C.Func))
      continue;
    auto It = Callers.find(C.Func);
    // A caller returns the owner to its own caller, or keeps the raw pointer
    // in a global or a member: the object must live on the heap.
    if (It != Callers.end() && llvm::any_of(It->second, [](const CallUse &Use) {
          return Use.Kind == CallUse::NeedsHeap;
        }))
      continue;
    // Every caller hands the owner on (googletest's `UniqueInt(7)` feeds an
    // action that takes std::unique_ptr<int>): the heap object is what the
    // callers need.
    if (It != Callers.end() && !It->second.empty() &&
        llvm::all_of(It->second, [](const CallUse &Use) {
          return Use.Kind == CallUse::Passed;
        }))
      continue;
    std::vector<FixItHint> Fixes;
    if (C.Fixable) {
      Fixes = C.Fixes;
      // Each caller reaches the object through `->` or `*`: with the value,
      // `->` becomes `.` and `*` goes; std::optional keeps both.
      llvm::SmallPtrSet<const void *, 8> Seen; // Template patterns repeat.
      if (It != Callers.end())
        for (const CallUse &Use : It->second) {
          // A raw pointer's object lived forever: a method may keep `this`
          // (or delete it). `*opt` of a temporary optional is an xvalue a
          // reference does not extend.
          bool Ok = Use.Kind != CallUse::Other && Use.Read.Ok &&
                    !Use.InTemplate && !(C.Raw && Use.Read.CallsMethod) &&
                    !(C.MayBeNull && Use.Read.BindsVar) &&
                    Use.OpLoc.isFileID() && SM && SM->isInMainFile(Use.OpLoc);
          if (!Ok) {
            Fixes.clear();
            break;
          }
          if (C.MayBeNull || !Seen.insert(Use.OpLoc.getPtrEncoding()).second)
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
      // The decisive caller is one that keeps the object (reads it through
      // `->` or `*`, or keeps the owner in a local): callers that hand the
      // owner on do not make a value suffice.
      std::vector<SourceLocation> Locs, Keeping;
      for (const CallUse &Use : It->second) {
        Locs.push_back(Use.Loc);
        if (Use.Kind != CallUse::Passed)
          Keeping.push_back(Use.Loc);
      }
      auto InSourceOrder = [this](SourceLocation A, SourceLocation B) {
        return SM ? SM->isBeforeInTranslationUnit(A, B)
                  : A.getRawEncoding() < B.getRawEncoding();
      };
      llvm::sort(Locs, InSourceOrder);
      Locs.erase(std::unique(Locs.begin(), Locs.end()), Locs.end());
      llvm::sort(Keeping, InSourceOrder);
      SourceLocation Decisive =
          Keeping.empty() ? Locs.front() : Keeping.front();
      // A caller outside the warning's file would make clang-tidy show a
      // warning that its header filter hides.
      if (!SM || SM->getFileID(SM->getExpansionLoc(Decisive)) ==
                     SM->getFileID(SM->getExpansionLoc(C.Loc)))
        diag(Decisive,
             "%0 caller%s0 in this translation unit would change; the first "
             "that keeps the object is here",
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
