//===--- Capacity.h - container capacity facts before a loop ----*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Facts about one container of a function: how each mention of it uses it
/// (classifyUse), and whether capacity was established on every control-flow
/// path before a given statement (CapacityAnalyzer, a forward data-flow
/// analysis over clang's CFG). "Capacity established" means one of `reserve`,
/// `resize`, `assign`, `rehash`, a construction with arguments (a size, a
/// range, a copy), an assignment, or a use the engine cannot follow (the
/// container passed by non-const reference, its address taken, `swap`): the
/// last group is counted as established so that the answer errs towards "no
/// finding".
///
/// The engine knows the member names of the standard containers; which
/// classes count as containers is the client's policy.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_CAPACITY_H
#define ESCAPE_ANALYZER_CAPACITY_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>
#include <optional>

namespace clang {
class ASTContext;
class CFG;
class CFGBlock;

namespace escape {

/// A container the engine can follow through a function body: a local
/// variable, a parameter (by value or by reference), or a data member reached
/// through `this` (implicitly or as `this->v`).
struct ContainerRef {
  const ValueDecl *Decl = nullptr; ///< VarDecl/ParmVarDecl, or FieldDecl.
  bool ThroughThis = false;        ///< Decl is a FieldDecl of `*this`.

  /// The container named by \p E (parentheses and implicit casts ignored),
  /// or std::nullopt when \p E is anything else (a member of another object,
  /// a global or static variable, a call, a dereference).
  static std::optional<ContainerRef> fromExpr(const Expr &E);
  /// True when \p E (parentheses and implicit casts ignored) names this
  /// container.
  bool isNamedBy(const Expr &E) const;
  /// True for a parameter or member: it may hold elements on entry.
  bool mayBeNonEmptyOnEntry() const;

  bool operator==(const ContainerRef &O) const {
    return Decl == O.Decl && ThroughThis == O.ThroughThis;
  }
};

/// True when \p D is a local variable or parameter of \p F itself, or of a
/// lambda or block nested in \p F's body. A local of an enclosing function
/// that a lambda captures by reference is not: it lives on after the
/// lambda's call and may hold what earlier calls put there.
bool isLocalTo(const ValueDecl &D, const FunctionDecl &F);

/// What one mention of a variable does to it, judged from its parents.
enum class ContainerUse {
  None,          ///< Read only: a const member call, a copy, a comparison.
  ElementAccess, ///< Non-const access to elements that cannot change the
                 ///< size: `v[i]`, `at`, `front`, `data`, `begin`, a range-for.
  Grow,          ///< Adds elements: `push_back`, `emplace_back`, `insert`,
                 ///< `emplace`, `try_emplace`, `append`, `+=`, map `[]`.
  Reserve,       ///< Sets capacity without adding elements: `reserve`,
                 ///< `rehash`.
  Establish,     ///< Sets capacity and contents: `resize`, `assign`,
                 ///< assignment with `=`.
  Clear,         ///< `clear()`: empties the container, keeps its capacity.
  Shrink,        ///< `shrink_to_fit()`: may drop capacity.
  SizeChange,    ///< Another non-const member call (`erase`, `pop_back`, a
                 ///< member the engine does not know).
  Escape,        ///< Passed by non-const reference or pointer, address taken,
                 ///< bound to a non-const reference, captured by reference,
                 ///< `swap`: anything may happen to it later.
  Mutated,       ///< A scalar written: `=`, `+=`, `++`, `--`.
};

/// Classifies the mention \p Ref (a DeclRefExpr or MemberExpr naming the
/// variable) by walking its parents in \p Ctx. The member names are those of
/// the standard containers (see ContainerUse); `operator[]` counts as Grow on
/// classes that declare `mapped_type`.
ContainerUse classifyUse(const Expr &Ref, ASTContext &Ctx);

/// True when \p Use may change the number of elements or the capacity (every
/// kind except None and ElementAccess).
inline bool changesSizeOrCapacity(ContainerUse Use) {
  return Use != ContainerUse::None && Use != ContainerUse::ElementAccess;
}

/// The first mention of \p C inside \p Region whose use satisfies
/// changesSizeOrCapacity() and is not Grow, or a call of a non-const member
/// function on `this` when \p C is a member; null when there is none.
/// Mentions inside the subtrees in \p Ignore are skipped. Used to reject loops
/// that manage the container themselves (a `reserve` or `clear` inside).
const Stmt *findSizingUseIn(const ContainerRef &C, const Stmt &Region,
                            ASTContext &Ctx,
                            llvm::ArrayRef<const Stmt *> Ignore = {});

/// True when \p Region may change the value of \p C (any use for which
/// changesSizeOrCapacity() holds, Grow included; for members also a call of a
/// non-const member function on `this`).
bool mayChangeIn(const ContainerRef &C, const Stmt &Region, ASTContext &Ctx);

/// The capacity state of a container at one program point, joined over every
/// CFG path from the function entry.
struct CapacityFact {
  /// Capacity was established (see the file comment) on every path.
  bool EstablishedOnEveryPath = false;
  /// Some path may reach the point with elements in the container: a
  /// parameter or member that was not cleared, or a local that grew. When
  /// false, the container is known to be empty at the point.
  bool MayBeNonEmpty = true;
  /// Some path reaches the point through a `clear()` of a container that
  /// may have held elements (a parameter, a member, or a local that grew):
  /// the container is being reused and may keep the capacity of its earlier
  /// contents, so a reserve before the loop may be a no-op.
  bool MayKeepCapacity = false;
};

/// Forward data-flow over the CFG of one function (or lambda call operator)
/// answering CapacityFact queries. The CFG is built once, on the first query.
/// Statements inside the queried statement are not applied, so the answer for
/// a loop is the state on entry to the loop, whatever the loop body does.
///
/// Cost: building the CFG and the position of every statement in it is
/// linear in the function. A query about a local container runs the
/// data-flow only over the blocks between its declaration and the queried
/// statement (every path to the statement starts there), so that the
/// queries of a long function with many containers stay linear in all; other
/// containers (parameters, members, a local cleared somewhere) get the whole
/// function.
class CapacityAnalyzer {
public:
  /// \p Func must have a body; for a lambda pass its call operator.
  CapacityAnalyzer(const FunctionDecl &Func, ASTContext &Ctx);
  ~CapacityAnalyzer();
  CapacityAnalyzer(const CapacityAnalyzer &) = delete;
  CapacityAnalyzer &operator=(const CapacityAnalyzer &) = delete;

  /// The state of \p C just before \p Point, a loop statement (for, range-for,
  /// while, do) or a call expression of the body. std::nullopt when the CFG
  /// cannot be built, \p Point is not found in it, or it is unreachable.
  std::optional<CapacityFact> before(const ContainerRef &C, const Stmt &Point);

private:
  struct State;
  struct Layout;
  State entryState(const ContainerRef &C) const;
  /// The blocks on the paths from the declaration of the local \p C to
  /// \p PointBlock (at \p PointIndex), and the declaration's block; false
  /// when some path to the point may not start at the declaration.
  bool regionFromDeclaration(const ContainerRef &C, const CFGBlock &PointBlock,
                             unsigned PointIndex,
                             llvm::DenseSet<unsigned> &InRegion,
                             const CFGBlock *&DeclBlock);
  void transfer(State &S, const ContainerRef &C, const Stmt &E,
                const llvm::DenseMap<const Stmt *, bool> &Inside) const;

  const FunctionDecl &Func;
  ASTContext &Ctx;
  bool Built = false;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<Layout> Where;
};

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_CAPACITY_H
