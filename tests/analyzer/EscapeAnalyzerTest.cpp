//===--- EscapeAnalyzerTest.cpp - escape routes and non-routes ------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// One test per escape route and per non-route, each asserting the exact
// witness text (or "no escape").
//
//===----------------------------------------------------------------------===//

#include "EscapeTestSupport.h"
#include "escape/Compat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace clang::escape::test {
namespace {

const char *Point =
    "struct Point { int x, y; int sum() const { return x + y; } };\n";

std::string run(const std::string &Body) { return escapeOf(Point + Body); }

// ---- Non-routes: the object stays in the function. ----

TEST(NoEscape, MemberAccessThroughUniquePtr) {
  EXPECT_EQ("no escape", run("int f() { auto p = std::make_unique<Point>();"
                             " p->x = 1; return p->x + (*p).y; }"));
}

TEST(NoEscape, RawNewAndDelete) {
  EXPECT_EQ("no escape",
            run("int f() { Point *p = new Point(); p->x = 2; int r = p->sum();"
                " delete p; return r; }"));
}

TEST(NoEscape, CopyOfObjectReturned) {
  EXPECT_EQ("no escape", run("Point f() { auto p = std::make_unique<Point>();"
                             " return *p; }"));
}

TEST(NoEscape, GetPassedToConstRefOpaque) {
  EXPECT_EQ("no escape", run("void use(const Point &); void f() { auto p ="
                             " std::make_unique<Point>(); use(*p); }"));
}

TEST(NoEscape, PassedToCalleeThatOnlyReads) {
  EXPECT_EQ("no escape", run("int read(Point *q) { return q->x; }"
                             " int f() { auto p = std::make_unique<Point>();"
                             " return read(p.get()); }"));
}

TEST(NoEscape, LambdaCalledLocally) {
  EXPECT_EQ("no escape", run("int f() { auto p = std::make_unique<Point>();"
                             " auto l = [&] { return p->x; }; return l(); }"));
}

TEST(NoEscape, LambdaPassedToAlgorithm) {
  EXPECT_EQ(
      "no escape",
      run("int f(std::vector<int> &v) { auto p = std::make_unique<Point>();"
          " std::for_each(v.begin(), v.end(), [&](int i) { p->x += i; });"
          " return p->x; }"));
}

TEST(NoEscape, ReferenceAlias) {
  EXPECT_EQ("no escape", run("int f() { auto p = std::make_unique<Point>();"
                             " Point &r = *p; r.x = 3; return r.sum(); }"));
}

TEST(NoEscape, LocalContainerOfOwners) {
  EXPECT_EQ("no escape",
            run("int f() { std::vector<std::unique_ptr<Point>> v;"
                " v.push_back(std::make_unique<Point>()); int s = 0;"
                " for (auto &q : v) s += q->x; return s; }"));
}

TEST(NoEscape, NoescapeAttribute) {
  EXPECT_EQ(
      "no escape",
      run("void keep(Point *q __attribute__((noescape)));"
          " void f() { auto p = std::make_unique<Point>(); keep(p.get()); }"));
}

TEST(NoEscape, ConstUniquePtrRefToOpaque) {
  EXPECT_EQ("no escape",
            run("void look(const std::unique_ptr<Point> &);"
                " void f() { auto p = std::make_unique<Point>(); look(p); }"));
}

TEST(NoEscape, RecursionWithoutEscape) {
  EXPECT_EQ(
      "no escape",
      run("int walk(Point *q, int n) { return n ? walk(q, n - 1) : q->x; }"
          " int f() { auto p = std::make_unique<Point>(); return walk(p.get(), "
          "3); }"));
}

TEST(NoEscape, TemplateInstantiationBodyUsed) {
  EXPECT_EQ("no escape", run("template <class T> int get(T *q) { return q->x; }"
                             " int f() { auto p = std::make_unique<Point>(); "
                             "return get(p.get()); }"));
}

TEST(NoEscape, MallocFree) {
  EXPECT_EQ("no escape",
            run("int f() { int *a = (int *)malloc(64); a[0] = 1; int r = a[0];"
                " free(a); return r; }"));
}

TEST(NoEscape, DevirtualisedOnDynamicType) {
  EXPECT_EQ("no escape",
            escapeOf("struct B { virtual int v() = 0; virtual ~B(); };"
                     " struct D : B { int v() override { return 1; } };"
                     " int f() { std::unique_ptr<B> p = std::make_unique<D>(); "
                     "return p->v(); }"));
}

TEST(NoEscape, SharedPtrLocalCopy) {
  EXPECT_EQ("no escape",
            run("int f() { auto p = std::make_shared<Point>(); auto q = p;"
                " return q->x + p->y; }"));
}

TEST(NoEscape, UnevaluatedOperand) {
  EXPECT_EQ(
      "no escape",
      run("Point *g; unsigned long f() { auto p = std::make_unique<Point>();"
          " return sizeof(g = p.get()); }"));
}

// ---- Routes: the object outlives the function. ----

TEST(Escape, Returned) {
  EXPECT_EQ("returned",
            run("std::unique_ptr<Point> f() {"
                " auto p = std::make_unique<Point>(); return p; }"));
}

TEST(Escape, ReturnedRawFromGet) {
  EXPECT_EQ("returned", run("Point *f() { auto p = std::make_unique<Point>();"
                            " Point *q = p.get(); return q; }"));
}

TEST(Escape, StoredToGlobal) {
  EXPECT_EQ("stored to global 'g'",
            run("Point *g; void f() { auto p = std::make_unique<Point>();"
                " g = p.get(); }"));
}

TEST(Escape, StoredToStatic) {
  EXPECT_EQ("stored to static 's'",
            run("void f() { static Point *s; Point *p = new Point; s = p; }"));
}

TEST(Escape, StoredToMember) {
  EXPECT_EQ("stored to member 'Holder::q'",
            run("struct Holder { Point *q; void f(); };"
                " void Holder::f() { Point *p = new Point; this->q = p; }"));
}

TEST(Escape, StoredThroughPointerParameter) {
  EXPECT_EQ("stored through parameter 'out'",
            run("void f(Point **out) { Point *p = new Point; *out = p; }"));
}

TEST(Escape, PassedToEscapingParam) {
  EXPECT_THAT(
      run("Point *g; void keep(Point *c) { g = c; }"
          " void f() { auto p = std::make_unique<Point>(); keep(p.get()); }"),
      ::testing::MatchesRegex("passed to 'keep' whose parameter 'c' "
                              "escapes \\(stored to global 'g' at "
                              "input.cc:[0-9]+:[0-9]+\\)"));
}

TEST(Escape, PassedToOpaqueByPointer) {
  EXPECT_EQ(
      "passed to 'sink' whose body is not visible",
      run("void sink(Point *); void f() { auto p = std::make_unique<Point>();"
          " sink(p.get()); }"));
}

TEST(Escape, PassedToOpaqueByNonConstRef) {
  EXPECT_EQ(
      "passed to 'touch' whose body is not visible",
      run("void touch(Point &); void f() { auto p = std::make_unique<Point>();"
          " touch(*p); }"));
}

TEST(Escape, StrictConstRef) {
  EscapeQuery Q;
  Q.Code = std::string(Point) + "void use(const Point &); void f() { auto p ="
                                " std::make_unique<Point>(); use(*p); }";
  Q.Strict = true;
  EXPECT_EQ("passed to 'use' whose body is not visible", escapeOf(Q));
}

TEST(Escape, Released) {
  EXPECT_EQ("released from its owner",
            run("Point *g; void f() { auto p = std::make_unique<Point>(); "
                "p.release(); }"));
}

TEST(Escape, OwnershipMovedOut) {
  EXPECT_EQ("ownership moved to parameter 'q'",
            run("void take(std::unique_ptr<Point> q);"
                " void f() { auto p = std::make_unique<Point>(); "
                "take(std::move(p)); }"));
}

TEST(Escape, MovedIntoLocalOwnerThenReturned) {
  EXPECT_EQ("returned", run("std::unique_ptr<Point> f() { auto p ="
                            " std::make_unique<Point>(); auto q = std::move(p);"
                            " return q; }"));
}

TEST(Escape, Thrown) {
  EXPECT_EQ("thrown", run("void f() { Point *p = new Point; throw p; }"));
}

TEST(Escape, SharedCopyStoredToGlobal) {
  EXPECT_EQ(
      "stored to global 'keep'",
      run("std::shared_ptr<Point> keep; void f() {"
          " auto p = std::make_shared<Point>(); auto q = p; keep = q; }"));
}

TEST(Escape, CapturedByLambdaStoredGlobally) {
  EXPECT_THAT(run("struct Fn { void *s; template <class L> Fn(L l) { s = new "
                  "L(l); } }; Fn *cb;"
                  " void f() { auto p = std::make_unique<Point>();"
                  " cb = new Fn([&] { return p->x; }); }"),
              ::testing::HasSubstr("lambda"));
}

TEST(Escape, CapturedByLambdaHandedToThread) {
  EXPECT_THAT(run("void f() { auto p = std::make_unique<Point>();"
                  " std::thread t([&] { p->x++; }); t.join(); }"),
              ::testing::MatchesRegex(
                  "captured by a lambda that escapes "
                  "\\(handed to another thread at input.cc:[0-9]+:[0-9]+\\)"));
}

TEST(Escape, LambdaReturned) {
  EXPECT_THAT(
      run("auto f() { Point *p = new Point; return [p] { return p->x; }; }"),
      ::testing::MatchesRegex("captured by a lambda that escapes "
                              "\\(returned at input.cc:[0-9]+:[0-9]+\\)"));
}

TEST(Escape, AddressStoredToGlobalViaRef) {
  EXPECT_EQ("stored to global 'g'",
            run("Point *g; void f() { auto p = std::make_unique<Point>();"
                " Point &r = *p; g = &r; }"));
}

TEST(Escape, ContainerOfOwnersReturned) {
  EXPECT_EQ("returned",
            run("std::vector<std::unique_ptr<Point>> f() {"
                " std::vector<std::unique_ptr<Point>> v;"
                " v.push_back(std::make_unique<Point>()); return v; }"));
}

TEST(Escape, ConvertedToInteger) {
  EXPECT_EQ("converted to an integer",
            run("unsigned long f() { auto p = std::make_unique<Point>();"
                " return reinterpret_cast<unsigned long>(p.get()); }"));
}

TEST(Escape, RecursionThatEscapes) {
  EXPECT_THAT(
      run("Point *g; void walk(Point *q, int n) { if (n) walk(q, n - 1); else "
          "g = q; }"
          " void f() { auto p = std::make_unique<Point>(); walk(p.get(), 3); "
          "}"),
      ::testing::StartsWith("passed to 'walk' whose parameter 'q' escapes"));
}

TEST(Escape, LifetimeBoundLeaksToResult) {
  EXPECT_EQ("returned", run("Point *pass(Point *q [[clang::lifetimebound]]);"
                            " Point *f() { auto p = std::make_unique<Point>(); "
                            "return pass(p.get()); }"));
}

TEST(Escape, LeaksToResultThroughBody) {
  EXPECT_EQ("returned", run("Point *pass(Point *q) { return q; }"
                            " Point *f() { auto p = std::make_unique<Point>(); "
                            "return pass(p.get()); }"));
}

TEST(Escape, ParentOwnershipOpaqueConstructor) {
  EXPECT_EQ(
      "constructed by 'Label::Label', whose body is not visible, with a "
      "pointer or reference to another object that may take ownership",
      escapeOf("struct Widget; struct Label { explicit Label(Widget *parent);"
               " int x; }; void f(Widget *w) { Label *l = new Label(w); l->x = "
               "1; }"));
}

TEST(Escape, ThisEscapesInConstructor) {
  EXPECT_THAT(
      escapeOf("struct Node; Node *registry; struct Node {"
               " Node() { registry = this; } int v; };"
               " int f() { auto n = std::make_unique<Node>(); return n->v; }"),
      ::testing::StartsWith(
          "'this' escapes in 'Node::Node' (stored to global 'registry'"));
}

TEST(Escape, ThisEscapesInMemberCall) {
  EXPECT_THAT(
      escapeOf("struct Node; Node *last; struct Node { void reg() { last = "
               "this; } };"
               " void f() { auto n = std::make_unique<Node>(); n->reg(); }"),
      ::testing::StartsWith("'this' escapes in 'Node::reg'"));
}

TEST(Escape, StoredIntoMemberContainer) {
  EXPECT_EQ(
      "stored to member 'Pool::items'",
      run("struct Pool { std::vector<Point *> items; void f(); };"
          " void Pool::f() { Point *p = new Point; items.push_back(p); }"));
}

TEST(Escape, FunctionPointerCallee) {
  EXPECT_EQ(
      "passed to a callee that is not known",
      run("void (*cb)(Point *); void f() { auto p = std::make_unique<Point>();"
          " cb(p.get()); }"));
}

// ---- Allocation sites. ----

TEST(AllocationSites, KindsSizesOwners) {
  std::unique_ptr<ASTUnit> AST = buildAST(
      std::string(Point) +
      "void f() { auto a = std::make_unique<Point>(); Point *b = new Point[4];"
      " std::shared_ptr<Point> c(new Point); int *d = (int *)malloc(32);"
      " auto e = std::make_unique<int[]>(8); delete[] b; free(d);"
      " for (int i = 0; i < 3; ++i) { auto g = std::make_unique<Point>(); } }");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer A(Ctx, Cache);
  std::vector<AllocationSite> Sites =
      A.allocationSites(*findFunction(Ctx, "f"));
  ASSERT_EQ(6u, Sites.size());
  std::vector<std::string> Seen;
  for (const AllocationSite &S : Sites)
    Seen.push_back(std::string(spelling(S.Kind)) + " " +
                   compat::typeName(S.AllocatedType, Ctx) + " " +
                   std::to_string(S.SizeInBytes.value_or(0)) + " " +
                   (S.Owner ? S.Owner->getNameAsString() : "-") +
                   (S.Loop ? " loop" : "") +
                   (S.OwnerInLoop ? " owner-in-loop" : ""));
  EXPECT_THAT(
      Seen, ::testing::ElementsAre("make_unique Point 8 a", "new[] Point 32 b",
                                   "new Point 8 c", "malloc char 32 d",
                                   "make_unique int 32 e",
                                   "make_unique Point 8 g loop owner-in-loop"));
}

TEST(AllocationSites, NotSites) {
  std::unique_ptr<ASTUnit> AST = buildAST(
      std::string(Point) +
      "void *operator new(size_t, void *) noexcept;"
      " void f(int n, void *buf) { Point *a = new (buf) Point; int *b = new "
      "int[n];"
      " void *c = malloc(n); (void)a; (void)b; (void)c; }"
      " template <class T> void g() { auto p = std::make_unique<T>(); }");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer A(Ctx, Cache);
  EXPECT_TRUE(A.allocationSites(*findFunction(Ctx, "f")).empty());
  EXPECT_TRUE(A.allocationSites(*findFunction(Ctx, "g")).empty());
}

TEST(OwnerFactsTest, UsesAreClassified) {
  std::unique_ptr<ASTUnit> AST = buildAST(
      std::string(Point) +
      "int f(bool c) { auto p = std::make_unique<Point>(); if (p) p->x = 1;"
      " Point *r = p.get(); int v = (*p).y + r->x; p.reset(); return v; }");
  ASTContext &Ctx = AST->getASTContext();
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer A(Ctx, Cache);
  std::vector<AllocationSite> Sites =
      A.allocationSites(*findFunction(Ctx, "f"));
  ASSERT_EQ(1u, Sites.size());
  EXPECT_FALSE(A.findEscape(Sites[0]));
  OwnerFacts F = A.ownerFacts(Sites[0]);
  std::vector<int> Kinds;
  for (const OwnerUse &U : F.Uses)
    Kinds.push_back(U.Kind);
  EXPECT_THAT(Kinds, ::testing::ElementsAre(OwnerUse::NullTest, OwnerUse::Arrow,
                                            OwnerUse::Get, OwnerUse::Deref,
                                            OwnerUse::Reset));
}

// ---- Assumptions: "no escape" that rests on code whose body is unseen. ----

/// The names of the callees of the assumptions of the only allocation of f
/// ("<indirect>" for a call through a function pointer).
static std::vector<std::string> assumptionsOf(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST = buildAST(std::string(Point) + Code);
  ASTContext &Ctx = AST->getASTContext();
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer A(Ctx, Cache);
  std::vector<AllocationSite> Sites =
      A.allocationSites(*findFunction(Ctx, "f"));
  if (Sites.size() != 1 || A.findEscape(Sites[0]))
    return {"<not one non-escaping site>"};
  std::vector<std::string> Names;
  for (const Assumption &As : A.ownerFacts(Sites[0]).Assumptions)
    Names.push_back(As.Callee ? As.Callee->getNameAsString() : "<indirect>");
  return Names;
}

TEST(AssumptionTest, ConstRefToOpaqueCallee) {
  EXPECT_THAT(assumptionsOf("void use(const Point &); void f() { auto p ="
                            " std::make_unique<Point>(); use(*p); }"),
              ::testing::ElementsAre("use"));
}

TEST(AssumptionTest, OpaqueCalleeReachedThroughVisibleOne) {
  EXPECT_THAT(assumptionsOf("void use(const Point &);"
                            " void wrap(const Point &q) { use(q); }"
                            " void f() { Point *p = new Point; wrap(*p);"
                            " delete p; }"),
              ::testing::ElementsAre("wrap"));
}

TEST(AssumptionTest, OpaqueMemberFunctionOfTheObject) {
  EXPECT_THAT(assumptionsOf("struct W { int v; void run(); };"
                            " void f() { auto p = std::make_unique<W>();"
                            " p->run(); }"),
              ::testing::ElementsAre("run"));
}

TEST(AssumptionTest, VisibleCodeOnlyAssumesNothing) {
  EXPECT_THAT(assumptionsOf("int read(const Point &q) { return q.x; }"
                            " int f() { auto p = std::make_unique<Point>();"
                            " return read(*p) + p->sum(); }"),
              ::testing::ElementsAre());
}

// ---- Derived addresses and init-captures (issue 12). ----

TEST(DerivedAddress, ArrayMemberDecaysToPointer) {
  EXPECT_EQ("stored to global 'G'",
            escapeOf("struct S { int arr[4]; }; int *G;"
                     " void f() { S *p = new S; G = p->arr; delete p; }"));
}

TEST(DerivedAddress, MemberFunctionReturningPointerIntoThis) {
  EXPECT_EQ("stored to global 'G'",
            escapeOf("struct S { int arr[4]; int *ptr() { return arr; } };"
                     " int *G; void f() { auto p = std::make_unique<S>();"
                     " G = p->ptr(); }"));
}

TEST(DerivedAddress, InitCaptureIsAnAlias) {
  EXPECT_EQ("stored to global 'G'",
            escapeOf(std::string(Point) +
                     "int *G; void f() { auto p = std::make_unique<Point>();"
                     " auto l = [q = p.get()] { G = &q->x; }; l(); }"));
}

} // namespace
} // namespace clang::escape::test
