//===--- ExpectationParserTest.cpp - harness unit tests -------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Unit tests of the harness rules on synthetic inputs and synthetic
/// clang-tidy output: every failure message is asserted exactly, so that a
/// harness that silently passes (or fails with an unreadable message) is
/// caught here before it hides a check bug.
///
//===----------------------------------------------------------------------===//

#include "ExpectationParser.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

using namespace escape::harness;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

namespace {

/// Parses \p Text as the input /src/t.cpp, shown as "t.cpp".
TestInput parse(llvm::StringRef Text) {
  return parseTestInput("t.cpp", "/src/t.cpp", Text);
}

/// The diagnostic failures of run \p RunIndex of \p Text against \p Output.
std::vector<std::string> diagFailures(llvm::StringRef Text,
                                      llvm::StringRef Output,
                                      unsigned RunIndex = 0) {
  TestInput In = parse(Text);
  EXPECT_THAT(In.Errors, IsEmpty());
  if (RunIndex >= In.Runs.size()) {
    ADD_FAILURE() << "no run " << RunIndex;
    return {};
  }
  return matchDiagnostics(In, In.Runs[RunIndex], parseClangTidyOutput(Output));
}

// One warning, expected on the line below it. Line 3 col 12 is "new".
const char *const OneWarning =
    R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() {
  int *P = new int;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'int' is heap-allocated [escape-heap-to-stack]
  delete P;
}
)";

// What clang-tidy prints for it, snippet and summary included.
const char *const OneWarningOutput =
    "/src/t.cpp:3:12: warning: 'int' is heap-allocated "
    "[escape-heap-to-stack]\n"
    "  int *P = new int;\n"
    "           ^\n"
    "1 warning generated.\n";

TEST(ExpectationParserTest, MatchingWarningPasses) {
  EXPECT_THAT(diagFailures(OneWarning, OneWarningOutput), IsEmpty());
}

