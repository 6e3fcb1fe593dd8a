//===--- EscapeAnalyzerImpl.h - engine internals ----------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Internal state shared by the engine's translation units: the per-function
/// index (parent map, uses of each variable, lambdas, `this`) and the
/// per-TU memo tables. Not installed; not part of the API.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_LIB_ESCAPEANALYZERIMPL_H
#define ESCAPE_ANALYZER_LIB_ESCAPEANALYZERIMPL_H

#include "escape/EscapeAnalyzer.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "llvm/ADT/DenseMap.h"
#include <map>
#include <tuple>

namespace clang::escape {

/// What an expression or variable carries with respect to the tracked
/// object.
enum class Carrier {
  Ptr,       ///< A pointer or owner of the object (raw, unique_ptr, ...).
  Obj,       ///< A glvalue designating the object or a subobject of it.
  Closure,   ///< A lambda (or a std::function holding one) that captured
             ///< the object by reference or a pointer/owner by copy.
  Container, ///< A container or holder whose elements are Ptr carriers.
};

/// Everything about one function body the finders need, built once.
struct FunctionIndex {
  const FunctionDecl *Func = nullptr;
  std::unique_ptr<ParentMap> Parents;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const DeclRefExpr *, 4>>
      Refs;
  llvm::SmallVector<const CXXThisExpr *, 4> Thises;
  llvm::SmallVector<const LambdaExpr *, 2> Lambdas;
  llvm::SmallVector<const Expr *, 4> AllocCandidates;
  /// Constructor initializers by their initializer expression (the roots of
  /// the parent map besides the body).
  llvm::DenseMap<const Stmt *, const CXXCtorInitializer *> InitRoots;
};

struct SummaryKey {
  const FunctionDecl *Func;
  int Index;
  Carrier C;
  bool operator<(const SummaryKey &O) const {
    return std::tie(Func, Index, C) < std::tie(O.Func, O.Index, O.C);
  }
};

struct SummaryEntry {
  ParamSummary Summary;
  bool InProgress = false;
  bool ReadWhileInProgress = false;
  /// Position in Memoized::Impl::Order when the computation started.
  unsigned Started = 0;
};

struct EscapeAnalyzer::Memoized::Impl {
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionIndex>> Indexes;
  std::map<SummaryKey, SummaryEntry> Summaries;
  /// Keys in the order their computation finished (for fixpoint rollback).
  std::vector<SummaryKey> Order;
  llvm::DenseMap<const Expr *, std::optional<Witness>> Results;
  llvm::DenseMap<const Expr *, OwnerFacts> Facts;
  unsigned Depth = 0;
};

/// The index of \p F, built on first use.
FunctionIndex &indexFor(EscapeAnalyzer::Memoized::Impl &M,
                        const FunctionDecl &F);

} // namespace clang::escape

#endif // ESCAPE_ANALYZER_LIB_ESCAPEANALYZERIMPL_H
