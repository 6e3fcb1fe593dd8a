//===--- StatementContextTest.cpp - where a statement sits ----------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// In-process tests of escape/StatementContext.h: parents, loops, enclosing
// functions and lambdas of statements of small programs, and a comparison
// with ASTContext::getParents (which the tests may build; the engine and the
// checks must not) over every statement of a program with templates,
// lambdas, classes and namespace-scope initializers.
//
//===----------------------------------------------------------------------===//

#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::escape;
using ::testing::ElementsAre;

namespace {

std::unique_ptr<ASTUnit> build(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"}, "input.cc");
}

/// The node bound to "x" by \p M (the first match).
template <typename T, typename MatcherT>
const T *find(ASTContext &Ctx, MatcherT M) {
  auto Found = match(M.bind("x"), Ctx);
  return Found.empty() ? nullptr : Found[0].template getNodeAs<T>("x");
}

/// "IfStmt", "VarDecl x", "Function f", "TypeLoc", ... for \p N.
std::string kindOf(const DynTypedNode &N) {
  std::string Kind = N.getNodeKind().asStringRef().str();
  if (const auto *ND = N.get<NamedDecl>())
    Kind += " " + ND->getNameAsString();
  return Kind;
}

std::vector<std::string> parentKinds(StatementContext &SC,
                                     const DynTypedNode &N) {
  std::vector<std::string> Kinds;
  for (const DynTypedNode &P : SC.parents(N))
    Kinds.push_back(kindOf(P));
  return Kinds;
}

std::vector<std::string> loopKinds(StatementContext &SC, const Stmt &S) {
  std::vector<std::string> Kinds;
  for (const EnclosingLoop &L : SC.enclosingLoops(S)) {
    switch (L.Kind) {
    case LoopStmtKind::For:
      Kinds.push_back("for");
      break;
    case LoopStmtKind::RangeFor:
      Kinds.push_back("range-for");
      break;
    case LoopStmtKind::While:
      Kinds.push_back("while");
      break;
    case LoopStmtKind::Do:
      Kinds.push_back("do");
      break;
    }
    EXPECT_EQ(loopStmtKind(*L.Loop), L.Kind);
  }
  return Kinds;
}

std::string functionName(const FunctionDecl *FD) {
  if (!FD)
    return "<none>";
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (MD->getParent()->isLambda())
      return "lambda in " + cast<FunctionDecl>(MD->getParent()->getParent())
                                ->getNameAsString();
  return FD->getNameAsString();
}

TEST(StatementContext, ParentsOfStatementsAndDeclarations) {
  auto AST = build(R"cc(
    int f(int a) {
      int x = a + 1;
      if (a > 2)
        x += 2;
      return x;
    }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  const auto *Init =
      find<BinaryOperator>(Ctx, binaryOperator(hasOperatorName("+")));
  const auto *X = find<VarDecl>(Ctx, varDecl(hasName("x")));
  const auto *Ret = find<ReturnStmt>(Ctx, returnStmt());
  const auto *Add = find<CompoundAssignOperator>(
      Ctx, binaryOperator(anyOf(hasOperatorName("+="), hasOperatorName("-="))));
  const auto *F = find<FunctionDecl>(Ctx, functionDecl(hasName("f")));
  ASSERT_TRUE(Init && X && Ret && Add && F);
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*Init)),
              ElementsAre("VarDecl x"));
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*X)),
              ElementsAre("DeclStmt"));
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*Ret)),
              ElementsAre("CompoundStmt"));
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*Add)),
              ElementsAre("IfStmt"));
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*F->getBody())),
              ElementsAre("FunctionDecl f"));
  // A root declaration's parent is its lexical context.
  EXPECT_THAT(parentKinds(SC, DynTypedNode::create(*F)),
              ElementsAre("TranslationUnitDecl"));
  EXPECT_EQ(SC.parentStmt(*Ret), F->getBody());
  EXPECT_EQ(SC.positionInBlock(*Ret), 2u);
  EXPECT_EQ(SC.positionInBlock(*cast<Stmt>(SC.parents(*X)[0].get<DeclStmt>())),
            0u);
  EXPECT_EQ(SC.positionInBlock(*Add), std::nullopt); // In an if.
  EXPECT_EQ(SC.parentStmt(*F->getBody()), nullptr);
}

