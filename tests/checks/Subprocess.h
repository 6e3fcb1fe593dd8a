//===--- Subprocess.h - running clang-tidy from the tests -------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_TESTS_CHECKS_SUBPROCESS_H
#define ESCAPE_TESTS_CHECKS_SUBPROCESS_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace escape::harness {

/// What a child process did.
struct ProcessResult {
  /// Exit code; negative when it could not run (-1) or crashed/timed out (-2).
  int ExitCode = -1;
  std::string Out;
  std::string Err;
  /// Why it could not run or was killed.
  std::string Error;
  /// The command line, for failure messages.
  std::string Command;
};

/// Runs \p Program with \p Args, stdin from /dev/null, stdout and stderr
/// captured through temporary files, killed after \p TimeoutSeconds.
ProcessResult runProcess(llvm::StringRef Program,
                         const std::vector<std::string> &Args,
                         unsigned TimeoutSeconds = 300);

/// \p Arg as one POSIX shell word (for printing commands that can be re-run).
std::string shellQuote(llvm::StringRef Arg);

/// Reads the whole file \p Path into \p Text; false when it cannot.
bool readFile(llvm::StringRef Path, std::string &Text);

} // namespace escape::harness

#endif // ESCAPE_TESTS_CHECKS_SUBPROCESS_H
