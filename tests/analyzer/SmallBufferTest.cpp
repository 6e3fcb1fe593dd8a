//===--- SmallBufferTest.cpp - small-buffer rules and traits --------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/SmallBuffer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include <memory>
#include <string>

using namespace clang;
using namespace clang::escape;
using namespace clang::ast_matchers;

namespace {

//===----------------------------------------------------------------------===//
// decide(): one row per payload, the expected storage per library.
//===----------------------------------------------------------------------===//

PayloadTraits closure(uint64_t Size, bool TrivialAll) {
  PayloadTraits T;
  T.Kind = PayloadKind::Closure;
  T.SizeBytes = Size;
  T.AlignBytes = Size >= 8 ? 8 : 1;
  T.TriviallyCopyable = T.TriviallyCopyConstructible = T.TriviallyDestructible =
      TrivialAll;
  T.NothrowCopyConstructible = T.NothrowMoveConstructible = true;
  return T;
}

/// A string-like value: non-trivial, copy may throw, move is noexcept.
PayloadTraits stringLike(PayloadKind Kind, uint64_t Size) {
  PayloadTraits T;
  T.Kind = Kind;
  T.SizeBytes = Size;
  T.AlignBytes = 8;
  T.NothrowMoveConstructible = true;
  return T;
}

PayloadTraits scalar(PayloadKind Kind, uint64_t Size) {
  PayloadTraits T;
  T.Kind = Kind;
  T.SizeBytes = Size;
  T.AlignBytes = Size < 8 ? Size : 8;
  T.TriviallyCopyable = T.TriviallyCopyConstructible = T.TriviallyDestructible =
      T.NothrowCopyConstructible = T.NothrowMoveConstructible = true;
  return T;
}

constexpr Storage I = Storage::Inline;
constexpr Storage H = Storage::Heap;

struct DecideCase {
  const char *Name;
  ErasedKind Kind;
  PayloadTraits Traits;
  // Expected storage on libstdc++, libc++, libc++ optimized function, MSVC.
  Storage LibStdCxx, LibCxx, LibCxxOpt, Msvc;
};

std::ostream &operator<<(std::ostream &OS, const DecideCase &C) {
  return OS << C.Name;
}

class DecideTable : public ::testing::TestWithParam<DecideCase> {};

Storage storageOn(StdLib Lib, const DecideCase &C) {
  auto Rules = findRules(Lib, C.Kind);
  EXPECT_FALSE(Rules.empty()) << "no rule for " << stdLibName(Lib).str();
  return decide(Rules, C.Traits).Where;
}

TEST_P(DecideTable, StorageMatchesEachLibrary) {
  const DecideCase &C = GetParam();
  EXPECT_EQ(storageOn(StdLib::LibStdCxx, C), C.LibStdCxx) << "libstdc++";
  EXPECT_EQ(storageOn(StdLib::LibCxx, C), C.LibCxx) << "libc++";
  EXPECT_EQ(storageOn(StdLib::LibCxxOptimizedFunction, C), C.LibCxxOpt)
      << "libc++ optimized function";
  EXPECT_EQ(storageOn(StdLib::MsvcStl, C), C.Msvc) << "MSVC STL";
}

PayloadTraits overAligned16() {
  PayloadTraits T = scalar(PayloadKind::Object, 16);
  T.AlignBytes = 16;
  return T;
}

PayloadTraits nonTrivialDtorSmall() {
  PayloadTraits T = scalar(PayloadKind::Closure, 8);
  T.TriviallyCopyable = false;
  T.TriviallyDestructible = false; // copy is trivial, destructor is not
  return T;
}

PayloadTraits throwingCopySmall() {
  PayloadTraits T = scalar(PayloadKind::Object, 8);
  T.TriviallyCopyable = T.TriviallyCopyConstructible = false;
  T.NothrowCopyConstructible = false;
  return T;
}

PayloadTraits nonTrivial(uint64_t Size) {
  return stringLike(PayloadKind::Object, Size);
}

const DecideCase DecideCases[] = {
    // std::function. libc++ places a vtable pointer in front of the payload:
    // 8 + 16 = 24 fits its 24-byte buffer, 8 + 24 does not. MSVC: 8 + F <= 56.
    {"EmptyLambda", ErasedKind::Function, closure(1, true), I, I, I, I},
    {"Lambda16TriviallyCopyable", ErasedKind::Function, closure(16, true), I, I,
     I, I},
    {"Lambda24TriviallyCopyable", ErasedKind::Function, closure(24, true), H, H,
     H, I},
    {"Lambda48TriviallyCopyable", ErasedKind::Function, closure(48, true), H, H,
     H, I},
    {"Lambda56TriviallyCopyable", ErasedKind::Function, closure(56, true), H, H,
     H, H},
    // A lambda capturing one std::string: 32 bytes with libstdc++ and MSVC.
    {"LambdaCapturingString32", ErasedKind::Function,
     stringLike(PayloadKind::Closure, 32), H, H, H, I},
    // libc++'s std::string is 24 bytes: 8 + 24 > 24, and the copy may throw.
    {"LambdaCapturingString24", ErasedKind::Function,
     stringLike(PayloadKind::Closure, 24), H, H, H, I},
    {"NothrowCopyMissing8", ErasedKind::Function, throwingCopySmall(), H, H, H,
     I},
    {"TrivialCopyButNotTrivialDtor8", ErasedKind::Function,
     nonTrivialDtorSmall(), H, I, H, I},
    {"OverAligned16", ErasedKind::Function, overAligned16(), H, H, H, H},
    {"FunctionPointer", ErasedKind::Function,
     scalar(PayloadKind::FunctionPointer, 8), I, I, I, I},
    {"MemberFunctionPointer", ErasedKind::Function,
     scalar(PayloadKind::MemberPointer, 16), I, I, I, I},
    // Always inline even if the traits said otherwise.
    {"ReferenceWrapper", ErasedKind::Function,
     stringLike(PayloadKind::ReferenceWrapper, 64), I, I, I, I},
    // std::any: 8 / 24 / 24 / 56 (trivially copyable) or 48 bytes.
    {"AnyInt", ErasedKind::Any, scalar(PayloadKind::Object, 4), I, I, I, I},
    {"AnyDouble", ErasedKind::Any, scalar(PayloadKind::Object, 8), I, I, I, I},
    {"AnyString32", ErasedKind::Any, nonTrivial(32), H, H, H, I},
    {"AnyString24", ErasedKind::Any, nonTrivial(24), H, I, I, I},
    {"AnyNonTrivial48", ErasedKind::Any, nonTrivial(48), H, H, H, I},
    {"AnyNonTrivial56", ErasedKind::Any, nonTrivial(56), H, H, H, H},
    {"AnyTrivial56", ErasedKind::Any, scalar(PayloadKind::Object, 56), H, H, H,
     I},
    {"AnyThrowingMove8", ErasedKind::Any,
     [] {
       PayloadTraits T = throwingCopySmall();
       T.NothrowMoveConstructible = false;
       return T;
     }(),
     H, H, H, H},
    // The pointer shortcut is for the std::function family only: a member
    // function pointer (16 bytes) does not fit libstdc++'s 8-byte std::any.
    {"AnyMemberFunctionPointer", ErasedKind::Any,
     scalar(PayloadKind::MemberPointer, 16), H, I, I, I},
    {"AnyOverAligned16", ErasedKind::Any, overAligned16(), H, H, H, H},
};

INSTANTIATE_TEST_SUITE_P(SmallBuffer, DecideTable,
                         ::testing::ValuesIn(DecideCases),
                         [](const ::testing::TestParamInfo<DecideCase> &Info) {
                           return std::string(Info.param.Name);
                         });

TEST(SmallBufferDecide, ReportsEveryFailedCondition) {
  auto Libstdcxx = findRules(StdLib::LibStdCxx, ErasedKind::Function);
  SmallBufferDecision D =
      decide(Libstdcxx, stringLike(PayloadKind::Closure, 32));
  EXPECT_EQ(D.Where, Storage::Heap);
  EXPECT_TRUE(D.TooLarge);
  EXPECT_TRUE(D.MissingTrait);
  EXPECT_FALSE(D.OverAligned);
  EXPECT_EQ(D.FootprintBytes, 32u);

  D = decide(Libstdcxx, closure(24, true));
  EXPECT_TRUE(D.TooLarge);
  EXPECT_FALSE(D.MissingTrait);

  D = decide(Libstdcxx, overAligned16());
  EXPECT_FALSE(D.TooLarge);
  EXPECT_TRUE(D.OverAligned);
}

TEST(SmallBufferDecide, FootprintIncludesTheVtablePointer) {
  auto Libcxx = findRules(StdLib::LibCxx, ErasedKind::Function);
  EXPECT_EQ(decide(Libcxx, closure(1, true)).FootprintBytes, 16u);
  EXPECT_EQ(decide(Libcxx, closure(16, true)).FootprintBytes, 24u);
  EXPECT_EQ(decide(Libcxx, closure(24, true)).FootprintBytes, 32u);
  // An over-aligned payload is placed at offset 16 and padded to 16.
  EXPECT_EQ(decide(Libcxx, overAligned16()).FootprintBytes, 32u);
  EXPECT_TRUE(decide(Libcxx, overAligned16()).TooLarge);
  auto Msvc = findRules(StdLib::MsvcStl, ErasedKind::Function);
  EXPECT_EQ(decide(Msvc, closure(48, true)).FootprintBytes, 56u);
  SmallBufferDecision D = decide(Msvc, overAligned16());
  EXPECT_FALSE(D.TooLarge);
  EXPECT_TRUE(D.OverAligned);
}

TEST(SmallBufferDecide, AlwaysInlineShortcut) {
  auto Rules = findRules(StdLib::LibStdCxx, ErasedKind::Function);
  SmallBufferDecision D =
      decide(Rules, scalar(PayloadKind::FunctionPointer, 8));
  EXPECT_TRUE(D.AlwaysInline);
  EXPECT_TRUE(D.isInline());
  EXPECT_FALSE(decide(Rules, closure(8, true)).AlwaysInline);
}

TEST(SmallBufferDecide, MoveOnlyAndCopyableFunction) {
  auto Mo = findRules(StdLib::LibStdCxx, ErasedKind::MoveOnlyFunction);
  ASSERT_EQ(Mo.size(), 1u);
  EXPECT_TRUE(decide(Mo, stringLike(PayloadKind::Closure, 24)).isInline());
  EXPECT_FALSE(decide(Mo, stringLike(PayloadKind::Closure, 32)).isInline());
  auto Cf = findRules(StdLib::LibStdCxx, ErasedKind::CopyableFunction);
  ASSERT_EQ(Cf.size(), 1u);
  EXPECT_TRUE(decide(Cf, closure(24, true)).isInline());
  // Not provided (libc++) or not modelled (MSVC): no rows.
  EXPECT_TRUE(findRules(StdLib::LibCxx, ErasedKind::MoveOnlyFunction).empty());
  EXPECT_TRUE(findRules(StdLib::MsvcStl, ErasedKind::MoveOnlyFunction).empty());
  EXPECT_TRUE(
      decide(llvm::ArrayRef<const SmallBufferRule *>(), closure(1, true))
          .Where == Storage::Heap);
}

TEST(SmallBufferTable, EveryRowHasASourceAndSaneNumbers) {
  ASSERT_EQ(smallBufferRules().size(), 11u);
  for (const SmallBufferRule &R : smallBufferRules()) {
    EXPECT_NE(llvm::StringRef(R.Source).find(':'), llvm::StringRef::npos);
    EXPECT_NE(llvm::StringRef(R.Source).find('@'), llvm::StringRef::npos);
    EXPECT_GT(R.Buffer.CapacityBytes, R.Buffer.OverheadBytes);
  }
  EXPECT_EQ(findRules(StdLib::MsvcStl, ErasedKind::Any).size(), 2u);
  EXPECT_EQ(findRules(StdLib::LibCxx, ErasedKind::Function)[0]
                ->Buffer.payloadCapacity(),
            16u);
}

TEST(SmallBufferNames, RoundTrip) {
  for (ErasedKind K : {ErasedKind::Function, ErasedKind::MoveOnlyFunction,
                       ErasedKind::CopyableFunction, ErasedKind::Any})
    EXPECT_EQ(erasedKindFromName(erasedKindName(K)), K);
  EXPECT_EQ(erasedKindFromName("std::__1::function"), std::nullopt);
  EXPECT_EQ(stdLibName(StdLib::MsvcStl), "MSVC STL");
  EXPECT_EQ(payloadTraitPhrase(PayloadTrait::NothrowCopyConstructible),
            "nothrow-copy-constructible");
}

//===----------------------------------------------------------------------===//
// detectStdLib()
//===----------------------------------------------------------------------===//

std::optional<StdLib>
detectWith(std::initializer_list<llvm::StringRef> Macros) {
  return detectStdLib(
      [&](llvm::StringRef Name) { return llvm::is_contained(Macros, Name); });
}

TEST(SmallBufferDetect, FromMacros) {
  EXPECT_EQ(detectWith({"__GLIBCXX__"}), StdLib::LibStdCxx);
  EXPECT_EQ(detectWith({"_LIBCPP_VERSION"}), StdLib::LibCxx);
  EXPECT_EQ(detectWith({"_LIBCPP_VERSION", "_LIBCPP_ABI_OPTIMIZED_FUNCTION"}),
            StdLib::LibCxxOptimizedFunction);
  EXPECT_EQ(detectWith({"_MSC_VER"}), StdLib::MsvcStl);
  EXPECT_EQ(detectWith({"_MSVC_STL_VERSION", "_MSC_VER"}), StdLib::MsvcStl);
  // clang-cl with libc++ defines _MSC_VER too: the library macro wins.
  EXPECT_EQ(detectWith({"_MSC_VER", "_LIBCPP_VERSION"}), StdLib::LibCxx);
  EXPECT_EQ(detectWith({"_LIBCPP_ABI_OPTIMIZED_FUNCTION"}), std::nullopt);
  EXPECT_EQ(detectWith({}), std::nullopt);
}

//===----------------------------------------------------------------------===//
// parseErasedTypes()
//===----------------------------------------------------------------------===//

struct Parsed {
  std::vector<CustomErasedType> Types;
  std::vector<std::string> Errors;
};

Parsed parse(llvm::StringRef Value) {
  Parsed P;
  P.Types =
      parseErasedTypes(Value, "escape-hot-type-erasure.ErasedTypes",
                       [&](const std::string &E) { P.Errors.push_back(E); });
  return P;
}

TEST(SmallBufferErasedTypes, ParsesEntries) {
  Parsed P = parse("absl::AnyInvocable=16:nothrow-move; ::folly::Function = "
                   "48:nothrow-move:16;my::Any=24");
  ASSERT_THAT(P.Errors, ::testing::IsEmpty());
  ASSERT_EQ(P.Types.size(), 3u);
  EXPECT_EQ(P.Types[0].QualifiedName, "absl::AnyInvocable");
  EXPECT_EQ(P.Types[0].Buffer.CapacityBytes, 16u);
  EXPECT_EQ(P.Types[0].Buffer.Required, PayloadTrait::NothrowMoveConstructible);
  EXPECT_EQ(P.Types[0].Buffer.MaxAlignBytes, 8u);
  EXPECT_TRUE(P.Types[0].Buffer.PointersAlwaysInline);
  EXPECT_EQ(P.Types[1].QualifiedName, "folly::Function");
  EXPECT_EQ(P.Types[1].Buffer.CapacityBytes, 48u);
  EXPECT_EQ(P.Types[1].Buffer.MaxAlignBytes, 16u);
  EXPECT_EQ(P.Types[2].QualifiedName, "my::Any");
  EXPECT_EQ(P.Types[2].Buffer.Required, PayloadTrait::None);
  EXPECT_TRUE(parse("").Types.empty());
}

TEST(SmallBufferErasedTypes, ReportsInvalidEntries) {
  const char *Expected = "; expected 'Name=Bytes[:Trait[:MaxAlign]]'";
  const char *Prefix = "' in option 'escape-hot-type-erasure.ErasedTypes': ";
  Parsed P = parse("absl::AnyInvocable;a::B=x;1x=8;a::C=8:fast;a::D=8:none:"
                   "12;a::E=8:none:8:9;ok::F=32:trivially-copyable");
  ASSERT_EQ(P.Types.size(), 1u);
  EXPECT_EQ(P.Types[0].QualifiedName, "ok::F");
  EXPECT_THAT(
      P.Errors,
      ::testing::ElementsAre(
          std::string("invalid entry 'absl::AnyInvocable") + Prefix +
              "missing '='" + Expected,
          std::string("invalid entry 'a::B=x") + Prefix +
              "'x' is not a size in bytes" + Expected,
          std::string("invalid entry '1x=8") + Prefix +
              "'1x' is not a qualified type name" + Expected,
          std::string("invalid entry 'a::C=8:fast") + Prefix +
              "unknown trait 'fast' (one of: none, trivially-copyable, "
              "nothrow-copy, nothrow-move, trivially-copy-and-destroy)" +
              Expected,
          std::string("invalid entry 'a::D=8:none:12") + Prefix +
              "maximum alignment '12' is not a power of two in bytes" +
              Expected,
          std::string("invalid entry 'a::E=8:none:8:9") + Prefix +
              "too many ':'-separated fields" + Expected));
}

//===----------------------------------------------------------------------===//
// computePayloadTraits() on real ASTs, checked against clang's own builtins.
//===----------------------------------------------------------------------===//

/// Types shared by the trait tests. `std::string` mimics libstdc++'s: 32
/// bytes, a copy constructor that may throw, a noexcept move constructor and a
/// non-trivial destructor.
const char *Prelude = R"cpp(
namespace std {
struct string {
  string();
  string(const string &);
  string(string &&) noexcept;
  ~string();
  char *Ptr;
  unsigned long Len;
  char Buf[16];
};
template <class T> struct unique_ptr {
  unique_ptr();
  unique_ptr(const unique_ptr &) = delete;
  unique_ptr(unique_ptr &&) noexcept;
  ~unique_ptr();
  T *P;
};
template <class T> struct reference_wrapper { T *P; };
} // namespace std
struct Holder { std::string S; int X; };
struct WithDtor { ~WithDtor(); std::string S; };
struct ThrowingMove { ThrowingMove(ThrowingMove &&); ThrowingMove(); };
struct DefaultedMove {
  DefaultedMove();
  DefaultedMove(DefaultedMove &&) = default;
  std::string S;
};
struct NoexceptCopy {
  NoexceptCopy();
  NoexceptCopy(const NoexceptCopy &) noexcept;
  int X;
};
struct alignas(16) Wide { char C[16]; };
struct S { int f(); };
template <class T> struct Box {
  Box();
  Box(Box &&) noexcept(sizeof(T) < 8);
  T V;
};
void fn();
)cpp";