TEST(StatementContext, EnclosingLoopsInnermostFirst) {
  auto AST = build(R"cc(
    struct R { int *begin(); int *end(); };
    void f(int n, R r) {
      for (int i = 0; i < n; ++i) {
        while (n > 0) {
          for (int e : r)
            do { n -= e; } while (n > 5);
        }
      }
      for (int once = n * 2; once < 3; ++once) {}
    }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  const auto *Dec = find<CompoundAssignOperator>(
      Ctx, binaryOperator(anyOf(hasOperatorName("+="), hasOperatorName("-="))));
  const auto *Cond = find<BinaryOperator>(
      Ctx,
      binaryOperator(hasOperatorName(">"), hasRHS(integerLiteral(equals(5)))));
  const auto *OnceInit =
      find<BinaryOperator>(Ctx, binaryOperator(hasOperatorName("*")));
  const auto *Range = find<CXXForRangeStmt>(Ctx, cxxForRangeStmt());
  ASSERT_TRUE(Dec && Cond && OnceInit && Range);
  EXPECT_THAT(loopKinds(SC, *Dec),
              ElementsAre("do", "range-for", "while", "for"));
  // The condition of the do loop runs on each of its iterations too.
  EXPECT_THAT(loopKinds(SC, *Cond),
              ElementsAre("do", "range-for", "while", "for"));
  // A for loop's init-statement runs once: not in that loop.
  EXPECT_THAT(loopKinds(SC, *OnceInit), ElementsAre());
  // The range of a range-for is evaluated once.
  EXPECT_THAT(loopKinds(SC, *Range->getRangeInit()),
              ElementsAre("while", "for"));
  EXPECT_EQ(SC.enclosingLoops(*Dec).back().Loop,
            find<ForStmt>(Ctx, forStmt(hasLoopInit(
                                   declStmt(has(varDecl(hasName("i"))))))));
}

TEST(StatementContext, EnclosingFunctionOrLambda) {
  auto AST = build(R"cc(
    int g = 1 + 2;
    struct S {
      int m = 3 * 4;
      int get() const { return m - 5; }
    };
    template <class F> int call(F f) { return f(); }
    int f(int a) {
      for (int i = 0; i < a; ++i)
        a += call([a] { return a / 6; });
      return a;
    }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  auto Op = [&](const char *Name) {
    return find<BinaryOperator>(Ctx, binaryOperator(hasOperatorName(Name)));
  };
  ASSERT_TRUE(Op("+") && Op("*") && Op("-") && Op("/"));
  EXPECT_EQ(functionName(SC.enclosingFunction(*Op("+"))), "<none>");
  EXPECT_EQ(functionName(SC.enclosingFunction(*Op("*"))), "<none>");
  EXPECT_EQ(functionName(SC.enclosingFunction(*Op("-"))), "get");
  EXPECT_EQ(functionName(SC.enclosingFunction(*Op("/"))), "lambda in f");
  // Loops stop at the lambda's body.
  EXPECT_THAT(loopKinds(SC, *Op("/")), ElementsAre());
  const auto *Lambda = find<LambdaExpr>(Ctx, lambdaExpr());
  ASSERT_TRUE(Lambda);
  EXPECT_THAT(loopKinds(SC, *Lambda), ElementsAre("for"));
  EXPECT_EQ(SC.lambdaOf(*Lambda->getLambdaClass()), Lambda);
  const CallExpr *Call = SC.callTakingLambda(*Lambda);
  ASSERT_TRUE(Call);
  EXPECT_EQ(Call->getDirectCallee()->getNameAsString(), "call");
  // Inside the instantiation call<lambda>: the statement of the template's
  // instantiated body.
  const auto *Inst =
      find<CallExpr>(Ctx, callExpr(hasAncestor(functionDecl(
                              hasName("call"), isTemplateInstantiation()))));
  ASSERT_TRUE(Inst);
  const FunctionDecl *InstF = SC.enclosingFunction(*Inst);
  ASSERT_TRUE(InstF);
  EXPECT_EQ(InstF->getNameAsString(), "call");
  EXPECT_TRUE(InstF->isTemplateInstantiation());
}

TEST(StatementContext, ReferencesIncludeTypes) {
  auto AST = build(R"cc(
    int f(int a) {
      int *p = &a;
      decltype(p) q = p;
      auto l = [&] { return *p; };
      return *q + l() + sizeof(p);
    }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  const auto *P = find<VarDecl>(Ctx, varDecl(hasName("p")));
  const auto *A = find<ParmVarDecl>(Ctx, parmVarDecl(hasName("a")));
  ASSERT_TRUE(P && A);
  auto Refs = SC.references(*P);
  ASSERT_TRUE(Refs.has_value());
  // decltype(p), q's initializer, the lambda body (and its implicit capture
  // initializer), sizeof(p).
  EXPECT_EQ(Refs->size(), 5u);
  auto ARefs = SC.references(*A);
  ASSERT_TRUE(ARefs.has_value());
  EXPECT_EQ(ARefs->size(), 1u);
  EXPECT_FALSE(
      SC.references(*find<FunctionDecl>(Ctx, functionDecl(hasName("f")))
                         ->getParamDecl(0))
          ->empty());
}

TEST(StatementContext, BuildsOnlyTheFunctionAsked) {
  auto AST = build(R"cc(
    int f(int a) { return a + 1; }
    int g(int a) { int b = a * 2; for (int i = 0; i < a; ++i) b += i; return b; }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  EXPECT_EQ(SC.size(), 0u);
  const auto *InF =
      find<BinaryOperator>(Ctx, binaryOperator(hasOperatorName("+")));
  ASSERT_TRUE(InF);
  EXPECT_EQ(functionName(SC.enclosingFunction(*InF)), "f");
  size_t AfterF = SC.size();
  EXPECT_GT(AfterF, 0u);
  const auto *InG =
      find<BinaryOperator>(Ctx, binaryOperator(hasOperatorName("*")));
  ASSERT_TRUE(InG);
  EXPECT_EQ(functionName(SC.enclosingFunction(*InG)), "g");
  EXPECT_GT(SC.size(), 2 * AfterF);
  SC.clear();
  EXPECT_EQ(SC.size(), 0u);
  // The shared context is one per ASTContext.
  EXPECT_EQ(&StatementContext::get(Ctx), &StatementContext::get(Ctx));
}

TEST(StatementContext, InvalidCodeDoesNotCrash) {
  auto AST = tooling::buildASTFromCodeWithArgs(R"cc(
    #define BODY(x) { return x + undefined_name; }
    int f(int a) BODY(a)
    template <class T> struct S { void g() { T::nope(); for (;;) h(; } };
    int k = S<int>().g();
  )cc",
                                               {"-std=c++17"}, "input.cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  struct Visitor : RecursiveASTVisitor<Visitor> {
    StatementContext &SC;
    explicit Visitor(StatementContext &SC) : SC(SC) {}
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool VisitStmt(Stmt *S) {
      SC.parents(*S);
      SC.enclosingLoops(*S);
      SC.enclosingFunction(*S);
      return true;
    }
  } V(SC);
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
  SUCCEED();
}

/// The nearest Stmt or Decl above \p N by the first parent of each step,
/// stepping over TypeLocs and other nodes.
template <typename ParentsFn>
std::string nearestOwner(const DynTypedNode &N, ParentsFn Parents) {
  DynTypedNodeList P = Parents(N);
  for (unsigned Depth = 0; Depth < 64 && !P.empty(); ++Depth) {
    if (P[0].get<Stmt>() || P[0].get<Decl>())
      return kindOf(P[0]) + "@" +
             std::to_string(
                 reinterpret_cast<uintptr_t>(P[0].getMemoizationData()));
    P = Parents(P[0]);
  }
  return "<none>";
}

/// Every statement's nearest Stmt-or-Decl parent agrees with clang's parent
/// map, outside default arguments and default member initializers.
TEST(StatementContext, AgreesWithClangParentMap) {
  auto AST = build(R"cc(
    namespace n {
    struct P { int x, y; };
    int g = [] { int s = 0; for (int i = 0; i < 3; ++i) s += i; return s; }();
    template <class T> T twice(T v) { T r = v; r = r + v; return r; }
    template <class T> struct Box {
      T v;
      T get() const { auto l = [this](int k) { return v + k; }; return l(1); }
      template <class U> U as() const;
    };
    template <class T> template <class U> U Box<T>::as() const {
      return static_cast<U>(v);
    }
    class C {
    public:
      int m(int a);
      struct Inner { int k() { return sizeof(decltype(k())); } };
    };
    int C::m(int a) {
      P p{a, 2};
      switch (a) {
      case 1:
        return p.x;
      default:
        break;
      }
      try { throw a; } catch (int e) { return e; }
      return twice(a) + Box<int>{a}.get() + Box<long>{a}.as<int>() +
             twice(1.5) > 0;
    }
    } // namespace n
    extern "C" { int cfun(int z) { return z ? z : -z; } }
  )cc");
  ASTContext &Ctx = AST->getASTContext();
  StatementContext SC(Ctx);
  struct Collect : RecursiveASTVisitor<Collect> {
    std::vector<const Stmt *> All;
    bool shouldVisitTemplateInstantiations() const { return true; }
    bool shouldVisitImplicitCode() const { return true; }
    bool VisitStmt(Stmt *S) {
      All.push_back(S);
      return true;
    }
  } C;
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  ASSERT_GT(C.All.size(), 150u);
  unsigned Compared = 0;
  for (const Stmt *S : C.All) {
    DynTypedNode N = DynTypedNode::create(*S);
    std::string Theirs = nearestOwner(
        N, [&](const DynTypedNode &X) { return Ctx.getParents(X); });
    std::string Ours =
        nearestOwner(N, [&](const DynTypedNode &X) { return SC.parents(X); });
    EXPECT_EQ(Ours, Theirs)
        << kindOf(N) << " at "
        << S->getBeginLoc().printToString(Ctx.getSourceManager());
    ++Compared;
  }
  EXPECT_EQ(Compared, C.All.size());
}

} // namespace
