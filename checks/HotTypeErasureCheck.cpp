//===--- HotTypeErasureCheck.cpp - escape-tidy ----------------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "HotTypeErasureCheck.h"
#include "escape/StatementContext.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;
using namespace clang::escape;

namespace clang::tidy::escape {

// Bind names:
//   Construct: a CXXConstructExpr of an erased type (explicit or implicit).
//   Assign:    `erased = payload` through a templated operator=.
//   MakeAny:   a call of std::make_any<T>.
//   Emplace:   a call of erased.emplace<T>(...).
//   Call, Callee: a call of a function returning an erased type.
static constexpr char Construct[] = "construct";
static constexpr char Assign[] = "assign";
static constexpr char MakeAny[] = "makeAny";
static constexpr char Emplace[] = "emplace";
static constexpr char Call[] = "call";
static constexpr char Callee[] = "callee";

static const llvm::StringRef StandardLibraryWords[] = {
    "auto", "libstdc++", "libc++", "libc++-optimized-function", "msvc"};

static std::optional<StdLib> forcedLibrary(std::optional<unsigned> Word) {
  if (!Word)
    return std::nullopt;
  switch (*Word) {
  case 1:
    return StdLib::LibStdCxx;
  case 2:
    return StdLib::LibCxx;
  case 3:
    return StdLib::LibCxxOptimizedFunction;
  case 4:
    return StdLib::MsvcStl;
  default:
    return std::nullopt;
  }
}

HotTypeErasureCheck::HotTypeErasureCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : EscapeCheckBase(Name, Context),
      HotFunctionsValue(Reader.get("HotFunctions", "")),
      ErasedTypesValue(Reader.get("ErasedTypes", "")),
      LoopsAreHot(Reader.getBool("LoopsAreHot", true)),
      StandardLibraryValue(Reader.get("StandardLibrary", "auto")),
      HotFunctions(Name, "HotFunctions", HotFunctionsValue, Reader.reporter()) {
  ConfigErrorFn Report = Reader.reporter();
  CustomTypes =
      parseErasedTypes(ErasedTypesValue, (Name + ".ErasedTypes").str(),
                       [&](const std::string &M) { Report(M); });
  ForcedLibrary =
      forcedLibrary(parseEnumWord(Name, "StandardLibrary", StandardLibraryValue,
                                  StandardLibraryWords, Report));
}

void HotTypeErasureCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "HotFunctions", HotFunctionsValue);
  Options.store(Opts, "ErasedTypes", ErasedTypesValue);
  Options.store(Opts, "LoopsAreHot", LoopsAreHot ? "true" : "false");
  Options.store(Opts, "StandardLibrary", StandardLibraryValue);
}

void HotTypeErasureCheck::registerPPCallbacks(const SourceManager &,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  this->PP = PP;
}

void HotTypeErasureCheck::registerMatchers(MatchFinder *Finder) {
  reportOptionErrors();
  std::vector<std::string> Names = {"::std::function",
                                    "::std::move_only_function",
                                    "::std::copyable_function", "::std::any"};
  for (const CustomErasedType &T : CustomTypes)
    Names.push_back("::" + T.QualifiedName);
  std::vector<StringRef> NameRefs(Names.begin(), Names.end());
  // hasAnyName copies the names.
  const auto Erased = cxxRecordDecl(hasAnyName(NameRefs));
  const auto NotInSystemHeader = unless(isExpansionInSystemHeader());

  Finder->addMatcher(
      traverse(TK_AsIs, cxxConstructExpr(
                            NotInSystemHeader,
                            hasDeclaration(cxxConstructorDecl(ofClass(Erased))))
                            .bind(Construct)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs, cxxOperatorCallExpr(
                            NotInSystemHeader, hasOverloadedOperatorName("="),
                            callee(cxxMethodDecl(ofClass(Erased))))
                            .bind(Assign)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs,
               callExpr(NotInSystemHeader,
                        callee(functionDecl(hasName("::std::make_any"))))
                   .bind(MakeAny)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs,
               cxxMemberCallExpr(
                   NotInSystemHeader,
                   callee(cxxMethodDecl(hasName("emplace"), ofClass(Erased))))
                   .bind(Emplace)),
      this);
  Finder->addMatcher(
      traverse(TK_AsIs,
               callExpr(NotInSystemHeader,
                        callee(functionDecl(returns(qualType(hasCanonicalType(
                                                hasDeclaration(Erased)))))
                                   .bind(Callee)))
                   .bind(Call)),
      this);
}

