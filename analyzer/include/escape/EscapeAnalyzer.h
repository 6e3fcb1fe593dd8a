//===--- EscapeAnalyzer.h - escape analysis of allocation sites -*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The escape-analysis engine: for an allocation site in a function, decide
/// whether the allocated object can outlive the function and, when it can,
/// say why with a witness. Shaped like clang's ExprMutationAnalyzer: a set of
/// small finders, one per escape route, tried in a fixed order; answers are
/// memoized in a cache owned by the client; a query returns
/// `std::optional<Witness>` where std::nullopt means "does not escape".
///
/// The engine holds facts only: no size thresholds, no hot-path rules, no
/// messages. It depends on the AST and nothing of clang-tidy.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_ESCAPEANALYZER_H
#define ESCAPE_ANALYZER_ESCAPEANALYZER_H

#include "escape/AllocationSite.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class ParentMap;
class SourceManager;

namespace escape {

/// The route by which a value leaves the function. Each route is one finder
/// of the engine and one sentence of describe().
enum class EscapeRoute {
  Returned,                 ///< `return p;` (or a reference to the object).
  StoredNonLocal,           ///< Stored to a member, global, static, or through
                            ///< a pointer or reference parameter.
  PassedToEscapingParam,    ///< Passed to a callee whose parameter escapes
                            ///< (Witness::Inner says how, inside the callee).
  PassedToOpaqueCallee,     ///< Passed by pointer or non-const reference to a
                            ///< callee whose body is not visible, or through a
                            ///< function pointer / virtual call.
  CapturedByEscapingLambda, ///< Captured by reference or pointer in a lambda
                            ///< that itself escapes (Witness::Inner).
  Released,                 ///< `p.release()`.
  OwnershipMovedOut,        ///< A `unique_ptr` moved into a callee parameter or
                            ///< a non-local owner.
  Thrown,                   ///< `throw p;`
  AddressOfOwnerTaken,      ///< `&p` on the owner itself, used beyond a call.
  ConvertedToInteger,       ///< `reinterpret_cast<uintptr_t>(p)`.
  ThreadStarted,            ///< Handed to `std::thread`/`std::async`/...
  ParentOwnership,          ///< Constructed with a pointer or reference to
                            ///< another object by a constructor whose body is
                            ///< not visible (the GUI parent-ownership idiom).
  ThisEscapes,              ///< `this` escapes in the object's own constructor,
                            ///< destructor or a member function called on it.
  LeavesRegion,             ///< A pointer, reference or closure to a local
                            ///< object is kept in a variable declared outside
                            ///< the region asked about (findEscapeFromRegion).
  TransferredOut,           ///< The whole object is moved or copied into
                            ///< another object, swapped, returned or thrown
                            ///< (findEscapeFromRegion).
  Unmodelled, ///< Used in a way the engine does not model; assumed
              ///< to escape (conservative).
};

/// One step of the flow from the allocation to the escaping statement, e.g.
/// "bound to 'q'" or "captured by reference in a lambda".
struct FlowStep {
  const Stmt *Site = nullptr;     ///< Where the step happens.
  const ValueDecl *Var = nullptr; ///< The alias the value flows into, if any.
  std::string What;               ///< Short description ("bound to 'q'").
};

/// Why a value escapes. The chain of Inner witnesses explains escapes through
/// callees and lambdas, like Go's `-m=2` "flow:" lines.
struct Witness {
  EscapeRoute Route = EscapeRoute::Unmodelled;
  /// The statement at which the value escapes, in the analysed function (for
  /// Inner witnesses: in the callee).
  const Stmt *Site = nullptr;
  /// The global, member, static or parameter stored to, or the callee.
  const NamedDecl *Target = nullptr;
  /// For PassedToEscapingParam: the callee parameter.
  const ParmVarDecl *Param = nullptr;
  /// Aliases the value went through before Site, in order.
  std::vector<FlowStep> Flow;
  /// The callee's (or lambda's) own witness, for chained explanations.
  std::shared_ptr<const Witness> Inner;
};

/// What a callee does with one parameter (Go's parameter "tags").
enum class ParamEscape {
  NoEscape,      ///< The pointee never outlives the call.
  LeaksToResult, ///< The pointee may be reachable from the return value.
  Escapes,       ///< The pointee may outlive the call.
};

/// A parameter summary with the witness when it escapes.
struct ParamSummary {
  ParamEscape Kind = ParamEscape::NoEscape;
  std::shared_ptr<const Witness> Why; ///< Set when Kind == Escapes.
  /// The answer rests on an assumption about code whose body is not visible
  /// (see Assumption); set when Kind != Escapes.
  bool Assumed = false;
};

/// A place where "does not escape" rests on an assumption rather than on
/// code the engine saw: the object (or a reference to it) is handed to a
/// callee whose body is not visible in a way the non-strict engine does not
/// count as an escape: a `const &` argument, the implicit object of a member
/// function, a `const std::unique_ptr<T>&`, a call through a function
/// pointer, the object's own opaque constructor or destructor (which could
/// register `this`). Such a claim is a good bet, not a proof: the checks
/// warn but offer no fix-it.
struct Assumption {
  const Stmt *Site = nullptr;        ///< The call or construction.
  const NamedDecl *Callee = nullptr; ///< The opaque function, if known.
};

/// How the owner variable of an allocation is used; the checks turn these
/// into fix-its and into the std::optional suggestion.
struct OwnerUse {
  enum KindTy {
    Arrow,     ///< `p->m` (the MemberExpr or operator-> call).
    Deref,     ///< `*p`.
    Get,       ///< `p.get()`.
    Subscript, ///< `p[i]` (arrays).
    Delete,    ///< `delete p` / `delete[] p`.
    Free,      ///< `free(p)`.
    NullTest,  ///< `if (p)`, `p == nullptr`, `!p`.
    Reset,     ///< `p.reset()` / `p = nullptr`.
    Reseat,    ///< The owner is given another allocation.
    Other,     ///< Anything else (moved, passed as the owner, ...); E is
               ///< the call when the owner is one of its arguments.
  };
  KindTy Kind;
  const Expr *E;   ///< The whole use expression (e.g. the MemberExpr).
  const Expr *Ref; ///< The DeclRefExpr of the owner inside E.
};

/// Facts about the owner of an allocation (empty when there is none).
struct OwnerFacts {
  const VarDecl *Owner = nullptr;
  llvm::SmallVector<OwnerUse, 8> Uses;
  /// Other local variables the object (or a pointer to it) flowed into.
  llvm::SmallVector<const VarDecl *, 2> Aliases;
  /// Where "does not escape" rests on opaque code (see Assumption), in the
  /// order met; empty when the answer is proven from visible code.
  llvm::SmallVector<Assumption, 1> Assumptions;
  bool has(OwnerUse::KindTy K) const {
    for (const OwnerUse &U : Uses)
      if (U.Kind == K)
        return true;
    return false;
  }
};

namespace detail {
class FlowWalker;
} // namespace detail

/// Answers "can this allocation outlive its function?" for allocation sites
/// of one translation unit.
///
/// Usage:
/// \code
///   EscapeAnalyzer::Memoized Cache;          // lives for one TU
///   EscapeAnalyzer A(Ctx, Cache);
///   if (auto Site = A.allocationSite(*NewExpr))
///     if (std::optional<Witness> W = A.findEscape(*Site)) ...
/// \endcode
class EscapeAnalyzer {
public:
  /// Engine switches (facts, not policy).
  struct Options {
    /// When true, `const &` arguments and the implicit object of a callee
    /// whose body is not visible are assumed to escape too.
    bool StrictEscape = false;
    /// Qualified class names (e.g. "QObject") whose pointers, passed to a
    /// constructor whose body is not visible, are taken as a parent that may
    /// own the new object, whatever the new object's class. Pointers to the
    /// new object's own class hierarchy, to `void`, and to incomplete
    /// classes are taken as parents without being listed.
    std::vector<std::string> ParentTypes;
  };

