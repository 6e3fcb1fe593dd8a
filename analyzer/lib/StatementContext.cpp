//===--- StatementContext.cpp - where a statement sits --------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PointerIntPair.h"
#include <algorithm>
#include <mutex>
#include <vector>

namespace clang::escape {

namespace {

/// More than one parent (template code, shared subexpressions).
struct ParentVector {
  llvm::SmallVector<DynTypedNode, 2> Items;
};

/// One node's parents in one word: a single Decl or Stmt (the common case),
/// a single other node, or several.
enum SlotKind : unsigned { SlotDecl, SlotStmt, SlotNode, SlotVector };
using ParentSlot = llvm::PointerIntPair<const void *, 2, unsigned>;

/// A declaration of a DeclContext with its extent in one file.
struct Extent {
  unsigned Begin = 0;
  unsigned End = 0;
  /// The largest End of this entry and every entry before it.
  unsigned MaxEnd = 0;
  Decl *D = nullptr;
};

/// The declarations of one DeclContext, by file and start offset.
struct ContextIndex {
  llvm::DenseMap<FileID, std::vector<Extent>> ByFile;
};

} // namespace

class StatementContext::Impl {
public:
  explicit Impl(ASTContext &Ctx) : Ctx(Ctx), SM(Ctx.getSourceManager()) {}
  ~Impl() { clear(); }

  void clear() {
    for (auto &Entry : PointerParents)
      release(Entry.second);
    for (auto &Entry : OtherParents)
      release(Entry.second);
    PointerParents.clear();
    OtherParents.clear();
    LocalRefs.clear();
    Positions.clear();
    Built.clear();
    Indexes.clear();
  }

  DynTypedNodeList parents(const DynTypedNode &N);
  void addParent(const DynTypedNode &Child, const DynTypedNode &Parent);

  ASTContext &Ctx;
  const SourceManager &SM;
  /// The references to each local variable or parameter of the roots built.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      LocalRefs;
  /// The position of each statement in the compound statements asked about.
  llvm::DenseMap<const CompoundStmt *, llvm::DenseMap<const Stmt *, unsigned>>
      Positions;
  llvm::DenseMap<const void *, ParentSlot> PointerParents;
  llvm::DenseMap<DynTypedNode, ParentSlot> OtherParents;

private:
  static const DynTypedNode *node(ParentSlot S) {
    return static_cast<const DynTypedNode *>(S.getPointer());
  }
  static ParentVector *vector(ParentSlot S) {
    return static_cast<ParentVector *>(const_cast<void *>(S.getPointer()));
  }
  static void release(ParentSlot &S) {
    if (S.getInt() == SlotNode)
      delete node(S);
    else if (S.getInt() == SlotVector)
      delete vector(S);
  }
  static DynTypedNodeList view(ParentSlot S) {
    switch (S.getInt()) {
    case SlotDecl:
      return DynTypedNode::create(*static_cast<const Decl *>(S.getPointer()));
    case SlotStmt:
      return DynTypedNode::create(*static_cast<const Stmt *>(S.getPointer()));
    case SlotNode:
      return *node(S);
    default:
      return llvm::ArrayRef<DynTypedNode>(vector(S)->Items);
    }
  }
  std::optional<DynTypedNodeList> lookup(const DynTypedNode &N) const;
  void buildRootsAround(SourceLocation Loc);
  void collectRoots(const DeclContext &DC, FileID File, unsigned Offset,
                    llvm::SmallVectorImpl<Decl *> &Roots);
  const ContextIndex &indexOf(const DeclContext &DC);
  void build(Decl *Root);

