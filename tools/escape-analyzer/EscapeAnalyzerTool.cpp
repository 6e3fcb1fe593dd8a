//===--- EscapeAnalyzerTool.cpp - Go's `-gcflags=-m` for C++ --------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//
// escape-analyzer prints the engine's decision for every allocation site of
// the given translation units, one line each:
//
//   a.cpp:12:5: make_unique<Config> escapes: passed to 'keep' whose
//       parameter 'c' escapes (stored to global 'g' at a.cpp:4:3)
//   a.cpp:20:9: new Point does not escape (16 bytes)
//
// Usage: escape-analyzer [-p <build dir>] [--format=text|json] files...
//
//===----------------------------------------------------------------------===//

#include "escape/Compat.h"
#include "escape/EscapeAnalyzer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::escape;

static llvm::cl::OptionCategory Category("escape-analyzer options");
static llvm::cl::opt<std::string>
    Format("format", llvm::cl::desc("Output format: text (default) or json"),
           llvm::cl::init("text"), llvm::cl::cat(Category));
static llvm::cl::opt<bool>
    Strict("strict-escape",
           llvm::cl::desc("Treat const& arguments and implicit objects of "
                          "callees without a visible body as escaping"),
           llvm::cl::init(false), llvm::cl::cat(Category));
static llvm::cl::extrahelp
    MoreHelp("\nPrints, for every heap allocation site (new, make_unique, "
             "make_shared, allocate_shared, malloc/calloc of a constant "
             "size), whether the object escapes its function and why.\n");

namespace {

struct Record {
  std::string File;
  unsigned Line = 0, Column = 0;
  std::string Function, Allocation, Type, Reason;
  bool Escapes = false;
  std::optional<uint64_t> Size;
  /// The size overflows 64 bits (or int64_t, for JSON): never small.
  bool SizeTooLarge = false;
};

std::vector<Record> Records;

class Visitor : public RecursiveASTVisitor<Visitor> {
public:
  explicit Visitor(ASTContext &Ctx) : Ctx(Ctx), Analyzer(Ctx, Cache, opts()) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  static EscapeAnalyzer::Options opts() {
    EscapeAnalyzer::Options O;
    O.StrictEscape = Strict;
    return O;
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (!F->doesThisDeclarationHaveABody() || F->isDependentContext())
      return true;
    const SourceManager &SM = Ctx.getSourceManager();
    if (SM.isInSystemHeader(SM.getExpansionLoc(F->getLocation())))
      return true;
    for (const AllocationSite &Site : Analyzer.allocationSites(*F)) {
      SourceLocation Loc = SM.getExpansionLoc(Site.Alloc->getBeginLoc());
      if (!Seen.insert(Loc.getRawEncoding()).second)
        continue;
      PresumedLoc P = SM.getPresumedLoc(Loc);
      if (P.isInvalid())
        continue;
      Record R;
      R.File = P.getFilename();
      R.Line = P.getLine();
      R.Column = P.getColumn();
      R.Function = Site.Scope->getQualifiedNameAsString();
      R.Type = compat::typeName(Site.AllocatedType, Ctx);
      if (Site.ArrayLength && Site.Kind != AllocKind::Malloc &&
          Site.Kind != AllocKind::Calloc)
        R.Type += "[" + std::to_string(*Site.ArrayLength) + "]";
      std::string Kind = spelling(Site.Kind);
      R.Allocation = Kind == "new" || Kind == "new[]"
                         ? "new " + R.Type
                         : Kind + (Site.Kind == AllocKind::Malloc ||
                                           Site.Kind == AllocKind::Calloc
                                       ? std::string()
                                       : "<" + R.Type + ">");
      R.Size = Site.SizeInBytes;
      R.SizeTooLarge =
          Site.SizeOverflows || (R.Size && *R.Size > uint64_t(INT64_MAX));
      if (R.SizeTooLarge)
        R.Size.reset();
      if (std::optional<Witness> W = Analyzer.findEscape(Site)) {
        R.Escapes = true;
        R.Reason = describeChain(*W, SM);
      }
      Records.push_back(std::move(R));
    }
    return true;
  }

private:
  ASTContext &Ctx;
  EscapeAnalyzer::Memoized Cache;
  EscapeAnalyzer Analyzer;
  llvm::DenseSet<unsigned> Seen;
};

class Consumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
      return;
    Visitor V(Ctx);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

class Action : public ASTFrontendAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<Consumer>();
  }
};

} // namespace

