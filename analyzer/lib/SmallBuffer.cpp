//===--- SmallBuffer.cpp - small-buffer rules of type-erased wrappers -----===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "escape/SmallBuffer.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>

namespace clang::escape {

namespace {
constexpr PayloadTrait TrivCopy = PayloadTrait::TriviallyCopyable;
constexpr PayloadTrait NothrowCopy = PayloadTrait::NothrowCopyConstructible;
constexpr PayloadTrait NothrowMove = PayloadTrait::NothrowMoveConstructible;
constexpr PayloadTrait TrivCopyDtor =
    PayloadTrait::TriviallyCopyAndDestructible;
} // namespace

// The rule table. 64-bit targets: sizeof(void *) == 8. Columns of BufferRule:
// capacity, overhead in front of the payload, maximum payload alignment
// (0: not tested), required trait, pointers/reference_wrapper always inline.
// The references are those of ../shared/anchors.md section 11, plus the
// headers read for move_only_function / copyable_function.
static const SmallBufferRule Rules[] = {
    /// libstdc++ std::function: the buffer is `_Any_data`, a union of the
    /// `_Nocopy_types` (object pointer, function pointer, member function
    /// pointer) = 16 bytes, aligned 8. `_Base_manager::__stored_locally` is
    /// `__is_location_invariant<F>` (= is_trivially_copyable) &&
    /// sizeof(F) <= _M_max_size && alignof(F) <= _M_max_align &&
    /// _M_max_align % alignof(F) == 0.
    {StdLib::LibStdCxx,
     ErasedKind::Function,
     {16, 0, 8, TrivCopy, true},
     "gcc-mirror/gcc:libstdc++-v3/include/bits/std_function.h@39887dd2"},
    /// libstdc++ std::move_only_function: `_Storage` is a union of a pointer
    /// and `unsigned char _M_bytes[sizeof(_Delegate)]` where `_Delegate` is a
    /// member function pointer plus a pointer = 24 bytes, aligned 8;
    /// `__stored_locally` (GCC 12-14) / `_S_stored_locally` (GCC 15+) is
    /// sizeof <= 24 && alignof <= 8 && is_nothrow_move_constructible.
    {StdLib::LibStdCxx,
     ErasedKind::MoveOnlyFunction,
     {24, 0, 8, NothrowMove, true},
     "gcc-mirror/gcc:libstdc++-v3/include/bits/funcwrap.h@45ea1c54 "
     "(GCC 12: bits/move_only_function.h)"},
    /// libstdc++ std::copyable_function (GCC 15+): the same `_Storage` and
    /// `_S_stored_locally` as move_only_function.
    {StdLib::LibStdCxx,
     ErasedKind::CopyableFunction,
     {24, 0, 8, NothrowMove, true},
     "gcc-mirror/gcc:libstdc++-v3/include/bits/funcwrap.h@45ea1c54"},
    /// libstdc++ std::any: `_Storage` is a union of `void *` and
    /// `aligned_storage<sizeof(void *), alignof(void *)>` = 8 bytes;
    /// `_Internal<T>` is is_nothrow_move_constructible<T> &&
    /// sizeof(T) <= sizeof(_Storage) && alignof(T) <= alignof(_Storage).
    {StdLib::LibStdCxx,
     ErasedKind::Any,
     {8, 0, 8, NothrowMove, false},
     "gcc-mirror/gcc:libstdc++-v3/include/std/any@028fd302"},
    /// libc++ std::function, default ABI (`__value_func`): the buffer is
    /// `aligned_storage<3 * sizeof(void *)>` = 24 bytes and holds a
    /// `__func<F, Alloc, Sig>`, which has a vtable pointer before F; inline iff
    /// sizeof(__func) <= 24 && is_nothrow_copy_constructible<F> (and the
    /// allocator's copy is nothrow, always true for std::allocator).
    /// Alignment is not tested: an over-aligned F makes __func too large.
    {StdLib::LibCxx,
     ErasedKind::Function,
     {24, 8, 0, NothrowCopy, true},
     "llvm/llvm-project:libcxx/include/__functional/function.h@0010b9fb"},
    /// libc++ std::any: `_Buffer` is
    /// `aligned_storage_t<3 * sizeof(void *), alignof(void *)>` = 24 bytes;
    /// `_IsSmallObject<T>` is sizeof(T) <= 24 &&
    /// alignof(_Buffer) % alignof(T) == 0 && is_nothrow_move_constructible<T>.
    {StdLib::LibCxx,
     ErasedKind::Any,
     {24, 0, 8, NothrowMove, false},
     "llvm/llvm-project:libcxx/include/any@02a580b0"},
    /// libc++ std::function with `_LIBCPP_ABI_OPTIMIZED_FUNCTION`
    /// (`__policy_func`): `__policy_storage` is a union of `char[2 *
    /// sizeof(void *)]` and a pointer = 16 bytes; `__use_small_storage` is
    /// sizeof <= 16 && alignof <= alignof(__policy_storage) &&
    /// is_trivially_copy_constructible && is_trivially_destructible.
    {StdLib::LibCxxOptimizedFunction,
     ErasedKind::Function,
     {16, 0, 8, TrivCopyDtor, true},
     "llvm/llvm-project:libcxx/include/__functional/function.h@0010b9fb"},
    /// libc++ std::any does not depend on the std::function ABI macro.
    {StdLib::LibCxxOptimizedFunction,
     ErasedKind::Any,
     {24, 0, 8, NothrowMove, false},
     "llvm/llvm-project:libcxx/include/any@02a580b0"},
    /// MSVC STL std::function: `_Space_size = (_Small_object_num_ptrs - 1) *
    /// sizeof(void *)` with `_Small_object_num_ptrs = 6 + 16 / sizeof(void *)`
    /// = 56 bytes, holding `_Func_impl_no_alloc<F, ...>`, which has a vtable
    /// pointer before F; `_Is_large<_Impl>` is sizeof(_Impl) > 56 ||
    /// alignof(_Impl) > alignof(max_align_t) (8: max_align_t is double) ||
    /// !is_nothrow_move_constructible<F>.
    {StdLib::MsvcStl,
     ErasedKind::Function,
     {56, 8, 8, NothrowMove, true},
     "microsoft/STL:stl/inc/functional@00fcedc4"},
    /// MSVC STL std::any, trivial representation:
    /// `_Any_trivial_space_size = (_Small_object_num_ptrs - 1) *
    /// sizeof(void *)` = 56 bytes; `_Any_is_trivial<T>` is
    /// alignof(T) <= alignof(max_align_t) && is_trivially_copyable<T> &&
    /// sizeof(T) <= 56.
    {StdLib::MsvcStl,
     ErasedKind::Any,
     {56, 0, 8, TrivCopy, false},
     "microsoft/STL:stl/inc/any@00fcedc4"},
    /// MSVC STL std::any, small representation (the last 8 bytes hold the
    /// RTTI pointer): `_Any_small_space_size = (_Small_object_num_ptrs - 2) *
    /// sizeof(void *)` = 48 bytes; `_Any_is_small<T>` is
    /// alignof(T) <= alignof(max_align_t) &&
    /// is_nothrow_move_constructible<T> && sizeof(T) <= 48.
    {StdLib::MsvcStl,
     ErasedKind::Any,
     {48, 0, 8, NothrowMove, false},
     "microsoft/STL:stl/inc/any@00fcedc4"},
};

llvm::ArrayRef<SmallBufferRule> smallBufferRules() { return Rules; }

llvm::SmallVector<const SmallBufferRule *, 2> findRules(StdLib Library,
                                                        ErasedKind Kind) {
  llvm::SmallVector<const SmallBufferRule *, 2> Result;
  for (const SmallBufferRule &R : Rules)
    if (R.Library == Library && R.Kind == Kind)
      Result.push_back(&R);
  return Result;
}

std::optional<StdLib>
detectStdLib(llvm::function_ref<bool(llvm::StringRef)> IsMacroDefined) {
  if (IsMacroDefined("_LIBCPP_VERSION"))
    return IsMacroDefined("_LIBCPP_ABI_OPTIMIZED_FUNCTION")
               ? StdLib::LibCxxOptimizedFunction
               : StdLib::LibCxx;
  if (IsMacroDefined("__GLIBCXX__"))
    return StdLib::LibStdCxx;
  if (IsMacroDefined("_MSVC_STL_VERSION") || IsMacroDefined("_MSC_VER"))
    return StdLib::MsvcStl;
  return std::nullopt;
}

llvm::StringRef stdLibName(StdLib Library) {
  switch (Library) {
  case StdLib::LibStdCxx:
    return "libstdc++";
  case StdLib::LibCxx:
    return "libc++";
  case StdLib::LibCxxOptimizedFunction:
    return "libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION)";
  case StdLib::MsvcStl:
    return "MSVC STL";
  }
  llvm_unreachable("unknown StdLib");
}

llvm::StringRef erasedKindName(ErasedKind Kind) {
  switch (Kind) {
  case ErasedKind::Function:
    return "std::function";
  case ErasedKind::MoveOnlyFunction:
    return "std::move_only_function";
  case ErasedKind::CopyableFunction:
    return "std::copyable_function";
  case ErasedKind::Any:
    return "std::any";
  }
  llvm_unreachable("unknown ErasedKind");
}

std::optional<ErasedKind> erasedKindFromName(llvm::StringRef QualifiedName) {
  for (ErasedKind K : {ErasedKind::Function, ErasedKind::MoveOnlyFunction,
                       ErasedKind::CopyableFunction, ErasedKind::Any})
    if (QualifiedName == erasedKindName(K))
      return K;
  return std::nullopt;
}

llvm::StringRef payloadTraitPhrase(PayloadTrait Trait) {
  switch (Trait) {
  case PayloadTrait::None:
    return "";
  case PayloadTrait::TriviallyCopyable:
    return "trivially copyable";
  case PayloadTrait::NothrowCopyConstructible:
    return "nothrow-copy-constructible";
  case PayloadTrait::NothrowMoveConstructible:
    return "nothrow-move-constructible";
  case PayloadTrait::TriviallyCopyAndDestructible:
    return "trivially copy-constructible and trivially destructible";
  }
  llvm_unreachable("unknown PayloadTrait");
}

bool PayloadTraits::has(PayloadTrait Trait) const {
  switch (Trait) {
  case PayloadTrait::None:
    return true;
  case PayloadTrait::TriviallyCopyable:
    return TriviallyCopyable;
  case PayloadTrait::NothrowCopyConstructible:
    return NothrowCopyConstructible;
  case PayloadTrait::NothrowMoveConstructible:
    return NothrowMoveConstructible;
  case PayloadTrait::TriviallyCopyAndDestructible:
    return TriviallyCopyConstructible && TriviallyDestructible;
  }
  llvm_unreachable("unknown PayloadTrait");
}

//===----------------------------------------------------------------------===//
// decide()
//===----------------------------------------------------------------------===//

/// The bytes a payload occupies in the buffer. With an overhead, the buffer
/// holds an object { vtable pointer; F } whose size is padded to its
/// alignment, max(8, alignof(F)).
static uint64_t footprint(const BufferRule &Rule, const PayloadTraits &T) {
  if (Rule.OverheadBytes == 0)
    return T.SizeBytes;
  uint64_t Align = std::max<uint64_t>(T.AlignBytes, 1);
  uint64_t Offset = llvm::alignTo(Rule.OverheadBytes, Align);
  return llvm::alignTo(Offset + T.SizeBytes, std::max<uint64_t>(Align, 8));
}

SmallBufferDecision decide(const BufferRule &Rule,
                           const PayloadTraits &Traits) {
  SmallBufferDecision D;
  D.FootprintBytes = footprint(Rule, Traits);
  if (Rule.PointersAlwaysInline &&
      (Traits.Kind == PayloadKind::FunctionPointer ||
       Traits.Kind == PayloadKind::MemberPointer ||
       Traits.Kind == PayloadKind::ReferenceWrapper)) {
    D.Where = Storage::Inline;
    D.AlwaysInline = true;
    return D;
  }
  D.TooLarge = D.FootprintBytes > Rule.CapacityBytes;
  D.OverAligned =
      Rule.MaxAlignBytes != 0 && Traits.AlignBytes > Rule.MaxAlignBytes;
  D.MissingTrait = !Traits.has(Rule.Required);
  D.Where = D.TooLarge || D.OverAligned || D.MissingTrait ? Storage::Heap
                                                          : Storage::Inline;
  return D;
}

SmallBufferDecision decide(llvm::ArrayRef<const SmallBufferRule *> Rules,
                           const PayloadTraits &Traits) {
  SmallBufferDecision Last;
  for (const SmallBufferRule *R : Rules) {
    Last = decide(R->Buffer, Traits);
    if (Last.isInline())
      return Last;
  }
  return Last;
}

//===----------------------------------------------------------------------===//
// computePayloadTraits()
//===----------------------------------------------------------------------===//

namespace {

/// Evaluates is_nothrow_{copy,move}_constructible and
/// is_trivially_copy_constructible without Sema: declared constructors are
/// judged by their exception specification, undeclared (implicit) ones by the
/// subobjects they would copy or move.
class TraitEvaluator {
public:
  bool nothrowCopy(QualType T) {
    T = T.getCanonicalType();
    if (const auto *Ref = T->getAs<ReferenceType>())
      return !isa<RValueReferenceType>(Ref); // A T&& member deletes the copy.
    const CXXRecordDecl *RD = recordOf(T);
    if (!RD)
      return true;
    DepthGuard G(Depth);
    if (G.tooDeep())
      return true;
    return nothrowCopyRecord(RD);
  }