/// The payload variables, declared in one function body. Lambdas are
/// initialised from prvalues, so their copy and move constructors are never
/// needed (and never declared) in this AST.
const char *Body = R"cpp(
  int A = 0, B = 0, C = 0;
  int *PA = &A, *PB = &B, *PC = &C;
  std::string Str;
  const std::string ConstStr;
  auto L16 = [PA, PB] { return *PA + *PB; };
  auto L24 = [PA, PB, PC] { return *PA + *PB + *PC; };
  auto LRef = [&A, &Str] { return A; };
  auto LStr = [Str] { return Str.Len; };
  auto LConstStr = [ConstStr] { return ConstStr.Len; };
  auto LUnique = [U = std::unique_ptr<int>()] { return U.P; };
  auto LEmpty = [] {};
  extern Holder VHolder;
  extern WithDtor VWithDtor;
  extern ThrowingMove VThrowingMove;
  extern DefaultedMove VDefaultedMove;
  extern NoexceptCopy VNoexceptCopy;
  extern Wide VWide;
  std::reference_wrapper<int> VRefWrap{};
  Box<int> VBoxInt;
  void (*VFnPtr)() = nullptr;
  int (S::*VMemFn)() = nullptr;
)cpp";

const char *const PayloadNames[] = {
    "L16",       "L24",           "LRef",           "LStr",
    "LConstStr", "LUnique",       "LEmpty",         "VHolder",
    "VWithDtor", "VThrowingMove", "VDefaultedMove", "VNoexceptCopy",
    "VWide",     "VRefWrap",      "VBoxInt",        "VFnPtr",
    "VMemFn"};