//===----------------------------------------------------------------------===//
// Where a statement runs.
//===----------------------------------------------------------------------===//

namespace {

/// Where a statement sits in its function.
struct Placement {
  /// The innermost function whose body holds the statement; for a lambda
  /// body, its call operator.
  const FunctionDecl *Function = nullptr;
  /// The lambda whose body holds the statement, if any.
  const LambdaExpr *Lambda = nullptr;
  /// The innermost loop (inside Function) that runs the statement on each
  /// iteration.
  const Stmt *Loop = nullptr;
  /// The statement's value is what Function returns.
  bool Returned = false;
};

} // namespace

/// Nodes a value passes through unchanged on its way to a return statement or
/// a call argument.
static bool isTransparent(const Stmt *S) {
  if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
          ImplicitCastExpr, ParenExpr, CXXFunctionalCastExpr>(S))
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S))
    return CE->isElidable() ||
           (CE->getConstructor() &&
            CE->getConstructor()->isCopyOrMoveConstructor());
  return false;
}

/// The loop \p Parent if it runs \p Child on each iteration: a for loop's
/// condition, increment and body; a while or do loop's condition and body; a
/// range-for's loop variable and body.
static const Stmt *loopRunning(const Stmt *Parent, const Stmt *Child) {
  if (const auto *F = dyn_cast<ForStmt>(Parent))
    return Child == F->getBody() || Child == F->getCond() ||
                   Child == F->getInc() ||
                   Child == F->getConditionVariableDeclStmt()
               ? F
               : nullptr;
  if (const auto *W = dyn_cast<WhileStmt>(Parent))
    return Child == W->getBody() || Child == W->getCond() ||
                   Child == W->getConditionVariableDeclStmt()
               ? W
               : nullptr;
  if (const auto *D = dyn_cast<DoStmt>(Parent))
    return Child == D->getBody() || Child == D->getCond() ? D : nullptr;
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Parent))
    return Child == R->getBody() || Child == R->getLoopVarStmt() ? R : nullptr;
  return nullptr;
}

/// The LambdaExpr whose call operator is \p FD, if any.
static const LambdaExpr *lambdaOf(ASTContext &Ctx, const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || !MD->getParent()->isLambda())
    return nullptr;
  return StatementContext::get(Ctx).lambdaOf(*MD->getParent());
}

/// Walks the parents of \p Node up to the enclosing function, exploring every
/// parent (template instantiations may share nodes with their pattern), and
/// returns the first placement in a non-dependent function.
static bool walkToFunction(ASTContext &Ctx, const DynTypedNode &Node,
                           Placement P, bool Transparent, unsigned Depth,
                           Placement &Out) {
  if (Depth > 512)
    return false;
  // Statement parents first: a lambda body has both the LambdaExpr and the
  // call operator as parents, and only the former tells which lambda it is.
  llvm::SmallVector<DynTypedNode, 2> Parents;
  for (const DynTypedNode &Parent : StatementContext::get(Ctx).parents(Node))
    if (Parent.get<Stmt>())
      Parents.push_back(Parent);
  for (const DynTypedNode &Parent : StatementContext::get(Ctx).parents(Node))
    if (!Parent.get<Stmt>())
      Parents.push_back(Parent);
  for (const DynTypedNode &Parent : Parents) {
    Placement Q = P;
    if (const auto *S = Parent.get<Stmt>()) {
      // Unevaluated operands construct nothing.
      if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr>(S))
        continue;
      if (const auto *TI = dyn_cast<CXXTypeidExpr>(S);
          TI && !TI->isPotentiallyEvaluated())
        continue;
      if (const Stmt *Child = Node.get<Stmt>()) {
        if (!Q.Loop)
          Q.Loop = loopRunning(S, Child);
        if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
          if (Child == LE->getBody()) {
            Q.Lambda = LE;
            Q.Function = LE->getCallOperator();
            if (Q.Function && !Q.Function->isDependentContext()) {
              Out = Q;
              return true;
            }
            continue;
          }
        }
      }
      if (Transparent && isa<ReturnStmt>(S))
        Q.Returned = true;
      if (walkToFunction(Ctx, Parent, Q, Transparent && isTransparent(S),
                         Depth + 1, Out))
        return true;
      continue;
    }
    if (const auto *FD = Parent.get<FunctionDecl>()) {
      Q.Function = FD;
      if (!Q.Lambda)
        Q.Lambda = lambdaOf(Ctx, FD);
      if (!FD->isDependentContext()) {
        Out = Q;
        return true;
      }
      continue;
    }
    // A local variable leads to its DeclStmt; other declarations (fields,
    // namespace-scope variables, records) end the walk without a function.
    const auto *D = Parent.get<Decl>();
    if (D && !(isa<VarDecl>(D) && D->getParentFunctionOrMethod()))
      continue;
    if (walkToFunction(Ctx, Parent, Q, false, Depth + 1, Out))
      return true;
  }
  return false;
}

