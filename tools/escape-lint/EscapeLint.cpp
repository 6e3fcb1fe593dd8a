//===--- EscapeLint.cpp - escape-tidy for CI: SARIF and a baseline --------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// escape-lint runs the real clang-tidy-N with --load=<libEscapeTidy-N.so> over
// the files of a compile_commands.json (all of them, or the ones given), in
// parallel, reads each file's --export-fixes YAML with clang's own YAML traits
// (clang/Tooling/DiagnosticsYaml.h) and
//   - prints the new findings as `file:line:col: warning: msg [check]`,
//   - writes SARIF 2.1.0 (--sarif),
//   - records (--write-baseline) or subtracts (--baseline) a baseline.
// Exit status: 0 no new finding, 1 new findings, 2 usage or tool error.
// docs/ci.md documents the command.
//
//===----------------------------------------------------------------------===//

#include "escape/Compat.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#ifdef LLVM_ON_UNIX
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace clang;
using llvm::StringRef;

// escape-tidy's own version (cmake/Install.cmake's ESCAPE_TIDY_VERSION).
static constexpr char ToolVersion[] = "0.1.0";
// The baseline format this escape-lint reads and writes.
static constexpr int64_t BaselineVersion = 1;

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

static llvm::cl::OptionCategory Category("escape-lint options");
static llvm::cl::list<std::string>
    Files(llvm::cl::Positional,
          llvm::cl::desc("[<file> ...] (default: every file of the database)"),
          llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    BuildPath("p",
              llvm::cl::desc("Build directory holding compile_commands.json, "
                             "or the path of the file (default: .)"),
              llvm::cl::init("."), llvm::cl::cat(Category));
static llvm::cl::opt<unsigned>
    Jobs("j", llvm::cl::desc("Files checked in parallel (default: nproc)"),
         llvm::cl::init(0), llvm::cl::Prefix, llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    Checks("checks",
           llvm::cl::desc("clang-tidy -checks= value (default: -*,escape-*)"),
           llvm::cl::init("-*,escape-*"), llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    Config("config", llvm::cl::desc("Passed to clang-tidy as --config="),
           llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    ConfigFile("config-file",
               llvm::cl::desc("Passed to clang-tidy as --config-file="),
               llvm::cl::cat(Category));
static llvm::cl::list<std::string>
    ExtraArgs("extra-arg",
              llvm::cl::desc("Passed to clang-tidy as --extra-arg="),
              llvm::cl::cat(Category));
static llvm::cl::list<std::string>
    TidyArgs("tidy-arg",
             llvm::cl::desc("Any other clang-tidy argument, passed verbatim"),
             llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    ClangTidyPath("clang-tidy",
                  llvm::cl::desc("clang-tidy binary (default: the clang-tidy "
                                 "of the major the plugin was built for)"),
                  llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    PluginPath("plugin", llvm::cl::desc("libEscapeTidy-N.so to --load"),
               llvm::cl::cat(Category));
static llvm::cl::opt<std::string> SourceRoot(
    "source-root",
    llvm::cl::desc("Paths in the output are relative to this directory "
                   "(SARIF: %SRCROOT%; default: the current directory)"),
    llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    SarifPath("sarif", llvm::cl::desc("Write SARIF 2.1.0 to this file"),
              llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    HelpUri("help-uri",
            llvm::cl::desc("helpUri of each escape-* rule; {check} is "
                           "replaced by the check name (default: a file:// "
                           "URI of checks/docs/{check}.rst)"),
            llvm::cl::cat(Category));
static llvm::cl::opt<std::string>
    BaselinePath("baseline",
                 llvm::cl::desc("Report and fail only on findings that are "
                                "not in this baseline"),
                 llvm::cl::cat(Category));
static llvm::cl::opt<std::string> WriteBaselinePath(
    "write-baseline",
    llvm::cl::desc("Record today's findings as a baseline in this file"),
    llvm::cl::cat(Category));

//===----------------------------------------------------------------------===//
// Small helpers
//===----------------------------------------------------------------------===//

namespace {

using clang::escape::compat::process::EnvArg;
using clang::escape::compat::process::RedirectArg;

bool HadUsageError = false;

void error(const llvm::Twine &Message) {
  llvm::errs() << "escape-lint: error: " << Message << "\n";
}

bool startsWith(StringRef S, StringRef Prefix) {
  return S.substr(0, Prefix.size()) == Prefix;
}

/// Absolute, dot-free path; symlinks resolved when the path exists.
std::string normalizePath(StringRef Path, StringRef Base = "") {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    if (!Base.empty()) {
      llvm::SmallString<256> B(Base);
      llvm::sys::path::append(B, P);
      P = B;
    } else {
      llvm::sys::fs::make_absolute(P);
    }
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(P, Real))
    return std::string(Real);
  return std::string(P);
}

bool readFile(StringRef Path, std::string &Text, std::string *Why = nullptr) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buf =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buf) {
    if (Why)
      *Why = Buf.getError().message();
    return false;
  }
  Text = (*Buf)->getBuffer().str();
  return true;
}

/// Percent-encodes a path for a URI (RFC 3986 unreserved characters and '/'
/// are kept).
std::string uriEncode(StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '_' || C == '.' ||
        C == '~')
      Out += static_cast<char>(C);
    else
      Out += {'%', llvm::hexdigit(C >> 4), llvm::hexdigit(C & 15)};
  }
  return Out;
}

/// Line starts of a file, to turn byte offsets into lines and columns.
struct FileText {
  bool Readable = false;
  std::string Text;
  std::vector<unsigned> LineStarts;

  void load(StringRef Path) {
    Readable = readFile(Path, Text);
    LineStarts.push_back(0);
    for (unsigned I = 0; I < Text.size(); ++I)
      if (Text[I] == '\n')
        LineStarts.push_back(I + 1);
  }
  /// 1-based line of a byte offset.
  unsigned line(unsigned Offset) const {
    return std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset) -
           LineStarts.begin();
  }
  /// 1-based column in bytes (clang's unit).
  unsigned byteColumn(unsigned Offset) const {
    return Offset - LineStarts[line(Offset) - 1] + 1;
  }
  /// 1-based column in Unicode code points (SARIF columnKind
  /// "unicodeCodePoints"): UTF-8 continuation bytes are not counted.
  unsigned codePointColumn(unsigned Offset) const {
    unsigned Start = LineStarts[line(Offset) - 1], Column = 1;
    for (unsigned I = Start; I < Offset && I < Text.size(); ++I)
      if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
        ++Column;
    return Column;
  }
  /// The text of the line holding Offset, whitespace runs collapsed to one
  /// space and trimmed.
  std::string normalizedLine(unsigned Offset) const {
    unsigned L = line(Offset);
    unsigned Begin = LineStarts[L - 1];
    unsigned End = L < LineStarts.size() ? LineStarts[L] : Text.size();
    std::string Out;
    bool Space = false;
    for (char C : StringRef(Text).slice(Begin, End)) {
      if (llvm::isSpace(C)) {
        Space = !Out.empty();
        continue;
      }
      if (Space)
        Out += ' ';
      Space = false;
      Out += C;
    }
    return Out;
  }
};

//===----------------------------------------------------------------------===//
// Findings
//===----------------------------------------------------------------------===//

struct Position {
  std::string File; // Absolute.
  unsigned Offset = 0;
  bool Valid = false;
};

struct Note {
  std::string Message;
  Position Pos;
};

struct Edit {
  std::string File; // Absolute.
  unsigned Offset = 0, Length = 0;
  std::string Text;
};

struct Finding {
  std::string Check, Message;
  std::string TU; // The translation unit that reported it.
  Position Pos;
  std::vector<unsigned> RangeLengths; // Of the ranges that start at Pos.
  std::vector<Note> Notes;
  /// The warning's fix-it first, then the fix-its of notes, each with the
  /// message of its diagnostic as description.
  std::vector<std::pair<std::string, std::vector<Edit>>> Fixes;
  // Baseline key parts (filled only with --baseline/--write-baseline).
  std::string Function, Statement;
  bool New = true;
};

struct ToolError {
  std::string File; // The translation unit.
  std::string Message;
};

class FileCache {
public:
  const FileText &get(const std::string &Path) {
    auto It = Cache.find(Path);
    if (It == Cache.end()) {
      It = Cache.emplace(Path, FileText()).first;
      It->second.load(Path);
    }
    return It->second;
  }

private:
  std::map<std::string, FileText> Cache;
};

std::string Root; // Normalized source root.

/// Path relative to the source root, or empty when the file is outside it.
std::string relativeToRoot(StringRef Path) {
  StringRef P(Path);
  if (P.consume_front(Root) && P.consume_front("/"))
    return P.str();
  return "";
}

/// The path shown to humans and used as the baseline key.
std::string displayPath(StringRef Path) {
  std::string R = relativeToRoot(Path);
  return R.empty() ? Path.str() : R;
}

//===----------------------------------------------------------------------===//
// Running clang-tidy
//===----------------------------------------------------------------------===//

struct RunResult {
  int ExitCode = -1;
  std::string Error; // Why it could not run / crashed.
  std::string Output;
  std::string YamlPath;
};

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

//===----------------------------------------------------------------------===//
// Cleanup on every exit path, signals included
//===----------------------------------------------------------------------===//
//
// A run owns a private directory (clang-tidy's exported fixes and output, one
// pair of files per translation unit), a temporary file beside each output
// (renamed over the output once complete), and the clang-tidy processes it
// started. SIGINT, SIGTERM and SIGHUP stop those processes, remove those
// files and exit with 128 + the signal. The handler reads only what is
// published here, without locks.

constexpr unsigned MaxTempFiles = 4;
constexpr unsigned MaxChildren = 256;
std::atomic<const char *> TempFiles[MaxTempFiles];
std::atomic<const char *> RunDir{nullptr};
/// The run directory holds list.out, then <i>.yaml and <i>.out for i below
/// this count.
std::atomic<size_t> RunDirEntries{0};
#ifdef LLVM_ON_UNIX
std::atomic<pid_t> Children[MaxChildren];
/// Set first thing by the handler: a thread whose clang-tidy just ended
/// waits for the handler's _exit instead of going on to report and exit
/// with another status.
std::atomic<bool> Terminating{false};
#endif

/// A copy of \p Path that lives until exit (the handler may read it).
const char *publish(StringRef Path) { return strdup(Path.str().c_str()); }

void addTempFile(const char *Path) {
  for (std::atomic<const char *> &Slot : TempFiles) {
    const char *Empty = nullptr;
    if (Slot.compare_exchange_strong(Empty, Path))
      return;
  }
}

void dropTempFile(const char *Path) {
  for (std::atomic<const char *> &Slot : TempFiles) {
    const char *Expected = Path;
    Slot.compare_exchange_strong(Expected, nullptr);
  }
}

#ifdef LLVM_ON_UNIX
/// Appends \p Text to \p Buf (async-signal-safe); false when it does not fit.
bool append(char *Buf, size_t Size, size_t &Len, const char *Text) {
  for (; *Text; ++Text) {
    if (Len + 1 >= Size)
      return false;
    Buf[Len++] = *Text;
  }
  Buf[Len] = 0;
  return true;
}

/// Unlinks RunDir/<Name><Suffix> (async-signal-safe).
void unlinkInRunDir(const char *Dir, const char *Name, const char *Suffix) {
  char Buf[4096];
  size_t Len = 0;
  Buf[0] = 0;
  if (append(Buf, sizeof(Buf), Len, Dir) &&
      append(Buf, sizeof(Buf), Len, "/") &&
      append(Buf, sizeof(Buf), Len, Name) &&
      append(Buf, sizeof(Buf), Len, Suffix))
    ::unlink(Buf);
}

extern "C" void onTerminatingSignal(int Sig) {
  Terminating.store(true);
  for (std::atomic<pid_t> &C : Children)
    if (pid_t P = C.load())
      ::kill(P, SIGTERM);
  for (std::atomic<pid_t> &C : Children)
    if (pid_t P = C.load())
      ::waitpid(P, nullptr, 0);
  for (std::atomic<const char *> &Slot : TempFiles)
    if (const char *P = Slot.load())
      ::unlink(P);
  if (const char *Dir = RunDir.load()) {
    unlinkInRunDir(Dir, "list", ".out");
    size_t N = RunDirEntries.load();
    for (size_t I = 0; I < N; ++I) {
      char Digits[24];
      size_t Len = sizeof(Digits) - 1;
      Digits[Len] = 0;
      size_t V = I;
      do {
        Digits[--Len] = char('0' + V % 10);
        V /= 10;
      } while (V && Len > 0);
      unlinkInRunDir(Dir, Digits + Len, ".yaml");
      unlinkInRunDir(Dir, Digits + Len, ".out");
    }
    ::rmdir(Dir);
  }
  ::_exit(128 + Sig);
}

void installSignalHandlers() {
  struct sigaction SA;
  memset(&SA, 0, sizeof(SA));
  SA.sa_handler = onTerminatingSignal;
  sigfillset(&SA.sa_mask);
  for (int Sig : {SIGINT, SIGTERM, SIGHUP})
    ::sigaction(Sig, &SA, nullptr);
  // A file size limit (ulimit -f) makes a write fail with EFBIG, reported
  // as an error, instead of killing the run halfway through a file.
  ::signal(SIGXFSZ, SIG_IGN);
}
#else
void installSignalHandlers() {}
#endif

/// Removes the run directory and what is in it.
void removeRunDir() {
  const char *Dir = RunDir.load();
  if (!Dir)
    return;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    llvm::sys::fs::remove(It->path());
  llvm::sys::fs::remove(Dir);
  RunDir.store(nullptr);
}

/// An output file (SARIF, baseline) written to a temporary file in its
/// directory and renamed over the final path only once complete: the final
/// file is either absent (or the previous one) or complete. The temporary
/// is created up front, so that an unwritable output is reported before any
/// file is checked.
class AtomicOutput {
public:
  AtomicOutput() = default;
  AtomicOutput(const AtomicOutput &) = delete;
  AtomicOutput &operator=(const AtomicOutput &) = delete;
  ~AtomicOutput() { discard(); }

  /// Creates the temporary next to \p Path; false with an error message
  /// naming \p What ("SARIF", "baseline") when it cannot.
  bool open(StringRef Path, StringRef What) {
    this->Path = Path.str();
    this->What = What.str();
    if (llvm::sys::fs::is_directory(Path)) {
      error("cannot write " + What + " '" + Path + "': it is a directory");
      return false;
    }
    llvm::SmallString<256> Model(Path);
    llvm::sys::fs::make_absolute(Model);
    StringRef Name = llvm::sys::path::filename(Model);
    llvm::SmallString<256> Dir = llvm::sys::path::parent_path(Model);
    llvm::sys::path::append(Dir, "." + Name + ".tmp-%%%%%%%%");
    int FD = -1;
    llvm::SmallString<256> Tmp;
    if (std::error_code EC = llvm::sys::fs::createUniqueFile(Dir, FD, Tmp)) {
      error("cannot write " + What + " '" + Path + "': " + EC.message());
      return false;
    }
    TempPath = publish(Tmp);
    addTempFile(TempPath);
    Stream = std::make_unique<llvm::raw_fd_ostream>(FD, /*shouldClose=*/true);
    return true;
  }

  /// Writes \p Text and renames the temporary over the final path.
  bool commit(StringRef Text) {
    assert(Stream && "commit() without open()");
    *Stream << Text;
    Stream->close();
    std::error_code EC = Stream->error();
    Stream->clear_error();
    Stream.reset();
    if (!EC)
      EC = llvm::sys::fs::rename(TempPath, Path);
    if (EC) {
      error("cannot write " + What + " '" + Path + "': " + EC.message());
      discard();
      return false;
    }
    dropTempFile(TempPath);
    TempPath = nullptr;
    return true;
  }

  void discard() {
    if (Stream) {
      Stream->close();
      Stream->clear_error();
      Stream.reset();
    }
    if (TempPath) {
      llvm::sys::fs::remove(TempPath);
      dropTempFile(TempPath);
      TempPath = nullptr;
    }
  }

private:
  std::string Path, What;
  const char *TempPath = nullptr;
  std::unique_ptr<llvm::raw_fd_ostream> Stream;
};

/// Runs \p Program with its output (stdout and stderr) captured in
/// \p OutPath, which is removed afterwards; the process is published for
/// the signal handler while it runs.
RunResult runProgram(StringRef Program, const std::vector<std::string> &Args,
                     StringRef OutPath) {
  RunResult R;
  std::vector<StringRef> Argv{Program};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  RedirectArg Redirects[] = {RedirectArg(StringRef("")),
                             RedirectArg(StringRef(OutPath)),
                             RedirectArg(StringRef(OutPath))};
#ifdef LLVM_ON_UNIX
  bool Failed = false;
  llvm::sys::ProcessInfo PI = llvm::sys::ExecuteNoWait(
      Program, Argv, EnvArg(), Redirects, 0, &R.Error, &Failed);
  if (Failed || PI.Pid <= 0) {
    R.ExitCode = -1;
  } else {
    std::atomic<pid_t> *Slot = nullptr;
    for (std::atomic<pid_t> &C : Children) {
      pid_t Empty = 0;
      if (C.compare_exchange_strong(Empty, PI.Pid)) {
        Slot = &C;
        break;
      }
    }
    int Status = 0;
    pid_t Got;
    do
      Got = ::waitpid(PI.Pid, &Status, 0);
    while (Got < 0 && errno == EINTR);
    while (Terminating.load())
      ::pause(); // The signal handler is cleaning up; it exits.
    if (Slot)
      Slot->store(0);
    if (Got < 0) {
      R.ExitCode = -1;
      R.Error = "cannot wait for the process: " + std::string(strerror(errno));
    } else if (WIFEXITED(Status)) {
      R.ExitCode = WEXITSTATUS(Status);
    } else {
      R.ExitCode = -2;
      if (WIFSIGNALED(Status))
        R.Error = std::string(strsignal(WTERMSIG(Status)));
    }
  }
#else
  R.ExitCode = llvm::sys::ExecuteAndWait(Program, Argv, EnvArg(), Redirects, 0,
                                         0, &R.Error);
#endif
  readFile(OutPath, R.Output);
  llvm::sys::fs::remove(OutPath);
  return R;
}

std::vector<std::string> passThroughArgs() {
  std::vector<std::string> Args{"--load=" + PluginPath, "-checks=" + Checks};
  if (!Config.empty())
    Args.push_back("--config=" + Config);
  if (!ConfigFile.empty())
    Args.push_back("--config-file=" + ConfigFile);
  for (const std::string &A : ExtraArgs)
    Args.push_back("--extra-arg=" + A);
  for (const std::string &A : TidyArgs)
    Args.push_back(A);
  return Args;
}

/// The last lines of a tool's output, indented, for an error message.
std::string tail(StringRef Output, unsigned MaxLines = 12) {
  llvm::SmallVector<StringRef, 32> Lines;
  if (Output.trim().empty())
    return "";
  Output.rtrim().split(Lines, '\n');
  std::string Out;
  unsigned From = Lines.size() > MaxLines ? Lines.size() - MaxLines : 0;
  for (unsigned I = From; I < Lines.size(); ++I)
    Out += "\n  | " + Lines[I].str();
  return Out;
}

//===----------------------------------------------------------------------===//
// Function names for the baseline key
//===----------------------------------------------------------------------===//

struct Query {
  unsigned Offset;
  std::string *Function;
};
// Normalized file path -> the findings in it that need an enclosing function.
std::map<std::string, std::vector<Query>> Queries;

class FunctionFinder : public RecursiveASTVisitor<FunctionFinder> {
public:
  explicit FunctionFinder(ASTContext &Ctx) : SM(Ctx.getSourceManager()) {}

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody())
      return true;
    if (const auto *M = dyn_cast<CXXMethodDecl>(F))
      if (M->getParent()->isLambda())
        return true; // A lambda belongs to its enclosing function.
    SourceLocation B = SM.getExpansionLoc(F->getBeginLoc());
    SourceLocation E = SM.getExpansionLoc(F->getEndLoc());
    if (B.isInvalid() || E.isInvalid() || SM.getFileID(B) != SM.getFileID(E))
      return true;
    // The real path: a relative name is relative to the compile command's
    // directory, which is not escape-lint's working directory.
    const FileEntry *Entry = SM.getFileEntryForID(SM.getFileID(B));
    if (!Entry)
      return true;
    StringRef Name = Entry->tryGetRealPathName();
    if (Name.empty())
      Name = SM.getFilename(B);
    if (Name.empty())
      return true;
    auto &Cached = PathCache[Name];
    if (Cached.empty())
      Cached = normalizePath(Name);
    auto It = Queries.find(Cached);
    if (It == Queries.end())
      return true;
    unsigned Begin = SM.getFileOffset(B), End = SM.getFileOffset(E);
    std::string Qualified = F->getQualifiedNameAsString();
    for (Query &Q : It->second) {
      if (Q.Offset < Begin || Q.Offset > End)
        continue;
      auto Best = BestSpan.find(Q.Function);
      if (Best == BestSpan.end() || End - Begin < Best->second) {
        BestSpan[Q.Function] = End - Begin;
        *Q.Function = Qualified;
      }
    }
    return true;
  }

private:
  const SourceManager &SM;
  llvm::StringMap<std::string> PathCache;
  std::map<std::string *, unsigned> BestSpan;
};

class FunctionFinderConsumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    FunctionFinder(Ctx).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

class FunctionFinderAction : public ASTFrontendAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<FunctionFinderConsumer>();
  }
};