  bool nothrowMove(QualType T) {
    T = T.getCanonicalType();
    if (T->isReferenceType())
      return true;
    const CXXRecordDecl *RD = recordOf(T);
    if (!RD)
      return true;
    DepthGuard G(Depth);
    if (G.tooDeep())
      return true;
    // A const subobject is "moved" through const T&&, which binds to the copy
    // constructor.
    if (T.isConstQualified() || stripArrays(T).isConstQualified())
      return nothrowCopyRecord(RD);
    return nothrowMoveRecord(RD);
  }

  bool triviallyCopyConstructible(QualType T) {
    const CXXRecordDecl *RD = recordOf(T.getCanonicalType());
    if (!RD)
      return !T->isReferenceType();
    if (const CXXConstructorDecl *C = copyConstructor(RD))
      return !C->isDeleted() && C->isTrivial();
    if (RD->hasUserDeclaredMoveConstructor() ||
        RD->hasUserDeclaredMoveAssignment())
      return false; // The implicit copy constructor is deleted.
    return RD->hasTrivialCopyConstructor();
  }

private:
  struct DepthGuard {
    explicit DepthGuard(unsigned &D) : D(D) { ++D; }
    ~DepthGuard() { --D; }
    bool tooDeep() const { return D > 64; }
    unsigned &D;
  };

