//===--- Describe.cpp - readable witnesses --------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/EscapeAnalyzer.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

namespace clang::escape {

static std::string quoted(const NamedDecl *D) {
  if (!D)
    return "";
  std::string Name = D->getQualifiedNameAsString();
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      Name = MD->getParent()->getNameAsString() + "::" + MD->getNameAsString();
  return "'" + Name + "'";
}

static std::string storeTarget(const NamedDecl *D) {
  if (!D)
    return "stored outside the function";
  if (isa<FieldDecl>(D))
    return "stored to member " + quoted(D);
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (isa<ParmVarDecl>(VD))
      return "stored through parameter " + quoted(D);
    if (VD->isStaticLocal())
      return "stored to static " + quoted(D);
    if (VD->hasGlobalStorage())
      return "stored to global " + quoted(D);
    if (VD->getType()->isReferenceType())
      return "stored through reference " + quoted(D);
  }
  if (isa<FunctionDecl>(D))
    return "passed to the constructor of an object made by " + quoted(D);
  return "stored to " + quoted(D);
}

std::string describe(const Witness &W) {
  switch (W.Route) {
  case EscapeRoute::Returned:
    return "returned";
  case EscapeRoute::StoredNonLocal:
    return storeTarget(W.Target);
  case EscapeRoute::PassedToEscapingParam:
    return "passed to " + quoted(W.Target) + " whose parameter " +
           (W.Param && W.Param->getIdentifier()
                ? quoted(W.Param)
                : std::string("#") +
                      std::to_string(
                          W.Param ? W.Param->getFunctionScopeIndex() + 1 : 0)) +
           " escapes";
  case EscapeRoute::PassedToOpaqueCallee:
    if (W.Target)
      return "passed to " + quoted(W.Target) + " whose body is not visible";
    return "passed to a callee that is not known";
  case EscapeRoute::CapturedByEscapingLambda:
    return "captured by a lambda that escapes";
  case EscapeRoute::Released:
    return "released from its owner";
  case EscapeRoute::OwnershipMovedOut:
    return "ownership moved to " + (W.Target ? "parameter " + quoted(W.Target)
                                             : std::string("a callee"));
  case EscapeRoute::Thrown:
    return "thrown";
  case EscapeRoute::AddressOfOwnerTaken:
    return "the address of its owner is taken";
  case EscapeRoute::ConvertedToInteger:
    return "converted to an integer";
  case EscapeRoute::ThreadStarted:
    return "handed to another thread";
  case EscapeRoute::ParentOwnership:
    return "constructed by " + quoted(W.Target) +
           ", whose body is not visible, with a pointer or reference to "
           "another object that may take ownership";
  case EscapeRoute::ThisEscapes:
    return "'this' escapes in " + quoted(W.Target);
  case EscapeRoute::LeavesRegion:
    return "an address of it is kept in " + quoted(W.Target);
  case EscapeRoute::TransferredOut:
    return "moved or copied out as a whole";
  case EscapeRoute::Unmodelled:
    return "used in a way the analysis does not model";
  }
  return "escapes";
}

static std::string location(const Stmt *S, const SourceManager &SM) {
  if (!S)
    return "";
  SourceLocation L = SM.getExpansionLoc(S->getBeginLoc());
  if (L.isInvalid())
    return "";
  PresumedLoc P = SM.getPresumedLoc(L);
  if (P.isInvalid())
    return "";
  return std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) +
         ":" + std::to_string(P.getColumn());
}

std::string describeChain(const Witness &W, const SourceManager &SM) {
  std::string Text = describe(W);
  if (W.Inner) {
    std::string InnerText = describeChain(*W.Inner, SM);
    std::string Where = location(W.Inner->Site, SM);
    Text += " (" + InnerText + (Where.empty() ? "" : " at " + Where) + ")";
  }
  return Text;
}

} // namespace clang::escape
