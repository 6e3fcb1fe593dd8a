//===--- AnchorComparisonTest.cpp - escape-unreserved-growth vs anchor ----===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Runs clang-tidy's own performance-inefficient-vector-operation (the
/// anchor, same clang-tidy binary) and escape-unreserved-growth on every file
/// of tests/checks/anchor-inputs/ (compiled against the system's libstdc++)
/// and fails when the anchor warns on a line where escape-unreserved-growth
/// does not. A file may give options to either check:
///
///   // ANCHOR-OPTION: VectorLikeClasses=A;B
///   // ESCAPE-OPTION: ReservableContainers=A;B
///
/// The counts (anchor lines, our lines, lines only one of them reports) are
/// printed and recorded as test properties.
///
//===----------------------------------------------------------------------===//

#include "Subprocess.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "gtest/gtest.h"
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using llvm::StringRef;

namespace {

constexpr char AnchorCheck[] = "performance-inefficient-vector-operation";
constexpr char OurCheck[] = "escape-unreserved-growth";

std::string anchorInputsDir() {
  llvm::SmallString<256> Dir(ESCAPE_TEST_INPUTS_DIR);
  llvm::sys::path::remove_filename(Dir); // test-inputs -> project root
  llvm::sys::path::append(Dir, "tests", "checks", "anchor-inputs");
  return std::string(Dir);
}

/// The *.cpp files of anchor-inputs/, sorted.
std::vector<std::string> anchorInputs() {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator I(anchorInputsDir(), EC), E;
       I != E && !EC; I.increment(EC))
    if (llvm::sys::path::extension(I->path()) == ".cpp")
      Files.push_back(I->path());
  llvm::sort(Files);
  return Files;
}

/// Runs \p Program; its stdout and stderr together in Text.
struct Output {
  int ExitCode = -1;
  std::string Text;
  std::string Error;
};
Output run(StringRef Program, const std::vector<std::string> &Args) {
  escape::harness::ProcessResult P =
      escape::harness::runProcess(Program, Args);
  return {P.ExitCode, P.Out + P.Err, P.Error};
}

/// `// PREFIX: Key=Value` lines of \p Text as a clang-tidy configuration for
/// \p Check (the list form, accepted by clang-tidy 14 through 22).
std::string configFor(StringRef Text, StringRef Prefix, StringRef Check) {
  std::string Items;
  llvm::SmallVector<StringRef, 64> Lines;
  Text.split(Lines, '\n');
  for (StringRef Line : Lines) {
    Line = Line.trim();
    if (!Line.consume_front("//"))
      continue;
    Line = Line.trim();
    if (!Line.consume_front(Prefix) || !Line.consume_front(":"))
      continue;
    std::pair<StringRef, StringRef> KV = Line.trim().split('=');
    if (!Items.empty())
      Items += ", ";
    Items += "{key: " + Check.str() + "." + KV.first.trim().str() +
             ", value: '" + KV.second.trim().str() + "'}";
  }
  return "{CheckOptions: [" + Items + "]}";
}

/// The lines of \p File where \p Check warns, from clang-tidy's output.
std::set<unsigned> warningLines(StringRef Output, StringRef File,
                                StringRef Check) {
  llvm::Regex Warning("^(.*):([0-9]+):([0-9]+): warning: .* \\[([^]]+)\\]$");
  std::set<unsigned> Lines;
  llvm::SmallVector<StringRef, 128> OutLines;
  Output.split(OutLines, '\n');
  for (StringRef L : OutLines) {
    llvm::SmallVector<StringRef, 5> M;
    if (!Warning.match(L.rtrim(), &M))
      continue;
    unsigned Line = 0;
    if (M[1] != File || M[2].getAsInteger(10, Line))
      continue;
    llvm::SmallVector<StringRef, 4> Checks;
    M[4].split(Checks, ',');
    if (llvm::is_contained(Checks, Check))
      Lines.insert(Line);
  }
  return Lines;
}

struct Comparison {
  std::set<unsigned> Anchor;
  std::set<unsigned> Ours;
  std::string AnchorOutput;
  std::string OurOutput;
};

