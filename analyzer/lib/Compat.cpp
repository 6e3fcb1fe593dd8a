//===--- Compat.cpp - LLVM 14..22 differences, AST level ------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::escape::compat {

std::vector<std::string> parseList(StringRef SemicolonList) {
  SmallVector<StringRef, 8> Parts;
  SemicolonList.split(Parts, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::vector<std::string> Result;
  for (StringRef Part : Parts) {
    Part = Part.trim();
    if (!Part.empty())
      Result.push_back(Part.str());
  }
  return Result;
}

std::optional<uint64_t> evaluateUnsigned(const Expr &E, const ASTContext &Ctx) {
  if (E.isValueDependent() || E.isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (!E.EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  const llvm::APSInt &Value = Result.Val.getInt();
  if (Value.isSigned() && Value.isNegative())
    return std::nullopt;
  if (Value.getActiveBits() > 64)
    return std::nullopt;
  return Value.getZExtValue();
}

} // namespace clang::escape::compat