  static QualType stripArrays(QualType T) {
    while (const auto *AT = T->getAsArrayTypeUnsafe())
      T = AT->getElementType();
    return T;
  }

  static const CXXRecordDecl *recordOf(QualType T) {
    const CXXRecordDecl *RD = stripArrays(T)->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return nullptr;
    return RD->getDefinition();
  }

  /// The declared copy constructor, preferring the `const T&` one.
  static const CXXConstructorDecl *copyConstructor(const CXXRecordDecl *RD) {
    const CXXConstructorDecl *Found = nullptr;
    for (const CXXConstructorDecl *C : RD->ctors()) {
      unsigned Quals = 0;
      if (!C->isCopyConstructor(Quals))
        continue;
      if (Quals & Qualifiers::Const)
        return C;
      Found = C;
    }
    return Found;
  }

  static const CXXConstructorDecl *moveConstructor(const CXXRecordDecl *RD) {
    for (const CXXConstructorDecl *C : RD->ctors())
      if (C->isMoveConstructor())
        return C;
    return nullptr;
  }

  /// Applies \p Pred to the type of every base and field.
  template <typename Fn> bool allSubobjects(const CXXRecordDecl *RD, Fn Pred) {
    for (const CXXBaseSpecifier &B : RD->bases())
      if (!Pred(B.getType()))
        return false;
    for (const FieldDecl *F : RD->fields())
      if (!Pred(F->getType()))
        return false;
    return true;
  }

