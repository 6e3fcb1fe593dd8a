//===--- ExpectationParser.cpp - annotated test inputs --------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ExpectationParser.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLParser.h"
#include <functional>

using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

namespace escape::harness {

// The three expectation kinds, as written before the optional suffix.
static constexpr StringRef MessagesPrefix = "CHECK-MESSAGES";
static constexpr StringRef NotesPrefix = "CHECK-NOTES";
static constexpr StringRef FixesPrefix = "CHECK-FIXES";

static bool startsWith(StringRef S, StringRef Prefix) {
  return S.substr(0, Prefix.size()) == Prefix;
}

static bool endsWith(StringRef S, StringRef Suffix) {
  return S.size() >= Suffix.size() &&
         S.substr(S.size() - Suffix.size()) == Suffix;
}

/// Splits \p Text into lines without their terminators ("\n" or "\r\n").
static std::vector<StringRef> splitLines(StringRef Text) {
  std::vector<StringRef> Lines;
  while (!Text.empty()) {
    size_t End = Text.find('\n');
    StringRef Line = Text.substr(0, End);
    if (endsWith(Line, "\r"))
      Line = Line.drop_back();
    Lines.push_back(Line);
    if (End == StringRef::npos)
      break;
    Text = Text.substr(End + 1);
  }
  return Lines;
}

/// The prefix name for \p Kind and \p Suffix: "CHECK-MESSAGES" or
/// "CHECK-MESSAGES-A".
static std::string prefixName(StringRef Kind, StringRef Suffix) {
  return Suffix.empty() ? Kind.str() : (Kind + "-" + Suffix).str();
}

/// Severities clang prints, longest first ("fatal error" before "error").
static const char *const Severities[] = {"fatal error", "warning", "error",
                                         "note", "remark"};

/// True when \p Pattern starts with "severity: " or with a regex.
static bool startsWithSeverity(StringRef Pattern) {
  if (startsWith(Pattern, "{{"))
    return true;
  for (const char *Sev : Severities)
    if (startsWith(Pattern, (llvm::Twine(Sev) + ": ").str()))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Patterns and shell words
//===----------------------------------------------------------------------===//

bool matchesPattern(StringRef Pattern, StringRef Text, std::string *Error) {
  std::string Re = "^(";
  StringRef Rest = Pattern;
  while (!Rest.empty()) {
    size_t Open = Rest.find("{{");
    Re += llvm::Regex::escape(Rest.substr(0, Open));
    if (Open == StringRef::npos)
      break;
    size_t Close = Rest.find("}}", Open + 2);
    if (Close == StringRef::npos) {
      if (Error)
        *Error = "'{{' without a closing '}}'";
      return false;
    }
    Re += "(" + Rest.slice(Open + 2, Close).str() + ")";
    Rest = Rest.substr(Close + 2);
  }
  Re += ")$";
  llvm::Regex R(Re);
  std::string RegexError;
  if (!R.isValid(RegexError)) {
    if (Error)
      *Error = "invalid regex: " + RegexError;
    return false;
  }
  return R.match(Text);
}

bool splitShellWords(StringRef Command, std::vector<std::string> &Words,
                     std::string &Error) {
  std::string Word;
  bool InWord = false;
  for (size_t I = 0; I < Command.size(); ++I) {
    char C = Command[I];
    if (C == ' ' || C == '\t' || C == '\n') {
      if (InWord)
        Words.push_back(Word);
      Word.clear();
      InWord = false;
      continue;
    }
    InWord = true;
    if (C == '\\' && I + 1 < Command.size()) {
      Word += Command[++I];
      continue;
    }
    if (C == '\'') {
      size_t End = Command.find('\'', I + 1);
      if (End == StringRef::npos) {
        Error = "unterminated single quote";
        return false;
      }
      Word += Command.slice(I + 1, End).str();
      I = End;
      continue;
    }
    if (C == '"') {
      size_t J = I + 1;
      for (; J < Command.size() && Command[J] != '"'; ++J) {
        if (Command[J] == '\\' && J + 1 < Command.size() &&
            StringRef("\"\\$`").contains(Command[J + 1]))
          ++J;
        Word += Command[J];
      }
      if (J == Command.size()) {
        Error = "unterminated double quote";
        return false;
      }
      I = J;
      continue;
    }
    Word += C;
  }
  if (InWord)
    Words.push_back(Word);
  return true;
}

/// The source text of a YAML node (quotes included for quoted scalars).
static StringRef rawText(llvm::yaml::Node *N) {
  llvm::SMRange R = N->getSourceRange();
  return StringRef(R.Start.getPointer(),
                   R.End.getPointer() - R.Start.getPointer());
}

std::string checkOptionsAsList(StringRef Config) {
  llvm::SourceMgr SM;
  SM.setDiagHandler([](const llvm::SMDiagnostic &, void *) {}, nullptr);
  llvm::yaml::Stream Stream(Config, SM);
  llvm::yaml::document_iterator Doc = Stream.begin();
  if (Doc == Stream.end())
    return Config.str();
  auto *Root = llvm::dyn_cast_or_null<llvm::yaml::MappingNode>(Doc->getRoot());
  if (!Root)
    return Config.str();
  std::string Out = "{";
  bool Changed = false;
  for (llvm::yaml::KeyValueNode &KV : *Root) {
    auto *Key = llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(KV.getKey());
    llvm::yaml::Node *Value = KV.getValue();
    if (!Key || !Value)
      return Config.str();
    if (Out.size() > 1)
      Out += ", ";
    Out += rawText(Key).str() + ": ";
    SmallVector<char, 32> Storage;
    auto *Options = llvm::dyn_cast<llvm::yaml::MappingNode>(Value);
    if (Key->getValue(Storage) != "CheckOptions" || !Options) {
      if (!llvm::isa<llvm::yaml::ScalarNode>(Value))
        return Config.str(); // Only flat configurations are rewritten.
      Out += rawText(Value).str();
      continue;
    }
    Out += "[";
    bool First = true;
    for (llvm::yaml::KeyValueNode &Option : *Options) {
      auto *OptKey =
          llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(Option.getKey());
      auto *OptValue =
          llvm::dyn_cast_or_null<llvm::yaml::ScalarNode>(Option.getValue());
      if (!OptKey || !OptValue)
        return Config.str();
      Out += (First ? "" : ", ");
      Out += "{key: " + rawText(OptKey).str() +
             ", value: " + rawText(OptValue).str() + "}";
      First = false;
    }
    Out += "]";
    Changed = true;
  }
  Out += "}";
  if (Stream.failed() || !Changed)
    return Config.str();
  return Out;
}

//===----------------------------------------------------------------------===//
// Parsing a test input
//===----------------------------------------------------------------------===//

/// A `// CHECK-...:` comment found in the input.
struct CheckComment {
  unsigned Line = 0;
  /// Full prefix without ":" and without "-NOT", e.g. "CHECK-FIXES-A".
  std::string Prefix;
  StringRef Kind;
  std::string Suffix;
  bool Negative = false;
  StringRef Content;
};

/// Finds a `// CHECK-WORD:` comment in \p Line. Returns false if none.
static bool findCheckComment(StringRef Line, unsigned LineNo,
                             CheckComment &Out) {
  static const llvm::Regex CheckRe("//[ \t]*(CHECK-[A-Za-z0-9_-]*):");
  SmallVector<StringRef, 2> M;
  if (!CheckRe.match(Line, &M))
    return false;
  StringRef Word = M[1];
  Out.Line = LineNo;
  Out.Content = Line.substr(M[0].data() + M[0].size() - Line.data()).trim();
  for (StringRef Kind : {MessagesPrefix, NotesPrefix, FixesPrefix}) {
    if (!startsWith(Word, Kind))
      continue;
    StringRef Rest = Word.substr(Kind.size());
    if (!Rest.empty() && !startsWith(Rest, "-"))
      continue;
    Rest = Rest.drop_front(Rest.empty() ? 0 : 1);
    if (Rest == "NOT" || endsWith(Rest, "-NOT")) {
      Out.Negative = true;
      Rest = Rest.drop_back(Rest == "NOT" ? 3 : 4);
    }
    Out.Kind = Kind;
    Out.Suffix = Rest.str();
    Out.Prefix = prefixName(Kind, Rest);
    return true;
  }
  Out.Prefix = Word.str(); // Unknown kind; Kind stays empty.
  return true;
}

/// Parses the text after a CHECK-MESSAGES/CHECK-NOTES prefix.
static bool parseExpectation(const CheckComment &C, Expectation &E,
                             std::string &Error) {
  E.CommentLine = C.Line;
  E.Prefix = C.Prefix;
  StringRef Content = C.Content;
  SmallVector<StringRef, 5> M;
  static const llvm::Regex LocalRe(
      "^:(\\[\\[@LINE([+-][0-9]+)?\\]\\]|[0-9]+):([0-9]+): (.*)$");
  static const llvm::Regex FileRe("^([^ :]+):([0-9]+):([0-9]+): (.*)$");
  if (LocalRe.match(Content, &M)) {
    long long Line = C.Line;
    if (startsWith(M[1], "[[")) {
      long long Offset = 0;
      if (!M[2].empty() && M[2].drop_front().getAsInteger(10, Offset)) {
        Error = "bad line offset";
        return false;
      }
      Line += startsWith(M[2], "-") ? -Offset : Offset;
    } else if (M[1].getAsInteger(10, Line)) {
      Error = "bad line number";
      return false;
    }
    if (Line < 1) {
      Error = "line " + std::to_string(Line) + " is before the file start";
      return false;
    }
    E.Line = static_cast<unsigned>(Line);
    if (M[3].getAsInteger(10, E.Column) || E.Column == 0) {
      Error = "bad column";
      return false;
    }
    E.Pattern = M[4].str();
  } else if (startsWithSeverity(Content)) {
    E.Pattern = Content.str();
  } else if (FileRe.match(Content, &M)) {
    E.File = M[1].str();
    if (M[2].getAsInteger(10, E.Line) || E.Line == 0 ||
        M[3].getAsInteger(10, E.Column) || E.Column == 0) {
      Error = "bad location";
      return false;
    }
    E.Pattern = M[4].str();
  } else {
    Error = "expected ':LINE:COL: severity: text', 'FILE:LINE:COL: severity: "
            "text' or 'severity: text'";
    return false;
  }
  if (!startsWithSeverity(E.Pattern)) {
    Error = "the text must start with 'warning: ', 'error: ', 'note: ', "
            "'fatal error: ' or 'remark: '";
    return false;
  }
  return true;
}

/// Replaces %s and %S in \p Arg.
static std::string substitute(StringRef Arg, StringRef Path) {
  std::string Out;
  for (size_t I = 0; I < Arg.size(); ++I) {
    if (Arg[I] == '%' && I + 1 < Arg.size() &&
        (Arg[I + 1] == 's' || Arg[I + 1] == 'S')) {
      Out += Arg[I + 1] == 's' ? Path.str()
                               : llvm::sys::path::parent_path(Path).str();
      ++I;
      continue;
    }
    Out += Arg[I];
  }
  return Out;
}

/// Parses one joined RUN command into \p Run.
static bool parseRunCommand(StringRef Command, StringRef Path, TestRun &Run,
                            std::string &Error) {
  std::vector<std::string> Words;
  if (!splitShellWords(Command, Words, Error))
    return false;
  if (Words.empty() || Words[0] != "%check_clang_tidy") {
    Error = "only '%check_clang_tidy' RUN lines are supported";
    return false;
  }
  size_t I = 1;
  std::string Std = "c++17";
  for (; I < Words.size() && startsWith(Words[I], "-"); ++I) {
    StringRef W = Words[I];
    if (W.consume_front("-check-suffix=") ||
        W.consume_front("-check-suffixes=")) {
      Run.Suffixes.clear();
      SmallVector<StringRef, 4> Parts;
      W.split(Parts, ',');
      for (StringRef P : Parts) {
        if (!P.empty() && !llvm::all_of(P, [](char C) {
              return llvm::isAlnum(C) || C == '_' || C == '-';
            })) {
          Error = "bad check suffix '" + P.str() + "'";
          return false;
        }
        Run.Suffixes.push_back(P.str());
      }
    } else if (W.consume_front("-std-lib=")) {
      if (W == "mock") {
        Run.Lib = StdLib::Mock;
      } else if (W == "libstdc++") {
        Run.Lib = StdLib::LibStdCxx;
      } else if (W == "libc++") {
        Run.Lib = StdLib::LibCxx;
      } else {
        Error = "unknown -std-lib '" + W.str() + "' (mock, libstdc++, libc++)";
        return false;
      }
    } else if (W.consume_front("-std=")) {
      if (endsWith(W, "-or-later")) {
        Error = "'-std=...-or-later' is not supported; write one RUN line per "
                "standard";
        return false;
      }
      Std = W.str();
    } else {
      Error = "unknown option '" + Words[I] + "'";
      return false;
    }
  }
  if (Words.size() < I + 3 || Words[I] != "%s" || Words[I + 2] != "%t") {
    Error = "expected '%s CHECKS %t' after the options";
    return false;
  }
  Run.Checks = Words[I + 1];
  I += 3;
  if (I < Words.size() && Words[I] != "--") {
    Error = "expected '--' after '%t', got '" + Words[I] + "'";
    return false;
  }
  bool SawStd = false;
  int Section = 0; // 1: clang-tidy arguments, 2: compiler arguments.
  for (; I < Words.size(); ++I) {
    if (Words[I] == "--" && Section < 2) {
      ++Section;
      continue;
    }
    if (StringRef(Words[I]).contains("%t")) {
      Error = "'%t' is only supported as the third argument";
      return false;
    }
    std::string Arg = substitute(Words[I], Path);
    if (Section == 1) {
      Run.TidyArgs.push_back(Arg);
    } else {
      SawStd |= startsWith(Arg, "-std=") || startsWith(Arg, "--std=");
      Run.CompilerArgs.push_back(Arg);
    }
  }
  if (!SawStd)
    Run.CompilerArgs.insert(Run.CompilerArgs.begin(), "-std=" + Std);
  return true;
}

TestInput parseTestInput(StringRef DisplayName, StringRef Path,
                         StringRef Text) {
  TestInput Input;
  Input.DisplayName = DisplayName.str();
  Input.Path = Path.str();
  std::vector<StringRef> Lines = splitLines(Text);
  auto At = [&](unsigned Line) {
    return Input.DisplayName + ":" + std::to_string(Line);
  };

  // RUN lines; a trailing backslash continues on the next RUN line.
  static const llvm::Regex RunRe("^[ \t]*//[ \t]*RUN:(.*)$");
  std::string Pending;
  unsigned PendingLine = 0;
  for (unsigned I = 0; I < Lines.size(); ++I) {
    SmallVector<StringRef, 2> M;
    if (!RunRe.match(Lines[I], &M))
      continue;
    StringRef Part = M[1].trim();
    if (PendingLine == 0)
      PendingLine = I + 1;
    bool Continued = endsWith(Part, "\\");
    Pending += " " + (Continued ? Part.drop_back() : Part).str();
    if (Continued && I + 1 < Lines.size())
      continue;
    TestRun Run;
    Run.Line = PendingLine;
    std::string Error;
    if (parseRunCommand(Pending, Path, Run, Error))
      Input.Runs.push_back(std::move(Run));
    else
      Input.Errors.push_back("bad RUN line at " + At(PendingLine) + ": " +
                             Error);
    Pending.clear();
    PendingLine = 0;
  }
  if (Input.Runs.empty() && Input.Errors.empty())
    Input.Errors.push_back("no RUN line in " + Input.DisplayName);

  // The CHECK comments, each given to every run whose prefixes include it.
  for (unsigned I = 0; I < Lines.size(); ++I) {
    CheckComment C;
    if (!findCheckComment(Lines[I], I + 1, C))
      continue;
    bool Used = false;
    bool Reported = false;
    for (TestRun &Run : Input.Runs) {
      if (C.Kind.empty() ||
          !llvm::is_contained(Run.Suffixes, StringRef(C.Suffix)))
        continue;
      Used = true;
      if (C.Kind == FixesPrefix) {
        if (C.Content.empty()) {
          if (!Reported)
            Input.Errors.push_back("empty " + C.Prefix + " pattern at " +
                                   At(C.Line));
          Reported = true;
          continue;
        }
        Run.Fixes.push_back({C.Line, C.Prefix, C.Content.str(), C.Negative});
        continue;
      }
      if (C.Negative)
        continue; // Implied: any diagnostic not expected fails the test.
      Expectation E;
      std::string Error;
      if (parseExpectation(C, E, Error)) {
        Run.Messages.push_back(std::move(E));
      } else if (!Reported) {
        Input.Errors.push_back("malformed " + C.Prefix + " at " + At(C.Line) +
                               ": " + Error);
        Reported = true;
      }
    }
    if (!Used && !Input.Runs.empty())
      Input.Errors.push_back("unknown check prefix '" + C.Prefix + "' at " +
                             At(C.Line) + " (no RUN line uses it)");
  }
  return Input;
}

//===----------------------------------------------------------------------===//
// clang-tidy output and matching
//===----------------------------------------------------------------------===//

std::vector<Diagnostic> parseClangTidyOutput(StringRef Output) {
  static const llvm::Regex LocatedRe(
      ":([0-9]+):([0-9]+): (warning|error|fatal error|note|remark): ");
  static const llvm::Regex BareRe("^(warning|error|fatal error): ");
  std::vector<Diagnostic> Diags;
  for (StringRef Line : splitLines(Output)) {
    Line = Line.rtrim();
    SmallVector<StringRef, 4> M;
    Diagnostic D;
    if (LocatedRe.match(Line, &M) && M[0].data() != Line.data()) {
      size_t Start = M[0].data() - Line.data();
      D.File = Line.substr(0, Start).str();
      M[1].getAsInteger(10, D.Line);
      M[2].getAsInteger(10, D.Column);
      D.Severity = M[3].str();
      D.Text = Line.substr(Start + M[0].size() - M[3].size() - 2).str();
    } else if (BareRe.match(Line, &M)) {
      D.Severity = M[1].str();
      D.Text = Line.str();
    } else {
      continue;
    }
    Diags.push_back(std::move(D));
  }
  return Diags;
}

/// True when \p DiagFile names the input at \p InputPath.
static bool isInputFile(StringRef DiagFile, StringRef InputPath) {
  SmallVector<char, 128> A(DiagFile.begin(), DiagFile.end());
  SmallVector<char, 128> B(InputPath.begin(), InputPath.end());
  llvm::sys::path::remove_dots(A, /*remove_dot_dot=*/true);
  llvm::sys::path::remove_dots(B, /*remove_dot_dot=*/true);
  return StringRef(A.data(), A.size()) == StringRef(B.data(), B.size());
}

std::string Expectation::describe() const {
  std::string Loc;
  if (hasLocation())
    Loc =
        File + ":" + std::to_string(Line) + ":" + std::to_string(Column) + ": ";
  return Loc + Pattern;
}

/// "F:L:C: text" with the input file shown by its display name.
static std::string describe(const Diagnostic &D, const TestInput &Input) {
  if (!D.hasLocation())
    return D.Text;
  std::string File =
      isInputFile(D.File, Input.Path) ? Input.DisplayName : D.File;
  return File + ":" + std::to_string(D.Line) + ":" + std::to_string(D.Column) +
         ": " + D.Text;
}

/// True when \p D is at the place \p E names.
static bool locationMatches(const Expectation &E, const Diagnostic &D,
                            StringRef InputPath) {
  if (!E.hasLocation())
    return !D.hasLocation();
  if (!D.hasLocation() || D.Line != E.Line || D.Column != E.Column)
    return false;
  if (E.File.empty())
    return isInputFile(D.File, InputPath);
  return D.File == E.File || endsWith(D.File, "/" + E.File);
}

std::vector<std::string> matchDiagnostics(const TestInput &Input,
                                          const TestRun &Run,
                                          ArrayRef<Diagnostic> Diags) {
  std::vector<std::string> Failures;
  const std::vector<Expectation> &Exps = Run.Messages;
  // Candidates[I]: the diagnostics expectation I may stand for.
  std::vector<std::vector<size_t>> Candidates(Exps.size());
  for (size_t I = 0; I < Exps.size(); ++I) {
    for (size_t J = 0; J < Diags.size(); ++J) {
      if (!locationMatches(Exps[I], Diags[J], Input.Path))
        continue;
      std::string Error;
      if (matchesPattern(Exps[I].Pattern, Diags[J].Text, &Error))
        Candidates[I].push_back(J);
      else if (!Error.empty()) {
        Failures.push_back("bad pattern in " + Exps[I].Prefix + " at " +
                           Input.DisplayName + ":" +
                           std::to_string(Exps[I].CommentLine) + ": " + Error);
        break;
      }
    }
  }
  // One-to-one assignment (augmenting paths), so that overlapping regexes
  // cannot make the result depend on the order of the expectations.
  std::vector<int> DiagOwner(Diags.size(), -1);
  std::vector<int> ExpMatch(Exps.size(), -1);
  std::function<bool(size_t, std::vector<bool> &)> Assign =
      [&](size_t I, std::vector<bool> &Seen) {
        for (size_t J : Candidates[I]) {
          if (Seen[J])
            continue;
          Seen[J] = true;
          if (DiagOwner[J] < 0 || Assign(DiagOwner[J], Seen)) {
            DiagOwner[J] = static_cast<int>(I);
            ExpMatch[I] = static_cast<int>(J);
            return true;
          }
        }
        return false;
      };
  for (size_t I = 0; I < Exps.size(); ++I) {
    std::vector<bool> Seen(Diags.size(), false);
    Assign(I, Seen);
  }
  for (size_t I = 0; I < Exps.size(); ++I)
    if (ExpMatch[I] < 0)
      Failures.push_back("expectation at " + Input.DisplayName + ":" +
                         std::to_string(Exps[I].CommentLine) +
                         " not matched: " + Exps[I].describe());
  for (size_t J = 0; J < Diags.size(); ++J)
    if (DiagOwner[J] < 0)
      Failures.push_back("unexpected diagnostic: " + describe(Diags[J], Input));
  return Failures;
}

/// A fixed-file line as CHECK-FIXES sees it: CHECK comments removed, trimmed.
static std::string fixLineText(StringRef Line) {
  static const llvm::Regex CheckRe("//[ \t]*CHECK-[A-Za-z0-9_-]*:.*$");
  std::string Stripped = CheckRe.sub("", Line);
  return StringRef(Stripped).trim().str();
}

std::vector<std::string> matchFixes(const TestInput &Input, const TestRun &Run,
                                    StringRef Original, StringRef Fixed) {
  std::vector<std::string> Failures;
  std::vector<StringRef> FixedLines = splitLines(Fixed);
  if (Run.Fixes.empty()) {
    if (Original == Fixed)
      return Failures;
    std::vector<StringRef> OrigLines = splitLines(Original);
    size_t N = 0;
    while (N < OrigLines.size() && N < FixedLines.size() &&
           OrigLines[N] == FixedLines[N])
      ++N;
    auto Show = [](const std::vector<StringRef> &L, size_t I) {
      return I < L.size() ? "'" + L[I].str() + "'" : std::string("<end>");
    };
    Failures.push_back("unexpected fix in " + Input.DisplayName + ":" +
                       std::to_string(N + 1) + ": " + Show(OrigLines, N) +
                       " became " + Show(FixedLines, N) +
                       " (no CHECK-FIXES for this run)");
    return Failures;
  }

  std::vector<std::string> Texts;
  for (StringRef L : FixedLines)
    Texts.push_back(fixLineText(L));
  auto Where = [&](const FixExpectation &F) {
    return F.Prefix + (F.Negative ? "-NOT" : "") + " at " + Input.DisplayName +
           ":" + std::to_string(F.CommentLine);
  };
  auto Matches = [&](const FixExpectation &F, size_t Line, bool &Bad) {
    std::string Error;
    bool Ok = matchesPattern(F.Pattern, Texts[Line], &Error);
    if (!Error.empty() && !Bad) {
      Failures.push_back("bad pattern in " + Where(F) + ": " + Error);
      Bad = true;
    }
    return Ok;
  };
  // Negative patterns must not match between the neighbouring positive
  // matches: lines [From, To).
  std::vector<const FixExpectation *> Nots;
  auto CheckNots = [&](size_t From, size_t To) {
    for (const FixExpectation *F : Nots) {
      bool Bad = false;
      for (size_t L = From; L < To && !Bad; ++L)
        if (Matches(*F, L, Bad)) {
          Failures.push_back(Where(*F) + " matched fixed line " +
                             std::to_string(L + 1) + ": '" + Texts[L] + "'");
          break;
        }
    }
    Nots.clear();
  };
  size_t Cur = 0;
  for (const FixExpectation &F : Run.Fixes) {
    if (F.Negative) {
      Nots.push_back(&F);
      continue;
    }
    bool Bad = false;
    size_t L = Cur;
    while (L < Texts.size() && !Matches(F, L, Bad) && !Bad)
      ++L;
    if (Bad)
      continue;
    if (L == Texts.size()) {
      std::string Msg = Where(F) + " not matched";
      Msg += Cur == 0 ? " in the fixed file"
                      : " after fixed line " + std::to_string(Cur);
      Msg += ": '" + F.Pattern + "'";
      // The nearest non-empty line above the comment is where the fixed code
      // usually is.
      for (size_t Above = F.CommentLine - 1; Above > 0; --Above)
        if (Above <= Texts.size() && !Texts[Above - 1].empty()) {
          Msg += "; fixed line " + std::to_string(Above) + " is '" +
                 Texts[Above - 1] + "'";
          break;
        }
      Failures.push_back(Msg);
      continue;
    }
    CheckNots(Cur, L);
    Cur = L + 1;
  }
  CheckNots(Cur, Texts.size());
  return Failures;
}

//===----------------------------------------------------------------------===//
// Command lines
//===----------------------------------------------------------------------===//

bool TestRun::hasConfig() const {
  for (StringRef A : TidyArgs) {
    A.consume_front("-");
    if (A == "-config" || A == "config" || A == "-config-file" ||
        A == "config-file" || startsWith(A, "-config=") ||
        startsWith(A, "config=") || startsWith(A, "-config-file=") ||
        startsWith(A, "config-file="))
      return true;
  }
  return false;
}

std::string TestRun::describe() const {
  std::string S = "RUN at line " + std::to_string(Line);
  if (Suffixes.size() != 1 || !Suffixes[0].empty())
    S += " (suffixes '" + llvm::join(Suffixes, ",") + "')";
  switch (Lib) {
  case StdLib::Mock:
    return S + " [mock std]";
  case StdLib::LibStdCxx:
    return S + " [libstdc++]";
  case StdLib::LibCxx:
    return S + " [libc++]";
  }
  return S;
}

std::vector<std::string> compileArgs(const TestRun &Run,
                                     const ToolPaths &Tools) {
  std::vector<std::string> Args;
  if (Run.Lib == StdLib::Mock) {
    Args.push_back("-nostdinc++");
    Args.push_back("-isystem");
    Args.push_back(Tools.MockStdDir);
  } else if (Run.Lib == StdLib::LibCxx) {
    Args.push_back("-stdlib=libc++");
  }
  Args.insert(Args.end(), Run.CompilerArgs.begin(), Run.CompilerArgs.end());
  return Args;
}

std::vector<std::string> clangTidyArgs(const TestRun &Run,
                                       const ToolPaths &Tools, StringRef File,
                                       bool Fix) {
  std::vector<std::string> Args;
  if (!Tools.Plugin.empty())
    Args.push_back("--load=" + Tools.Plugin);
  Args.push_back("--checks=-*," + Run.Checks);
  Args.push_back("--quiet");
  if (!Run.hasConfig())
    Args.push_back("--config={}");
  bool ConfigValueNext = false;
  for (const std::string &A : Run.TidyArgs) {
    StringRef S = A;
    bool Old = Tools.LLVMMajor != 0 && Tools.LLVMMajor < 15;
    if (Old && ConfigValueNext) {
      Args.push_back(checkOptionsAsList(S));
    } else if (Old &&
               (S.consume_front("-config=") || S.consume_front("--config="))) {
      Args.push_back("--config=" + checkOptionsAsList(S));
    } else {
      Args.push_back(A);
    }
    ConfigValueNext = A == "-config" || A == "--config";
  }
  if (Fix)
    Args.push_back("--fix");
  Args.push_back(File.str());
  Args.push_back("--");
  std::vector<std::string> CC = compileArgs(Run, Tools);
  Args.insert(Args.end(), CC.begin(), CC.end());
  return Args;
}

} // namespace escape::harness