  llvm::DenseSet<const Decl *> Built;
  llvm::DenseMap<const DeclContext *, std::unique_ptr<ContextIndex>> Indexes;
};

//===----------------------------------------------------------------------===//
// Recording parents
//===----------------------------------------------------------------------===//

void StatementContext::Impl::addParent(const DynTypedNode &Child,
                                       const DynTypedNode &Parent) {
  ParentSlot &S = Child.getNodeKind().hasPointerIdentity()
                      ? PointerParents[Child.getMemoizationData()]
                      : OtherParents[Child];
  if (!S.getPointer()) {
    if (const auto *D = Parent.get<Decl>())
      S = ParentSlot(D, SlotDecl);
    else if (const auto *St = Parent.get<Stmt>())
      S = ParentSlot(St, SlotStmt);
    else
      S = ParentSlot(new DynTypedNode(Parent), SlotNode);
    return;
  }
  if (S.getInt() != SlotVector) {
    auto *V = new ParentVector;
    V->Items.push_back(view(S)[0]);
    release(S);
    S = ParentSlot(V, SlotVector);
  }
  ParentVector *V = vector(S);
  if (Parent.getMemoizationData() && llvm::is_contained(V->Items, Parent))
    return;
  V->Items.push_back(Parent);
}

namespace {

/// Records the parents of every Stmt, Decl and outermost TypeLoc below one
/// root, the way clang's parent map does (see the file comment of the
/// header for the two differences).
class ParentCollector : public RecursiveASTVisitor<ParentCollector> {
  using Base = RecursiveASTVisitor<ParentCollector>;

public:
  explicit ParentCollector(StatementContext::Impl &M) : M(M) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    DynTypedNode N = DynTypedNode::create(*D);
    record(N);
    Stack.push_back(N);
    bool Result = Base::TraverseDecl(D);
    Stack.pop_back();
    return Result;
  }

  // LLVM 22 added a `bool TraverseQualifier` parameter; the pack forwards
  // whatever this LLVM's RecursiveASTVisitor passes.
  template <typename... Flags> bool TraverseTypeLoc(TypeLoc TL, Flags... F) {
    if (TL.isNull())
      return true;
    // Only the outermost type location is a node of its own.
    if (!Stack.empty() && Stack.back().get<TypeLoc>())
      return Base::TraverseTypeLoc(TL, F...);
    DynTypedNode N = DynTypedNode::create(TL);
    record(N);
    Stack.push_back(N);
    bool Result = Base::TraverseTypeLoc(TL, F...);
    Stack.pop_back();
    return Result;
  }

  bool dataTraverseStmtPre(Stmt *S) {
    DynTypedNode N = DynTypedNode::create(*S);
    record(N);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->isLocalVarDeclOrParm())
          M.LocalRefs[VD].push_back(DRE);
    Stack.push_back(N);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *) {
    Stack.pop_back();
    return true;
  }

  // A default argument or default member initializer belongs to its
  // declaration, not to each use.
  bool TraverseCXXDefaultArgExpr(CXXDefaultArgExpr *,
                                 DataRecursionQueue * = nullptr) {
    return true;
  }
  bool TraverseCXXDefaultInitExpr(CXXDefaultInitExpr *,
                                  DataRecursionQueue * = nullptr) {
    return true;
  }

private:
  void record(const DynTypedNode &N) {
    if (!Stack.empty())
      M.addParent(N, Stack.back());
  }

  StatementContext::Impl &M;
  llvm::SmallVector<DynTypedNode, 32> Stack;
};

} // namespace

void StatementContext::Impl::build(Decl *Root) {
  if (!Root || !Built.insert(Root).second)
    return;
  ParentCollector C(*this);
  // The root's own parent is its lexical context, given by parents().
  C.TraverseDecl(Root);
}

//===----------------------------------------------------------------------===//
// Finding the roots that hold a location
//===----------------------------------------------------------------------===//

/// Declarations whose members are roots of their own.
static bool isContainer(const Decl &D) {
  if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl, TranslationUnitDecl>(D))
    return true;
  const auto *RD = dyn_cast<CXXRecordDecl>(&D);
  // A class template's members are instantiated elsewhere: the template is
  // one root, walked with its instantiations.
  return RD && !RD->isLambda() && !RD->getDescribedClassTemplate() &&
         !isa<ClassTemplatePartialSpecializationDecl>(RD) &&
         !RD->isDependentContext();
}