Comparison compare(const std::string &File, std::string &Failure) {
  Comparison C;
  auto Buf = llvm::MemoryBuffer::getFile(File);
  if (!Buf) {
    Failure = "cannot read " + File;
    return C;
  }
  StringRef Text = (*Buf)->getBuffer();
  std::vector<std::string> Common{"--quiet", "-header-filter=^$"};
  std::vector<std::string> Compile{File, "--", "-std=c++17"};

  std::vector<std::string> AnchorArgs = Common;
  AnchorArgs.push_back(std::string("--checks=-*,") + AnchorCheck);
  AnchorArgs.push_back("--config=" +
                       configFor(Text, "ANCHOR-OPTION", AnchorCheck));
  AnchorArgs.insert(AnchorArgs.end(), Compile.begin(), Compile.end());
  Output A = run(ESCAPE_CLANG_TIDY, AnchorArgs);

  std::vector<std::string> OurArgs = Common;
  OurArgs.push_back(std::string("--load=") + ESCAPE_PLUGIN);
  OurArgs.push_back(std::string("--checks=-*,") + OurCheck);
  OurArgs.push_back("--config=" + configFor(Text, "ESCAPE-OPTION", OurCheck));
  OurArgs.insert(OurArgs.end(), Compile.begin(), Compile.end());
  Output O = run(ESCAPE_CLANG_TIDY, OurArgs);

  C.AnchorOutput = A.Text;
  C.OurOutput = O.Text;
  if (A.ExitCode != 0 || O.ExitCode != 0) {
    Failure = "clang-tidy failed (anchor exit " + std::to_string(A.ExitCode) +
              ", ours " + std::to_string(O.ExitCode) + ")\nanchor:\n" + A.Text +
              A.Error + "\nours:\n" + O.Text + O.Error;
    return C;
  }
  C.Anchor = warningLines(A.Text, File, AnchorCheck);
  C.Ours = warningLines(O.Text, File, OurCheck);
  return C;
}

class AnchorComparison : public ::testing::TestWithParam<std::string> {};

TEST_P(AnchorComparison, WarnsWhereverTheAnchorWarns) {
  std::string Failure;
  Comparison C = compare(GetParam(), Failure);
  ASSERT_TRUE(Failure.empty()) << Failure;
  std::vector<unsigned> Missed, OnlyOurs;
  std::set_difference(C.Anchor.begin(), C.Anchor.end(), C.Ours.begin(),
                      C.Ours.end(), std::back_inserter(Missed));
  std::set_difference(C.Ours.begin(), C.Ours.end(), C.Anchor.begin(),
                      C.Anchor.end(), std::back_inserter(OnlyOurs));
  RecordProperty("anchor_lines", static_cast<int>(C.Anchor.size()));
  RecordProperty("our_lines", static_cast<int>(C.Ours.size()));
  RecordProperty("only_ours", static_cast<int>(OnlyOurs.size()));
  std::printf("[ anchor   ] %s: anchor %zu lines, ours %zu lines, anchor "
              "only %zu, ours only %zu\n",
              llvm::sys::path::filename(GetParam()).str().c_str(),
              C.Anchor.size(), C.Ours.size(), Missed.size(), OnlyOurs.size());
  for (unsigned Line : Missed)
    ADD_FAILURE() << GetParam() << ":" << Line << ": the anchor warns, "
                  << OurCheck << " does not\nanchor output:\n"
                  << C.AnchorOutput << "\nour output:\n"
                  << C.OurOutput;
}

std::string inputName(const ::testing::TestParamInfo<std::string> &Info) {
  std::string Name;
  for (char Ch : llvm::sys::path::stem(Info.param))
    Name += llvm::isAlnum(Ch) ? Ch : '_';
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Inputs, AnchorComparison,
                         ::testing::ValuesIn(anchorInputs()), inputName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AnchorComparison);

/// The comparison is meaningful only if the anchor runs and warns: over all
/// inputs it must report at least the documented cases (a wrong check name or
/// a broken configuration would otherwise pass silently).
TEST(AnchorComparisonSetup, AnchorWarnsOnTheDocumentedCases) {
  std::vector<std::string> Files = anchorInputs();
  ASSERT_GE(Files.size(), 3u) << "inputs missing in " << anchorInputsDir();
  size_t Anchor = 0, Ours = 0;
  for (const std::string &F : Files) {
    std::string Failure;
    Comparison C = compare(F, Failure);
    ASSERT_TRUE(Failure.empty()) << Failure;
    Anchor += C.Anchor.size();
    Ours += C.Ours.size();
  }
  std::printf("[ anchor   ] total: anchor %zu lines, ours %zu lines\n", Anchor,
              Ours);
  // clang-tidy 14 reports 18 of the documented lines, clang-tidy 22 reports 24.
  EXPECT_GE(Anchor, 18u);
  EXPECT_GT(Ours, Anchor);
}

} // namespace
