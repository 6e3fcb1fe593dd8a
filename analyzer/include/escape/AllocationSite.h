//===--- AllocationSite.h - heap allocation sites ---------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_ALLOCATIONSITE_H
#define ESCAPE_ANALYZER_ALLOCATIONSITE_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Type.h"
#include <optional>

namespace clang::escape {

/// How an allocation site allocates.
enum class AllocKind {
  New,             ///< `new T(...)`
  NewArray,        ///< `new T[N]`, N a constant
  MakeUnique,      ///< `std::make_unique<T>(...)`
  MakeUniqueArray, ///< `std::make_unique<T[]>(N)`, N a constant
  MakeShared,      ///< `std::make_shared<T>(...)`
  AllocateShared,  ///< `std::allocate_shared<T>(alloc, ...)`
  Malloc,          ///< `malloc(N)`, N a constant
  Calloc,          ///< `calloc(N, S)`, both constants
};

/// Spelling of \p K for messages and reports: "new", "make_unique", ...
const char *spelling(AllocKind K);

/// The object type an owning pointer type points to: `T` of `T *`,
/// `std::unique_ptr<T>` or `std::shared_ptr<T>` (through references), as
/// written when the type keeps its sugar (`std::string`, not
/// `std::basic_string<char>`); a null type for anything else.
QualType ownedPointee(QualType PointerType);

/// One allocation site: the expression, what it allocates, where it lives.
struct AllocationSite {
  /// The CXXNewExpr or the CallExpr of the allocation function.
  const Expr *Alloc = nullptr;
  AllocKind Kind = AllocKind::New;
  /// The function whose body contains Alloc (a lambda's call operator for
  /// allocations inside a lambda body).
  const FunctionDecl *Scope = nullptr;
  /// The dynamic type of the allocated object; the element type for arrays.
  /// For malloc/calloc: the pointee type of the variable that receives it,
  /// or `char` when that is `void *`.
  QualType AllocatedType;
  /// Element count for arrays (new T[N], make_unique<T[]>(N), calloc).
  std::optional<uint64_t> ArrayLength;
  /// Size in bytes of what is allocated (sizeof(T) * N, or malloc's
  /// argument); std::nullopt when the type is incomplete or dependent, or
  /// when the size does not fit in 64 bits (see SizeOverflows). A missing
  /// size is never small.
  std::optional<uint64_t> SizeInBytes;
  /// True when the byte count (sizeof(T) * N, calloc's product, or the
  /// arithmetic in malloc's argument) overflows 64 bits: the request is too
  /// large, whatever the wrapped value would be.
  bool SizeOverflows = false;
  /// The local variable that first holds the allocation (`auto p = new T;`,
  /// `std::unique_ptr<T> p(new T);`, `p = std::make_unique<T>();`), or null
  /// when the allocation is used as a temporary.
  const VarDecl *Owner = nullptr;
  /// The declaration or assignment that binds the allocation to Owner.
  const Stmt *OwnerBinding = nullptr;
  /// The innermost loop of Scope that contains Alloc, or null.
  const Stmt *Loop = nullptr;
  /// True when Owner is declared inside Loop (the object lives for at most
  /// one iteration unless it escapes).
  bool OwnerInLoop = false;
  /// True when Alloc or its binding is spelled inside a macro expansion.
  bool InMacro = false;
};

} // namespace clang::escape

#endif // ESCAPE_ANALYZER_ALLOCATIONSITE_H
