//===--- ExpectationParser.h - annotated test inputs ------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The pure part of the annotated-input harness: parses a test input written
/// in upstream check_clang_tidy syntax (RUN lines, CHECK-MESSAGES,
/// CHECK-NOTES, CHECK-FIXES), parses clang-tidy's output, builds the
/// command lines, and compares. It spawns no process and touches no file, so
/// every rule can be unit tested on synthetic text (ExpectationParserTest).
///
/// The rules (strict; source: clang-tools-extra/test/clang-tidy/
/// check_clang_tidy.py, made one-to-one as in IWYU's iwyu_test_util.py):
/// - every expectation matches exactly one diagnostic at its line:col;
/// - every diagnostic clang-tidy prints (warning, error, note; in the input,
///   in another file, or without a location) is matched by exactly one
///   expectation;
/// - CHECK-FIXES patterns match, in order, whole (trimmed) lines of the fixed
///   file; a run without CHECK-FIXES must leave the file unchanged.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_TESTS_CHECKS_EXPECTATIONPARSER_H
#define ESCAPE_TESTS_CHECKS_EXPECTATIONPARSER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace escape::harness {

/// The standard library a RUN line compiles against (`-std-lib=`).
enum class StdLib {
  Mock,      ///< test-inputs/Inputs/std with -nostdinc++ (the default).
  LibStdCxx, ///< The system's libstdc++ (no extra flag).
  LibCxx,    ///< LLVM's libc++ (-stdlib=libc++; libc++-N-dev).
};

/// One `// CHECK-MESSAGES:` or `// CHECK-NOTES:` line.
struct Expectation {
  /// 1-based line of the comment in the input file.
  unsigned CommentLine = 0;
  /// The prefix that spelled it, e.g. "CHECK-MESSAGES-A".
  std::string Prefix;
  /// Where the diagnostic must be: the input file (empty File, Line > 0), a
  /// file whose path ends with "/File" (File non-empty), or no location at
  /// all (Line == 0, e.g. configuration errors).
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// "severity: message [check]": literal text with {{regex}} segments,
  /// matched against the whole diagnostic text.
  std::string Pattern;

  bool hasLocation() const { return Line != 0; }
  /// The expectation as written, with the line resolved, e.g.
  /// ":12:6: warning: text [check]".
  std::string describe() const;
};

/// One `// CHECK-FIXES:` (or `// CHECK-FIXES-NOT:`) line.
struct FixExpectation {
  unsigned CommentLine = 0;
  std::string Prefix;
  /// Trimmed pattern; literal text with {{regex}} segments.
  std::string Pattern;
  /// CHECK-FIXES-NOT: the pattern must not match a line between the
  /// neighbouring positive matches.
  bool Negative = false;
};

/// One `// RUN: %check_clang_tidy ...` command (continuation lines joined).
struct TestRun {
  /// 1-based line of the first RUN comment.
  unsigned Line = 0;
  /// Check suffixes; {""} when none is given. "" stands for the plain
  /// prefixes (`-check-suffixes=,A` has both).
  std::vector<std::string> Suffixes{""};
  StdLib Lib = StdLib::Mock;
  /// The CHECKS argument, passed as `--checks=-*,<Checks>`.
  std::string Checks;
  /// Arguments for clang-tidy after the first `--` (%s/%S substituted).
  std::vector<std::string> TidyArgs;
  /// Compiler arguments after the second `--` (%s/%S substituted), with
  /// `-std=c++17` added unless one is given; no standard-library flags.
  std::vector<std::string> CompilerArgs;
  /// The expectations of this run's CHECK-MESSAGES/CHECK-NOTES prefixes.
  std::vector<Expectation> Messages;
  /// The CHECK-FIXES[-NOT] lines of this run's prefixes.
  std::vector<FixExpectation> Fixes;

  /// True when TidyArgs give a configuration (-config=, --config-file=).
  bool hasConfig() const;
  /// "RUN at line N" plus the suffixes and library, for failure context.
  std::string describe() const;
};