/// Parses (syntax only) the translation units that have findings and fills
/// Finding::Function with the qualified name of the innermost enclosing
/// function ("" at namespace scope).
void findFunctions(const tooling::CompilationDatabase &DB,
                   const std::vector<std::string> &TUs,
                   std::vector<Finding> &Findings) {
  for (Finding &F : Findings)
    if (F.Pos.Valid)
      Queries[F.Pos.File].push_back({F.Pos.Offset, &F.Function});
  if (Queries.empty() || TUs.empty())
    return;
  tooling::ClangTool Tool(DB, TUs);
  IgnoringDiagConsumer Quiet;
  Tool.setDiagnosticConsumer(&Quiet);
  Tool.appendArgumentsAdjuster(
      [](const tooling::CommandLineArguments &Args, StringRef) {
        for (const std::string &A : Args)
          if (startsWith(A, "-resource-dir"))
            return Args;
        tooling::CommandLineArguments Out = Args;
        Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
                   "-resource-dir=" ESCAPE_RESOURCE_DIR);
        return Out;
      });
  // A TU that does not parse already failed in clang-tidy (exit 2), so the
  // status of this run adds nothing.
  (void)Tool.run(
      tooling::newFrontendActionFactory<FunctionFinderAction>().get());
}

//===----------------------------------------------------------------------===//
// Baseline
//===----------------------------------------------------------------------===//