static bool placementOf(ASTContext &Ctx, const Stmt *S, Placement &Out) {
  return walkToFunction(Ctx, DynTypedNode::create(*S), Placement(),
                        /*Transparent=*/true, 0, Out);
}

/// The standard algorithms that call their function argument once per element
/// (or per comparison).
static bool isStdAlgorithm(const FunctionDecl *FD) {
  static const llvm::StringSet<> Names = {"for_each",
                                          "for_each_n",
                                          "transform",
                                          "generate",
                                          "generate_n",
                                          "find_if",
                                          "find_if_not",
                                          "count_if",
                                          "all_of",
                                          "any_of",
                                          "none_of",
                                          "remove_if",
                                          "remove_copy_if",
                                          "replace_if",
                                          "replace_copy_if",
                                          "copy_if",
                                          "partition",
                                          "stable_partition",
                                          "partition_copy",
                                          "sort",
                                          "stable_sort",
                                          "partial_sort",
                                          "nth_element",
                                          "min_element",
                                          "max_element",
                                          "minmax_element",
                                          "accumulate",
                                          "reduce",
                                          "transform_reduce",
                                          "inner_product",
                                          "adjacent_find",
                                          "unique",
                                          "unique_copy",
                                          "equal",
                                          "mismatch",
                                          "lower_bound",
                                          "upper_bound",
                                          "equal_range",
                                          "binary_search",
                                          "merge",
                                          "inplace_merge",
                                          "partial_sum",
                                          "inclusive_scan",
                                          "exclusive_scan",
                                          "transform_inclusive_scan",
                                          "transform_exclusive_scan",
                                          "adjacent_difference",
                                          "is_sorted",
                                          "is_sorted_until",
                                          "is_partitioned",
                                          "lexicographical_compare"};
  return FD->getIdentifier() && FD->getDeclContext()->isStdNamespace() &&
         Names.count(FD->getName());
}

/// The std algorithm call that receives \p Lambda as an argument, if any.
static const CallExpr *algorithmRunning(ASTContext &Ctx,
                                        const LambdaExpr *Lambda) {
  const CallExpr *Call = StatementContext::get(Ctx).callTakingLambda(*Lambda);
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && isStdAlgorithm(FD) ? Call : nullptr;
}

static bool isLambdaCallOperator(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && MD->getParent()->isLambda();
}

/// The qualified name of \p D without inline namespaces ("std::function" for
/// libc++'s std::__1::function).
static std::string nameWithoutInlineNamespaces(const NamedDecl *D) {
  std::string Name = D->getName().str();
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      if (NS->isInline())
        continue;
      Name = (NS->isAnonymousNamespace() ? std::string("(anonymous namespace)")
                                         : NS->getName().str()) +
             "::" + Name;
    } else if (const auto *ND = dyn_cast<NamedDecl>(DC)) {
      Name = ND->getNameAsString() + "::" + Name;
    }
  }
  return Name;
}

/// The first template type argument written in \p E (a possibly qualified
/// name such as `std::make_any<std::string>` or `std::in_place_type<T>`),
/// keeping its sugar; null when none is written.
static QualType writtenTypeArgument(const Expr *E) {
  // `std::in_place_type<T>` is copied into a by-value parameter.
  for (unsigned I = 0; I < 8; ++I) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1)
      E = CE->getArg(0);
    else
      break;
  }
  const TemplateArgumentLoc *Args = nullptr;
  unsigned NumArgs = 0;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    Args = DRE->getTemplateArgs();
    NumArgs = DRE->getNumTemplateArgs();
  } else if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    Args = ME->getTemplateArgs();
    NumArgs = ME->getNumTemplateArgs();
  }
  if (NumArgs == 0 || !Args)
    return QualType();
  if (Args[0].getArgument().getKind() != TemplateArgument::Type)
    return QualType();
  if (const TypeSourceInfo *TSI = Args[0].getTypeSourceInfo())
    return TSI->getType();
  return Args[0].getArgument().getAsType();
}

