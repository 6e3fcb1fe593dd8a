//===--- StatementContext.h - where a statement sits ------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The one place of escape-tidy that walks the AST upward. It answers "what
/// holds this statement?" (its parents, its enclosing loops, its enclosing
/// function or lambda, the call a lambda is handed to) without
/// ASTContext::getParents, whose first use builds a parent map of the whole
/// translation unit, system headers and every template instantiation
/// included.
///
/// The parents are recorded per *root*: the outermost declaration that holds
/// the node and is not a namespace or a plain class (a function, a variable,
/// a field, a class template, a function template). A root is found from the
/// node's source location, indexed once, and walked once on first use, the
/// same way clang's parent map walks it (RecursiveASTVisitor with template
/// instantiations and implicit code), so answers match
/// ASTContext::getParents within a root. Two differences, both on purpose:
///   - type locations are collapsed: a statement written inside a type
///     (`decltype(x)`) has the outermost TypeLoc as its parent, whose parent
///     is the declaration or statement that holds the type;
///   - default arguments and default member initializers belong to their
///     declaration only, not to every call or constructor that uses them.
/// A node whose root cannot be found (no valid location; the member of an
/// explicit instantiation) has no parents: callers treat that as "unknown"
/// and stay silent.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_STATEMENTCONTEXT_H
#define ESCAPE_ANALYZER_STATEMENTCONTEXT_H

#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>

namespace clang {
class ASTContext;

namespace escape {

/// The kinds of loop statements.
enum class LoopStmtKind {
  For,      ///< `for (init; cond; inc)`.
  RangeFor, ///< `for (x : range)`.
  While,    ///< `while (cond)`.
  Do,       ///< `do ... while (cond);`.
};

/// A loop that runs a statement on each of its iterations.
struct EnclosingLoop {
  const Stmt *Loop = nullptr;
  LoopStmtKind Kind = LoopStmtKind::For;
};

/// Parents, loops and functions around statements of one translation unit.
///
/// Usage:
/// \code
///   StatementContext &SC = StatementContext::get(Ctx); // one per ASTContext
///   for (const DynTypedNode &P : SC.parents(*E)) ...
///   const FunctionDecl *F = SC.enclosingFunction(*E);
/// \endcode
class StatementContext {
public:
  /// A context of its own (tests); the checks and the engine share the one
  /// of get().
  explicit StatementContext(ASTContext &Ctx);
  ~StatementContext();
  StatementContext(const StatementContext &) = delete;
  StatementContext &operator=(const StatementContext &) = delete;

  /// The context attached to \p Ctx, created on first use and destroyed with
  /// \p Ctx (like ASTContext's own ParentMapContext), so that every check
  /// and the engine index each root once per translation unit.
  static StatementContext &get(ASTContext &Ctx);

  ASTContext &astContext() const { return Ctx; }

  /// The parents of \p N (a Stmt, a Decl or a TypeLoc returned by an earlier
  /// call), in the order RecursiveASTVisitor meets them; usually one. A
  /// statement's parent is a Stmt, the Decl that holds it (VarDecl for an
  /// initializer, FunctionDecl for a body, FieldDecl, ParmVarDecl for a
  /// default argument) or a TypeLoc. A root declaration's parent is its
  /// lexical DeclContext. Empty for the translation unit and for nodes
  /// whose place is unknown.
  DynTypedNodeList parents(const DynTypedNode &N);
  template <typename T> DynTypedNodeList parents(const T &Node) {
    return parents(DynTypedNode::create(Node));
  }

  /// The first parent of \p S when it is a statement, else null.
  const Stmt *parentStmt(const Stmt &S);

  /// The loops that run \p S on each of their iterations (\p S is in the
  /// body, the condition, the increment or, for a range-for, the loop
  /// variable), innermost first, up to the enclosing function or lambda
  /// body. A for loop's init-statement and a range-for's range are run once
  /// and do not count.
  llvm::SmallVector<EnclosingLoop, 4> enclosingLoops(const Stmt &S);

  /// The function whose body holds \p S: a lambda's call operator inside a
  /// lambda, null outside any function (namespace-scope initializers,
  /// default member initializers) or when unknown.
  const FunctionDecl *enclosingFunction(const Stmt &S);

  /// The LambdaExpr of \p Lambda's closure class, if it was seen.
  const LambdaExpr *lambdaOf(const CXXRecordDecl &Lambda);

  /// The call that receives \p Lambda as one of its arguments (through
  /// parentheses, temporaries and copies), or null: callers ask this to
  /// know whether a lambda is the callable of an algorithm.
  const CallExpr *callTakingLambda(const LambdaExpr &Lambda);

  /// The position of \p S in the body of the CompoundStmt that holds it
  /// directly (0 for the first statement), or std::nullopt when its parent
  /// is not a CompoundStmt. Indexed once per compound statement, so that
  /// asking about each statement of a long block stays linear.
  std::optional<unsigned> positionInBlock(const Stmt &S);

  /// Every DeclRefExpr that names the local variable or parameter \p Local,
  /// in the order a RecursiveASTVisitor (implicit code and template
  /// instantiations included, types too: `decltype(v)`) meets them in the
  /// root that declares it; std::nullopt when that root is unknown. Built
  /// with the parents, so asking for each variable of a function costs one
  /// walk of the function in all.
  std::optional<llvm::ArrayRef<const DeclRefExpr *>>
  references(const VarDecl &Local);

  /// How many nodes have parents recorded (for tests and benchmarks).
  size_t size() const;
  /// Forgets everything (the translation unit is done).
  void clear();

  class Impl;

private:
  ASTContext &Ctx;
  std::unique_ptr<Impl> State;
};

/// \p S's loop kind, or std::nullopt when \p S is not a loop.
std::optional<LoopStmtKind> loopStmtKind(const Stmt &S);

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_STATEMENTCONTEXT_H