using BaselineKey = std::tuple<std::string, std::string, std::string,
                               std::string>; // check, file, function, stmt

BaselineKey keyOf(const Finding &F) {
  return {F.Check, displayPath(F.Pos.File), F.Function, F.Statement};
}

/// Reads a baseline; on any problem prints an error naming the file and
/// returns false.
bool readBaseline(StringRef Path, std::map<BaselineKey, int64_t> &Counts) {
  std::string Text, Why;
  if (!readFile(Path, Text, &Why)) {
    error("cannot read baseline '" + Path + "': " + Why);
    return false;
  }
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V) {
    error("baseline '" + Path +
          "' is not valid JSON: " + llvm::toString(V.takeError()));
    return false;
  }
  const llvm::json::Object *O = V->getAsObject();
  if (!O) {
    error("baseline '" + Path + "' is not a JSON object");
    return false;
  }
  auto Version = O->getInteger("version");
  if (!Version) {
    error("baseline '" + Path + "' has no integer 'version'");
    return false;
  }
  if (*Version != BaselineVersion) {
    error("baseline '" + Path + "' has version " + llvm::Twine(*Version) +
          "; this escape-lint reads version " + llvm::Twine(BaselineVersion) +
          " (re-create it with --write-baseline)");
    return false;
  }
  auto Tool = O->getString("tool");
  if (!Tool || *Tool != "escape-tidy") {
    error("baseline '" + Path + "' is not an escape-tidy baseline ('tool' is " +
          (Tool ? "'" + Tool->str() + "'" : std::string("missing")) +
          ", expected 'escape-tidy')");
    return false;
  }
  const llvm::json::Array *Items = O->getArray("findings");
  if (!Items) {
    error("baseline '" + Path + "' has no array 'findings'");
    return false;
  }
  for (size_t I = 0; I < Items->size(); ++I) {
    const llvm::json::Object *Item = (*Items)[I].getAsObject();
    std::string Where =
        "baseline '" + Path.str() + "': findings[" + std::to_string(I) + "]";
    if (!Item) {
      error(Where + " is not an object");
      return false;
    }
    std::string Parts[4];
    const char *Names[4] = {"check", "file", "function", "statement"};
    for (int K = 0; K < 4; ++K) {
      auto S = Item->getString(Names[K]);
      if (!S) {
        error(Where + " has no string '" + Names[K] + "'");
        return false;
      }
      Parts[K] = S->str();
    }
    auto Count = Item->getInteger("count");
    if (!Count || *Count < 1) {
      error(Where + " has no positive integer 'count'");
      return false;
    }
    Counts[{Parts[0], Parts[1], Parts[2], Parts[3]}] += *Count;
  }
  return true;
}

