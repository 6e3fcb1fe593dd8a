//===--- TripCountTest.cpp - trip counts and capacity facts ---------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// In-process tests of escape/TripCount.h and escape/Capacity.h: each test
// parses a small program (with the minimal std below) and asserts on the
// facts the engine gives for the loops and containers of function `f`.
//
//===----------------------------------------------------------------------===//

#include "escape/TripCount.h"
#include "escape/Capacity.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::escape;

namespace {

/// Just enough of the standard library for the engine: the engine reads
/// member names and signatures, never bodies.
const char *const Prelude = R"cpp(
namespace std {
typedef decltype(sizeof(0)) size_t;
template <class E> class initializer_list {
  const E *B; size_t N;
  constexpr initializer_list(const E *B, size_t N) : B(B), N(N) {}
public:
  constexpr initializer_list() : B(nullptr), N(0) {}
  constexpr size_t size() const { return N; }
  constexpr const E *begin() const { return B; }
  constexpr const E *end() const { return B + N; }
};
template <class T> struct vector {
  typedef T value_type;
  typedef T *iterator;
  typedef const T *const_iterator;
  vector();
  explicit vector(size_t N);
  template <class It> vector(It F, It L);
  vector(const vector &);
  vector &operator=(const vector &);
  void push_back(const T &);
  template <class... A> void emplace_back(A &&...);
  void reserve(size_t);
  void resize(size_t);
  void clear();
  void shrink_to_fit();
  template <class It> void assign(It F, It L);
  void pop_back();
  iterator erase(const_iterator);
  iterator insert(const_iterator, const T &);
  size_t size() const;
  bool empty() const;
  T &operator[](size_t);
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  void swap(vector &);
};
template <class K, class V> struct unordered_map {
  typedef K key_type;
  typedef V mapped_type;
  V &operator[](const K &);
  void reserve(size_t);
  size_t size() const;
};
template <class C> struct back_insert_iterator {
  explicit back_insert_iterator(C &);
  back_insert_iterator &operator=(const typename C::value_type &);
  back_insert_iterator &operator*();
  back_insert_iterator &operator++();
};
template <class C> back_insert_iterator<C> back_inserter(C &);
template <class C> struct insert_iterator {
  insert_iterator(C &, typename C::iterator);
  insert_iterator &operator=(const typename C::value_type &);
  insert_iterator &operator*();
  insert_iterator &operator++();
};
template <class C> insert_iterator<C> inserter(C &, typename C::iterator);
template <class I, class O> O copy(I F, I L, O D);
template <class I, class N, class O> O copy_n(I F, N Count, O D);
template <class I, class O, class F> O transform(I F1, I L, O D, F Fn);
template <class O, class N, class T> O fill_n(O D, N Count, const T &V);
template <class O, class N, class G> O generate_n(O D, N Count, G Gen);
struct input_iterator_tag {};
struct forward_iterator_tag : input_iterator_tag {};
} // namespace std
struct Iter {
  using iterator_category = std::forward_iterator_tag;
  int operator*() const;
  Iter &operator++();
  bool operator!=(const Iter &) const;
};
// Counting a range of input iterators would consume it.
struct InIter {
  using iterator_category = std::input_iterator_tag;
  int operator*() const;
  InIter &operator++();
  bool operator!=(const InIter &) const;
};
void use(int);
bool cond();
int next();
void take(std::vector<int> &);
void look(const std::vector<int> &);
std::vector<int> makeVec();
)cpp";

std::unique_ptr<ASTUnit> build(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code, {"-std=c++17", "-fsyntax-only"}, "input.cc");
}

