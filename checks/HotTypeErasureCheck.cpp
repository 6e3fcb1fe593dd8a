//===--- HotTypeErasureCheck.cpp - escape-tidy ----------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HotTypeErasureCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::escape {

HotTypeErasureCheck::HotTypeErasureCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      HotFunctionsValue(Reader.get("HotFunctions", "")),
      ErasedTypesValue(Reader.get("ErasedTypes", "")),
      LoopsAreHot(Reader.getBool("LoopsAreHot", true)),
      StandardLibraryValue(Reader.get("StandardLibrary", "auto")),
      HotFunctions(Name, "HotFunctions", HotFunctionsValue,
                   Reader.reporter()) {}

void HotTypeErasureCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "HotFunctions", HotFunctionsValue);
  Options.store(Opts, "ErasedTypes", ErasedTypesValue);
  Options.store(Opts, "LoopsAreHot", LoopsAreHot ? "true" : "false");
  Options.store(Opts, "StandardLibrary", StandardLibraryValue);
}

void HotTypeErasureCheck::registerMatchers(MatchFinder *) {
  reportOptionErrors();
}
void HotTypeErasureCheck::check(const MatchFinder::MatchResult &) {}

} // namespace clang::tidy::escape