bool writeBaseline(AtomicOutput &Out, const std::vector<Finding> &Findings) {
  std::map<BaselineKey, int64_t> Counts;
  for (const Finding &F : Findings)
    ++Counts[keyOf(F)];
  llvm::json::Array Items;
  for (const auto &[Key, Count] : Counts)
    Items.push_back(llvm::json::Object{{"check", std::get<0>(Key)},
                                       {"file", std::get<1>(Key)},
                                       {"function", std::get<2>(Key)},
                                       {"statement", std::get<3>(Key)},
                                       {"count", Count}});
  llvm::json::Object Doc{{"version", BaselineVersion},
                         {"tool", "escape-tidy"},
                         {"findings", std::move(Items)}};
  return Out.commit(
      llvm::formatv("{0:2}", llvm::json::Value(std::move(Doc))).str() + "\n");
}

//===----------------------------------------------------------------------===//
// SARIF
//===----------------------------------------------------------------------===//
//
// Written with llvm::json rather than clang's SarifDocumentWriter
// (clang/Basic/Sarif.h, LLVM 15+): that writer needs a live SourceManager,
// which escape-lint does not have (it reads clang-tidy's exported YAML), and
// it cannot express what this report needs. Its headers (checked for 15
// and 22) have no `fixes` at all; 15 has no relatedLocations, and 22's
// relatedLocations are bare ranges without a message (the note text).
// LLVM 14 has no writer at all.

/// One-line descriptions of the escape-* checks (the first sentence of each
/// checks/docs/<check>.rst).
const std::map<std::string, std::string> &shortDescriptions() {
  static const std::map<std::string, std::string> M = {
      {"escape-heap-to-stack",
       "Finds heap allocations whose object never outlives the function "
       "that makes it, and suggests a local value instead."},
      {"escape-owning-return",
       "Finds functions that allocate a small object and return an owning "
       "pointer to it where returning the object by value would avoid the "
       "allocation."},
      {"escape-hot-type-erasure",
       "Finds type-erased wrappers (std::function, std::any, ...) built on a "
       "hot path from a payload that does not fit the wrapper's small "
       "buffer, so that every construction allocates."},
      {"escape-reusable-buffer",
       "Finds vectors, strings and unordered containers declared inside a "
       "loop body, grown there and dropped at the end of each iteration, "
       "whose capacity could be reused by declaring them before the loop and "
       "calling clear()."},
      {"escape-unreserved-growth",
       "Finds containers that grow by one element on every iteration of a "
       "loop whose trip count is known before the loop starts, when no "
       "capacity was established first."},
  };
  return M;
}

