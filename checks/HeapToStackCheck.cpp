//===--- HeapToStackCheck.cpp - escape-tidy -------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HeapToStackCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

HeapToStackCheck::HeapToStackCheck(StringRef Name, ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      MaxObjectSize(Reader.getUnsigned("MaxObjectSize", 1024)),
      StrictEscape(Reader.getBool("StrictEscape", false, /*Global=*/true)) {}

void HeapToStackCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxObjectSize", std::to_string(MaxObjectSize));
  Options.store(Opts, "StrictEscape", StrictEscape ? "true" : "false");
}

void HeapToStackCheck::registerMatchers(MatchFinder *) { reportOptionErrors(); }
void HeapToStackCheck::check(const MatchFinder::MatchResult &) {}

} // namespace clang::tidy::escape