const ContextIndex &StatementContext::Impl::indexOf(const DeclContext &DC) {
  std::unique_ptr<ContextIndex> &Slot = Indexes[&DC];
  if (Slot)
    return *Slot;
  Slot = std::make_unique<ContextIndex>();
  for (Decl *D : DC.decls()) {
    if (D->isImplicit())
      continue; // Implicit members are found through their class.
    CharSourceRange R = SM.getExpansionRange(D->getSourceRange());
    if (R.getBegin().isInvalid() || R.getEnd().isInvalid())
      continue;
    std::pair<FileID, unsigned> B = SM.getDecomposedLoc(R.getBegin());
    std::pair<FileID, unsigned> E = SM.getDecomposedLoc(R.getEnd());
    Extent X;
    X.Begin = B.second;
    X.End = E.first == B.first ? E.second : ~0u;
    X.D = D;
    Slot->ByFile[B.first].push_back(X);
  }
  for (auto &Entry : Slot->ByFile) {
    std::vector<Extent> &V = Entry.second;
    std::stable_sort(V.begin(), V.end(), [](const Extent &A, const Extent &B) {
      return A.Begin < B.Begin;
    });
    unsigned Max = 0;
    for (Extent &X : V)
      X.MaxEnd = Max = std::max(Max, X.End);
  }
  return *Slot;
}

/// The canonical template declarations under which a RecursiveASTVisitor
/// meets the instantiations of \p D (they are walked with those templates).
static void addInstantiatingTemplates(Decl *D,
                                      llvm::SmallVectorImpl<Decl *> &Roots) {
  if (auto *FTD = dyn_cast<FunctionTemplateDecl>(D))
    Roots.push_back(FTD->getCanonicalDecl());
  if (auto *CTD = dyn_cast<ClassTemplateDecl>(D))
    Roots.push_back(CTD->getCanonicalDecl());
  // An out-of-line member of a class template.
  for (DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (auto *RD = dyn_cast<CXXRecordDecl>(DC)) {
      if (ClassTemplateDecl *CTD = RD->getDescribedClassTemplate())
        Roots.push_back(CTD->getCanonicalDecl());
      else if (auto *PS = dyn_cast<ClassTemplatePartialSpecializationDecl>(RD))
        Roots.push_back(PS->getSpecializedTemplate()->getCanonicalDecl());
    }
    if (auto *FD = dyn_cast<FunctionDecl>(DC))
      if (FunctionTemplateDecl *FTD = FD->getDescribedFunctionTemplate())
        Roots.push_back(FTD->getCanonicalDecl());
  }
}

void StatementContext::Impl::collectRoots(
    const DeclContext &DC, FileID File, unsigned Offset,
    llvm::SmallVectorImpl<Decl *> &Roots) {
  const ContextIndex &Index = indexOf(DC);
  auto It = Index.ByFile.find(File);
  if (It == Index.ByFile.end())
    return;
  const std::vector<Extent> &V = It->second;
  auto Upper = std::upper_bound(
      V.begin(), V.end(), Offset,
      [](unsigned Off, const Extent &X) { return Off < X.Begin; });
  for (auto I = Upper; I != V.begin();) {
    --I;
    if (I->MaxEnd < Offset)
      break;
    if (I->End < Offset)
      continue;
    Decl *D = I->D;
    if (isContainer(*D)) {
      size_t Before = Roots.size();
      collectRoots(*cast<DeclContext>(D), File, Offset, Roots);
      // Nothing of a class holds it: the class itself does (its implicit
      // members, say).
      if (Roots.size() == Before && isa<CXXRecordDecl>(D))
        Roots.push_back(D);
      continue;
    }
    Roots.push_back(D);
    addInstantiatingTemplates(D, Roots);
  }
}

void StatementContext::Impl::buildRootsAround(SourceLocation Loc) {
  if (Loc.isInvalid())
    return;
  Loc = SM.getExpansionLoc(Loc);
  llvm::SmallVector<Decl *, 4> Roots;
  // A statement in a file included inside a declaration: climb the include
  // stack to the file that holds the declaration.
  for (unsigned Depth = 0; Depth < 64 && Loc.isValid() && Roots.empty();
       ++Depth) {
    std::pair<FileID, unsigned> FO = SM.getDecomposedLoc(Loc);
    collectRoots(*Ctx.getTranslationUnitDecl(), FO.first, FO.second, Roots);
    Loc = SM.getIncludeLoc(FO.first);
  }
  for (Decl *R : Roots)
    build(R);
}