/// For every payload, constexpr variables holding clang's own answers.
std::string oracleBlock() {
  std::string S;
  for (llvm::StringRef N : PayloadNames) {
    std::string T = "decltype(" + N.str() + ")";
    std::string P = "  constexpr unsigned long long " + N.str() + "__";
    S += P + "size = sizeof(" + T + ");\n";
    S += P + "align = alignof(" + T + ");\n";
    S += P + "tc = __is_trivially_copyable(" + T + ");\n";
    S += P + "tcc = __is_trivially_constructible(" + T + ", const " + T +
         "&);\n";
    S += P + "td = __is_trivially_destructible(" + T + ");\n";
    S += P + "ncc = __is_nothrow_constructible(" + T + ", const " + T + "&);\n";
    S += P + "nmc = __is_nothrow_constructible(" + T + ", " + T + "&&);\n";
  }
  return S;
}

std::unique_ptr<ASTUnit> buildAST(bool WithOracle) {
  std::string Code = std::string(Prelude) + "void payloads() {\n" + Body +
                     (WithOracle ? oracleBlock() : "") + "}\n";
  return tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-target", "x86_64-linux-gnu"});
}

const VarDecl *findVar(ASTUnit &AST, llvm::StringRef Name) {
  auto Matches = match(varDecl(hasName(Name)).bind("v"), AST.getASTContext());
  if (Matches.size() != 1)
    return nullptr;
  return Matches[0].getNodeAs<VarDecl>("v");
}