TEST(ExpectationParserTest, WrongMessageFails) {
  EXPECT_THAT(
      diagFailures(OneWarning,
                   "/src/t.cpp:3:12: warning: 'int' is heap-allocated; "
                   "consider a value [escape-heap-to-stack]\n"),
      ElementsAre("expectation at t.cpp:4 not matched: :3:12: warning: 'int' "
                  "is heap-allocated [escape-heap-to-stack]",
                  "unexpected diagnostic: t.cpp:3:12: warning: 'int' is "
                  "heap-allocated; consider a value [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, MissingCheckNameFails) {
  // Strict: the expectation must spell the whole text, " [check]" included.
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() { int *P = new int; }
// CHECK-MESSAGES: :2:21: warning: 'int' is heap-allocated
)";
  EXPECT_THAT(
      diagFailures(Text, "/src/t.cpp:2:21: warning: 'int' is heap-allocated "
                         "[escape-heap-to-stack]\n"),
      ElementsAre("expectation at t.cpp:3 not matched: :2:21: warning: 'int' "
                  "is heap-allocated",
                  "unexpected diagnostic: t.cpp:2:21: warning: 'int' is "
                  "heap-allocated [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, MissingExpectationFails) {
  std::string Output = OneWarningOutput;
  Output += "/src/t.cpp:5:3: warning: 'P' is deleted here "
            "[escape-heap-to-stack]\n";
  EXPECT_THAT(diagFailures(OneWarning, Output),
              ElementsAre("unexpected diagnostic: t.cpp:5:3: warning: 'P' is "
                          "deleted here [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, ExtraExpectationFails) {
  EXPECT_THAT(diagFailures(OneWarning, "1 warning generated.\n"),
              ElementsAre("expectation at t.cpp:4 not matched: :3:12: "
                          "warning: 'int' is heap-allocated "
                          "[escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, WrongColumnFails) {
  EXPECT_THAT(
      diagFailures(OneWarning, "/src/t.cpp:3:11: warning: 'int' is "
                               "heap-allocated [escape-heap-to-stack]\n"),
      ElementsAre("expectation at t.cpp:4 not matched: :3:12: warning: 'int' "
                  "is heap-allocated [escape-heap-to-stack]",
                  "unexpected diagnostic: t.cpp:3:11: warning: 'int' is "
                  "heap-allocated [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, UnexpectedNoteFails) {
  std::string Output = OneWarningOutput;
  Output += "/src/t.cpp:5:3: note: freed here\n";
  EXPECT_THAT(diagFailures(OneWarning, Output),
              ElementsAre("unexpected diagnostic: t.cpp:5:3: note: freed "
                          "here"));
}

TEST(ExpectationParserTest, ExpectedNotePasses) {
  // CHECK-NOTES and CHECK-MESSAGES may be mixed; both are strict.
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() {
  int *P = new int;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'int' is heap-allocated [escape-heap-to-stack]
  delete P;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: freed here
}
)";
  std::string Output = OneWarningOutput;
  Output += "/src/t.cpp:5:3: note: freed here\n";
  EXPECT_THAT(diagFailures(Text, Output), IsEmpty());
}

TEST(ExpectationParserTest, RegexSegments) {
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() { int *P = new int; delete P; }
// CHECK-MESSAGES: :2:21: warning: 'int' ({{[0-9]+}} bytes) is {{.*}} [escape-heap-to-stack]
)";
  EXPECT_THAT(diagFailures(Text, "/src/t.cpp:2:21: warning: 'int' (4 bytes) "
                                 "is heap-allocated [escape-heap-to-stack]\n"),
              IsEmpty());
  // The regex is anchored to the whole text: "(four bytes)" does not match.
  EXPECT_THAT(
      diagFailures(Text, "/src/t.cpp:2:21: warning: 'int' (four bytes) is "
                         "heap-allocated [escape-heap-to-stack]\n"),
      ElementsAre("expectation at t.cpp:3 not matched: :2:21: warning: 'int' "
                  "({{[0-9]+}} bytes) is {{.*}} [escape-heap-to-stack]",
                  "unexpected diagnostic: t.cpp:2:21: warning: 'int' (four "
                  "bytes) is heap-allocated [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, LiteralTextIsNotARegex) {
  // '.' and '(' outside {{...}} are literal.
  EXPECT_TRUE(matchesPattern("warning: a.b (c)", "warning: a.b (c)"));
  EXPECT_FALSE(matchesPattern("warning: a.b", "warning: axb"));
  EXPECT_TRUE(matchesPattern("warning: {{a|b}}c", "warning: bc"));
  EXPECT_FALSE(matchesPattern("warning: x", "warning: xy"));
  std::string Error;
  EXPECT_FALSE(matchesPattern("warning: {{a", "warning: a", &Error));
  EXPECT_EQ(Error, "'{{' without a closing '}}'");
}

TEST(ExpectationParserTest, LineOffsets) {
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
// CHECK-MESSAGES: :[[@LINE+2]]:21: warning: above [escape-heap-to-stack]
// (a comment line in between)
void f() { int *P = new int; delete P; }
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: below [escape-heap-to-stack]
// CHECK-MESSAGES: :[[@LINE]]:1: warning: same [escape-heap-to-stack]
)";
  TestInput In = parse(Text);
  ASSERT_EQ(In.Runs.size(), 1u);
  ASSERT_EQ(In.Runs[0].Messages.size(), 3u);
  EXPECT_EQ(In.Runs[0].Messages[0].Line, 4u);
  EXPECT_EQ(In.Runs[0].Messages[1].Line, 4u);
  EXPECT_EQ(In.Runs[0].Messages[2].Line, 6u);
  EXPECT_THAT(
      diagFailures(Text,
                   "/src/t.cpp:4:21: warning: above [escape-heap-to-stack]\n"
                   "/src/t.cpp:4:30: warning: below [escape-heap-to-stack]\n"
                   "/src/t.cpp:6:1: warning: same [escape-heap-to-stack]\n"),
      IsEmpty());
  // Off by one line: both the expectation and the warning are reported.
  EXPECT_THAT(
      diagFailures(Text,
                   "/src/t.cpp:3:21: warning: above [escape-heap-to-stack]\n"
                   "/src/t.cpp:4:30: warning: below [escape-heap-to-stack]\n"
                   "/src/t.cpp:6:1: warning: same [escape-heap-to-stack]\n"),
      ElementsAre("expectation at t.cpp:2 not matched: :4:21: warning: above "
                  "[escape-heap-to-stack]",
                  "unexpected diagnostic: t.cpp:3:21: warning: above "
                  "[escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, NoCheckLinesMeansNoDiagnostics) {
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() { int *P = new int; delete P; }
)";
  EXPECT_THAT(diagFailures(Text, "2 warnings generated.\nSuppressed 2 "
                                 "warnings (2 in non-user code).\n"),
              IsEmpty());
  EXPECT_THAT(diagFailures(Text, "/src/t.cpp:2:21: warning: 'int' is "
                                 "heap-allocated [escape-heap-to-stack]\n"),
              ElementsAre("unexpected diagnostic: t.cpp:2:21: warning: 'int' "
                          "is heap-allocated [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, DiagnosticsWithoutLocationAndInOtherFiles) {
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
#include <memory>
// CHECK-MESSAGES: error: invalid value '-5' for option 'escape-heap-to-stack.MaxObjectSize'; expected a non-negative integer (bytes) [clang-tidy-config]
// CHECK-NOTES: std/memory:40:3: note: declared here
)";
  const char *Output =
      "error: invalid value '-5' for option "
      "'escape-heap-to-stack.MaxObjectSize'; expected a non-negative integer "
      "(bytes) [clang-tidy-config]\n"
      "/x/Inputs/std/memory:40:3: note: declared here\n"
      "1 error generated.\n"
      "Error while processing /src/t.cpp.\n"
      "Found compiler error(s).\n";
  EXPECT_THAT(diagFailures(Text, Output), IsEmpty());
  EXPECT_THAT(diagFailures(Text, "/x/Inputs/std/vector:9:1: warning: in a "
                                 "header [escape-unreserved-growth]\n"),
              ElementsAre("expectation at t.cpp:3 not matched: error: invalid "
                          "value '-5' for option "
                          "'escape-heap-to-stack.MaxObjectSize'; expected a "
                          "non-negative integer (bytes) [clang-tidy-config]",
                          "expectation at t.cpp:4 not matched: "
                          "std/memory:40:3: note: declared here",
                          "unexpected diagnostic: /x/Inputs/std/vector:9:1: "
                          "warning: in a header [escape-unreserved-growth]"));
}

TEST(ExpectationParserTest, OneDiagnosticPerExpectation) {
  // A broad regex and a narrow one are paired up with two diagnostics
  // whatever their order; with one diagnostic, one expectation is left over.
  const char *Text = R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() { int *P = new int; delete P; }
// CHECK-MESSAGES: :2:21: warning: {{.*}}
// CHECK-MESSAGES: :2:21: warning: a [escape-heap-to-stack]
)";
  EXPECT_THAT(diagFailures(Text, "/src/t.cpp:2:21: warning: a "
                                 "[escape-heap-to-stack]\n"
                                 "/src/t.cpp:2:21: warning: b "
                                 "[escape-heap-to-stack]\n"),
              IsEmpty());
  EXPECT_THAT(diagFailures(Text, "/src/t.cpp:2:21: warning: a "
                                 "[escape-heap-to-stack]\n"),
              ElementsAre("expectation at t.cpp:4 not matched: :2:21: "
                          "warning: a [escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, CheckSuffixes) {
  const char *Text =
      R"(// RUN: %check_clang_tidy -check-suffix=A %s escape-heap-to-stack %t
// RUN: %check_clang_tidy -check-suffixes=,B -std-lib=libc++ %s escape-heap-to-stack %t -- \
// RUN:   -config='{CheckOptions: {escape-heap-to-stack.MaxObjectSize: 16}}'
void f() { int *P = new int; delete P; }
// CHECK-MESSAGES-A: :[[@LINE-1]]:21: warning: only A [escape-heap-to-stack]
// CHECK-MESSAGES: :[[@LINE-2]]:21: warning: plain [escape-heap-to-stack]
// CHECK-MESSAGES-B: :[[@LINE-3]]:30: warning: only B [escape-heap-to-stack]
)";
  TestInput In = parse(Text);
  ASSERT_THAT(In.Errors, IsEmpty());
  ASSERT_EQ(In.Runs.size(), 2u);
  EXPECT_EQ(In.Runs[0].describe(), "RUN at line 1 (suffixes 'A') [mock std]");
  EXPECT_EQ(In.Runs[1].describe(), "RUN at line 2 (suffixes ',B') [libc++]");
  EXPECT_THAT(In.Runs[1].TidyArgs,
              ElementsAre("-config={CheckOptions: "
                          "{escape-heap-to-stack.MaxObjectSize: 16}}"));
  EXPECT_THAT(
      diagFailures(
          Text, "/src/t.cpp:4:21: warning: only A [escape-heap-to-stack]\n", 0),
      IsEmpty());
  EXPECT_THAT(
      diagFailures(Text,
                   "/src/t.cpp:4:21: warning: plain [escape-heap-to-stack]\n"
                   "/src/t.cpp:4:30: warning: only B [escape-heap-to-stack]\n",
                   1),
      IsEmpty());
  // Run A does not see the plain expectation.
  EXPECT_THAT(
      diagFailures(
          Text, "/src/t.cpp:4:21: warning: plain [escape-heap-to-stack]\n", 0),
      ElementsAre("expectation at t.cpp:5 not matched: :4:21: warning: only "
                  "A [escape-heap-to-stack]",
                  "unexpected diagnostic: t.cpp:4:21: warning: plain "
                  "[escape-heap-to-stack]"));
}

TEST(ExpectationParserTest, InputErrors) {
  EXPECT_THAT(parse("int x;\n").Errors, ElementsAre("no RUN line in t.cpp"));
  EXPECT_THAT(parse("// RUN: clang-tidy %s\n").Errors,
              ElementsAre("bad RUN line at t.cpp:1: only '%check_clang_tidy' "
                          "RUN lines are supported"));
  EXPECT_THAT(
      parse("// RUN: %check_clang_tidy -std-lib=stlport %s c %t\n").Errors,
      ElementsAre("bad RUN line at t.cpp:1: unknown -std-lib 'stlport' "
                  "(mock, libstdc++, libc++)"));
  // A typo in a prefix would silently drop an expectation.
  EXPECT_THAT(parse("// RUN: %check_clang_tidy %s c %t\n"
                    "// CHECK-MESAGES: :1:1: warning: x [c]\n"
                    "// CHECK-MESSAGES-A: :1:1: warning: x [c]\n")
                  .Errors,
              ElementsAre("unknown check prefix 'CHECK-MESAGES' at t.cpp:2 "
                          "(no RUN line uses it)",
                          "unknown check prefix 'CHECK-MESSAGES-A' at t.cpp:3 "
                          "(no RUN line uses it)"));
  EXPECT_THAT(parse("// RUN: %check_clang_tidy %s c %t\n"
                    "// CHECK-MESSAGES: :[[@LINE-1]]:1: x [c]\n")
                  .Errors,
              ElementsAre("malformed CHECK-MESSAGES at t.cpp:2: the text must "
                          "start with 'warning: ', 'error: ', 'note: ', "
                          "'fatal error: ' or 'remark: '"));
}

TEST(ExpectationParserTest, ParsesClangTidyOutput) {
  std::vector<Diagnostic> D =
      parseClangTidyOutput("3 warnings generated.\n"
                           "/a/b.cpp:12:5: warning: w [c]\n"
                           "    int x = 1;\n"
                           "    ^\n"
                           "/a/b.cpp:2:10: fatal error: 'x.h' file not found\n"
                           "error: bad config [clang-tidy-config]\n"
                           "Error while processing /a/b.cpp.\n"
                           "Suppressed 2 warnings (2 in non-user code).\n"
                           "Found compiler error(s).\n");
  ASSERT_EQ(D.size(), 3u);
  EXPECT_EQ(D[0].File, "/a/b.cpp");
  EXPECT_EQ(D[0].Line, 12u);
  EXPECT_EQ(D[0].Column, 5u);
  EXPECT_EQ(D[0].Severity, "warning");
  EXPECT_EQ(D[0].Text, "warning: w [c]");
  EXPECT_EQ(D[1].Severity, "fatal error");
  EXPECT_EQ(D[1].Text, "fatal error: 'x.h' file not found");
  EXPECT_FALSE(D[2].hasLocation());
  EXPECT_EQ(D[2].Text, "error: bad config [clang-tidy-config]");
}

const char *const FixInput =
    R"(// RUN: %check_clang_tidy %s escape-heap-to-stack %t
void f() {
  auto P = new int(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: heap [escape-heap-to-stack]
  // CHECK-FIXES: int P{{ ?}}= 1;
  // CHECK-FIXES-NOT: delete P;
  delete P;
  // CHECK-FIXES: }
}
)";

TEST(ExpectationParserTest, CheckFixes) {
  TestInput In = parse(FixInput);
  ASSERT_THAT(In.Errors, IsEmpty());
  ASSERT_EQ(In.Runs[0].Fixes.size(), 3u);
  std::string Good = FixInput;
  Good.replace(Good.find("auto P = new int(1);"), 20, "int P = 1;");
  Good.replace(Good.find("  delete P;\n"), 12, "\n");
  EXPECT_THAT(matchFixes(In, In.Runs[0], FixInput, Good), IsEmpty());

  std::string Wrong = FixInput;
  Wrong.replace(Wrong.find("auto P = new int(1);"), 20, "int P(1);");
  Wrong.replace(Wrong.find("  delete P;\n"), 12, "\n");
  EXPECT_THAT(matchFixes(In, In.Runs[0], FixInput, Wrong),
              ElementsAre("CHECK-FIXES at t.cpp:5 not matched in the fixed "
                          "file: 'int P{{ ?}}= 1;'; fixed line 3 is 'int "
                          "P(1);'"));

  std::string KeptDelete = FixInput;
  KeptDelete.replace(KeptDelete.find("auto P = new int(1);"), 20, "int P = 1;");
  EXPECT_THAT(matchFixes(In, In.Runs[0], FixInput, KeptDelete),
              ElementsAre("CHECK-FIXES-NOT at t.cpp:6 matched fixed line 7: "
                          "'delete P;'"));
}

TEST(ExpectationParserTest, NoCheckFixesMeansNoChange) {
  TestInput In = parse(OneWarning);
  ASSERT_THAT(In.Errors, IsEmpty());
  EXPECT_THAT(matchFixes(In, In.Runs[0], OneWarning, OneWarning), IsEmpty());
  std::string Changed = OneWarning;
  Changed.replace(Changed.find("int *P = new int;"), 17, "int P;");
  EXPECT_THAT(matchFixes(In, In.Runs[0], OneWarning, Changed),
              ElementsAre("unexpected fix in t.cpp:3: '  int *P = new int;' "
                          "became '  int P;' (no CHECK-FIXES for this run)"));
}

TEST(ExpectationParserTest, ShellWords) {
  std::vector<std::string> W;
  std::string Error;
  ASSERT_TRUE(splitShellWords(R"(a 'b c' "d \"e\"" f\ g -config='{X: [1, 2]}')",
                              W, Error));
  EXPECT_THAT(W,
              ElementsAre("a", "b c", "d \"e\"", "f g", "-config={X: [1, 2]}"));
  W.clear();
  EXPECT_FALSE(splitShellWords("a 'b", W, Error));
  EXPECT_EQ(Error, "unterminated single quote");
}

TEST(ExpectationParserTest, CheckOptionsAsList) {
  EXPECT_EQ(checkOptionsAsList("{CheckOptions: {a.B: 16, c.D: 'x;y'}}"),
            "{CheckOptions: [{key: a.B, value: 16}, {key: c.D, value: "
            "'x;y'}]}");
  EXPECT_EQ(checkOptionsAsList("{Checks: '-*', CheckOptions: {a.B: '-5'}}"),
            "{Checks: '-*', CheckOptions: [{key: a.B, value: '-5'}]}");
  // Already a list, or not YAML: unchanged.
  EXPECT_EQ(checkOptionsAsList("{CheckOptions: [{key: a, value: 1}]}"),
            "{CheckOptions: [{key: a, value: 1}]}");
  EXPECT_EQ(checkOptionsAsList("{CheckOptions: {"), "{CheckOptions: {");
}

TEST(ExpectationParserTest, CommandLines) {
  TestInput In = parse(
      "// RUN: %check_clang_tidy %s escape-heap-to-stack,escape-owning-return "
      "%t -- -config='{CheckOptions: {a.B: 1}}' -- -std=c++20 -I%S/inc\n");
  ASSERT_THAT(In.Errors, IsEmpty());
  ToolPaths Tools{"clang-tidy", "/p/libEscapeTidy.so", "/ti/Inputs/std", 14};
  EXPECT_THAT(
      clangTidyArgs(In.Runs[0], Tools, "/src/t.cpp", /*Fix=*/false),
      ElementsAre("--load=/p/libEscapeTidy.so",
                  "--checks=-*,escape-heap-to-stack,escape-owning-return",
                  "--quiet", "--config={CheckOptions: [{key: a.B, value: 1}]}",
                  "/src/t.cpp", "--", "-nostdinc++", "-isystem",
                  "/ti/Inputs/std", "-std=c++20", "-I/src/inc"));
  Tools.LLVMMajor = 22;
  TestInput Plain = parse("// RUN: %check_clang_tidy -std-lib=libstdc++ %s "
                          "escape-hot-type-erasure %t\n");
  ASSERT_THAT(Plain.Errors, IsEmpty());
  EXPECT_THAT(clangTidyArgs(Plain.Runs[0], Tools, "/tmp/t.cpp", /*Fix=*/true),
              ElementsAre("--load=/p/libEscapeTidy.so",
                          "--checks=-*,escape-hot-type-erasure", "--quiet",
                          "--config={}", "--fix", "/tmp/t.cpp", "--",
                          "-std=c++17"));
}

} // namespace
