//===--- Subprocess.cpp - running clang-tidy from the tests ---------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Subprocess.h"
#include "escape/Compat.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include <tuple>

using llvm::StringRef;

namespace escape::harness {

using clang::escape::compat::process::EnvArg;
using clang::escape::compat::process::RedirectArg;

bool readFile(StringRef Path, std::string &Text) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return false;
  Text = (*Buf)->getBuffer().str();
  return true;
}

std::string shellQuote(StringRef Arg) {
  if (!Arg.empty() && llvm::all_of(Arg, [](char C) {
        return llvm::isAlnum(C) || StringRef("-_./=,+:@%").contains(C);
      }))
    return Arg.str();
  std::string Out = "'";
  for (char C : Arg)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}

ProcessResult runProcess(StringRef Program,
                         const std::vector<std::string> &Args,
                         unsigned TimeoutSeconds) {
  ProcessResult R;
  R.Command = shellQuote(Program);
  for (const std::string &A : Args)
    R.Command += " " + shellQuote(A);
  llvm::SmallString<128> OutPath, ErrPath;
  if (llvm::sys::fs::createTemporaryFile("escape-tidy", "out", OutPath) ||
      llvm::sys::fs::createTemporaryFile("escape-tidy", "err", ErrPath)) {
    R.Error = "cannot create temporary files";
    return R;
  }
  std::vector<StringRef> Argv{Program};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  RedirectArg Redirects[] = {RedirectArg(StringRef("")),
                             RedirectArg(StringRef(OutPath)),
                             RedirectArg(StringRef(ErrPath))};
  R.ExitCode = llvm::sys::ExecuteAndWait(Program, Argv, EnvArg(), Redirects,
                                         TimeoutSeconds, 0, &R.Error);
  readFile(OutPath, R.Out);
  readFile(ErrPath, R.Err);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  return R;
}

} // namespace escape::harness
