//===--- EscapeTestSupport.h - helpers for engine tests ---------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_TESTS_ESCAPETESTSUPPORT_H
#define ESCAPE_TESTS_ESCAPETESTSUPPORT_H

#include "escape/EscapeAnalyzer.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <string>
#include <vector>

namespace clang::escape::test {

/// A small std for in-process tests (the check inputs use the fuller mocks
/// in test-inputs/Inputs/std).
inline const char *StdPrelude = R"cc(
typedef decltype(sizeof(0)) size_t;
extern "C" void *malloc(size_t);
extern "C" void *calloc(size_t, size_t);
extern "C" void free(void *);
namespace std {
template <class T> struct remove_reference { typedef T type; };
template <class T> struct remove_reference<T &> { typedef T type; };
template <class T> struct remove_reference<T &&> { typedef T type; };
template <class T> typename remove_reference<T>::type &&move(T &&t) noexcept {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
template <class T> T &&forward(typename remove_reference<T>::type &t) noexcept {
  return static_cast<T &&>(t);
}
template <class T> struct unique_ptr {
  unique_ptr() noexcept;
  explicit unique_ptr(T *);
  unique_ptr(decltype(nullptr)) noexcept;
  unique_ptr(unique_ptr &&) noexcept;
  template <class U> unique_ptr(unique_ptr<U> &&) noexcept;
  ~unique_ptr();
  unique_ptr &operator=(unique_ptr &&) noexcept;
  unique_ptr &operator=(decltype(nullptr)) noexcept;
  T *get() const noexcept;
  T *release() noexcept;
  void reset(T *p = nullptr) noexcept;
  T *operator->() const noexcept;
  T &operator*() const;
  explicit operator bool() const noexcept;
};
template <class T> struct unique_ptr<T[]> {
  explicit unique_ptr(T *);
  ~unique_ptr();
  T &operator[](size_t) const;
  T *get() const noexcept;
};
template <class T> struct shared_ptr {
  shared_ptr() noexcept;
  explicit shared_ptr(T *);
  shared_ptr(const shared_ptr &) noexcept;
  shared_ptr(shared_ptr &&) noexcept;
  ~shared_ptr();
  shared_ptr &operator=(const shared_ptr &) noexcept;
  T *get() const noexcept;
  T *operator->() const noexcept;
  T &operator*() const;
  long use_count() const noexcept;
};
template <class T, class... A> unique_ptr<T> make_unique(A &&...a) {
  return unique_ptr<T>(new T(std::forward<A>(a)...));
}
template <class T, class... A> shared_ptr<T> make_shared(A &&...a) {
  return shared_ptr<T>(new T(std::forward<A>(a)...));
}
template <class T> struct vector {
  vector();
  ~vector();
  void push_back(const T &);
  void push_back(T &&);
  template <class... A> void emplace_back(A &&...);
  T &operator[](size_t);
  T &back();
  T *begin();
  T *end();
  size_t size() const;
};
struct thread {
  template <class F, class... A> explicit thread(F &&f, A &&...a) {}
  void join();
};
template <class F, class It> F for_each(It b, It e, F f) {
  for (; b != e; ++b) f(*b);
  return f;
}
} // namespace std
)cc";

/// Builds \p Code (after the prelude) and answers, for the \p Index-th
/// allocation site of function \p Func: "no escape" or the one-line
/// describeChain() of the witness.
struct EscapeQuery {
  std::string Code;
  std::string Func = "f";
  unsigned Index = 0;
  bool Strict = false;
  std::vector<std::string> ExtraArgs;
};

inline std::unique_ptr<ASTUnit> buildAST(const std::string &Code,
                                         std::vector<std::string> Args = {}) {
  Args.insert(Args.begin(), {"-std=c++17", "-fno-delayed-template-parsing"});
  return tooling::buildASTFromCodeWithArgs(std::string(StdPrelude) + Code, Args,
                                           "input.cc");
}

inline const FunctionDecl *findFunction(ASTContext &Ctx, StringRef Name) {
  using namespace ast_matchers;
  auto Matches =
      match(functionDecl(hasName(Name), isDefinition()).bind("f"), Ctx);
  if (Matches.empty())
    return nullptr;
  return Matches.front().getNodeAs<FunctionDecl>("f");
}

inline std::string escapeOf(const EscapeQuery &Q) {
  std::unique_ptr<ASTUnit> AST = buildAST(Q.Code, Q.ExtraArgs);
  if (!AST)
    return "<no AST>";
  ASTContext &Ctx = AST->getASTContext();
  if (AST->getDiagnostics().hasErrorOccurred())
    return "<compile error>";
  const FunctionDecl *F = findFunction(Ctx, Q.Func);
  if (!F)
    return "<no function>";
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer::Options Opts;
  Opts.StrictEscape = Q.Strict;
  EscapeAnalyzer A(Ctx, Cache, Opts);
  std::vector<AllocationSite> Sites = A.allocationSites(*F);
  if (Q.Index >= Sites.size())
    return "<no site>";
  std::optional<Witness> W = A.findEscape(Sites[Q.Index]);
  if (!W)
    return "no escape";
  return describeChain(*W, Ctx.getSourceManager());
}

inline std::string escapeOf(const std::string &Code) {
  EscapeQuery Q;
  Q.Code = Code;
  return escapeOf(Q);
}

} // namespace clang::escape::test

#endif // ESCAPE_TESTS_ESCAPETESTSUPPORT_H