  bool structuralCopy(const CXXRecordDecl *RD) {
    return allSubobjects(RD, [this](QualType T) { return nothrowCopy(T); });
  }
  bool structuralMove(const CXXRecordDecl *RD) {
    return allSubobjects(RD, [this](QualType T) { return nothrowMove(T); });
  }

  /// Whether the declared constructor \p C does not throw. \p Copy selects
  /// the structural rule used when its specification is implicit.
  bool ctorNothrow(const CXXConstructorDecl *C, bool Copy) {
    if (C->isDeleted())
      return false;
    const auto *FPT = C->getType()->getAs<FunctionProtoType>();
    if (!FPT)
      return true;
    switch (FPT->getExceptionSpecType()) {
    case EST_Unevaluated: // Implicit or defaulted: computed from subobjects.
      return Copy ? structuralCopy(C->getParent())
                  : structuralMove(C->getParent());
    case EST_Uninstantiated: {
      const FunctionDecl *Pattern = FPT->getExceptionSpecTemplate();
      const auto *PT =
          Pattern ? Pattern->getType()->getAs<FunctionProtoType>() : nullptr;
      if (!PT)
        return true;
      switch (PT->getExceptionSpecType()) {
      case EST_None:
      case EST_Dynamic:
      case EST_MSAny:
      case EST_NoexceptFalse:
        return false;
      default:
        return true; // noexcept, throw(), or a dependent noexcept(expr).
      }
    }
    case EST_DependentNoexcept:
      return true;
    default:
      return FPT->isNothrow();
    }
  }

