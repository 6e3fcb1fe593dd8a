//===--- AllocationSite.cpp - recognising heap allocation sites -----------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/AllocationSite.h"
#include "EscapeAnalyzerImpl.h"
#include "escape/Compat.h"
#include "escape/EscapeAnalyzer.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/MathExtras.h"

namespace clang::escape {

const char *spelling(AllocKind K) {
  switch (K) {
  case AllocKind::New:
    return "new";
  case AllocKind::NewArray:
    return "new[]";
  case AllocKind::MakeUnique:
  case AllocKind::MakeUniqueArray:
    return "make_unique";
  case AllocKind::MakeShared:
    return "make_shared";
  case AllocKind::AllocateShared:
    return "allocate_shared";
  case AllocKind::Malloc:
    return "malloc";
  case AllocKind::Calloc:
    return "calloc";
  }
  return "new";
}

QualType ownedPointee(QualType Written) {
  Written = Written.getNonReferenceType();
  QualType R = Written.getCanonicalType();
  if (R->isPointerType())
    return Written->getPointeeType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      R->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier() ||
      (Spec->getName() != "unique_ptr" && Spec->getName() != "shared_ptr") ||
      !Spec->getDeclContext()->isStdNamespace() ||
      Spec->getTemplateArgs().size() == 0 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  if (const auto *TST = Written->getAs<TemplateSpecializationType>())
    if (compat::templateArgCount(*TST) > 0 &&
        compat::templateArg(*TST, 0).getKind() == TemplateArgument::Type)
      return compat::templateArg(*TST, 0).getAsType();
  return Spec->getTemplateArgs()[0].getAsType();
}

const FunctionDecl *EscapeAnalyzer::enclosingFunction(const Stmt &S) {
  return StatementContext::get(Ctx).enclosingFunction(S);
}

/// The `T` of `std::make_unique<T>` & co. from the callee's template
/// arguments.
static QualType factoryType(const FunctionDecl &FD) {
  const TemplateArgumentList *Args = FD.getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0 ||
      Args->get(0).getKind() != TemplateArgument::Type)
    return QualType();
  return Args->get(0).getAsType();
}

static std::optional<uint64_t> sizeOf(QualType T, const ASTContext &Ctx) {
  if (T.isNull() || T->isDependentType() || T->isIncompleteType() ||
      T->isVoidType() || T->isFunctionType())
    return std::nullopt;
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (RD->isInvalidDecl())
      return std::nullopt;
  return static_cast<uint64_t>(Ctx.getTypeSizeInChars(T).getQuantity());
}

/// The value of the size or count expression \p E, computed without
/// wrapping: `+`, `*` and `<<` of constants are evaluated with overflow
/// checks, so that `sizeof(int) * 0x4000000000000001ULL` is "too large"
/// (\p Overflow set) rather than the 4 it wraps to. std::nullopt when \p E
/// is not a constant or does not fit in 64 bits.
static std::optional<uint64_t> evaluateSize(const Expr &E,
                                            const ASTContext &Ctx,
                                            bool &Overflow,
                                            unsigned Depth = 0) {
  const Expr *Inner = E.IgnoreParenImpCasts();
  const auto *BO = dyn_cast<BinaryOperator>(Inner);
  if (BO && Depth < 16 &&
      (BO->getOpcode() == BO_Mul || BO->getOpcode() == BO_Add ||
       BO->getOpcode() == BO_Shl)) {
    std::optional<uint64_t> L =
        evaluateSize(*BO->getLHS(), Ctx, Overflow, Depth + 1);
    std::optional<uint64_t> R =
        evaluateSize(*BO->getRHS(), Ctx, Overflow, Depth + 1);
    if (Overflow)
      return std::nullopt;
    if (L && R) {
      bool Over = false;
      uint64_t V = 0;
      if (BO->getOpcode() == BO_Mul) {
        V = llvm::SaturatingMultiply(*L, *R, &Over);
      } else if (BO->getOpcode() == BO_Add) {
        V = llvm::SaturatingAdd(*L, *R, &Over);
      } else {
        Over = *R >= 64 || (*L >> (63 - *R)) > 1;
        V = Over ? 0 : *L << *R;
      }
      if (Over) {
        Overflow = true;
        return std::nullopt;
      }
      return V;
    }
  }
  return compat::evaluateUnsigned(E, Ctx);
}

/// \p ElementSize * \p Count bytes, std::nullopt with \p Overflow set when
/// the product does not fit in 64 bits.
static std::optional<uint64_t> totalSize(uint64_t ElementSize, uint64_t Count,
                                         bool &Overflow) {
  bool Over = false;
  uint64_t Bytes = llvm::SaturatingMultiply(ElementSize, Count, &Over);
  if (Over) {
    Overflow = true;
    return std::nullopt;
  }
  return Bytes;
}

