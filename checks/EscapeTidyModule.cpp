//===--- EscapeTidyModule.cpp - escape-tidy -------------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HeapToStackCheck.h"
#include "HotTypeErasureCheck.h"
#include "OwningReturnCheck.h"
#include "ReusableBufferCheck.h"
#include "TidyCompat.h"
#include "UnreservedGrowthCheck.h"

namespace clang::tidy {
namespace escape {

class EscapeModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<HeapToStackCheck>("escape-heap-to-stack");
    CheckFactories.registerCheck<HotTypeErasureCheck>(
        "escape-hot-type-erasure");
    CheckFactories.registerCheck<OwningReturnCheck>("escape-owning-return");
    CheckFactories.registerCheck<ReusableBufferCheck>("escape-reusable-buffer");
    CheckFactories.registerCheck<UnreservedGrowthCheck>(
        "escape-unreserved-growth");
  }
};

} // namespace escape

// Register the module with clang-tidy's registry when the plugin is loaded.
static ClangTidyModuleRegistry::Add<escape::EscapeModule>
    X("escape-module", "Adds escape-analysis checks for heap allocations.");

} // namespace clang::tidy

// This anchor is used to force the linker to link in the generated object file
// and thus register the EscapeModule.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int EscapeModuleAnchorSource = 0;