std::string DocsDir; // Where <check>.rst lives, for the default help URI.

std::string helpUriFor(StringRef Check) {
  if (!startsWith(Check, "escape-"))
    return "";
  std::string Pattern = HelpUri;
  if (Pattern.empty())
    Pattern = "file://" + uriEncode(DocsDir) + "/{check}.rst";
  std::string Out;
  StringRef P(Pattern);
  while (!P.empty()) {
    size_t At = P.find("{check}");
    Out += P.substr(0, At).str();
    if (At == StringRef::npos)
      break;
    Out += Check.str();
    P = P.substr(At + 7);
  }
  return Out;
}

class SarifWriter {
public:
  explicit SarifWriter(FileCache &Texts) : Texts(Texts) {}

  llvm::json::Object artifactLocation(StringRef File) {
    std::string Rel = relativeToRoot(File);
    if (!Rel.empty())
      return llvm::json::Object{{"uri", uriEncode(Rel)},
                                {"uriBaseId", "%SRCROOT%"}};
    return llvm::json::Object{{"uri", "file://" + uriEncode(File)}};
  }

  llvm::json::Object region(StringRef File, unsigned Offset,
                            std::optional<unsigned> Length) {
    const FileText &T = Texts.get(File.str());
    llvm::json::Object R{
        {"startLine", static_cast<int64_t>(T.line(Offset))},
        {"startColumn", static_cast<int64_t>(T.codePointColumn(Offset))}};
    if (Length) {
      R["endLine"] = static_cast<int64_t>(T.line(Offset + *Length));
      R["endColumn"] =
          static_cast<int64_t>(T.codePointColumn(Offset + *Length));
    }
    return R;
  }

  llvm::json::Value location(const Position &P,
                             std::optional<unsigned> Length = std::nullopt) {
    return llvm::json::Object{
        {"physicalLocation",
         llvm::json::Object{{"artifactLocation", artifactLocation(P.File)},
                            {"region", region(P.File, P.Offset, Length)}}}};
  }

  llvm::json::Value write(const std::vector<Finding> &Findings,
                          const std::vector<std::string> &EnabledChecks,
                          const std::vector<ToolError> &Errors,
                          bool WithBaseline) {
    // Rules: the enabled checks, plus any other check that reported.
    std::vector<std::string> RuleIds = EnabledChecks;
    for (const Finding &F : Findings)
      if (!llvm::is_contained(RuleIds, F.Check))
        RuleIds.push_back(F.Check);
    llvm::sort(RuleIds);
    RuleIds.erase(std::unique(RuleIds.begin(), RuleIds.end()), RuleIds.end());
    llvm::json::Array Rules;
    for (const std::string &Id : RuleIds) {
      auto D = shortDescriptions().find(Id);
      std::string Text = D != shortDescriptions().end()
                             ? D->second
                             : "clang-tidy check '" + Id + "'.";
      llvm::json::Object Rule{
          {"id", Id},
          {"shortDescription", llvm::json::Object{{"text", Text}}},
          {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}}};
      std::string Uri = helpUriFor(Id);
      if (!Uri.empty())
        Rule["helpUri"] = Uri;
      Rules.push_back(std::move(Rule));
    }

    llvm::json::Array Results;
    for (const Finding &F : Findings) {
      auto Index = llvm::find(RuleIds, F.Check) - RuleIds.begin();
      llvm::json::Object R{
          {"ruleId", F.Check},
          {"ruleIndex", static_cast<int64_t>(Index)},
          {"level", "warning"},
          {"message", llvm::json::Object{{"text", F.Message}}}};
      if (F.Pos.Valid) {
        std::optional<unsigned> Length;
        if (!F.RangeLengths.empty())
          Length = F.RangeLengths.front();
        R["locations"] = llvm::json::Array{location(F.Pos, Length)};
      }
      llvm::json::Array Related;
      for (const Note &N : F.Notes) {
        if (!N.Pos.Valid)
          continue;
        llvm::json::Object L = std::move(*location(N.Pos).getAsObject());
        L["id"] = static_cast<int64_t>(Related.size());
        L["message"] = llvm::json::Object{{"text", N.Message}};
        Related.push_back(std::move(L));
      }
      if (!Related.empty())
        R["relatedLocations"] = std::move(Related);
      llvm::json::Array Fixes;
      for (const auto &[Description, Edits] : F.Fixes) {
        // One fix per fix-it, one artifactChange per file.
        std::map<std::string, llvm::json::Array> PerFile;
        for (const Edit &E : Edits)
          PerFile[E.File].push_back(llvm::json::Object{
              {"deletedRegion", region(E.File, E.Offset, E.Length)},
              {"insertedContent", llvm::json::Object{{"text", E.Text}}}});
        llvm::json::Array Changes;
        for (auto &[File, Replacements] : PerFile)
          Changes.push_back(
              llvm::json::Object{{"artifactLocation", artifactLocation(File)},
                                 {"replacements", std::move(Replacements)}});
        Fixes.push_back(llvm::json::Object{
            {"description", llvm::json::Object{{"text", Description}}},
            {"artifactChanges", std::move(Changes)}});
      }
      if (!Fixes.empty())
        R["fixes"] = std::move(Fixes);
      if (WithBaseline)
        R["baselineState"] = F.New ? "new" : "unchanged";
      Results.push_back(std::move(R));
    }

    llvm::json::Array Notifications;
    for (const ToolError &E : Errors) {
      llvm::json::Object N{
          {"level", "error"},
          {"message", llvm::json::Object{{"text", E.Message}}}};
      if (!E.File.empty())
        N["locations"] = llvm::json::Array{llvm::json::Object{
            {"physicalLocation",
             llvm::json::Object{
                 {"artifactLocation", artifactLocation(E.File)}}}}};
      Notifications.push_back(std::move(N));
    }

    llvm::json::Object Driver{
        {"name", "escape-tidy"},
        {"version", ToolVersion},
        {"informationUri", "https://clang.llvm.org/extra/clang-tidy/"},
        {"rules", std::move(Rules)}};
    llvm::json::Object Run{
        {"tool", llvm::json::Object{{"driver", std::move(Driver)}}},
        {"originalUriBaseIds",
         llvm::json::Object{
             {"%SRCROOT%",
              llvm::json::Object{{"uri", "file://" + uriEncode(Root) + "/"}}}}},
        {"columnKind", "unicodeCodePoints"},
        {"invocations",
         llvm::json::Array{llvm::json::Object{
             {"executionSuccessful", Errors.empty()},
             {"toolExecutionNotifications", std::move(Notifications)}}}},
        {"results", std::move(Results)}};
    return llvm::json::Object{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs", llvm::json::Array{std::move(Run)}}};
  }

private:
  FileCache &Texts;
};

