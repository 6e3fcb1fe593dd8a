//===--- OwningReturnCheck.cpp - escape-tidy ------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "OwningReturnCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

OwningReturnCheck::OwningReturnCheck(StringRef Name, ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      MaxReturnSize(Reader.getUnsigned("MaxReturnSize", 256)),
      FixSignatures(Reader.getBool("FixSignatures", false)),
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)) {}

void OwningReturnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxReturnSize", std::to_string(MaxReturnSize));
  Options.store(Opts, "FixSignatures", FixSignatures ? "true" : "false");
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
}

void OwningReturnCheck::onEndOfTranslationUnit() { Cache.clear(); }
void OwningReturnCheck::registerMatchers(MatchFinder *) {
  reportOptionErrors();
}
void OwningReturnCheck::check(const MatchFinder::MatchResult &) {}

} // namespace clang::tidy::escape
