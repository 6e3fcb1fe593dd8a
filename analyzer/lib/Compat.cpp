//===--- Compat.cpp - LLVM 14..22 differences, AST level ------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/PrettyPrinter.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/Type.h"

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

std::string typeName(QualType T, const ASTContext &Ctx) {
  if (T.isNull())
    return "";
  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressDefaultTemplateArgs = true;
  Policy.FullyQualifiedName = true;
  if (const auto *TT = T->getAs<TypedefType>()) {
    // Keep the alias (std::string, not std::basic_string<char>).
    std::string Name = TT->getDecl()->getQualifiedNameAsString();
    if (T.isLocalConstQualified())
      Name = "const " + Name;
    return Name;
  }
  // Fully qualified, keeping typedefs used as template arguments.
  std::string Name = TypeName::getFullyQualifiedName(
      T, Ctx, Policy, /*WithGlobalNsPrefix=*/false);
  if (Name.empty())
    Name = T.getCanonicalType().getAsString(Policy);
  return Name;
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