  /// Per-translation-unit cache: function indexes, parameter summaries and
  /// answers. Owned by the client; clear() at the end of the TU.
  class Memoized {
  public:
    Memoized();
    ~Memoized();
    Memoized(const Memoized &) = delete;
    Memoized &operator=(const Memoized &) = delete;
    void clear();
    /// Opaque state, defined in the engine's sources.
    struct Impl;

  private:
    friend class EscapeAnalyzer;
    std::unique_ptr<Impl> State;
  };

  EscapeAnalyzer(ASTContext &Ctx, Memoized &Cache, Options Opts);
  EscapeAnalyzer(ASTContext &Ctx, Memoized &Cache)
      : EscapeAnalyzer(Ctx, Cache, Options()) {}

  /// Recognises \p E as an allocation site (see AllocKind) and fills in its
  /// facts: scope, owner, type, size, loop. std::nullopt when \p E is not an
  /// allocation the engine models (placement new, non-constant array size,
  /// dependent code, a call that is not an allocation function).
  std::optional<AllocationSite> allocationSite(const Expr &E);

  /// Every allocation site in \p Func's body, including those in the bodies
  /// of lambdas it contains (whose Scope is the lambda's call operator).
  std::vector<AllocationSite> allocationSites(const FunctionDecl &Func);