/// The payload expression as written: \p Arg without implicit conversions and
/// without the copy into a by-value parameter, whose type lost the sugar
/// (`std::basic_string<char>` instead of `std::string`).
static const Expr *writtenPayload(const Expr *Arg) {
  for (unsigned I = 0; I < 8; ++I) {
    const Expr *E = Arg->IgnoreImplicit();
    const auto *CE = dyn_cast<CXXConstructExpr>(E);
    if (CE && !isa<CXXTemporaryObjectExpr>(CE) && CE->getNumArgs() == 1 &&
        CE->getConstructor() && CE->getConstructor()->isCopyOrMoveConstructor())
      E = CE->getArg(0);
    if (E == Arg)
      break;
    Arg = E;
  }
  return Arg;
}

/// T when \p ParamType is `std::in_place_type_t<T>`.
static QualType inPlaceType(QualType ParamType) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      ParamType.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier() || Spec->getName() != "in_place_type_t" ||
      !Spec->getDeclContext()->isStdNamespace() ||
      Spec->getTemplateArgs().size() != 1 ||
      Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return QualType();
  return Spec->getTemplateArgs()[0].getAsType();
}

//===----------------------------------------------------------------------===//
// check()
//===----------------------------------------------------------------------===//

void HotTypeErasureCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  LastContext = &Ctx;
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;

  if (const auto *C = Result.Nodes.getNodeAs<CallExpr>(Call)) {
    const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>(Callee);
    Placement P;
    if (!LoopsAreHot || !FD || !placementOf(Ctx, C, P))
      return;
    if (P.Loop || (P.Lambda && algorithmRunning(Ctx, P.Lambda)))
      CallsInLoops.try_emplace(FD->getCanonicalDecl(), C);
    return;
  }

  Construction What;
  if (const auto *CE = Result.Nodes.getNodeAs<CXXConstructExpr>(Construct)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    // Only converting constructor templates take a payload; copies, moves
    // and the null constructor do not.
    if (!Ctor || !Ctor->isFunctionTemplateSpecialization() ||
        CE->getNumArgs() == 0 || Ctor->getNumParams() == 0)
      return;
    const Expr *Arg = CE->getArg(0);
    What.Site = CE;
    What.Record = Ctor->getParent();
    What.Loc = Arg->getBeginLoc();
    What.Payload = inPlaceType(Ctor->getParamDecl(0)->getType());
    if (!What.Payload.isNull()) {
      QualType Written = writtenTypeArgument(Arg);
      if (!Written.isNull())
        What.Payload = Written;
    } else {
      What.Payload = writtenPayload(Arg)->getType();
    }
  } else if (const auto *Op =
                 Result.Nodes.getNodeAs<CXXOperatorCallExpr>(Assign)) {
    const FunctionDecl *FD = Op->getDirectCallee();
    if (!FD || !FD->isFunctionTemplateSpecialization() || Op->getNumArgs() != 2)
      return;
    What.Site = Op;
    What.Record = cast<CXXMethodDecl>(FD)->getParent();
    What.Loc = Op->getArg(1)->getBeginLoc();
    What.Payload = Op->getArg(1)->getType();
  } else if (const auto *MC = Result.Nodes.getNodeAs<CallExpr>(MakeAny)) {
    const FunctionDecl *FD = MC->getDirectCallee();
    const TemplateArgumentList *Args =
        FD ? FD->getTemplateSpecializationArgs() : nullptr;
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Type)
      return;
    What.Site = MC;
    What.Record = FD->getReturnType()->getAsCXXRecordDecl();
    What.Loc = MC->getBeginLoc();
    What.Payload = writtenTypeArgument(MC->getCallee());
    if (What.Payload.isNull())
      What.Payload = Args->get(0).getAsType();
  } else if (const auto *EC =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>(Emplace)) {
    const CXXMethodDecl *MD = EC->getMethodDecl();
    const TemplateArgumentList *Args =
        MD ? MD->getTemplateSpecializationArgs() : nullptr;
    if (!Args || Args->size() == 0 ||
        Args->get(0).getKind() != TemplateArgument::Type)
      return;
    What.Site = EC;
    What.Record = MD->getParent();
    What.Loc = EC->getExprLoc();
    What.Payload = writtenTypeArgument(EC->getCallee());
    if (What.Payload.isNull())
      What.Payload = Args->get(0).getAsType();
  } else {
    return;
  }
  if (!What.Record || What.Payload.isNull() || What.Loc.isInvalid())
    return;
  handleConstruction(What, Ctx);
}