std::optional<AllocationSite> EscapeAnalyzer::allocationSite(const Expr &E) {
  if (E.isTypeDependent() || E.isValueDependent() || E.containsErrors())
    return std::nullopt;
  AllocationSite Site;
  Site.Alloc = &E;
  if (const auto *New = dyn_cast<CXXNewExpr>(&E)) {
    if (New->getNumPlacementArgs() > 0)
      return std::nullopt;
    if (const FunctionDecl *OpNew = New->getOperatorNew())
      if (!OpNew->isReplaceableGlobalAllocationFunction())
        return std::nullopt; // A class-specific or custom operator new.
    Site.AllocatedType = New->getAllocatedType();
    Site.Kind = AllocKind::New;
    if (New->isArray()) {
      const Expr *Size = compat::arraySize(*New);
      bool CountOverflows = false;
      std::optional<uint64_t> N =
          Size ? evaluateSize(*Size, Ctx, CountOverflows) : std::nullopt;
      if (!N)
        return std::nullopt; // Not a known count: not modelled.
      Site.Kind = AllocKind::NewArray;
      Site.ArrayLength = N;
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(&E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier())
      return std::nullopt;
    StringRef Name = FD->getName();
    if (Name == "make_unique" || Name == "make_shared" ||
        Name == "allocate_shared") {
      QualType T = factoryType(*FD);
      // Prefer the type as written (`std::string`, not its canonical form).
      if (const auto *Callee =
              dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
        if (Callee->getNumTemplateArgs() > 0)
          if (const TypeSourceInfo *TSI =
                  Callee->getTemplateArgs()[0].getArgument().getKind() ==
                          TemplateArgument::Type
                      ? Callee->getTemplateArgs()[0].getTypeSourceInfo()
                      : nullptr)
            T = TSI->getType();
      if (T.isNull())
        return std::nullopt;
      Site.Kind = Name == "make_unique"   ? AllocKind::MakeUnique
                  : Name == "make_shared" ? AllocKind::MakeShared
                                          : AllocKind::AllocateShared;
      if (const auto *AT = Ctx.getAsArrayType(T)) {
        if (Site.Kind != AllocKind::MakeUnique || Call->getNumArgs() != 1)
          return std::nullopt;
        bool CountOverflows = false;
        std::optional<uint64_t> N =
            evaluateSize(*Call->getArg(0), Ctx, CountOverflows);
        if (!N)
          return std::nullopt;
        Site.Kind = AllocKind::MakeUniqueArray;
        Site.ArrayLength = N;
        T = AT->getElementType();
      }
      Site.AllocatedType = T;
    } else if (Name == "malloc" || Name == "calloc") {
      unsigned Expected = Name == "malloc" ? 1 : 2;
      if (Call->getNumArgs() != Expected)
        return std::nullopt;
      // malloc's argument is a size: one that overflows is too large. The
      // first argument of calloc is a count: one that overflows is not
      // modelled, as for new T[N].
      bool CountOverflows = false;
      std::optional<uint64_t> Bytes =
          evaluateSize(*Call->getArg(0), Ctx,
                       Expected == 1 ? Site.SizeOverflows : CountOverflows);
      if (!Bytes && !Site.SizeOverflows)
        return std::nullopt;
      Site.Kind = AllocKind::Malloc;
      if (Expected == 2) {
        std::optional<uint64_t> Each =
            evaluateSize(*Call->getArg(1), Ctx, Site.SizeOverflows);
        if (!Each && !Site.SizeOverflows)
          return std::nullopt;
        Site.Kind = AllocKind::Calloc;
        Site.ArrayLength = Bytes;
        Bytes =
            Each ? totalSize(*Bytes, *Each, Site.SizeOverflows) : std::nullopt;
      }
      Site.SizeInBytes = Bytes;
      Site.AllocatedType = Ctx.CharTy;
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }

  Site.Scope = enclosingFunction(E);
  if (!Site.Scope || Site.Scope->isDependentContext() || !Site.Scope->hasBody())
    return std::nullopt;
  if (Site.AllocatedType->isDependentType())
    return std::nullopt;
  if (!Site.SizeInBytes && !Site.SizeOverflows) {
    if (std::optional<uint64_t> One = sizeOf(Site.AllocatedType, Ctx))
      Site.SizeInBytes = totalSize(
          *One, Site.ArrayLength ? *Site.ArrayLength : 1, Site.SizeOverflows);
  }

  // Owner, binding, loop.
  FunctionIndex &Idx = indexFor(*Cache.State, *Site.Scope);
  ParentMap *PM = Idx.Parents.get();
  if (!PM)
    return std::nullopt;
  // Not in the body (a default argument, say), or in an unevaluated operand
  // where nothing is allocated.
  if (!PM->hasParent(const_cast<Expr *>(&E)) && !Idx.InitRoots.count(&E))
    return std::nullopt;
  for (const Stmt *P = PM->getParent(const_cast<Expr *>(&E)); P;
       P = PM->getParent(const_cast<Stmt *>(P))) {
    if (isa<UnaryExprOrTypeTraitExpr>(P) || isa<CXXNoexceptExpr>(P))
      return std::nullopt;
    if (const auto *TI = dyn_cast<CXXTypeidExpr>(P))
      if (!TI->isPotentiallyEvaluated())
        return std::nullopt;
  }
  if (Site.AllocatedType->isArrayType())
    return std::nullopt; // new T[N][M]: not modelled.
  const Stmt *Child = &E;
  for (unsigned Steps = 0; Steps < 64; ++Steps) {
    const Stmt *P = PM->getParent(const_cast<Stmt *>(Child));
    if (!P)
      break;
    if (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P) ||
        isa<CXXBindTemporaryExpr>(P) || isa<MaterializeTemporaryExpr>(P) ||
        isa<ExprWithCleanups>(P) || isa<CXXFunctionalCastExpr>(P) ||
        isa<CStyleCastExpr>(P) || isa<CXXStaticCastExpr>(P) ||
        isa<ConstantExpr>(P) || isa<AbstractConditionalOperator>(P)) {
      Child = P;
      continue;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(P)) {
      // unique_ptr<T> p(new T), shared_ptr<T>(new T), unique_ptr<Base>(
      // unique_ptr<Derived>&&): only smart pointers own; any other class
      // built from the pointer is a user of it, not its owner.
      const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl();
      bool Smart =
          RD && RD->getIdentifier() &&
          (RD->getName() == "unique_ptr" || RD->getName() == "shared_ptr") &&
          RD->getDeclContext()->isStdNamespace();
      if (Smart && CE->getNumArgs() >= 1 && CE->getArg(0) == Child) {
        Child = P;
        continue;
      }
      break;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(P)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit() == Child && VD->hasLocalStorage() &&
              !isa<ParmVarDecl>(VD)) {
            Site.Owner = VD;
            Site.OwnerBinding = DS;
          }
      break;
    }
    auto LocalRef = [](const Expr *LHS) -> const VarDecl * {
      const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenImpCasts());
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      return VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
                     !VD->getType()->isReferenceType()
                 ? VD
                 : nullptr;
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_Assign && BO->getRHS() == Child)
        if (const VarDecl *VD = LocalRef(BO->getLHS())) {
          Site.Owner = VD;
          Site.OwnerBinding = BO;
        }
      break;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
          OC->getArg(1) == Child)
        if (const VarDecl *VD = LocalRef(OC->getArg(0))) {
          Site.Owner = VD;
          Site.OwnerBinding = OC;
        }
      break;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (MD && MD->getIdentifier() && MD->getName() == "reset" &&
          MC->getNumArgs() == 1 && MC->getArg(0) == Child)
        if (const VarDecl *VD = LocalRef(MC->getImplicitObjectArgument())) {
          Site.Owner = VD;
          Site.OwnerBinding = MC;
        }
      break;
    }
    break;
  }

  // The innermost loop whose every iteration evaluates the allocation.
  Child = &E;
  for (const Stmt *P = PM->getParent(const_cast<Stmt *>(Child)); P;
       Child = P, P = PM->getParent(const_cast<Stmt *>(P))) {
    if (const auto *FS = dyn_cast<ForStmt>(P)) {
      if (FS->getInit() != Child)
        Site.Loop = FS;
    } else if (const auto *FRS = dyn_cast<CXXForRangeStmt>(P)) {
      if (FRS->getBody() == Child || FRS->getLoopVarStmt() == Child)
        Site.Loop = FRS;
    } else if (isa<WhileStmt>(P) || isa<DoStmt>(P)) {
      Site.Loop = P;
    }
    if (Site.Loop)
      break;
  }
  if (Site.Loop && Site.Owner) {
    SourceRange R = Site.Loop->getSourceRange();
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation L = Site.Owner->getLocation();
    Site.OwnerInLoop = R.isValid() && L.isValid() &&
                       !SM.isBeforeInTranslationUnit(L, R.getBegin()) &&
                       !SM.isBeforeInTranslationUnit(R.getEnd(), L);
  }
  Site.InMacro =
      E.getBeginLoc().isMacroID() || E.getEndLoc().isMacroID() ||
      (Site.OwnerBinding && Site.OwnerBinding->getBeginLoc().isMacroID());
  return Site;
}

std::vector<AllocationSite>
EscapeAnalyzer::allocationSites(const FunctionDecl &Func) {
  std::vector<AllocationSite> Sites;
  if (!Func.hasBody() || Func.isDependentContext())
    return Sites;
  FunctionIndex &Idx = indexFor(*Cache.State, Func);
  for (const Expr *Candidate : Idx.AllocCandidates)
    if (std::optional<AllocationSite> Site = allocationSite(*Candidate))
      Sites.push_back(*Site);
  return Sites;
}

} // namespace clang::escape
