//===--- FrameFacts.h - stack frames, recursion, shallow copies -*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Facts a check needs before it suggests moving an object onto the stack or
/// returning it by value, besides "it does not escape":
/// - how many bytes a function already keeps in its frame (its local
///   variables), since C++ stacks do not grow;
/// - whether a function is recursive through the bodies visible in the
///   translation unit (each recursion level gets a frame of its own);
/// - whether a class copies shallowly (the rule-of-three hazard), so that a
///   value of it would be deleted twice once copied.
///
/// Facts only: the budgets are the checks' policy.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_FRAMEFACTS_H
#define ESCAPE_ANALYZER_FRAMEFACTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>

namespace clang {
class ASTContext;

namespace escape {

/// The bytes of \p F's own local variables with automatic storage (in its
/// body, not in the bodies of lambdas or local classes it contains):
/// `sizeof` of each non-reference variable of complete, non-dependent type.
/// A lower bound of the frame: temporaries, spills and parameters are not
/// counted.
uint64_t localVariablesSize(const FunctionDecl &F, ASTContext &Ctx);

/// Answers "can \p F call itself again before it returns?" from the call
/// graph of the function bodies visible in one translation unit: direct and
/// mutual recursion through direct calls, constructor and destructor calls
/// of class types with visible bodies, and calls in the bodies of lambdas
/// \p F contains. Calls through function pointers, virtual dispatch (other
/// than to the named function) and bodies in system headers are not
/// followed, so "false" means "not recursive within what is visible".
///
/// Usage:
/// \code
///   RecursionFacts Recursion;        // lives for one TU
///   if (Recursion.isRecursive(*F)) ...
///   Recursion.clear();               // at the end of the TU
/// \endcode
class RecursionFacts {
public:
  /// True when \p F reaches itself through the visible call graph.
  bool isRecursive(const FunctionDecl &F);
  void clear() {
    Callees.clear();
    Answers.clear();
  }

private:
  /// The canonical declarations of the functions \p F calls directly
  /// (memoized).
  const llvm::SmallVector<const FunctionDecl *, 8> &
  calleesOf(const FunctionDecl *F);
  llvm::DenseMap<const FunctionDecl *,
                 llvm::SmallVector<const FunctionDecl *, 8>>
      Callees;
  llvm::DenseMap<const FunctionDecl *, bool> Answers;
};

/// True when copying \p RD is shallow and the copies share what one of them
/// deletes: \p RD (or a base) has a user-declared destructor, copy
/// constructor or copy assignment, no user-declared move constructor, and a
/// data member of raw pointer type (the owning pointer the destructor
/// frees). A heap-allocated object of such a class is only ever handled
/// through its pointer; a value of it would be copied and freed twice.
bool hasShallowCopyHazard(const CXXRecordDecl &RD);

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_FRAMEFACTS_H