//===----------------------------------------------------------------------===//
// Locating the tools
//===----------------------------------------------------------------------===//

std::string exeDir(const char *Argv0) {
  static int Anchor;
  std::string Exe = llvm::sys::fs::getMainExecutable(Argv0, &Anchor);
  return llvm::sys::path::parent_path(Exe).str();
}

/// --plugin, else an installed layout next to the binary
/// (<prefix>/bin/escape-lint, <prefix>/lib/escape-tidy/libEscapeTidy-N.so),
/// else the plugin of the build tree escape-lint was built in.
std::string defaultPlugin(StringRef ExeDir) {
  llvm::SmallString<256> P(ExeDir);
  llvm::sys::path::append(P, ESCAPE_LINT_INSTALLED_PLUGIN_DIR,
                          ESCAPE_LINT_PLUGIN_NAME);
  if (llvm::sys::fs::exists(P))
    return normalizePath(P);
  return ESCAPE_LINT_PLUGIN;
}

std::string defaultClangTidy() {
  if (llvm::sys::fs::can_execute(ESCAPE_LINT_CLANG_TIDY))
    return ESCAPE_LINT_CLANG_TIDY;
  std::string Name = "clang-tidy-" + std::to_string(ESCAPE_LLVM_MAJOR);
  if (llvm::ErrorOr<std::string> P = llvm::sys::findProgramByName(Name))
    return *P;
  return ESCAPE_LINT_CLANG_TIDY;
}

std::string defaultDocsDir(StringRef ExeDir) {
  llvm::SmallString<256> P(ExeDir);
  llvm::sys::path::append(P, ESCAPE_LINT_INSTALLED_DOCS_DIR);
  if (llvm::sys::fs::is_directory(P))
    return normalizePath(P);
  return ESCAPE_LINT_DOCS_DIR;
}

//===----------------------------------------------------------------------===//
// Reading clang-tidy's YAML
//===----------------------------------------------------------------------===//

std::string absoluteIn(StringRef Path, StringRef BuildDir) {
  return normalizePath(Path, BuildDir);
}

/// Adds the diagnostics of one exported YAML file. Compile errors become
/// tool errors.
/// True when clang-tidy's \p Output ends a run whose findings
/// WarningsAsErrors promoted: "3 warnings treated as errors".
bool treatedAsErrors(StringRef Output) {
  llvm::SmallVector<StringRef, 16> Lines;
  Output.split(Lines, '\n');
  return llvm::any_of(Lines, [](StringRef L) {
    L = L.trim();
    StringRef Count = L.take_while(llvm::isDigit);
    L = L.drop_front(Count.size());
    return !Count.empty() && (L == " warning treated as error" ||
                              L == " warnings treated as errors");
  });
}