void HotTypeErasureCheck::handleConstruction(const Construction &C,
                                             ASTContext &Ctx) {
  Placement P;
  if (!placementOf(Ctx, C.Site, P) || !P.Function)
    return;
  HotPath Path;
  const bool InLambda = isLambdaCallOperator(P.Function);
  if (LoopsAreHot && P.Loop) {
    Path.Kind = HotPath::Loop;
    Path.Where = P.Loop;
  } else if (const CallExpr *Algo = LoopsAreHot && P.Lambda
                                        ? algorithmRunning(Ctx, P.Lambda)
                                        : nullptr) {
    Path.Kind = HotPath::Algorithm;
    Path.Where = Algo;
  } else if (const auto *A = P.Function->getAttr<HotAttr>()) {
    Path.Kind = HotPath::HotAttribute;
    Path.Function = P.Function;
    Path.Attribute = A;
  } else if (!InLambda &&
             HotFunctions.matches(P.Function->getQualifiedNameAsString())) {
    Path.Kind = HotPath::HotFunctionName;
    Path.Function = P.Function;
  } else if (LoopsAreHot && P.Returned && !InLambda) {
    PendingReturns.push_back({C, P.Function->getCanonicalDecl()});
    return;
  } else {
    return;
  }
  report(C, Path, Ctx);
}

bool HotTypeErasureCheck::rulesFor(const CXXRecordDecl *Record, ASTContext &Ctx,
                                   std::vector<BufferRule> &Rules,
                                   std::string &Who, std::string &TypeName,
                                   bool &IsAny) {
  TypeName = nameWithoutInlineNamespaces(Record);
  for (const CustomErasedType &T : CustomTypes) {
    if (T.QualifiedName != TypeName)
      continue;
    Rules = {T.Buffer};
    Who.clear();
    IsAny = false;
    return true;
  }
  std::optional<ErasedKind> Kind = erasedKindFromName(TypeName);
  if (!Kind)
    return false;
  // The table describes 64-bit targets.
  if (Ctx.getTypeSize(Ctx.VoidPtrTy) != 64)
    return false;
  std::optional<StdLib> Library = ForcedLibrary;
  if (!Library) {
    if (!LibraryDetected && PP) {
      DetectedLibrary = detectStdLib(
          [this](StringRef Macro) { return PP->isMacroDefined(Macro); });
      LibraryDetected = true;
    }
    Library = DetectedLibrary;
  }
  if (!Library)
    return false;
  Rules.clear();
  for (const SmallBufferRule *R : findRules(*Library, *Kind))
    Rules.push_back(R->Buffer);
  IsAny = *Kind == ErasedKind::Any;
  // The ABI macro changes std::function only.
  Who = stdLibName(IsAny && *Library == StdLib::LibCxxOptimizedFunction
                       ? StdLib::LibCxx
                       : *Library)
            .str();
  return !Rules.empty();
}

