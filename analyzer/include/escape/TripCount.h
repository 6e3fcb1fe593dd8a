//===--- TripCount.h - loop trip counts as source text ----------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Trip counts of loops, as source text that evaluates to the count just
/// before the loop (`n`, `in.size()`, `(hi - lo)`, `(n + 1)`, `rows * cols`),
/// and where in a loop body a statement runs on every iteration. The shapes
/// recognised:
///
/// - counted `for` over any integer type: `<`, `<=`, `!=` ascending (`++i`,
///   `i++`, `i += 1`), `>`, `>=`, `!=` descending; the counter on either side;
/// - range-for over a built-in array, a braced list, or any class with a
///   `size()` member (the count is `range.size()`);
/// - iterator loops `it = X.begin(); it != X.end(); ++it` (also `cbegin`,
///   `rbegin`, `std::begin(X)`), pointer loops, and other iterator pairs
///   (`std::distance(first, last)`);
/// - `while`/`do-while` over an integer counter declared before the loop and
///   stepped once per iteration, and the countdown `while (n--)`;
/// - standard algorithms that write through `std::back_inserter`/
///   `std::inserter`: `copy`, `transform`, `copy_n`, `generate_n`, `fill_n`.
///
/// The count must not be changed by the loop: the counter is written only by
/// the increment, and the variables of the bound are not written (for class
/// objects: not resized) inside the loop. These are facts only; whether a
/// count is worth a finding is the client's policy.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_TRIPCOUNT_H
#define ESCAPE_ANALYZER_TRIPCOUNT_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CallExpr;

namespace escape {

/// The shape a TripCount was read from.
enum class LoopKind {
  CountedFor,  ///< `for (i = a; i < b; ++i)` over an integer.
  RangeFor,    ///< `for (x : range)`.
  IteratorFor, ///< `for (it = first; it != last; ++it)`.
  While,       ///< `while (i < n) { ...; ++i; }` or `while (n--)`.
  DoWhile,     ///< `do { ...; ++i; } while (i < n);` (runs at least once).
  Algorithm,   ///< `std::copy(f, l, std::back_inserter(v))` and friends.
};

/// The number of iterations of one loop, or of elements one algorithm call
/// writes.
struct TripCount {
  /// The loop statement (ForStmt, CXXForRangeStmt, WhileStmt, DoStmt) or the
  /// algorithm CallExpr.
  const Stmt *Loop = nullptr;
  LoopKind Kind = LoopKind::CountedFor;
  /// Source text of the count, valid just before Loop. A sum or difference
  /// is parenthesized: `(hi - lo)`, `(n + 1)`.
  std::string Text;
  /// Evaluating Text once more before the loop has no side effects: no
  /// assignment, increment, `new`, or call other than a const member function,
  /// `std::size`, `std::distance` or a `const`/`pure` function. Const member
  /// functions are assumed not to touch `mutable` state.
  bool SideEffectFree = false;
  /// Text contains a subtraction (`(n - 1)`, `(hi - lo)`): when the loop runs
  /// zero times the expression can be negative, or wrap around if unsigned.
  bool MayBeNegative = false;
  /// A term of Text has a signed integer type and no constant value (`n` of
  /// `i < n` with `int n`): a negative bound makes the loop run zero times,
  /// while Text itself is negative.
  bool SignedBound = false;
  /// The loop can be left early by `break`, `return` or `goto` (a `throw` is
  /// not counted): Text is an upper bound.
  bool MayExitEarly = false;
  /// The count when Text is an integer constant.
  std::optional<uint64_t> Constant;
  /// The expressions Text is made of; isInvariantIn() checks them.
  llvm::SmallVector<const Expr *, 2> Operands;
};

/// The trip count of \p Loop (a ForStmt, CXXForRangeStmt, WhileStmt or
/// DoStmt), or std::nullopt when the shape is not recognised, the loop
/// changes its own count, or the count is provably zero.
std::optional<TripCount> findTripCount(const Stmt &Loop, ASTContext &Ctx);

/// A standard algorithm call that adds each element it writes to a container
/// through `std::back_inserter` or `std::inserter`.
struct AlgorithmGrowth {
  const CallExpr *Algorithm = nullptr; ///< `std::copy(...)`.
  const CallExpr *Inserter = nullptr;  ///< `std::back_inserter(out)`.
  const Expr *Container = nullptr;     ///< `out`.
  std::string AlgorithmName;           ///< `std::copy`.
  std::string InserterName;            ///< `std::back_inserter`.
  TripCount Count;                     ///< Number of elements written.
};

/// Recognises \p Call as an AlgorithmGrowth (std::copy, std::transform,
/// std::copy_n, std::generate_n, std::fill_n) with a known element count.
std::optional<AlgorithmGrowth> findAlgorithmGrowth(const CallExpr &Call,
                                                   ASTContext &Ctx);

/// True for the statements findTripCount() accepts.
bool isLoopStmt(const Stmt &S);

/// The innermost loop whose body (or condition or increment) contains \p S,
/// or null when \p S reaches a function, lambda or block boundary first.
const Stmt *enclosingLoop(const Stmt &S, ASTContext &Ctx);

/// How often a statement of a loop body runs relative to the iterations.
enum class Coverage {
  EveryIteration, ///< Unconditionally, before any early exit.
  Conditional,    ///< Under an `if`, `switch`, `?:`, `&&`/`||`, a `catch`,
                  ///< after a `continue`, or outside the loop body proper.
  AfterEarlyExit, ///< After a `break`, `return` or `goto` that may leave the
                  ///< loop: the iteration count is unknown.
};

/// Where \p S (inside the body of \p Loop, with no other loop in between)
/// runs. Source: the statements between \p S and the loop body, and the
/// statements that precede each of them in their compound statement.
Coverage coverage(const Stmt &S, const Stmt &Loop, ASTContext &Ctx);

/// True when \p TC has the same value on every iteration of \p Outer, so that
/// it can be evaluated before \p Outer: Text has no side effects and none of
/// its variables is declared or changed inside \p Outer.
bool isInvariantIn(const TripCount &TC, const Stmt &Outer, ASTContext &Ctx);

/// True when declaration \p D is made inside statement \p Root (a loop's
/// init, body or condition variable). Parameters and fields never are.
bool isDeclaredInside(const Decl &D, const Stmt &Root, ASTContext &Ctx);

/// True when evaluating \p E has no side effects in the sense of
/// TripCount::SideEffectFree.
bool isSideEffectFree(const Expr &E);

/// `a * b * c`; each factor is already parenthesized when it is a sum.
std::string productText(llvm::ArrayRef<std::string> Factors);

/// `a + b`, and `2 * a` for a term that appears twice.
std::string sumText(llvm::ArrayRef<std::string> Terms);

/// The source text of \p E as written in the file (a macro name when the
/// whole expression is one macro expansion), or std::nullopt when it has no
/// file range.
std::optional<std::string> spelledText(const Expr &E, ASTContext &Ctx);

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_TRIPCOUNT_H
