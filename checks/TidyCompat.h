//===--- TidyCompat.h - LLVM 14..22 differences, clang-tidy level -*- C++
//-*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The clang-tidy API differences between LLVM 14 and 22 that the checks meet.
/// Together with analyzer/include/escape/Compat.h this is the only place that
/// tests LLVM_VERSION_MAJOR.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_TIDYCOMPAT_H
#define ESCAPE_CHECKS_TIDYCOMPAT_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "escape/Compat.h"
#if LLVM_VERSION_MAJOR < 22
// LLVM 22 deprecates this header (the registry moved into ClangTidyModule.h).
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif

#endif // ESCAPE_CHECKS_TIDYCOMPAT_H
