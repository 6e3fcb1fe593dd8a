//===--- FrameFacts.cpp - stack frames, recursion, shallow copies ---------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/FrameFacts.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/MathExtras.h"

namespace clang::escape {

namespace {
/// Collects the local variables of one function body, not descending into
/// lambdas, blocks or local classes (they have frames of their own).
class LocalVarCollector : public RecursiveASTVisitor<LocalVarCollector> {
public:
  explicit LocalVarCollector(ASTContext &Ctx) : Ctx(Ctx) {}
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitVarDecl(VarDecl *VD) {
    if (!VD->hasLocalStorage() || isa<ParmVarDecl>(VD))
      return true;
    QualType T = VD->getType();
    if (T->isReferenceType() || T->isDependentType() || T->isIncompleteType() ||
        !T->isConstantSizeType())
      return true;
    // Saturates: a frame whose size overflows is too large, never small.
    Bytes = llvm::SaturatingAdd<uint64_t>(
        Bytes, static_cast<uint64_t>(Ctx.getTypeSizeInChars(T).getQuantity()));
    return true;
  }
  uint64_t Bytes = 0;

private:
  ASTContext &Ctx;
};

/// Collects the functions a body calls directly, not descending into local
/// classes (their members are functions of their own, called or not).
class CalleeCollector : public RecursiveASTVisitor<CalleeCollector> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool TraverseCXXRecordDecl(CXXRecordDecl *) { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    add(Call->getDirectCallee());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    add(CE->getConstructor());
    if (const CXXRecordDecl *RD = CE->getType()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        add(RD->getDestructor());
    return true;
  }
  bool VisitCXXNewExpr(CXXNewExpr *New) {
    add(New->getOperatorNew());
    return true;
  }
  bool VisitCXXDeleteExpr(CXXDeleteExpr *Del) {
    if (const CXXRecordDecl *RD = Del->getDestroyedType()->getAsCXXRecordDecl())
      if (RD->hasDefinition())
        add(RD->getDestructor());
    return true;
  }
  void add(const FunctionDecl *F) {
    if (F && Seen.insert(F->getCanonicalDecl()).second)
      Out.push_back(F->getCanonicalDecl());
  }
  llvm::SmallVector<const FunctionDecl *, 8> Out;

private:
  llvm::DenseSet<const FunctionDecl *> Seen;
};
} // namespace

uint64_t localVariablesSize(const FunctionDecl &F, ASTContext &Ctx) {
  if (!F.hasBody())
    return 0;
  LocalVarCollector C(Ctx);
  C.TraverseStmt(F.getBody());
  return C.Bytes;
}

const llvm::SmallVector<const FunctionDecl *, 8> &
RecursionFacts::calleesOf(const FunctionDecl *F) {
  auto It = Callees.find(F);
  if (It != Callees.end())
    return It->second;
  CalleeCollector C;
  const FunctionDecl *Def = nullptr;
  if (F->hasBody(Def) && Def) {
    const SourceManager &SM = Def->getASTContext().getSourceManager();
    if (!SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation()))) {
      C.TraverseStmt(Def->getBody());
      // Member initializers of a constructor run its callees too.
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getInit())
            C.TraverseStmt(Init->getInit());
    }
  }
  return Callees[F] = std::move(C.Out);
}

bool RecursionFacts::isRecursive(const FunctionDecl &Func) {
  const FunctionDecl *F = Func.getCanonicalDecl();
  auto It = Answers.find(F);
  if (It != Answers.end())
    return It->second;
  // Depth-first search from F's callees for F itself.
  llvm::DenseSet<const FunctionDecl *> Visited;
  llvm::SmallVector<const FunctionDecl *, 32> Work(calleesOf(F).begin(),
                                                   calleesOf(F).end());
  bool Found = false;
  while (!Work.empty() && !Found) {
    const FunctionDecl *G = Work.pop_back_val();
    if (G == F) {
      Found = true;
      break;
    }
    if (!Visited.insert(G).second)
      continue;
    for (const FunctionDecl *H : calleesOf(G))
      if (!Visited.count(H))
        Work.push_back(H);
  }
  Answers[F] = Found;
  return Found;
}

/// A data member of raw pointer type (not a function pointer), in \p RD or
/// a base.
static bool hasRawPointerMember(const CXXRecordDecl &RD) {
  for (const FieldDecl *FD : RD.fields()) {
    QualType T = FD->getType();
    if (T->isPointerType() && !T->getPointeeType()->isFunctionType())
      return true;
  }
  for (const CXXBaseSpecifier &B : RD.bases())
    if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl())
      if (Base->hasDefinition() && hasRawPointerMember(*Base))
        return true;
  return false;
}

bool hasShallowCopyHazard(const CXXRecordDecl &RD) {
  if (!RD.hasDefinition())
    return false;
  const CXXRecordDecl &Def = *RD.getDefinition();
  if (Def.hasUserDeclaredMoveConstructor())
    return false;
  bool RuleOfThree = Def.hasUserDeclaredDestructor() ||
                     Def.hasUserDeclaredCopyConstructor() ||
                     Def.hasUserDeclaredCopyAssignment();
  return RuleOfThree && hasRawPointerMember(Def);
}

} // namespace clang::escape