std::optional<DynTypedNodeList>
StatementContext::Impl::lookup(const DynTypedNode &N) const {
  if (N.getNodeKind().hasPointerIdentity()) {
    auto It = PointerParents.find(N.getMemoizationData());
    if (It != PointerParents.end())
      return view(It->second);
    return std::nullopt;
  }
  auto It = OtherParents.find(N);
  if (It != OtherParents.end())
    return view(It->second);
  return std::nullopt;
}

DynTypedNodeList StatementContext::Impl::parents(const DynTypedNode &N) {
  if (std::optional<DynTypedNodeList> Known = lookup(N))
    return *Known;
  SourceLocation Loc;
  const Decl *D = N.get<Decl>();
  if (const auto *S = N.get<Stmt>())
    Loc = S->getBeginLoc();
  else if (D)
    Loc = D->getLocation();
  else
    return llvm::ArrayRef<DynTypedNode>();
  buildRootsAround(Loc);
  if (std::optional<DynTypedNodeList> Known = lookup(N))
    return *Known;
  // A root (or a declaration outside every root): its lexical context.
  if (D && !isa<TranslationUnitDecl>(D))
    if (const DeclContext *DC = D->getLexicalDeclContext())
      return DynTypedNode::create(*cast<Decl>(DC));
  return llvm::ArrayRef<DynTypedNode>();
}

//===----------------------------------------------------------------------===//
// StatementContext
//===----------------------------------------------------------------------===//

StatementContext::StatementContext(ASTContext &Ctx)
    : Ctx(Ctx), State(std::make_unique<Impl>(Ctx)) {}

StatementContext::~StatementContext() = default;

namespace {
/// The contexts attached to live ASTContexts (see get()).
struct Registry {
  std::mutex Lock;
  llvm::DenseMap<const ASTContext *, StatementContext *> Contexts;
};
} // namespace

static Registry &registry() {
  // Never destroyed: an ASTContext destroyed during static destruction may
  // still call destroyAttached().
  static Registry *R = new Registry;
  return *R;
}

/// Called by ~ASTContext (ASTContext::AddDeallocation).
static void destroyAttached(void *P) {
  auto *SC = static_cast<StatementContext *>(P);
  {
    Registry &R = registry();
    std::lock_guard<std::mutex> Guard(R.Lock);
    R.Contexts.erase(&SC->astContext());
  }
  delete SC;
}

StatementContext &StatementContext::get(ASTContext &Ctx) {
  Registry &R = registry();
  std::lock_guard<std::mutex> Guard(R.Lock);
  StatementContext *&SC = R.Contexts[&Ctx];
  if (!SC) {
    SC = new StatementContext(Ctx);
    Ctx.AddDeallocation(&destroyAttached, SC);
  }
  return *SC;
}

DynTypedNodeList StatementContext::parents(const DynTypedNode &N) {
  return State->parents(N);
}

const Stmt *StatementContext::parentStmt(const Stmt &S) {
  DynTypedNodeList P = parents(S);
  return P.empty() ? nullptr : P[0].get<Stmt>();
}

std::optional<LoopStmtKind> loopStmtKind(const Stmt &S) {
  if (isa<ForStmt>(S))
    return LoopStmtKind::For;
  if (isa<CXXForRangeStmt>(S))
    return LoopStmtKind::RangeFor;
  if (isa<WhileStmt>(S))
    return LoopStmtKind::While;
  if (isa<DoStmt>(S))
    return LoopStmtKind::Do;
  return std::nullopt;
}

/// Does \p Loop run \p Child on each iteration?
static bool runsEachIteration(const Stmt &Loop, const Stmt *Child) {
  if (const auto *F = dyn_cast<ForStmt>(&Loop))
    return Child != F->getInit();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(&Loop))
    return Child == R->getBody() || Child == R->getLoopVarStmt() ||
           Child == R->getCond() || Child == R->getInc();
  return isa<WhileStmt, DoStmt>(Loop);
}