/// Reads clang-tidy's exported diagnostics. An error-level diagnostic of an
/// enabled check (\p Enabled) is a finding that WarningsAsErrors promoted;
/// any other error-level diagnostic is a compiler or tool error.
bool readYaml(StringRef YamlPath, StringRef TU,
              const std::vector<std::string> &Enabled,
              std::vector<Finding> &Out, std::vector<ToolError> &Errors) {
  std::string Text, Why;
  if (!readFile(YamlPath, Text, &Why)) {
    Errors.push_back({TU.str(), "cannot read clang-tidy's exported "
                                "diagnostics '" +
                                    YamlPath.str() + "': " + Why});
    return false;
  }
  tooling::TranslationUnitDiagnostics TUD;
  llvm::yaml::Input YIn(Text);
  YIn >> TUD;
  if (YIn.error()) {
    Errors.push_back({TU.str(), "cannot parse clang-tidy's exported "
                                "diagnostics '" +
                                    YamlPath.str() +
                                    "': " + YIn.error().message()});
    return false;
  }
  for (const tooling::Diagnostic &D : TUD.Diagnostics) {
    const tooling::DiagnosticMessage &M = D.Message;
    if (D.DiagLevel == tooling::Diagnostic::Error &&
        !llvm::is_contained(Enabled, D.DiagnosticName)) {
      std::string Where;
      if (!M.FilePath.empty()) {
        std::string File = absoluteIn(M.FilePath, D.BuildDirectory);
        FileCache Texts;
        const FileText &T = Texts.get(File);
        Where = displayPath(File);
        if (T.Readable)
          Where += ":" + std::to_string(T.line(M.FileOffset)) + ":" +
                   std::to_string(T.byteColumn(M.FileOffset));
        Where += ": ";
      }
      Errors.push_back({TU.str(), "clang-tidy reported an error: " + Where +
                                      M.Message + " [" + D.DiagnosticName +
                                      "]"});
      continue;
    }
    Finding F;
    F.TU = TU.str();
    F.Check = D.DiagnosticName;
    F.Message = M.Message;
    if (!M.FilePath.empty()) {
      F.Pos = {absoluteIn(M.FilePath, D.BuildDirectory), M.FileOffset, true};
      for (const tooling::FileByteRange &R : M.Ranges)
        if (R.FileOffset == M.FileOffset &&
            absoluteIn(R.FilePath, D.BuildDirectory) == F.Pos.File)
          F.RangeLengths.push_back(R.Length);
    }
    auto AddFix = [&](const tooling::DiagnosticMessage &Msg) {
      std::vector<Edit> Edits;
      for (const auto &Entry : Msg.Fix)
        for (const tooling::Replacement &R : Entry.getValue())
          Edits.push_back({absoluteIn(R.getFilePath(), D.BuildDirectory),
                           R.getOffset(), R.getLength(),
                           R.getReplacementText().str()});
      if (!Edits.empty())
        F.Fixes.emplace_back(Msg.Message, std::move(Edits));
    };
    AddFix(M);
    for (const tooling::DiagnosticMessage &N : D.Notes) {
      AddFix(N);
      Note Nt;
      Nt.Message = N.Message;
      if (!N.FilePath.empty())
        Nt.Pos = {absoluteIn(N.FilePath, D.BuildDirectory), N.FileOffset, true};
      F.Notes.push_back(std::move(Nt));
    }
    Out.push_back(std::move(F));
  }
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// main
//===----------------------------------------------------------------------===//

int main(int argc, const char **argv) {
  llvm::cl::HideUnrelatedOptions(Category);
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &OS) {
    OS << "escape-lint " << ToolVersion << " (LLVM " << ESCAPE_LLVM_MAJOR
       << ")\n";
  });
  std::string ParseErrors;
  llvm::raw_string_ostream ParseErrorStream(ParseErrors);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "escape-lint: runs clang-tidy with the escape-tidy plugin over a "
          "compile database and writes SARIF and a baseline.\n"
          "Exit status: 0 no new findings, 1 new findings, 2 usage or tool "
          "error.\n",
          &ParseErrorStream)) {
    ParseErrorStream.flush();
    llvm::errs() << ParseErrors;
    return 2;
  }

  installSignalHandlers();
  for (const llvm::cl::opt<std::string> *O : {&SarifPath, &WriteBaselinePath})
    if (O->getNumOccurrences() > 0 && O->empty()) {
      error("--" + O->ArgStr + " needs a file name");
      return 2;
    }

  // No stale report survives a run that stops early.
  if (!SarifPath.empty())
    llvm::sys::fs::remove(SarifPath);

  // SARIF requires an absolute URI (RFC 3986: a scheme, then ':').
  if (!HelpUri.empty()) {
    StringRef Scheme = StringRef(HelpUri).split(':').first;
    bool Absolute =
        StringRef(HelpUri).contains(':') && !Scheme.empty() &&
        llvm::isAlpha(Scheme.front()) && llvm::all_of(Scheme, [](char C) {
          return llvm::isAlnum(C) || C == '+' || C == '-' || C == '.';
        });
    if (!Absolute) {
      error("--help-uri '" + HelpUri +
            "' is not an absolute URI (SARIF requires one, e.g. "
            "https://example.com/docs/{check}.rst)");
      return 2;
    }
  }

  std::string ExeDir = exeDir(argv[0]);
  if (PluginPath.empty())
    PluginPath = defaultPlugin(ExeDir);
  if (ClangTidyPath.empty())
    ClangTidyPath = defaultClangTidy();
  DocsDir = defaultDocsDir(ExeDir);
  Root = normalizePath(SourceRoot.empty() ? StringRef(".")
                                          : StringRef(SourceRoot));
  if (!SourceRoot.empty() && !llvm::sys::fs::is_directory(Root)) {
    error("--source-root '" + SourceRoot + "' is not a directory");
    return 2;
  }
  if (!BaselinePath.empty() && !WriteBaselinePath.empty() &&
      normalizePath(BaselinePath) == normalizePath(WriteBaselinePath)) {
    error("--baseline and --write-baseline name the same file '" +
          BaselinePath + "'");
    return 2;
  }
  if (!llvm::sys::fs::can_execute(ClangTidyPath)) {
    error("clang-tidy '" + ClangTidyPath +
          "' is not an executable (use --clang-tidy=PATH)");
    return 2;
  }
  if (!llvm::sys::fs::exists(PluginPath)) {
    error("plugin '" + PluginPath + "' does not exist (use --plugin=PATH)");
    return 2;
  }

  // The compile database.
  std::string DBFile = normalizePath(BuildPath);
  if (llvm::sys::fs::is_directory(DBFile)) {
    llvm::SmallString<256> P(DBFile);
    llvm::sys::path::append(P, "compile_commands.json");
    DBFile = std::string(P);
  }
  if (!llvm::sys::fs::exists(DBFile)) {
    error("no compile database '" + DBFile +
          "' (pass the build directory with -p; CMake writes it with "
          "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)");
    return 2;
  }
  std::string DBError;
  std::unique_ptr<tooling::JSONCompilationDatabase> DB =
      tooling::JSONCompilationDatabase::loadFromFile(
          DBFile, DBError, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB) {
    error("cannot load compile database '" + DBFile + "': " + DBError);
    return 2;
  }
  std::string DBDir = llvm::sys::path::parent_path(DBFile).str();

  // The files to check, each one in the database and readable.
  std::vector<std::string> TUs;
  if (Files.empty()) {
    for (const std::string &F : DB->getAllFiles())
      TUs.push_back(normalizePath(F));
    if (TUs.empty()) {
      error("compile database '" + DBFile + "' lists no files");
      return 2;
    }
  } else {
    for (const std::string &F : Files) {
      std::string Abs = normalizePath(F);
      if (DB->getCompileCommands(Abs).empty()) {
        error("'" + F + "' is not in the compile database '" + DBFile + "'");
        HadUsageError = true;
        continue;
      }
      TUs.push_back(Abs);
    }
    if (HadUsageError)
      return 2;
  }
  llvm::sort(TUs);
  TUs.erase(std::unique(TUs.begin(), TUs.end()), TUs.end());
  for (const std::string &TU : TUs) {
    std::string Text, Why;
    if (llvm::sys::fs::is_directory(TU)) {
      error("cannot read '" + TU + "': it is a directory");
      HadUsageError = true;
    } else if (!readFile(TU, Text, &Why)) {
      error("cannot read '" + TU + "': " + Why);
      HadUsageError = true;
    }
  }
  if (HadUsageError)
    return 2;

  // A bad baseline fails before any work.
  std::map<BaselineKey, int64_t> Counts;
  if (!BaselinePath.empty() && !readBaseline(BaselinePath, Counts))
    return 2;

  // The outputs can be written: found before any file is checked.
  AtomicOutput SarifOut, BaselineOut;
  if (!SarifPath.empty() && !SarifOut.open(SarifPath, "SARIF"))
    return 2;
  if (!WriteBaselinePath.empty() &&
      !BaselineOut.open(WriteBaselinePath, "baseline"))
    return 2;

  // The run's own directory: clang-tidy's output and exported fixes.
  llvm::SmallString<128> TmpDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("escape-lint", TmpDir)) {
    error("cannot create a temporary directory: " + EC.message());
    return 2;
  }
  RunDir.store(publish(TmpDir));
  struct RunDirGuard {
    ~RunDirGuard() { removeRunDir(); }
  } RemoveRunDir;
  auto InRunDir = [&TmpDir](const std::string &Name) {
    llvm::SmallString<128> P(TmpDir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  };

  // The enabled checks; this also proves that the plugin loads.
  std::vector<std::string> ListArgs = passThroughArgs();
  ListArgs.push_back("--list-checks");
  RunResult List = runProgram(ClangTidyPath, ListArgs, InRunDir("list.out"));
  std::vector<std::string> Enabled;
  {
    llvm::SmallVector<StringRef, 16> Lines;
    StringRef(List.Output).split(Lines, '\n');
    bool In = false;
    for (StringRef L : Lines) {
      if (L.trim() == "Enabled checks:") {
        In = true;
        continue;
      }
      if (In && !L.trim().empty() && startsWith(L, "    "))
        Enabled.push_back(L.trim().str());
    }
  }
  // clang-tidy ignores a plugin it cannot load ("Error opening 'P': why",
  // then "-load request ignored.") and goes on without its checks.
  for (StringRef Line : llvm::split(StringRef(List.Output), '\n')) {
    StringRef Why = Line.trim();
    if (!Why.consume_front("Error opening '"))
      continue;
    Why = Why.split("': ").second;
    error("the plugin '" + PluginPath + "' does not load: " + Why);
    return 2;
  }
  if (List.ExitCode != 0 || Enabled.empty()) {
    std::string Cmd = shellQuote(ClangTidyPath);
    for (const std::string &A : ListArgs)
      Cmd += " " + shellQuote(A);
    bool NoneEnabled = List.ExitCode >= 0 &&
                       StringRef(List.Output).contains("No checks enabled.");
    error(NoneEnabled || (Enabled.empty() && List.ExitCode == 0)
              ? "no check is enabled by '" + Checks + "' (" + Cmd + ")"
              : "clang-tidy cannot list the checks (exit " +
                    std::to_string(List.ExitCode) + "): " + Cmd +
                    tail(List.Output + List.Error));
    return 2;
  }

  // Run clang-tidy over every TU.
  RunDirEntries.store(TUs.size());
  std::vector<RunResult> Runs(TUs.size());
  std::vector<std::string> Common = passThroughArgs();
  Common.push_back("-p=" + DBDir);
  unsigned NumJobs =
      Jobs ? unsigned(Jobs) : std::max(1u, std::thread::hardware_concurrency());
  NumJobs = std::min<unsigned>(NumJobs, TUs.size());
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I = Next++; I < TUs.size(); I = Next++) {
      std::string Yaml = InRunDir(std::to_string(I) + ".yaml");
      std::vector<std::string> Args = Common;
      Args.push_back("--export-fixes=" + Yaml);
      Args.push_back(TUs[I]);
      Runs[I] =
          runProgram(ClangTidyPath, Args, InRunDir(std::to_string(I) + ".out"));
      Runs[I].YamlPath = Yaml;
    }
  };
  std::vector<std::thread> Threads;
  for (unsigned T = 0; T < NumJobs; ++T)
    Threads.emplace_back(Worker);
  for (std::thread &T : Threads)
    T.join();

  std::vector<Finding> Findings;
  std::vector<ToolError> Errors;
  for (size_t I = 0; I < TUs.size(); ++I) {
    const RunResult &R = Runs[I];
    size_t ErrorsBefore = Errors.size();
    size_t FindingsBefore = Findings.size();
    bool HasYaml = llvm::sys::fs::exists(R.YamlPath);
    if (HasYaml)
      readYaml(R.YamlPath, TUs[I], Enabled, Findings, Errors);
    // WarningsAsErrors: clang-tidy exits 1 because findings were promoted
    // to errors; they are findings, not a failure of the tool.
    bool OnlyPromoted = R.ExitCode == 1 && Errors.size() == ErrorsBefore &&
                        Findings.size() > FindingsBefore &&
                        treatedAsErrors(R.Output);
    // clang-tidy reads the database again and skips, with status 0, a file
    // it does not find there: the database changed during the run.
    if (R.ExitCode == 0 &&
        StringRef(R.Output).contains("Compile command not found."))
      Errors.push_back({TUs[I], "clang-tidy found no compile command for '" +
                                    displayPath(TUs[I]) +
                                    "' (the compile database changed during "
                                    "the run?)"});
    if (R.ExitCode < 0 ||
        (R.ExitCode != 0 && Errors.size() == ErrorsBefore && !OnlyPromoted)) {
      std::string What =
          R.ExitCode == -2 ? "crashed"
          : R.ExitCode == -1
              ? "could not run"
              : "failed (exit " + std::to_string(R.ExitCode) + ")";
      What += " on '" + displayPath(TUs[I]) + "'";
      if (!R.Error.empty())
        What += ": " + R.Error;
      Errors.push_back({TUs[I], "clang-tidy " + What + tail(R.Output)});
    }
    llvm::sys::fs::remove(R.YamlPath);
  }
  removeRunDir();

  // One error reported by several TUs (a configuration error, a compile
  // error in a shared header) is kept once, with its first TU.
  {
    std::set<std::string> Seen;
    Errors.erase(llvm::remove_if(Errors,
                                 [&](const ToolError &E) {
                                   return !Seen.insert(E.Message).second;
                                 }),
                 Errors.end());
  }

  // Deduplicate (a header seen from several TUs) and order.
  auto Less = [](const Finding &A, const Finding &B) {
    return std::tie(A.Pos.File, A.Pos.Offset, A.Check, A.Message) <
           std::tie(B.Pos.File, B.Pos.Offset, B.Check, B.Message);
  };
  llvm::stable_sort(Findings, Less);
  Findings.erase(std::unique(Findings.begin(), Findings.end(),
                             [&](const Finding &A, const Finding &B) {
                               return !Less(A, B) && !Less(B, A);
                             }),
                 Findings.end());

  // Baseline keys.
  FileCache Texts;
  bool WithBaseline = !BaselinePath.empty();
  if (WithBaseline || !WriteBaselinePath.empty()) {
    std::vector<std::string> WithFindings;
    for (Finding &F : Findings) {
      if (!F.Pos.Valid)
        continue;
      const FileText &T = Texts.get(F.Pos.File);
      if (T.Readable)
        F.Statement = T.normalizedLine(F.Pos.Offset);
    }
    for (const std::string &TU : TUs)
      if (llvm::any_of(Findings, [&](const Finding &F) { return F.TU == TU; }))
        WithFindings.push_back(TU);
    findFunctions(*DB, WithFindings, Findings);
  }
  if (WithBaseline) {
    for (Finding &F : Findings) {
      auto It = Counts.find(keyOf(F));
      if (It != Counts.end() && It->second > 0) {
        --It->second;
        F.New = false;
      }
    }
  }
  if (!WriteBaselinePath.empty() && !writeBaseline(BaselineOut, Findings))
    return 2;

  // Text output: the new findings.
  unsigned NumNew = 0;
  for (const Finding &F : Findings) {
    if (!F.New)
      continue;
    ++NumNew;
    auto Where = [&](const Position &P) {
      if (!P.Valid)
        return std::string();
      const FileText &T = Texts.get(P.File);
      std::string S = displayPath(P.File);
      if (T.Readable)
        S += ":" + std::to_string(T.line(P.Offset)) + ":" +
             std::to_string(T.byteColumn(P.Offset));
      return S + ": ";
    };
    llvm::outs() << Where(F.Pos) << "warning: " << F.Message << " [" << F.Check
                 << "]\n";
    for (const Note &N : F.Notes)
      llvm::outs() << Where(N.Pos) << "note: " << N.Message << "\n";
  }

  if (!SarifPath.empty()) {
    SarifWriter W(Texts);
    llvm::json::Value Doc = W.write(Findings, Enabled, Errors, WithBaseline);
    if (!SarifOut.commit(llvm::formatv("{0:2}", Doc).str() + "\n"))
      return 2;
  }

  for (const ToolError &E : Errors)
    error(E.Message);
  llvm::outs() << "escape-lint: " << Findings.size() << " finding"
               << (Findings.size() == 1 ? "" : "s") << ", " << NumNew
               << " new, " << Findings.size() - NumNew << " in baseline";
  if (!Errors.empty())
    llvm::outs() << "; " << Errors.size() << " tool error"
                 << (Errors.size() == 1 ? "" : "s");
  if (!WriteBaselinePath.empty())
    llvm::outs() << "; baseline written to '" << WriteBaselinePath << "'";
  llvm::outs() << "\n";
  if (!Errors.empty())
    return 2;
  // A baseline just written accepts every finding it records.
  if (!WriteBaselinePath.empty())
    return 0;
  return NumNew ? 1 : 0;
}