void HotTypeErasureCheck::report(const Construction &C, const HotPath &Path,
                                 ASTContext &Ctx) {
  std::vector<BufferRule> Rules;
  std::string Who, TypeName;
  bool IsAny = false;
  if (!rulesFor(C.Record, Ctx, Rules, Who, TypeName, IsAny))
    return;
  std::optional<PayloadTraits> Traits = computePayloadTraits(C.Payload, Ctx);
  if (!Traits)
    return;
  SmallBufferDecision D;
  const BufferRule *Last = nullptr;
  for (const BufferRule &R : Rules) {
    D = decide(R, *Traits);
    Last = &R;
    if (D.isInline())
      return;
  }
  if (!Last || !Reported.insert(C.Loc.getRawEncoding()).second)
    return;

  PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressTagKeyword = true;
  const std::string Size = std::to_string(Traits->SizeBytes);
  std::string Payload, Subject;
  if (Traits->Kind == PayloadKind::Closure) {
    Payload = "a lambda capturing " + Size + " bytes";
    Subject = "the lambda";
  } else {
    QualType T = C.Payload.getNonReferenceType().getUnqualifiedType();
    std::string Spelled = T.getAsString(Policy);
    // A library's return-type alias (`typename _Bind_helper<...>::type`)
    // says less than the type it names.
    if (StringRef(Spelled).contains("typename "))
      Spelled = T.getCanonicalType().getAsString(Policy);
    Subject = "'" + Spelled + "'";
    Payload = Subject + " (" + Size + " bytes)";
  }

  // "libstdc++ stores only trivially copyable callables of up to 16 bytes
  // inline", with one "<trait> <noun> of up to N bytes" per row.
  const char *Noun = Who.empty() ? "payloads" : IsAny ? "values" : "callables";
  std::string Capacity;
  for (const BufferRule &R : Rules) {
    if (!Capacity.empty())
      Capacity += " or ";
    StringRef Trait = payloadTraitPhrase(R.Required);
    if (!Trait.empty())
      Capacity += Trait.str() + " ";
    Capacity += std::string(Noun) + " of up to " +
                std::to_string(R.payloadCapacity()) + " bytes";
  }
  std::string Why = Who.empty()
                        ? "as configured in ErasedTypes, it stores only " +
                              Capacity + " inline"
                        : Who + " stores only " + Capacity + " inline";
  if (D.MissingTrait)
    Why +=
        "; " + Subject + " is not " + payloadTraitPhrase(Last->Required).str();
  if (D.OverAligned)
    Why += "; " + Subject + " is aligned to " +
           std::to_string(Traits->AlignBytes) + " bytes, more than " +
           std::to_string(Last->MaxAlignBytes);
  if (D.TooLarge && Last->OverheadBytes != 0 &&
      Traits->SizeBytes <= Last->payloadCapacity())
    Why += "; with the " + std::to_string(Last->OverheadBytes) +
           "-byte vtable pointer and padding it needs " +
           std::to_string(D.FootprintBytes) + " of " +
           std::to_string(Last->CapacityBytes) + " bytes";

  const bool PerIteration =
      Path.Kind == HotPath::Loop || Path.Kind == HotPath::Algorithm;
  diag(C.Loc, "%0 built from %1 allocates on each %select{call|iteration}2 "
              "(%3)")
      << TypeName << Payload << PerIteration << Why;

  switch (Path.Kind) {
  case HotPath::Loop:
    diag(Path.Where->getBeginLoc(), "loop here", DiagnosticIDs::Note);
    break;
  case HotPath::Algorithm: {
    const auto *Algo = cast<CallExpr>(Path.Where);
    diag(Algo->getBeginLoc(), "'%0' calls this lambda in a loop",
         DiagnosticIDs::Note)
        << nameWithoutInlineNamespaces(Algo->getDirectCallee());
    break;
  }
  case HotPath::HotAttribute:
    diag(Path.Attribute->getLocation(), "%0 is hot because of this attribute",
         DiagnosticIDs::Note)
        << Path.Function;
    break;
  case HotPath::HotFunctionName:
    diag(Path.Function->getLocation(),
         "'%0' is hot because it matches the HotFunctions option",
         DiagnosticIDs::Note)
        << Path.Function->getQualifiedNameAsString();
    break;
  case HotPath::CalledInLoop:
    diag(Path.Where->getBeginLoc(), "%0 is called in a loop here",
         DiagnosticIDs::Note)
        << Path.Function;
    break;
  }
}

void HotTypeErasureCheck::onEndOfTranslationUnit() {
  if (LastContext) {
    for (const PendingReturn &R : PendingReturns) {
      auto It = CallsInLoops.find(R.Function);
      if (It == CallsInLoops.end())
        continue;
      HotPath Path;
      Path.Kind = HotPath::CalledInLoop;
      Path.Where = It->second;
      Path.Function = R.Function;
      report(R.What, Path, *LastContext);
    }
  }
  PendingReturns.clear();
  CallsInLoops.clear();
  Reported.clear();
  LibraryDetected = false;
  DetectedLibrary.reset();
  LastContext = nullptr;
}

} // namespace clang::tidy::escape