  bool nothrowCopyRecord(const CXXRecordDecl *RD) {
    if (const CXXConstructorDecl *C = copyConstructor(RD))
      return ctorNothrow(C, /*Copy=*/true);
    if (RD->hasUserDeclaredMoveConstructor() ||
        RD->hasUserDeclaredMoveAssignment())
      return false; // The implicit copy constructor is deleted.
    return structuralCopy(RD);
  }

  bool nothrowMoveRecord(const CXXRecordDecl *RD) {
    if (const CXXConstructorDecl *M = moveConstructor(RD)) {
      // A defaulted move constructor defined as deleted is ignored by
      // overload resolution: the copy constructor is used.
      if (M->isDeleted())
        return M->isDefaulted() && nothrowCopyRecord(RD);
      return ctorNothrow(M, /*Copy=*/false);
    }
    // A closure type always has an implicit move constructor.
    if (RD->isLambda() || RD->needsImplicitMoveConstructor())
      return structuralMove(RD);
    return nothrowCopyRecord(RD); // No move constructor: the copy is used.
  }

  unsigned Depth = 0;
};

bool isReferenceWrapper(const CXXRecordDecl *RD) {
  return RD->getIdentifier() && RD->getName() == "reference_wrapper" &&
         RD->getDeclContext()->isStdNamespace();
}

} // namespace

std::optional<PayloadTraits> computePayloadTraits(QualType T,
                                                  const ASTContext &Ctx) {
  if (T.isNull())
    return std::nullopt;
  T = T.getNonReferenceType().getUnqualifiedType();
  if (T->isDependentType())
    return std::nullopt;

  PayloadTraits R;
  // Functions and arrays decay to pointers when passed by value.
  if (T->isFunctionType() || T->isArrayType()) {
    R.Kind = T->isFunctionType() ? PayloadKind::FunctionPointer
                                 : PayloadKind::Object;
    R.SizeBytes = Ctx.getTypeSizeInChars(Ctx.VoidPtrTy).getQuantity();
    R.AlignBytes = Ctx.getTypeAlignInChars(Ctx.VoidPtrTy).getQuantity();
    R.TriviallyCopyable = R.TriviallyCopyConstructible =
        R.TriviallyDestructible = R.NothrowCopyConstructible =
            R.NothrowMoveConstructible = true;
    return R;
  }
  if (T->isIncompleteType())
    return std::nullopt;

  if (T->isFunctionPointerType())
    R.Kind = PayloadKind::FunctionPointer;
  else if (T->isMemberPointerType())
    R.Kind = PayloadKind::MemberPointer;
  else if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl()) {
    if (RD->isLambda())
      R.Kind = PayloadKind::Closure;
    else if (isReferenceWrapper(RD))
      R.Kind = PayloadKind::ReferenceWrapper;
  }

  R.SizeBytes = Ctx.getTypeSizeInChars(T).getQuantity();
  R.AlignBytes = Ctx.getTypeAlignInChars(T).getQuantity();
  R.TriviallyCopyable = T.isTriviallyCopyableType(Ctx);
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    R.TriviallyDestructible = RD->hasDefinition() && RD->hasTrivialDestructor();
  else
    R.TriviallyDestructible = true;
  TraitEvaluator E;
  R.TriviallyCopyConstructible = E.triviallyCopyConstructible(T);
  R.NothrowCopyConstructible = E.nothrowCopy(T);
  R.NothrowMoveConstructible = E.nothrowMove(T);
  return R;
}

//===----------------------------------------------------------------------===//
// parseErasedTypes()
//===----------------------------------------------------------------------===//