uint64_t oracle(ASTUnit &AST, llvm::StringRef Payload, llvm::StringRef What) {
  const VarDecl *V = findVar(AST, (Payload + "__" + What).str());
  EXPECT_NE(V, nullptr) << Payload.str() << "__" << What.str();
  if (!V)
    return ~0ULL;
  Expr::EvalResult R;
  EXPECT_TRUE(V->getInit()->EvaluateAsInt(R, AST.getASTContext()));
  return R.Val.getInt().getZExtValue();
}

class PayloadTraitsTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    Plain = buildAST(false).release();
    WithOracle = buildAST(true).release();
  }
  static void TearDownTestSuite() {
    delete Plain;
    delete WithOracle;
  }

  PayloadTraits traitsOf(llvm::StringRef Name) {
    const VarDecl *V = findVar(*Plain, Name);
    EXPECT_NE(V, nullptr) << Name.str();
    if (!V)
      return PayloadTraits();
    std::optional<PayloadTraits> T =
        computePayloadTraits(V->getType(), Plain->getASTContext());
    EXPECT_TRUE(T.has_value()) << Name.str();
    return T.value_or(PayloadTraits());
  }

  static ASTUnit *Plain;
  static ASTUnit *WithOracle;
};
ASTUnit *PayloadTraitsTest::Plain = nullptr;
ASTUnit *PayloadTraitsTest::WithOracle = nullptr;