llvm::SmallVector<EnclosingLoop, 4>
StatementContext::enclosingLoops(const Stmt &S) {
  llvm::SmallVector<EnclosingLoop, 4> Loops;
  DynTypedNode Cur = DynTypedNode::create(S);
  for (unsigned Depth = 0; Depth < 1024; ++Depth) {
    DynTypedNodeList P = parents(Cur);
    if (P.empty())
      break;
    const DynTypedNode Parent = P[0];
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>() ||
        Parent.get<BlockExpr>())
      break;
    if (const auto *PS = Parent.get<Stmt>())
      if (std::optional<LoopStmtKind> K = loopStmtKind(*PS))
        if (runsEachIteration(*PS, Cur.get<Stmt>()))
          Loops.push_back({PS, *K});
    if (const auto *D = Parent.get<Decl>())
      if (!isa<VarDecl>(D) || !D->getParentFunctionOrMethod())
        break; // Outside any function.
    Cur = Parent;
  }
  return Loops;
}

const FunctionDecl *StatementContext::enclosingFunction(const Stmt &S) {
  DynTypedNodeList Parents = parents(S);
  for (unsigned Steps = 0; Steps < 1024 && !Parents.empty(); ++Steps) {
    const DynTypedNode P = Parents[0];
    if (const auto *L = P.get<LambdaExpr>())
      return L->getCallOperator();
    if (const auto *FD = P.get<FunctionDecl>())
      return FD;
    if (P.get<TranslationUnitDecl>() || P.get<RecordDecl>() ||
        (P.get<VarDecl>() && P.get<VarDecl>()->isFileVarDecl()))
      return nullptr;
    Parents = parents(P);
  }
  return nullptr;
}

const LambdaExpr *StatementContext::lambdaOf(const CXXRecordDecl &Lambda) {
  if (!Lambda.isLambda())
    return nullptr;
  for (const DynTypedNode &P : parents(Lambda))
    if (const auto *LE = P.get<LambdaExpr>())
      return LE;
  return nullptr;
}

/// Nodes a callable passes through unchanged on its way to an argument.
static bool isTransparent(const Stmt &S) {
  if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
          ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(S))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(&S))
    return CE->isElidable() ||
           (CE->getConstructor() &&
            CE->getConstructor()->isCopyOrMoveConstructor());
  return false;
}

const CallExpr *StatementContext::callTakingLambda(const LambdaExpr &Lambda) {
  const Stmt *Child = &Lambda;
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    const Stmt *P = parentStmt(*Child);
    if (!P)
      return nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(P))
      return Call->getCallee() == Child ? nullptr : Call;
    if (!isTransparent(*P))
      return nullptr;
    Child = P;
  }
  return nullptr;
}

std::optional<llvm::ArrayRef<const DeclRefExpr *>>
StatementContext::references(const VarDecl &Local) {
  if (!Local.isLocalVarDeclOrParm())
    return std::nullopt;
  // Builds the root that declares Local; a declaration of a built root has
  // a recorded parent.
  parents(Local);
  if (!State->PointerParents.count(&Local))
    return std::nullopt;
  auto It = State->LocalRefs.find(&Local);
  if (It == State->LocalRefs.end())
    return llvm::ArrayRef<const DeclRefExpr *>();
  return llvm::ArrayRef<const DeclRefExpr *>(It->second);
}

std::optional<unsigned> StatementContext::positionInBlock(const Stmt &S) {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(parentStmt(S));
  if (!Block)
    return std::nullopt;
  auto &Index = State->Positions[Block];
  if (Index.empty()) {
    unsigned I = 0;
    for (const Stmt *Child : Block->body())
      Index.try_emplace(Child, I++);
  }
  auto It = Index.find(&S);
  if (It == Index.end())
    return std::nullopt;
  return It->second;
}

size_t StatementContext::size() const {
  return State->PointerParents.size() + State->OtherParents.size();
}

void StatementContext::clear() { State->clear(); }

} // namespace clang::escape