static bool isQualifiedName(llvm::StringRef Name) {
  if (compat::startsWith(Name, "::"))
    Name = Name.drop_front(2);
  if (Name.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Name.split(Parts, "::", /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  for (llvm::StringRef P : Parts) {
    if (P.empty() || !(llvm::isAlpha(P[0]) || P[0] == '_'))
      return false;
    for (char C : P)
      if (!(llvm::isAlnum(C) || C == '_'))
        return false;
  }
  return true;
}

static std::optional<PayloadTrait> parseTraitWord(llvm::StringRef W) {
  if (W == "none")
    return PayloadTrait::None;
  if (W == "trivially-copyable")
    return PayloadTrait::TriviallyCopyable;
  if (W == "nothrow-copy")
    return PayloadTrait::NothrowCopyConstructible;
  if (W == "nothrow-move")
    return PayloadTrait::NothrowMoveConstructible;
  if (W == "trivially-copy-and-destroy")
    return PayloadTrait::TriviallyCopyAndDestructible;
  return std::nullopt;
}

std::vector<CustomErasedType>
parseErasedTypes(llvm::StringRef Value, llvm::StringRef OptionName,
                 llvm::function_ref<void(const std::string &)> Report) {
  std::vector<CustomErasedType> Result;
  for (const std::string &Entry : compat::parseList(Value)) {
    auto Fail = [&](const std::string &Why) {
      Report("invalid entry '" + Entry + "' in option '" + OptionName.str() +
             "': " + Why + "; expected 'Name=Bytes[:Trait[:MaxAlign]]'");
    };
    llvm::StringRef E(Entry);
    if (E.find('=') == llvm::StringRef::npos) {
      Fail("missing '='");
      continue;
    }
    std::pair<llvm::StringRef, llvm::StringRef> NameAndRest = E.split('=');
    llvm::StringRef Name = NameAndRest.first.trim();
    llvm::StringRef Rest = NameAndRest.second;
    if (!isQualifiedName(Name)) {
      Fail("'" + Name.str() + "' is not a qualified type name");
      continue;
    }
    llvm::SmallVector<llvm::StringRef, 3> Fields;
    Rest.split(Fields, ':', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
    if (Fields.size() > 3) {
      Fail("too many ':'-separated fields");
      continue;
    }
    CustomErasedType T;
    if (compat::startsWith(Name, "::"))
      Name = Name.drop_front(2);
    T.QualifiedName = Name.str();
    T.Buffer.MaxAlignBytes = 8;
    T.Buffer.PointersAlwaysInline = true;
    llvm::StringRef Bytes = Fields[0].trim();
    if (Bytes.getAsInteger(10, T.Buffer.CapacityBytes)) {
      Fail("'" + Bytes.str() + "' is not a size in bytes");
      continue;
    }
    if (Fields.size() > 1) {
      llvm::StringRef Word = Fields[1].trim();
      std::optional<PayloadTrait> Trait = parseTraitWord(Word);
      if (!Trait) {
        Fail("unknown trait '" + Word.str() +
             "' (one of: none, trivially-copyable, nothrow-copy, "
             "nothrow-move, trivially-copy-and-destroy)");
        continue;
      }
      T.Buffer.Required = *Trait;
    }
    if (Fields.size() > 2) {
      llvm::StringRef Align = Fields[2].trim();
      uint64_t A = 0;
      if (Align.getAsInteger(10, A) || !llvm::isPowerOf2_64(A)) {
        Fail("maximum alignment '" + Align.str() +
             "' is not a power of two in bytes");
        continue;
      }
      T.Buffer.MaxAlignBytes = A;
    }
    Result.push_back(std::move(T));
  }
  return Result;
}

unsigned stringInlineCapacity(std::optional<StdLib> Library,
                              unsigned CharBytes) {
  if (CharBytes == 0)
    CharBytes = 1;
  unsigned LibStdCxx = 15 / CharBytes;
  unsigned LibCxx = std::max(23u / CharBytes, 2u) - 1;
  unsigned Msvc = std::max(16u / CharBytes, 1u) - 1;
  if (!Library)
    return std::min({LibStdCxx, LibCxx, Msvc});
  switch (*Library) {
  case StdLib::LibStdCxx:
    return LibStdCxx;
  case StdLib::LibCxx:
  case StdLib::LibCxxOptimizedFunction:
    return LibCxx;
  case StdLib::MsvcStl:
    return Msvc;
  }
  return std::min({LibStdCxx, LibCxx, Msvc});
}

} // namespace clang::escape
