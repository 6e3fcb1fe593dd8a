//===--- CheckInputsTest.cpp - runs clang-tidy over test-inputs -----------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One parameterized test per annotated input under test-inputs/ (Inputs/
/// excluded). For each RUN line of an input it runs the real clang-tidy of the
/// same LLVM major with --load=<plugin>, checks the diagnostics against the
/// CHECK-MESSAGES/CHECK-NOTES lines, runs clang-tidy again with --fix on a
/// copy, checks the result against CHECK-FIXES (or requires no change), and
/// compiles the fixed file. The rules are in ExpectationParser.h.
///
//===----------------------------------------------------------------------===//

#include "ExpectationParser.h"
#include "Subprocess.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <ostream>
#include <tuple>

using llvm::StringRef;
using namespace escape::harness;

namespace {

/// An input file: its path relative to test-inputs/ and its absolute path.
struct InputFile {
  std::string Relative;
  std::string Absolute;
};

/// Prints the relative path in gtest messages instead of raw bytes.
void PrintTo(const InputFile &F, std::ostream *OS) { *OS << F.Relative; }

constexpr StringRef InputsDir = ESCAPE_TEST_INPUTS_DIR;

/// StringRef::endswith became ends_with (LLVM 16..18 have both).
bool endsWith(StringRef S, StringRef Suffix) {
  return S.size() >= Suffix.size() &&
         S.substr(S.size() - Suffix.size()) == Suffix;
}

ToolPaths toolPaths() {
  ToolPaths T;
  T.ClangTidy = ESCAPE_CLANG_TIDY;
  T.Plugin = ESCAPE_PLUGIN;
  T.MockStdDir = (InputsDir + "/Inputs/std").str();
  T.LLVMMajor = ESCAPE_LLVM_MAJOR;
  return T;
}

/// The C++ compiler used to check fixed files; empty when CMake found none.
std::string clangxx() {
  StringRef Path = ESCAPE_CLANGXX;
  if (Path.empty() || endsWith(Path, "-NOTFOUND"))
    return "";
  return Path.str();
}

/// Every *.cpp below test-inputs/, except under Inputs/, sorted.
std::vector<InputFile> findInputs() {
  std::vector<InputFile> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator I(InputsDir, EC), E;
       I != E && !EC; I.increment(EC)) {
    StringRef Path = I->path();
    StringRef Rel = Path.substr(std::min(Path.size(), InputsDir.size() + 1));
    if (Rel == "Inputs" || Rel.substr(0, 7) == "Inputs/") {
      I.no_push();
      continue;
    }
    if (llvm::sys::path::extension(Path) == ".cpp")
      Files.push_back({Rel.str(), Path.str()});
  }
  llvm::sort(Files, [](const InputFile &A, const InputFile &B) {
    return A.Relative < B.Relative;
  });
  return Files;
}

/// Reads a whole file; false when it cannot be read.
bool writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return false;
  OS << Text;
  return true;
}

/// The libc++ headers clang-tidy of this major would use, if installed.
bool libcxxInstalled() {
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(ESCAPE_CLANG_TIDY, Real)) {
    // <prefix>/bin/clang-tidy -> <prefix>/include/c++/v1
    llvm::SmallString<256> Dir =
        llvm::sys::path::parent_path(llvm::sys::path::parent_path(Real));
    llvm::sys::path::append(Dir, "include", "c++", "v1");
    if (llvm::sys::fs::is_directory(Dir))
      return true;
  }
  return llvm::sys::fs::is_directory(
      "/usr/lib/llvm-" + std::to_string(ESCAPE_LLVM_MAJOR) + "/include/c++/v1");
}

/// The output and command of a process, appended to a failure message.
std::string details(const ProcessResult &R) {
  std::string S = "\ncommand: " + R.Command;
  if (!R.Error.empty())
    S += "\nprocess error: " + R.Error;
  S += "\nexit code: " + std::to_string(R.ExitCode);
  S += "\nstdout:\n" + R.Out + "stderr:\n" + R.Err;
  return S;
}