TEST_F(PayloadTraitsTest, ASTsBuild) {
  ASSERT_NE(Plain, nullptr);
  ASSERT_NE(WithOracle, nullptr);
  EXPECT_FALSE(Plain->getDiagnostics().hasErrorOccurred());
  EXPECT_FALSE(WithOracle->getDiagnostics().hasErrorOccurred());
}

// In the plain AST the closures' copy/move constructors are either not
// declared (trivial captures) or declared with an exception specification
// that Sema has not evaluated yet (a std::string capture): the structural
// path is what the agreement test below exercises for them.
TEST_F(PayloadTraitsTest, ClosureSpecialMembersAreNotEvaluated) {
  ASSERT_NE(Plain, nullptr);
  auto closureOf = [&](llvm::StringRef Name) -> const CXXRecordDecl * {
    const VarDecl *V = findVar(*Plain, Name);
    return V ? V->getType()->getAsCXXRecordDecl() : nullptr;
  };
  const CXXRecordDecl *L16 = closureOf("L16");
  ASSERT_NE(L16, nullptr);
  ASSERT_TRUE(L16->isLambda());
  for (const CXXConstructorDecl *C : L16->ctors())
    EXPECT_FALSE(C->isCopyOrMoveConstructor());
  const CXXRecordDecl *LStr = closureOf("LStr");
  ASSERT_NE(LStr, nullptr);
  unsigned CopyOrMove = 0;
  for (const CXXConstructorDecl *C : LStr->ctors()) {
    if (!C->isCopyOrMoveConstructor())
      continue;
    ++CopyOrMove;
    EXPECT_EQ(C->getType()->castAs<FunctionProtoType>()->getExceptionSpecType(),
              EST_Unevaluated);
  }
  EXPECT_EQ(CopyOrMove, 2u);
}