/// The value of -p in \p Argv (-p DIR, -p=DIR, --p ...), if given.
static std::optional<std::string> buildPathArg(int Argc, const char **Argv) {
  std::optional<std::string> Path;
  for (int I = 1; I < Argc; ++I) {
    StringRef A(Argv[I]);
    if (A == "--")
      break;
    if ((A == "-p" || A == "--p") && I + 1 < Argc)
      Path = Argv[++I];
    else if (A.consume_front("-p=") || A.consume_front("--p="))
      Path = A.str();
  }
  return Path;
}

int main(int argc, const char **argv) {
  // CommonOptionsParser runs "without flags" when -p names no database;
  // a report without the project's flags would be wrong, so -p must load.
  if (std::optional<std::string> BuildPath = buildPathArg(argc, argv)) {
    std::string Why;
    if (!tooling::CompilationDatabase::autoDetectFromDirectory(*BuildPath,
                                                               Why)) {
      llvm::errs() << "escape-analyzer: no compile database in '" << *BuildPath
                   << "' or any parent directory (pass the build directory "
                      "that holds compile_commands.json)\n";
      return 2;
    }
  }
  auto Parser = tooling::CommonOptionsParser::create(argc, argv, Category);
  if (!Parser) {
    llvm::errs() << "escape-analyzer: " << llvm::toString(Parser.takeError())
                 << "\n";
    return 2;
  }
  if (Format != "text" && Format != "json") {
    llvm::errs() << "escape-analyzer: invalid value '" << Format
                 << "' for --format; expected 'text' or 'json'\n";
    return 2;
  }
  tooling::ClangTool Tool(Parser->getCompilations(),
                          Parser->getSourcePathList());
  Tool.appendArgumentsAdjuster(
      [](const tooling::CommandLineArguments &Args, StringRef) {
        for (const std::string &A : Args)
          if (compat::startsWith(A, "-resource-dir"))
            return Args;
        tooling::CommandLineArguments Out = Args;
        Out.insert(Out.begin() + (Out.empty() ? 0 : 1),
                   "-resource-dir=" ESCAPE_RESOURCE_DIR);
        return Out;
      });
  int Status = Tool.run(tooling::newFrontendActionFactory<Action>().get());

  if (Format == "json") {
    llvm::json::Array Out;
    for (const Record &R : Records) {
      llvm::json::Object O{{"file", R.File},
                           {"line", static_cast<int64_t>(R.Line)},
                           {"column", static_cast<int64_t>(R.Column)},
                           {"function", R.Function},
                           {"allocation", R.Allocation},
                           {"type", R.Type},
                           {"escapes", R.Escapes}};
      if (R.Size)
        O["size"] = static_cast<int64_t>(*R.Size);
      if (R.SizeTooLarge)
        O["sizeTooLarge"] = true;
      if (R.Escapes)
        O["reason"] = R.Reason;
      Out.push_back(std::move(O));
    }
    llvm::outs() << llvm::formatv("{0:2}", llvm::json::Value(std::move(Out)))
                 << "\n";
  } else {
    for (const Record &R : Records) {
      llvm::outs() << R.File << ":" << R.Line << ":" << R.Column << ": "
                   << R.Allocation;
      if (R.Escapes)
        llvm::outs() << " escapes: " << R.Reason;
      else
        llvm::outs() << " does not escape"
                     << (R.SizeTooLarge ? std::string(" (too large)")
                         : R.Size ? " (" + std::to_string(*R.Size) + " bytes)"
                                  : std::string());
      llvm::outs() << "\n";
    }
  }
  return Status == 0 ? 0 : 2;
}