/// A parsed test input.
struct TestInput {
  /// Name used in failure messages (the path relative to test-inputs/).
  std::string DisplayName;
  /// The path clang-tidy is given and prints in its diagnostics.
  std::string Path;
  std::vector<TestRun> Runs;
  /// Problems in the input itself (bad RUN line, malformed or unknown-prefix
  /// CHECK line). Any of them fails the test.
  std::vector<std::string> Errors;
};

/// Parses \p Text, the contents of the input at \p Path.
TestInput parseTestInput(llvm::StringRef DisplayName, llvm::StringRef Path,
                         llvm::StringRef Text);

/// One diagnostic printed by clang-tidy.
struct Diagnostic {
  /// Empty for diagnostics without a location.
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// "warning", "error", "fatal error", "note" or "remark".
  std::string Severity;
  /// "severity: message[ [check]]", what expectation patterns match.
  std::string Text;

  bool hasLocation() const { return !File.empty(); }
};

/// Extracts the diagnostics from clang-tidy's stdout/stderr: lines of the
/// form `path:line:col: severity: ...` and `severity: ...`. Summary lines
/// ("N warnings generated.", "Error while processing ...", "Suppressed ...")
/// and the source snippets are ignored.
std::vector<Diagnostic> parseClangTidyOutput(llvm::StringRef Output);

/// Matches the diagnostics of one run against its expectations. Returns one
/// message per failure, empty when the run passes:
///   "expectation at F:N not matched: <expectation>"
///   "unexpected diagnostic: F:L:C: <text>"
std::vector<std::string> matchDiagnostics(const TestInput &Input,
                                          const TestRun &Run,
                                          llvm::ArrayRef<Diagnostic> Diags);

/// Checks the file clang-tidy --fix produced. With CHECK-FIXES lines, each
/// pattern must match a later whole line of \p Fixed (CHECK comments removed,
/// whitespace trimmed), in order; without them \p Fixed must equal
/// \p Original. Returns one message per failure.
std::vector<std::string> matchFixes(const TestInput &Input, const TestRun &Run,
                                    llvm::StringRef Original,
                                    llvm::StringRef Fixed);

/// True when \p Pattern (literal text with {{regex}} segments) matches all of
/// \p Text. An invalid regex sets \p Error and returns false.
bool matchesPattern(llvm::StringRef Pattern, llvm::StringRef Text,
                    std::string *Error = nullptr);

/// Splits \p Command like a POSIX shell: whitespace separates words, '...'
/// is literal, "..." allows \" \\ \$ \`, and a backslash escapes one
/// character. Returns false and sets \p Error on an unterminated quote.
bool splitShellWords(llvm::StringRef Command, std::vector<std::string> &Words,
                     std::string &Error);

/// Rewrites the map form `CheckOptions: {k: v}` (LLVM 15+) of a clang-tidy
/// configuration into the list form `CheckOptions: [{key: k, value: v}]`
/// that clang-tidy 14 requires (both forms are accepted by 15..22). Returns
/// \p Config unchanged when it has no such map or is not valid YAML.
std::string checkOptionsAsList(llvm::StringRef Config);

/// Paths and versions needed to build the command lines of a run.
struct ToolPaths {
  std::string ClangTidy;
  std::string Plugin;
  /// test-inputs/Inputs/std.
  std::string MockStdDir;
  unsigned LLVMMajor = 0;
};

/// The clang-tidy arguments (without the program name) for \p Run on the file
/// \p File: `--load`, `--checks=-*,CHECKS`, `--quiet`, `--config={}` unless
/// the run has a configuration, the run's arguments, `--fix` when \p Fix,
/// the file, `--` and compileArgs().
std::vector<std::string> clangTidyArgs(const TestRun &Run,
                                       const ToolPaths &Tools,
                                       llvm::StringRef File, bool Fix);

/// The compiler arguments of \p Run: its own ones plus the standard-library
/// flags (mock: `-nostdinc++ -isystem <MockStdDir>`; libc++:
/// `-stdlib=libc++`).
std::vector<std::string> compileArgs(const TestRun &Run,
                                     const ToolPaths &Tools);

} // namespace escape::harness

#endif // ESCAPE_TESTS_CHECKS_EXPECTATIONPARSER_H