// Every computed trait equals clang's builtin on the same type.
TEST_F(PayloadTraitsTest, AgreesWithClangBuiltins) {
  ASSERT_NE(Plain, nullptr);
  ASSERT_NE(WithOracle, nullptr);
  for (llvm::StringRef N : PayloadNames) {
    if (N == "VBoxInt")
      continue; // See UninstantiatedNoexceptCountsAsNothrow.
    SCOPED_TRACE(N.str());
    PayloadTraits T = traitsOf(N);
    EXPECT_EQ(T.SizeBytes, oracle(*WithOracle, N, "size"));
    EXPECT_EQ(T.AlignBytes, oracle(*WithOracle, N, "align"));
    EXPECT_EQ(T.TriviallyCopyable, oracle(*WithOracle, N, "tc") != 0);
    EXPECT_EQ(T.TriviallyCopyConstructible, oracle(*WithOracle, N, "tcc") != 0);
    EXPECT_EQ(T.TriviallyDestructible, oracle(*WithOracle, N, "td") != 0);
    EXPECT_EQ(T.NothrowCopyConstructible, oracle(*WithOracle, N, "ncc") != 0);
    EXPECT_EQ(T.NothrowMoveConstructible, oracle(*WithOracle, N, "nmc") != 0);
  }
}

