//===--- Compat.h - LLVM 14..22 differences, AST level ----------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Every difference between the supported LLVM majors (14 through 22) that the
/// engine meets is wrapped here; no other file of analyzer/ tests
/// LLVM_VERSION_MAJOR. The clang-tidy level differences live in
/// checks/TidyCompat.h, which includes this header.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_COMPAT_H
#define ESCAPE_ANALYZER_COMPAT_H

#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"
#include "clang/Basic/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Program.h"
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace clang::escape::compat {

/// True when \p S begins with \p Prefix. StringRef::startswith (LLVM 14-18)
/// became starts_with (LLVM 16+); this works on both.
inline bool startsWith(StringRef S, StringRef Prefix) {
  return S.substr(0, Prefix.size()) == Prefix;
}

/// True when \p S ends with \p Suffix (endswith / ends_with split).
inline bool endsWith(StringRef S, StringRef Suffix) {
  return S.size() >= Suffix.size() &&
         S.substr(S.size() - Suffix.size()) == Suffix;
}

/// Splits a `;`-separated option value into trimmed, non-empty items.
/// Replaces clang-tidy's utils::options::parseStringList, whose element type
/// changed from std::string (14) to StringRef (15+).
std::vector<std::string> parseList(StringRef SemicolonList);

/// The array size expression of a `new T[N]`, or null. getArraySize() returns
/// llvm::Optional in 14/15 and std::optional from 16.
inline const Expr *arraySize(const CXXNewExpr &New) {
  if (!New.isArray())
    return nullptr;
  if (auto Size = New.getArraySize())
    return *Size;
  return nullptr;
}

/// \p T as users write it in messages, the same on every LLVM major:
/// typedef names keep their qualified name (`std::string`), other types are
/// printed canonically, fully qualified, without the tag keyword and without
/// default template arguments (`ns::Point`, `std::vector<int>`). LLVM 16
/// wrapped written types in ElaboratedType and LLVM 22 removed it, which
/// changes QualType::getAsString() between majors.
std::string typeName(QualType T, const ASTContext &Ctx);

/// Template arguments as written of \p T (template_arguments() returns an
/// ArrayRef from LLVM 16; 14/15 have getNumArgs()/getArg()).
inline unsigned templateArgCount(const TemplateSpecializationType &T) {
#if LLVM_VERSION_MAJOR >= 16
  return T.template_arguments().size();
#else
  return T.getNumArgs();
#endif
}
inline const TemplateArgument &templateArg(const TemplateSpecializationType &T,
                                           unsigned I) {
#if LLVM_VERSION_MAJOR >= 16
  return T.template_arguments()[I];
#else
  return T.getArg(I);
#endif
}

/// Evaluates \p E as an integer constant, if it is one.
std::optional<uint64_t> evaluateUnsigned(const Expr &E, const ASTContext &Ctx);

/// The environment (`EnvArg`) and redirection (`RedirectArg`) parameter
/// types of llvm::sys::ExecuteAndWait: llvm::Optional in LLVM 14/15,
/// std::optional from 16. Taken from its own signature, so that the tools and
/// tests that start clang-tidy need no version test.
namespace process {
template <class F> struct Signature;
template <class R, class... P> struct Signature<R (*)(P...)> {
  using Params = std::tuple<P...>;
};
template <class T> struct ArrayElement;
template <class T> struct ArrayElement<llvm::ArrayRef<T>> { using Type = T; };
using ExecParams = Signature<decltype(&llvm::sys::ExecuteAndWait)>::Params;
using EnvArg = std::tuple_element_t<2, ExecParams>;
using RedirectArg = ArrayElement<std::tuple_element_t<3, ExecParams>>::Type;
} // namespace process

} // namespace clang::escape::compat

#endif // ESCAPE_ANALYZER_COMPAT_H