/// Runs clang-tidy for one RUN line of \p In and returns the failures; each
/// failure already carries the relevant process output.
std::vector<std::string> checkRun(const TestInput &In, const TestRun &Run,
                                  StringRef Text) {
  ToolPaths Tools = toolPaths();
  std::vector<std::string> Failures;

  // 1. Diagnostics.
  ProcessResult Tidy =
      runProcess(Tools.ClangTidy, clangTidyArgs(Run, Tools, In.Path, false));
  if (Tidy.ExitCode < 0) {
    Failures.push_back("clang-tidy did not run to completion" + details(Tidy));
    return Failures;
  }
  std::vector<Diagnostic> Diags =
      parseClangTidyOutput(Tidy.Out + "\n" + Tidy.Err);
  std::vector<std::string> DiagFailures = matchDiagnostics(In, Run, Diags);
  bool SawError = llvm::any_of(Diags, [](const Diagnostic &D) {
    return D.Severity == "error" || D.Severity == "fatal error";
  });
  if (Tidy.ExitCode != 0 && !SawError)
    DiagFailures.push_back("clang-tidy exited with code " +
                           std::to_string(Tidy.ExitCode) +
                           " without reporting an error");
  if (!DiagFailures.empty()) {
    DiagFailures.back() += details(Tidy);
    Failures.insert(Failures.end(), DiagFailures.begin(), DiagFailures.end());
  }

  // 2. Fixes, on a copy in a fresh directory; quoted includes still find the
  // input's directory through -iquote.
  llvm::SmallString<128> TmpBase, TmpDir;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, TmpBase);
  llvm::sys::path::append(TmpBase, "escape-tidy-fix");
  if (llvm::sys::fs::createUniqueDirectory(TmpBase, TmpDir)) {
    Failures.push_back("cannot create a temporary directory");
    return Failures;
  }
  std::string InputDir = llvm::sys::path::parent_path(In.Path).str();
  llvm::SmallString<128> Copy(TmpDir);
  llvm::sys::path::append(Copy, llvm::sys::path::filename(In.Path));
  std::string Fixed;
  bool HaveFixed = false;
  if (!writeFile(Copy, Text)) {
    Failures.push_back("cannot write " + Copy.str().str());
  } else {
    std::vector<std::string> Args = clangTidyArgs(Run, Tools, Copy, true);
    Args.insert(Args.end(), {"-iquote", InputDir});
    ProcessResult FixRun = runProcess(Tools.ClangTidy, Args);
    if (FixRun.ExitCode < 0)
      Failures.push_back("clang-tidy --fix did not run to completion" +
                         details(FixRun));
    else if (!readFile(Copy, Fixed))
      Failures.push_back("cannot read the fixed file " + Copy.str().str());
    else
      HaveFixed = true;
  }
  if (HaveFixed) {
    std::vector<std::string> FixFailures = matchFixes(In, Run, Text, Fixed);
    if (!FixFailures.empty())
      FixFailures.back() += "\nfixed file:\n" + Fixed;
    Failures.insert(Failures.end(), FixFailures.begin(), FixFailures.end());
  }

  // 3. The fixed file must compile (checked when clang-tidy changed it).
  if (HaveFixed && Fixed != Text) {
    ProcessResult Compile;
    if (!clangxx().empty()) {
      std::vector<std::string> Args{"-fsyntax-only"};
      std::vector<std::string> CC = compileArgs(Run, Tools);
      Args.insert(Args.end(), CC.begin(), CC.end());
      Args.insert(Args.end(), {"-iquote", InputDir, Copy.str().str()});
      Compile = runProcess(clangxx(), Args);
    } else {
      // No compiler: clang-tidy reports compile errors as
      // "error: ... [clang-diagnostic-error]" (or as fatal errors).
      std::vector<std::string> Args = clangTidyArgs(Run, Tools, Copy, false);
      Args.insert(Args.end(), {"-iquote", InputDir});
      Compile = runProcess(Tools.ClangTidy, Args);
      bool CompileError = llvm::any_of(
          parseClangTidyOutput(Compile.Out), [](const Diagnostic &D) {
            return D.Severity == "fatal error" ||
                   endsWith(D.Text, "[clang-diagnostic-error]");
          });
      if (Compile.ExitCode >= 0)
        Compile.ExitCode = CompileError ? 1 : 0;
    }
    if (Compile.ExitCode != 0)
      Failures.push_back("the fixed file does not compile" + details(Compile) +
                         "fixed file:\n" + Fixed);
  }
  llvm::sys::fs::remove_directories(TmpDir);
  return Failures;
}

class CheckInputs : public ::testing::TestWithParam<InputFile> {};

TEST_P(CheckInputs, File) {
  const InputFile &F = GetParam();
  std::string Text;
  ASSERT_TRUE(readFile(F.Absolute, Text)) << "cannot read " << F.Absolute;
  TestInput In = parseTestInput(F.Relative, F.Absolute, Text);
  for (const std::string &E : In.Errors)
    ADD_FAILURE() << E;
  if (!In.Errors.empty())
    return;

  std::vector<std::string> Skipped;
  for (const TestRun &Run : In.Runs) {
    if (Run.Lib == StdLib::LibCxx && !libcxxInstalled()) {
      Skipped.push_back(Run.describe() +
                        ": libc++ headers not installed (apt-get install "
                        "libc++-" +
                        std::to_string(ESCAPE_LLVM_MAJOR) + "-dev libc++abi-" +
                        std::to_string(ESCAPE_LLVM_MAJOR) + "-dev)");
      continue;
    }
    std::vector<std::string> Failures = checkRun(In, Run, Text);
    if (!Failures.empty())
      ADD_FAILURE() << F.Relative << ", " << Run.describe() << ": "
                    << Failures.size() << " failure(s)\n  "
                    << llvm::join(Failures, "\n  ");
  }
  if (!Skipped.empty())
    GTEST_SKIP() << llvm::join(Skipped, "\n");
}

/// "escape-heap-to-stack/basic.cpp" -> "escape_heap_to_stack_basic".
std::string testName(const ::testing::TestParamInfo<InputFile> &Info) {
  StringRef Rel = Info.param.Relative;
  if (endsWith(Rel, ".cpp"))
    Rel = Rel.drop_back(4);
  std::string Name;
  for (char C : Rel)
    Name += llvm::isAlnum(C) ? C : '_';
  // Keep names unique ("a-b.cpp" and "a_b.cpp") by adding the index.
  static llvm::StringSet<> Seen;
  if (!Seen.insert(Name).second)
    Name += "_" + std::to_string(Info.index);
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Inputs, CheckInputs, ::testing::ValuesIn(findInputs()),
                         testName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(CheckInputs);

/// The harness itself must find its tools and at least one input; otherwise
/// every input would "pass" by not running.
TEST(CheckInputsSetup, ToolsAndInputsExist) {
  EXPECT_TRUE(llvm::sys::fs::can_execute(ESCAPE_CLANG_TIDY))
      << "clang-tidy not found: " << ESCAPE_CLANG_TIDY;
  EXPECT_TRUE(llvm::sys::fs::exists(ESCAPE_PLUGIN))
      << "plugin not built: " << ESCAPE_PLUGIN;
  EXPECT_TRUE(llvm::sys::fs::is_directory(toolPaths().MockStdDir))
      << "mock std headers missing: " << toolPaths().MockStdDir;
  EXPECT_FALSE(findInputs().empty())
      << "no *.cpp input below " << InputsDir.str();
}

} // namespace