/// The loops of function `f` in source order.
std::vector<const Stmt *> loopsOf(ASTUnit &AST) {
  auto Matches = match(
      functionDecl(hasName("f"),
                   forEachDescendant(stmt(anyOf(forStmt(), cxxForRangeStmt(),
                                                whileStmt(), doStmt()))
                                         .bind("loop"))),
      AST.getASTContext());
  std::vector<const Stmt *> Loops;
  for (const auto &M : Matches)
    Loops.push_back(M.getNodeAs<Stmt>("loop"));
  const SourceManager &SM = AST.getSourceManager();
  std::sort(Loops.begin(), Loops.end(), [&](const Stmt *A, const Stmt *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  return Loops;
}

/// The trip count text of the first loop of `f` in \p Body, or "<none>".
std::string countOf(const std::string &Body, TripCount *Out = nullptr) {
  auto AST = build(Body);
  if (!AST)
    return "<no AST>";
  std::vector<const Stmt *> Loops = loopsOf(*AST);
  if (Loops.empty())
    return "<no loop>";
  std::optional<TripCount> TC =
      findTripCount(*Loops.front(), AST->getASTContext());
  if (!TC)
    return "<none>";
  if (Out)
    *Out = *TC;
  return TC->Text;
}

//===----------------------------------------------------------------------===//
// Trip counts
//===----------------------------------------------------------------------===//

struct CountCase {
  const char *Code;
  const char *Expected;
};

class TripCountTest : public ::testing::TestWithParam<CountCase> {};

TEST_P(TripCountTest, Text) {
  EXPECT_EQ(countOf(GetParam().Code), GetParam().Expected) << GetParam().Code;
}

INSTANTIATE_TEST_SUITE_P(
    Counted, TripCountTest,
    ::testing::Values(
        CountCase{"void f(int n) { for (int i = 0; i < n; ++i) use(i); }", "n"},
        CountCase{"void f(int n) { for (int i = 0; i <= n; ++i) use(i); }",
                  "(n + 1)"},
        CountCase{"void f(unsigned n) { for (unsigned i = 0; i != n; i++) "
                  "use(i); }",
                  "n"},
        CountCase{"void f(long lo, long hi) { for (long i = lo; i < hi; ++i) "
                  "use(i); }",
                  "(hi - lo)"},
        CountCase{"void f(int n) { for (int i = n - 1; i >= 0; --i) use(i); }",
                  "n"},
        CountCase{"void f(int n) { for (int i = n; i > 0; i--) use(i); }", "n"},
        CountCase{"void f(int n) { for (int i = 0; n > i; i += 1) use(i); }",
                  "n"},
        CountCase{"void f(const std::vector<int> &v) { for (std::size_t i = 0; "
                  "i < v.size(); ++i) use(i); }",
                  "v.size()"},
        CountCase{"void f() { for (char i = 0; i < 10; ++i) use(i); }", "10"},
        CountCase{"void f(const std::vector<int> &v) { for (short i = 0, e = "
                  "v.size(); i < e; ++i) use(i); }",
                  "v.size()"},
        CountCase{"void f(int n, int i) { for (; i < n; ++i) use(i); }",
                  "(n - i)"},
        CountCase{"void f(int n, int m) { for (int i = 0; i < n * m; ++i) "
                  "use(i); }",
                  "n * m"},
        CountCase{"void f(int a, int b) { for (int i = 0; i < a + b; ++i) "
                  "use(i); }",
                  "(a + b)"}));

INSTANTIATE_TEST_SUITE_P(
    CountedRejected, TripCountTest,
    ::testing::Values(
        CountCase{"void f(int n) { for (int i = 0; i < n; i += 2) use(i); }",
                  "<none>"},
        CountCase{"void f(int n) { for (int i = 0; i < n; ++i) { ++i; } }",
                  "<none>"},
        CountCase{"void f(int n) { for (int i = 0; i < n; ++i) { --n; } }",
                  "<none>"},
        CountCase{"void f(int n) { for (int i = 0; i < n; --i) use(i); }",
                  "<none>"},
        CountCase{"void f() { for (int i = 0; i < 0; ++i) use(i); }", "<none>"},
        CountCase{"void f(int n) { for (int i = 0; i < n;) use(i++); }",
                  "<none>"},
        CountCase{"void f(std::vector<int> &v) { for (int i = 0; i < "
                  "v.size(); ++i) v.push_back(i); }",
                  "<none>"},
        CountCase{"void f(int n) { for (int i = 0, e = n; i < e; ++i) "
                  "e--; }",
                  "<none>"}));

INSTANTIATE_TEST_SUITE_P(
    Ranges, TripCountTest,
    ::testing::Values(
        CountCase{"void f(const std::vector<int> &v) { for (int x : v) use(x); "
                  "}",
                  "v.size()"},
        CountCase{"void f() { int a[8] = {}; for (int x : a) use(x); }", "8"},
        CountCase{"void f() { for (int x : {1, 2, 3}) use(x); }", "3"},
        CountCase{"void f(std::vector<int> *pv) { for (int x : *pv) use(x); }",
                  "pv->size()"},
        // A temporary range exists only inside the loop: counting it before
        // would build it twice.
        CountCase{"void f() { for (int x : makeVec()) use(x); }", "<none>"},
        CountCase{"void f(std::vector<int> &v) { for (int &x : v) x = 0; }",
                  "v.size()"},
        CountCase{"void f(std::vector<int> &v) { for (int x : v) "
                  "v.push_back(x); }",
                  "<none>"},
        CountCase{"void f(std::vector<int> &v) { for (auto it = v.begin(); it "
                  "!= v.end(); ++it) use(*it); }",
                  "v.size()"},
        CountCase{"void f(const int *a, int n) { for (const int *p = a; p != a "
                  "+ n; ++p) use(*p); }",
                  "n"},
        CountCase{"void f(Iter first, Iter last) { for (Iter it = first; it != "
                  "last; ++it) use(*it); }",
                  "std::distance(first, last)"},
        CountCase{"void f(InIter first, InIter last) { for (InIter it = first; "
                  "it != last; ++it) use(*it); }",
                  "<none>"}));

INSTANTIATE_TEST_SUITE_P(
    WhileLoops, TripCountTest,
    ::testing::Values(
        CountCase{"void f(int n) { int i = 0; while (i < n) { use(i); ++i; } }",
                  "n"},
        CountCase{"void f(int n, int i) { while (i < n) { use(i); i++; } }",
                  "(n - i)"},
        CountCase{"void f(int n) { int i = 0; do { use(i); ++i; } while (i < "
                  "n); }",
                  "n"},
        CountCase{"void f(int n) { while (n--) use(n); }", "n"},
        CountCase{"void f(int n) { while (n-- > 0) use(n); }", "n"},
        CountCase{"void f(int n) { int i = n; while (i > 0) { --i; use(i); } }",
                  "n"},
        CountCase{"void f(int n) { int i = 0; while (i < n) { if (cond()) "
                  "++i; } }",
                  "<none>"},
        CountCase{"void f(int n) { int i = 0; while (i < n) { ++i; ++i; } }",
                  "<none>"},
        CountCase{"void f(std::vector<int> &v) { while (!v.empty()) "
                  "v.pop_back(); }",
                  "<none>"},
        CountCase{"void f() { while (next()) use(1); }", "<none>"},
        CountCase{"void f(int n) { int i = 0; while (i < n) { ++i; n--; } }",
                  "<none>"}));

TEST(TripCountFacts, ConstantSideEffectsAndSigns) {
  TripCount TC;
  EXPECT_EQ(countOf("void f() { for (int i = 0; i < 10; ++i) use(i); }", &TC),
            "10");
  ASSERT_TRUE(TC.Constant.has_value());
  EXPECT_EQ(*TC.Constant, 10u);
  EXPECT_TRUE(TC.SideEffectFree);
  EXPECT_EQ(TC.Kind, LoopKind::CountedFor);

  TC = TripCount();
  EXPECT_EQ(countOf("constexpr int kN = 4; void f() { for (int i = 0; i < kN; "
                    "++i) use(i); }",
                    &TC),
            "kN");
  ASSERT_TRUE(TC.Constant.has_value());
  EXPECT_EQ(*TC.Constant, 4u);

  TC = TripCount();
  EXPECT_EQ(
      countOf("void f() { for (int i = 0; i < next(); ++i) use(i); }", &TC),
      "next()");
  EXPECT_FALSE(TC.SideEffectFree);

  TC = TripCount();
  EXPECT_EQ(countOf("void f(const std::vector<int> &v) { for (std::size_t i = "
                    "1; i < v.size(); ++i) use(i); }",
                    &TC),
            "(v.size() - 1)");
  EXPECT_TRUE(TC.MayBeNegative);
  EXPECT_TRUE(TC.SideEffectFree);

  TC = TripCount();
  EXPECT_EQ(
      countOf("void f(int n) { for (int i = 0; i <= n; ++i) use(i); }", &TC),
      "(n + 1)");
  EXPECT_FALSE(TC.MayBeNegative);
  EXPECT_TRUE(TC.SignedBound);
  EXPECT_FALSE(TC.MayExitEarly);

  TC = TripCount();
  EXPECT_EQ(countOf("void f(unsigned n) { for (unsigned i = 0; i < n; ++i) "
                    "use(i); }",
                    &TC),
            "n");
  EXPECT_FALSE(TC.SignedBound);

  TC = TripCount();
  countOf("void f(int n) { for (int i = 0; i < n; ++i) { use(i); if (cond()) "
          "break; } }",
          &TC);
  EXPECT_TRUE(TC.MayExitEarly);

  TC = TripCount();
  countOf("void f(int n) { for (int i = 0; i < n; ++i) { for (int j = 0; j < "
          "3; ++j) if (cond()) break; } }",
          &TC);
  EXPECT_FALSE(TC.MayExitEarly); // The break leaves the inner loop only.

  TC = TripCount();
  countOf("void f(int n) { int i = 0; do { ++i; } while (i < n); }", &TC);
  EXPECT_EQ(TC.Kind, LoopKind::DoWhile);
}

//===----------------------------------------------------------------------===//
// Nested loops
//===----------------------------------------------------------------------===//

/// Whether the count of loop \p Inner of `f` is invariant in loop \p Outer.
std::string invariance(const std::string &Code, unsigned Outer,
                       unsigned Inner) {
  auto AST = build(Code);
  if (!AST)
    return "<no AST>";
  std::vector<const Stmt *> Loops = loopsOf(*AST);
  if (Loops.size() <= std::max(Outer, Inner))
    return "<no loop>";
  std::optional<TripCount> TC =
      findTripCount(*Loops[Inner], AST->getASTContext());
  if (!TC)
    return "<none>";
  return TC->Text + (isInvariantIn(*TC, *Loops[Outer], AST->getASTContext())
                         ? " invariant"
                         : " varies");
}

TEST(TripCountNested, InvariantInOuterLoop) {
  EXPECT_EQ(invariance("void f(int rows, int cols) { for (int i = 0; i < rows; "
                       "++i) for (int j = 0; j < cols; ++j) use(j); }",
                       0, 1),
            "cols invariant");
  EXPECT_EQ(invariance("void f(int n) { for (int i = 0; i < n; ++i) for (int j "
                       "= 0; j < i; ++j) use(j); }",
                       0, 1),
            "i varies");
  EXPECT_EQ(invariance("void f(int n, int m) { for (int i = 0; i < n; ++i) { "
                       "for (int j = 0; j < m; ++j) use(j); ++m; } }",
                       0, 1),
            "m varies");
  EXPECT_EQ(invariance("void f(const std::vector<std::vector<int>> &g) { for "
                       "(const auto &row : g) for (int x : row) use(x); }",
                       0, 1),
            "row.size() varies");
  EXPECT_EQ(invariance("void f(const std::vector<int> &a, const "
                       "std::vector<int> &b) { for (int x : a) for (int y : b) "
                       "use(x + y); }",
                       0, 1),
            "b.size() invariant");
  // A temporary range has no count before the loop at all.
  EXPECT_EQ(invariance("void f(int n) { for (int i = 0; i < n; ++i) for (int x "
                       ": makeVec()) use(x); }",
                       0, 1),
            "<none>");
}

TEST(TripCountText, ProductsAndSums) {
  EXPECT_EQ(productText({"rows", "cols"}), "rows * cols");
  EXPECT_EQ(productText({"(n + 1)", "m"}), "(n + 1) * m");
  EXPECT_EQ(sumText({"n", "n"}), "2 * n");
  EXPECT_EQ(sumText({"n", "m", "n"}), "2 * n + m");
  EXPECT_EQ(sumText({"in.size()"}), "in.size()");
}

//===----------------------------------------------------------------------===//
// Coverage of a statement in the loop body
//===----------------------------------------------------------------------===//

const char *coverageName(Coverage C) {
  switch (C) {
  case Coverage::EveryIteration:
    return "every";
  case Coverage::Conditional:
    return "conditional";
  case Coverage::AfterEarlyExit:
    return "after-exit";
  }
  return "?";
}

/// Coverage of the call `mark()` in the first loop of `f`.
std::string coverageOf(const std::string &Body) {
  auto AST = build("void mark();\n" + Body);
  if (!AST)
    return "<no AST>";
  auto Calls = match(
      functionDecl(
          hasName("f"),
          forEachDescendant(
              callExpr(callee(functionDecl(hasName("mark")))).bind("mark"))),
      AST->getASTContext());
  if (Calls.size() != 1)
    return "<no mark>";
  const auto *Mark = Calls[0].getNodeAs<CallExpr>("mark");
  std::vector<const Stmt *> Loops = loopsOf(*AST);
  if (Loops.empty())
    return "<no loop>";
  const Stmt *Loop = enclosingLoop(*Mark, AST->getASTContext());
  if (Loop != Loops.front())
    return "<wrong loop>";
  return coverageName(coverage(*Mark, *Loop, AST->getASTContext()));
}

struct CoverageCase {
  const char *Body;
  const char *Expected;
};

class CoverageTest : public ::testing::TestWithParam<CoverageCase> {};

TEST_P(CoverageTest, Classify) {
  std::string Code = std::string("void f(int n, int c) { for (int i = 0; i < "
                                 "n; ++i) { ") +
                     GetParam().Body + " } }";
  EXPECT_EQ(coverageOf(Code), GetParam().Expected) << GetParam().Body;
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, CoverageTest,
    ::testing::Values(
        CoverageCase{"mark();", "every"},
        CoverageCase{"use(i); { use(c); mark(); }", "every"},
        CoverageCase{"if (c) mark();", "conditional"},
        CoverageCase{"if (c) use(i); else mark();", "conditional"},
        CoverageCase{"if (c) continue; mark();", "conditional"},
        CoverageCase{"if (c) break; mark();", "after-exit"},
        CoverageCase{"if (c) return; mark();", "after-exit"},
        CoverageCase{"mark(); if (c) break;", "every"},
        CoverageCase{"switch (c) { case 1: break; } mark();", "every"},
        CoverageCase{"switch (c) { case 1: mark(); break; }", "conditional"},
        CoverageCase{"for (int j = 0; j < 3; ++j) { if (j == c) break; } "
                     "mark();",
                     "every"},
        CoverageCase{"while (c) { continue; } mark();", "every"},
        CoverageCase{"c ? mark() : use(i);", "conditional"},
        CoverageCase{"(void)(c && (mark(), true));", "conditional"},
        CoverageCase{"if (c) { mark(); }", "conditional"},
        CoverageCase{"try { mark(); } catch (...) {}", "every"},
        CoverageCase{"try { use(i); } catch (...) { mark(); }", "conditional"},
        CoverageCase{"auto l = [] { return 1; }; (void)l; mark();", "every"},
        CoverageCase{"auto l = [] { return; }; (void)l; mark();", "every"}));

TEST(Coverage, LambdaBodyIsNotInTheLoop) {
  EXPECT_EQ(coverageOf("void f(int n) { for (int i = 0; i < n; ++i) { auto l "
                       "= [] { mark(); }; l(); } }"),
            "<wrong loop>");
}

//===----------------------------------------------------------------------===//
// Algorithms
//===----------------------------------------------------------------------===//

/// "<container> <algorithm> <inserter> <count>" for the single algorithm
/// call of `f`, or "<none>".
std::string algorithmOf(const std::string &Code) {
  auto AST = build(Code);
  if (!AST)
    return "<no AST>";
  auto Calls = match(
      functionDecl(
          hasName("f"),
          forEachDescendant(
              callExpr(callee(functionDecl(hasAnyName(
                           "::std::copy", "::std::copy_n", "::std::transform",
                           "::std::fill_n", "::std::generate_n"))))
                  .bind("call"))),
      AST->getASTContext());
  if (Calls.size() != 1)
    return "<no call>";
  std::optional<AlgorithmGrowth> G = findAlgorithmGrowth(
      *Calls[0].getNodeAs<CallExpr>("call"), AST->getASTContext());
  if (!G)
    return "<none>";
  const auto *Ref = dyn_cast<DeclRefExpr>(G->Container);
  std::string Name = Ref ? Ref->getDecl()->getNameAsString() : "?";
  return Name + " " + G->AlgorithmName + " " + G->InserterName + " " +
         G->Count.Text;
}

TEST(Algorithms, KnownCounts) {
  EXPECT_EQ(algorithmOf("void f(const std::vector<int> &in) { "
                        "std::vector<int> out; std::copy(in.begin(), in.end(), "
                        "std::back_inserter(out)); }"),
            "out std::copy std::back_inserter in.size()");
  EXPECT_EQ(algorithmOf("void f(const int *p, int n) { std::vector<int> out; "
                        "std::copy_n(p, n, std::back_inserter(out)); }"),
            "out std::copy_n std::back_inserter n");
  EXPECT_EQ(algorithmOf("int twice(int); void f(const int *a, int n) { "
                        "std::vector<int> out; std::transform(a, a + n, "
                        "std::back_inserter(out), twice); }"),
            "out std::transform std::back_inserter n");
  EXPECT_EQ(algorithmOf("void f() { std::vector<int> out; "
                        "std::fill_n(std::back_inserter(out), 5, 0); }"),
            "out std::fill_n std::back_inserter 5");
  EXPECT_EQ(algorithmOf("void f(int k) { std::vector<int> s; "
                        "std::generate_n(std::inserter(s, s.end()), k, next); "
                        "}"),
            "s std::generate_n std::inserter k");
  EXPECT_EQ(algorithmOf("void f(Iter first, Iter last) { std::vector<int> out; "
                        "std::copy(first, last, std::back_inserter(out)); }"),
            "out std::copy std::back_inserter std::distance(first, last)");
  EXPECT_EQ(algorithmOf("void f(InIter first, InIter last) { std::vector<int> "
                        "out; std::copy(first, last, std::back_inserter(out)); "
                        "}"),
            "<none>");
}

TEST(Algorithms, NotGrowth) {
  EXPECT_EQ(algorithmOf("void f(const std::vector<int> &in, std::vector<int> "
                        "&out) { std::copy(in.begin(), in.end(), out.begin()); "
                        "}"),
            "<none>");
  EXPECT_EQ(algorithmOf("void f(std::vector<int> &out) { "
                        "std::copy(out.begin(), out.end(), "
                        "std::back_inserter(out)); }"),
            "<none>");
  EXPECT_EQ(algorithmOf("void f() { std::vector<int> out; "
                        "std::fill_n(std::back_inserter(out), 0, 0); }"),
            "<none>");
}

//===----------------------------------------------------------------------===//
// Uses of a container
//===----------------------------------------------------------------------===//

const char *useName(ContainerUse U) {
  switch (U) {
  case ContainerUse::None:
    return "none";
  case ContainerUse::ElementAccess:
    return "element";
  case ContainerUse::Grow:
    return "grow";
  case ContainerUse::Reserve:
    return "reserve";
  case ContainerUse::Establish:
    return "establish";
  case ContainerUse::Clear:
    return "clear";
  case ContainerUse::Shrink:
    return "shrink";
  case ContainerUse::SizeChange:
    return "size-change";
  case ContainerUse::Escape:
    return "escape";
  case ContainerUse::Mutated:
    return "mutated";
  }
  return "?";
}

struct UseCase {
  const char *Stmt;
  const char *Expected;
};

class ClassifyUseTest : public ::testing::TestWithParam<UseCase> {};

/// Classifies the mention of `v` (the only one) in the statement.
TEST_P(ClassifyUseTest, Classify) {
  auto AST = build(std::string("void f(std::vector<int> &w, "
                               "std::unordered_map<int, int> &m) { "
                               "std::vector<int> v; ") +
                   GetParam().Stmt + " }");
  ASSERT_TRUE(AST);
  auto Refs = match(
      functionDecl(hasName("f"),
                   forEachDescendant(
                       declRefExpr(to(varDecl(hasName("v")))).bind("ref"))),
      AST->getASTContext());
  ASSERT_EQ(Refs.size(), 1u) << GetParam().Stmt;
  EXPECT_STREQ(useName(classifyUse(*Refs[0].getNodeAs<DeclRefExpr>("ref"),
                                   AST->getASTContext())),
               GetParam().Expected)
      << GetParam().Stmt;
}

INSTANTIATE_TEST_SUITE_P(
    Uses, ClassifyUseTest,
    ::testing::Values(
        UseCase{"v.push_back(1);", "grow"},
        UseCase{"v.emplace_back(1);", "grow"},
        UseCase{"v.insert(w.begin(), 1);", "grow"},
        UseCase{"v.reserve(3);", "reserve"},
        UseCase{"v.assign(w.begin(), w.end());", "establish"},
        UseCase{"v.resize(3);", "establish"}, UseCase{"v = w;", "establish"},
        UseCase{"v.clear();", "clear"}, UseCase{"v.shrink_to_fit();", "shrink"},
        UseCase{"(void)v.size();", "none"}, UseCase{"look(v);", "none"},
        UseCase{"const auto &r = v; (void)r;", "none"},
        UseCase{"auto c = v; (void)c;", "none"},
        UseCase{"v[0] = 1;", "element"},
        UseCase{"for (int &x : v) x = 0;", "element"},
        UseCase{"(void)v.begin();", "element"},
        UseCase{"v.erase(w.begin());", "size-change"},
        UseCase{"v.pop_back();", "size-change"}, UseCase{"take(v);", "escape"},
        UseCase{"auto &r = v; (void)r;", "escape"},
        UseCase{"auto *p = &v; (void)p;", "escape"},
        UseCase{"v.swap(w);", "escape"},
        UseCase{"auto l = [&v] {}; (void)l;", "escape"},
        UseCase{"auto l = [v] {}; (void)l;", "none"}));

TEST(ClassifyUse, MapSubscriptGrows) {
  auto AST = build("void f() { std::unordered_map<int, int> m; m[1] = 2; }");
  ASSERT_TRUE(AST);
  auto Refs = match(
      functionDecl(hasName("f"),
                   forEachDescendant(
                       declRefExpr(to(varDecl(hasName("m")))).bind("ref"))),
      AST->getASTContext());
  ASSERT_EQ(Refs.size(), 1u);
  EXPECT_EQ(
      classifyUse(*Refs[0].getNodeAs<DeclRefExpr>("ref"), AST->getASTContext()),
      ContainerUse::Grow);
}

//===----------------------------------------------------------------------===//
// Capacity before a loop
//===----------------------------------------------------------------------===//

/// "established"/"none" and "empty"/"maybe-elements" for container \p Name
/// (a local, a parameter, or a member of the class of `f`) before the last
/// loop of `f`.
std::string capacityBefore(const std::string &Code,
                           const std::string &Name = "v") {
  auto AST = build(Code);
  if (!AST)
    return "<no AST>";
  ASTContext &Ctx = AST->getASTContext();
  auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  if (Fs.size() != 1)
    return "<no f>";
  const auto *F = Fs[0].getNodeAs<FunctionDecl>("f");
  std::vector<const Stmt *> Loops = loopsOf(*AST);
  if (Loops.empty())
    return "<no loop>";
  auto Decls = match(
      namedDecl(hasName(Name), anyOf(varDecl(), fieldDecl())).bind("d"), Ctx);
  if (Decls.empty())
    return "<no decl>";
  const auto *D = Decls[0].getNodeAs<ValueDecl>("d");
  ContainerRef C{D, isa<FieldDecl>(D)};
  CapacityAnalyzer A(*F, Ctx);
  std::optional<CapacityFact> Fact = A.before(C, *Loops.back());
  if (!Fact)
    return "<unknown>";
  return std::string(Fact->EstablishedOnEveryPath ? "established" : "none") +
         (Fact->MayBeNonEmpty ? " maybe-elements" : " empty");
}

struct CapacityCase {
  const char *Code;
  const char *Expected;
};

class CapacityTest : public ::testing::TestWithParam<CapacityCase> {};

TEST_P(CapacityTest, BeforeLastLoop) {
  EXPECT_EQ(capacityBefore(GetParam().Code), GetParam().Expected)
      << GetParam().Code;
}

#define LOOP " for (int i = 0; i < n; ++i) v.push_back(i); }"

INSTANTIATE_TEST_SUITE_P(
    Locals, CapacityTest,
    ::testing::Values(
        CapacityCase{"void f(int n) { std::vector<int> v;" LOOP, "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v{};" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; v.reserve(n);" LOOP,
                     "established empty"},
        CapacityCase{"void f(int n) { std::vector<int> v(n);" LOOP,
                     "established maybe-elements"},
        CapacityCase{"void f(int n, const std::vector<int> &w) { "
                     "std::vector<int> v(w.begin(), w.end());" LOOP,
                     "established maybe-elements"},
        CapacityCase{"void f(int n, const std::vector<int> &w) { "
                     "std::vector<int> v; v = w;" LOOP,
                     "established maybe-elements"},
        // Only one branch reserves: not every path.
        CapacityCase{"void f(int n) { std::vector<int> v; if (cond()) "
                     "v.reserve(n);" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; if (cond()) "
                     "v.reserve(n); else v.resize(n);" LOOP,
                     "established maybe-elements"},
        // Mentions that establish nothing.
        CapacityCase{"void f(int n) { std::vector<int> v; use(v.size());" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; v.push_back(0);" LOOP,
                     "none maybe-elements"},
        CapacityCase{"void f(int n) { std::vector<int> v; look(v);" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; take(v);" LOOP,
                     "established maybe-elements"},
        CapacityCase{"void f(int n) { std::vector<int> v; v.reserve(n); "
                     "v.shrink_to_fit();" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; for (int k = 0; k < "
                     "3; ++k) v.reserve(n);" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; while (cond()) { "
                     "v.reserve(n); break; }" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; if (!cond()) "
                     "return; v.reserve(n);" LOOP,
                     "established empty"},
        CapacityCase{"void f(int n) { std::vector<int> v; auto l = [&] { "
                     "v.reserve(n); }; l();" LOOP,
                     "established maybe-elements"},
        // The loop itself is not applied.
        CapacityCase{"void f(int n) { std::vector<int> v; for (int i = 0; i < "
                     "n; ++i) { v.push_back(i); v.reserve(9); } }",
                     "none empty"}));

INSTANTIATE_TEST_SUITE_P(
    ParamsAndMembers, CapacityTest,
    ::testing::Values(
        CapacityCase{"void f(int n, std::vector<int> &v) {" LOOP,
                     "none maybe-elements"},
        CapacityCase{"void f(int n, std::vector<int> &v) { v.clear();" LOOP,
                     "none empty"},
        CapacityCase{"void f(int n, std::vector<int> &v) { if (cond()) "
                     "v.clear();" LOOP,
                     "none maybe-elements"},
        CapacityCase{"void f(int n, std::vector<int> &v) { v.reserve(v.size() "
                     "+ n);" LOOP,
                     "established maybe-elements"},
        CapacityCase{"struct S { std::vector<int> v; void f(int n); }; void "
                     "S::f(int n) {" LOOP,
                     "none maybe-elements"},
        CapacityCase{"struct S { std::vector<int> v; void f(int n); }; void "
                     "S::f(int n) { this->v.clear();" LOOP,
                     "none empty"},
        CapacityCase{"struct S { std::vector<int> v; void f(int n); }; void "
                     "S::f(int n) { v.reserve(n);" LOOP,
                     "established maybe-elements"},
        CapacityCase{"struct S { std::vector<int> v; void reset(); void f(int "
                     "n); }; void S::f(int n) { v.clear(); reset();" LOOP,
                     "established maybe-elements"},
        CapacityCase{
            "struct S { std::vector<int> v; int size() const; void "
            "f(int n); }; void S::f(int n) { v.clear(); use(size());" LOOP,
            "none empty"}));

#undef LOOP

TEST(Capacity, ConstructorStartsFromInitializers) {
  auto Check = [](const std::string &Code) {
    auto AST = build(Code);
    if (!AST)
      return std::string("<no AST>");
    ASTContext &Ctx = AST->getASTContext();
    auto Ctors = match(cxxConstructorDecl(isDefinition(), ofClass(hasName("S")),
                                          unless(isImplicit()))
                           .bind("c"),
                       Ctx);
    auto Fields = match(fieldDecl(hasName("v")).bind("v"), Ctx);
    auto Loops = match(
        cxxConstructorDecl(forEachDescendant(forStmt().bind("loop"))), Ctx);
    if (Ctors.size() != 1 || Fields.size() != 1 || Loops.size() != 1)
      return std::string("<not found>");
    CapacityAnalyzer A(*Ctors[0].getNodeAs<CXXConstructorDecl>("c"), Ctx);
    auto Fact =
        A.before(ContainerRef{Fields[0].getNodeAs<FieldDecl>("v"), true},
                 *Loops[0].getNodeAs<Stmt>("loop"));
    if (!Fact)
      return std::string("<unknown>");
    return std::string(Fact->EstablishedOnEveryPath ? "established" : "none") +
           (Fact->MayBeNonEmpty ? " maybe-elements" : " empty");
  };
  EXPECT_EQ(Check("struct S { std::vector<int> v; S(int n); }; S::S(int n) { "
                  "for (int i = 0; i < n; ++i) v.push_back(i); }"),
            "none empty");
  EXPECT_EQ(Check("struct S { std::vector<int> v; S(int n); }; S::S(int n) : "
                  "v(n) { for (int i = 0; i < n; ++i) v.push_back(i); }"),
            "established maybe-elements");
}

TEST(Capacity, BeforeAnAlgorithmCall) {
  auto AST = build("void f(const std::vector<int> &in) { std::vector<int> v; "
                   "std::copy(in.begin(), in.end(), std::back_inserter(v)); }");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto M = match(
      functionDecl(
          hasName("f"),
          hasDescendant(callExpr(callee(functionDecl(hasName("::std::copy"))))
                            .bind("call")),
          hasDescendant(varDecl(hasName("v")).bind("v")))
          .bind("f"),
      Ctx);
  ASSERT_EQ(M.size(), 1u);
  CapacityAnalyzer A(*M[0].getNodeAs<FunctionDecl>("f"), Ctx);
  auto Fact = A.before(ContainerRef{M[0].getNodeAs<VarDecl>("v"), false},
                       *M[0].getNodeAs<CallExpr>("call"));
  ASSERT_TRUE(Fact.has_value());
  // The back_inserter inside the call is not applied.
  EXPECT_FALSE(Fact->EstablishedOnEveryPath);
  EXPECT_FALSE(Fact->MayBeNonEmpty);
}

TEST(Capacity, SizingUsesInsideALoop) {
  auto AST = build(
      "void f(int n) { std::vector<int> v; std::vector<int> w; for (int i = "
      "0; i < n; ++i) { v.push_back(i); w.push_back(i); w.clear(); } }");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  std::vector<const Stmt *> Loops = loopsOf(*AST);
  ASSERT_EQ(Loops.size(), 1u);
  auto Vars = match(varDecl(hasAnyName("v", "w")).bind("d"), Ctx);
  ASSERT_EQ(Vars.size(), 2u);
  for (const auto &M : Vars) {
    const auto *D = M.getNodeAs<VarDecl>("d");
    const Stmt *Use = findSizingUseIn(ContainerRef{D, false}, *Loops[0], Ctx);
    if (D->getName() == "v")
      EXPECT_EQ(Use, nullptr);
    else
      EXPECT_NE(Use, nullptr);
  }
}

} // namespace
