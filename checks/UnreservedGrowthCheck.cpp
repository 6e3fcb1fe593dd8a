//===--- UnreservedGrowthCheck.cpp - escape-tidy --------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "UnreservedGrowthCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

UnreservedGrowthCheck::UnreservedGrowthCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      ReservableContainersValue(Reader.get("ReservableContainers", "")),
      FlagConditionalGrowth(Reader.getBool("FlagConditionalGrowth", false)) {}

void UnreservedGrowthCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ReservableContainers", ReservableContainersValue);
  Options.store(Opts, "FlagConditionalGrowth",
                FlagConditionalGrowth ? "true" : "false");
}

void UnreservedGrowthCheck::registerMatchers(MatchFinder *) {
  reportOptionErrors();
}
void UnreservedGrowthCheck::check(const MatchFinder::MatchResult &) {}

} // namespace clang::tidy::escape