  /// The main query: a witness when the object allocated at \p Site may
  /// outlive Site.Scope, std::nullopt when it does not escape.
  std::optional<Witness> findEscape(const AllocationSite &Site);
  bool escapes(const AllocationSite &Site) {
    return findEscape(Site).has_value();
  }

  /// Like findEscape(), but a `return` of Site.Scope is not an escape: it
  /// sets \p LeaksToResult instead. A witness here means the object escapes
  /// some other way too. This is the fact escape-owning-return needs (Go's
  /// "leaking param to result").
  std::optional<Witness> findEscapeBesidesReturn(const AllocationSite &Site,
                                                 bool &LeaksToResult);

  /// How Site.Owner is used (direct uses only). Computed by findEscape too.
  OwnerFacts ownerFacts(const AllocationSite &Site);

  /// What \p Func does with parameter \p Index (pointer, reference, owner or
  /// closure parameters). Index == -1 stands for `this` of a member function.
  /// Memoized; recursion is solved to a fixpoint.
  ParamSummary summarizeParam(const FunctionDecl &Func, int Index);

  /// Does the value of \p Var (a local or parameter of \p Scope) escape
  /// Scope? Treats Var as a pointer to (or owner of) the tracked object.
  std::optional<Witness> findEscapeOfPointer(const VarDecl &Var,
                                             const FunctionDecl &Scope);

  /// Does the local object \p Var (a class value declared inside \p Region,
  /// a statement of \p Scope's body such as a loop body) or an address
  /// derived from it (pointer, reference, iterator, view, closure capturing
  /// it by reference) outlive \p Region, or is the whole object handed on?
  /// Besides every route of findEscapeOfPointer() for the object itself, a
  /// witness is returned for an alias kept in a variable declared outside
  /// \p Region (EscapeRoute::LeavesRegion) and for a transfer of the whole
  /// object (EscapeRoute::TransferredOut): a copy or move construction or
  /// assignment from it, `std::swap`/`.swap()`, binding to an rvalue
  /// reference parameter, a storing member of a standard container
  /// (`push_back`, `insert`, ...), `return` or `throw`. A copy of an element
  /// is not a transfer. std::nullopt: the object and its addresses die in
  /// \p Region.
  std::optional<Witness> findEscapeFromRegion(const VarDecl &Var,
                                              const Stmt &Region,
                                              const FunctionDecl &Scope);

  /// The function whose body contains \p S (a lambda's call operator for
  /// statements inside a lambda), or null.
  const FunctionDecl *enclosingFunction(const Stmt &S);

private:
  friend class detail::FlowWalker;
  /// summarizeParam() for a caller whose argument carries \p CarrierHint
  /// (an internal Carrier value; -1 = derive it from the parameter type).
  ParamSummary summarize(const FunctionDecl &F, int Index, int CarrierHint);

  ASTContext &Ctx;
  Memoized &Cache;
  Options Opts;
};

/// One-line explanation of \p W without the inner chain, e.g.
/// "returned", "stored to global 'g'", "passed to 'keep' whose parameter 'c'
/// escapes". Locations are not included (see describeChain).
std::string describe(const Witness &W);

/// Full explanation with locations, following Inner witnesses:
/// "passed to 'keep' whose parameter 'c' escapes (stored to global 'g' at
/// a.cpp:4:3)".
std::string describeChain(const Witness &W, const SourceManager &SM);

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_ESCAPEANALYZER_H
