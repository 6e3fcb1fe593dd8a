//===--- RegionEscapeTest.cpp - EscapeAnalyzer::findEscapeFromRegion ------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Does a local object declared in a loop body, or an address derived from
/// it, outlive the iteration, or is the whole object handed on?
///
//===----------------------------------------------------------------------===//

#include "EscapeTestSupport.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::escape;
using namespace clang::escape::test;
using namespace clang::ast_matchers;

namespace {

/// A vector-like class for the tests.
const char *Vec = R"cc(
struct Vec {
  Vec();
  Vec(const Vec &);
  Vec(Vec &&) noexcept;
  ~Vec();
  Vec &operator=(const Vec &);
  Vec &operator=(Vec &&) noexcept;
  void push_back(int);
  void swap(Vec &);
  int &operator[](size_t);
  int *begin();
};
void read(const Vec &);
)cc";

/// The answer for the variable `v` of function `f`, whose body holds one
/// `for` loop: "no escape" or the one-line description of the witness.
std::string regionEscapeOf(const std::string &Code) {
  std::unique_ptr<ASTUnit> AST = buildAST(std::string(Vec) + Code);
  if (!AST)
    return "<no AST>";
  ASTContext &Ctx = AST->getASTContext();
  if (AST->getDiagnostics().hasErrorOccurred())
    return "<compile error>";
  const FunctionDecl *F = findFunction(Ctx, "f");
  if (!F)
    return "<no function>";
  auto Loops =
      match(functionDecl(hasName("f"), isDefinition(),
                         hasDescendant(forStmt().bind("loop")),
                         hasDescendant(varDecl(hasName("v")).bind("v"))),
            Ctx);
  if (Loops.empty())
    return "<no loop>";
  const auto *Loop = Loops.front().getNodeAs<ForStmt>("loop");
  const auto *V = Loops.front().getNodeAs<VarDecl>("v");
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer A(Ctx, Cache);
  std::optional<Witness> W = A.findEscapeFromRegion(*V, *Loop->getBody(), *F);
  return W ? describe(*W) : "no escape";
}

TEST(RegionEscape, ReadAndGrownOnly) {
  EXPECT_EQ("no escape", regionEscapeOf(R"cc(
    void f(int n) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        v.push_back(i);
        Vec &r = v;
        read(r);
      }
    })cc"));
}

TEST(RegionEscape, PointerKeptOutside) {
  EXPECT_EQ("an address of it is kept in 'keep'", regionEscapeOf(R"cc(
    void f(int n) {
      Vec *keep = nullptr;
      for (int i = 0; i < n; ++i) {
        Vec v;
        keep = &v;
      }
      (void)keep;
    })cc"));
}

TEST(RegionEscape, ElementAddressKeptOutside) {
  EXPECT_EQ("an address of it is kept in 'p'", regionEscapeOf(R"cc(
    void f(int n) {
      int *p = nullptr;
      for (int i = 0; i < n; ++i) {
        Vec v;
        p = v.begin();
      }
      (void)p;
    })cc"));
}

TEST(RegionEscape, MovedOut) {
  EXPECT_EQ("moved or copied out as a whole", regionEscapeOf(R"cc(
    void f(int n, Vec &out) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        out = std::move(v);
      }
    })cc"));
}

TEST(RegionEscape, CopyConstructedOutside) {
  EXPECT_EQ("moved or copied out as a whole", regionEscapeOf(R"cc(
    void sink(Vec);
    void f(int n) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        sink(v);
      }
    })cc"));
}

TEST(RegionEscape, Swapped) {
  EXPECT_EQ("moved or copied out as a whole", regionEscapeOf(R"cc(
    void f(int n, Vec &out) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        v.swap(out);
      }
    })cc"));
}

TEST(RegionEscape, RvalueReferenceParameter) {
  EXPECT_EQ("moved or copied out as a whole", regionEscapeOf(R"cc(
    void take(Vec &&);
    void f(int n) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        take(std::move(v));
      }
    })cc"));
}

TEST(RegionEscape, ElementCopyIsNotATransfer) {
  EXPECT_EQ("no escape", regionEscapeOf(R"cc(
    void f(int n, int &out) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        v.push_back(i);
        out = v[0];
      }
    })cc"));
}

TEST(RegionEscape, AliasInsideThenKeptOutside) {
  EXPECT_EQ("an address of it is kept in 'keep'", regionEscapeOf(R"cc(
    void f(int n) {
      Vec *keep = nullptr;
      for (int i = 0; i < n; ++i) {
        Vec v;
        Vec *p = &v;
        keep = p;
      }
      (void)keep;
    })cc"));
}

TEST(RegionEscape, Returned) {
  EXPECT_EQ("moved or copied out as a whole", regionEscapeOf(R"cc(
    Vec f(int n) {
      for (int i = 0; i < n; ++i) {
        Vec v;
        if (i > 2)
          return v;
      }
      return Vec();
    })cc"));
}

} // namespace