// The same facts spelled out, so that the table tests above stay honest even
// if the builtins and the engine drifted together.
TEST_F(PayloadTraitsTest, LambdaCaptures) {
  PayloadTraits L16 = traitsOf("L16");
  EXPECT_EQ(L16.Kind, PayloadKind::Closure);
  EXPECT_EQ(L16.SizeBytes, 16u);
  EXPECT_TRUE(L16.TriviallyCopyable);
  EXPECT_EQ(traitsOf("L24").SizeBytes, 24u);
  EXPECT_EQ(traitsOf("LRef").SizeBytes, 16u);
  EXPECT_TRUE(traitsOf("LRef").TriviallyCopyable);
  EXPECT_EQ(traitsOf("LEmpty").SizeBytes, 1u);

  PayloadTraits Str = traitsOf("LStr");
  EXPECT_EQ(Str.SizeBytes, 32u);
  EXPECT_FALSE(Str.TriviallyCopyable);
  EXPECT_FALSE(Str.TriviallyDestructible);
  EXPECT_FALSE(Str.NothrowCopyConstructible);
  EXPECT_TRUE(Str.NothrowMoveConstructible);

  // A const capture is moved through its copy constructor.
  EXPECT_FALSE(traitsOf("LConstStr").NothrowMoveConstructible);

  PayloadTraits Unique = traitsOf("LUnique");
  EXPECT_FALSE(Unique.NothrowCopyConstructible); // deleted copy
  EXPECT_TRUE(Unique.NothrowMoveConstructible);
}

TEST_F(PayloadTraitsTest, ClassTypes) {
  PayloadTraits Holder = traitsOf("VHolder");
  EXPECT_EQ(Holder.Kind, PayloadKind::Object);
  EXPECT_EQ(Holder.SizeBytes, 40u);
  EXPECT_FALSE(Holder.NothrowCopyConstructible);
  EXPECT_TRUE(Holder.NothrowMoveConstructible);
  // A user-declared destructor suppresses the implicit move: copy is used.
  EXPECT_FALSE(traitsOf("VWithDtor").NothrowMoveConstructible);
  EXPECT_FALSE(traitsOf("VThrowingMove").NothrowMoveConstructible);
  EXPECT_TRUE(traitsOf("VDefaultedMove").NothrowMoveConstructible);
  PayloadTraits NC = traitsOf("VNoexceptCopy");
  EXPECT_TRUE(NC.NothrowCopyConstructible);
  EXPECT_FALSE(NC.TriviallyCopyConstructible);
  EXPECT_EQ(traitsOf("VWide").AlignBytes, 16u);
}

TEST_F(PayloadTraitsTest, PointersAndReferenceWrapper) {
  EXPECT_EQ(traitsOf("VFnPtr").Kind, PayloadKind::FunctionPointer);
  PayloadTraits MemFn = traitsOf("VMemFn");
  EXPECT_EQ(MemFn.Kind, PayloadKind::MemberPointer);
  EXPECT_EQ(MemFn.SizeBytes, 16u);
  EXPECT_EQ(traitsOf("VRefWrap").Kind, PayloadKind::ReferenceWrapper);

  // A function type decays to a function pointer.
  ASSERT_NE(Plain, nullptr);
  auto Fns =
      match(functionDecl(hasName("fn")).bind("f"), Plain->getASTContext());
  ASSERT_EQ(Fns.size(), 1u);
  std::optional<PayloadTraits> Fn = computePayloadTraits(
      Fns[0].getNodeAs<FunctionDecl>("f")->getType(), Plain->getASTContext());
  ASSERT_TRUE(Fn.has_value());
  EXPECT_EQ(Fn->Kind, PayloadKind::FunctionPointer);
  EXPECT_EQ(Fn->SizeBytes, 8u);
}

// Box<int>'s move constructor has `noexcept(sizeof(T) < 8)`, instantiated
// only on demand by Sema; without Sema the engine counts it as non-throwing
// (the check then stays silent rather than guess).
TEST_F(PayloadTraitsTest, UninstantiatedNoexceptCountsAsNothrow) {
  EXPECT_TRUE(traitsOf("VBoxInt").NothrowMoveConstructible);
  ASSERT_NE(WithOracle, nullptr);
  EXPECT_EQ(oracle(*WithOracle, "VBoxInt", "nmc"), 1u);
}

TEST(PayloadTraitsEdge, DependentAndIncompleteTypes) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "struct Incomplete; extern Incomplete *P;"
      "template <class T> void f(T t) {}",
      {"-std=c++17", "-target", "x86_64-linux-gnu"});
  ASSERT_NE(AST, nullptr);
  ASTContext &Ctx = AST->getASTContext();
  const VarDecl *P = findVar(*AST, "P");
  ASSERT_NE(P, nullptr);
  EXPECT_EQ(computePayloadTraits(P->getType()->getPointeeType(), Ctx),
            std::nullopt);
  EXPECT_TRUE(computePayloadTraits(P->getType(), Ctx).has_value());
  auto Params = match(parmVarDecl(hasName("t")).bind("p"), Ctx);
  ASSERT_EQ(Params.size(), 1u);
  EXPECT_EQ(computePayloadTraits(
                Params[0].getNodeAs<ParmVarDecl>("p")->getType(), Ctx),
            std::nullopt);
  EXPECT_EQ(computePayloadTraits(QualType(), Ctx), std::nullopt);
}

} // namespace
