//===--- SmallBuffer.h - small buffers of type erasure ----------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Whether constructing a type-erased wrapper (`std::function`,
/// `std::move_only_function`, `std::copyable_function`, `std::any`, or a
/// configured type) from a payload stores the payload inline, in the
/// wrapper's small buffer, or allocates it on the heap.
///
/// Three independent pieces:
/// - one rule table, smallBufferRules(), with one row per standard library and
///   erased type, each row citing the library header it was read from;
/// - PayloadTraits, the facts about a payload type (size, alignment and the
///   type traits the rules test), computed from the AST by
///   computePayloadTraits();
/// - decide(), a pure function of a rule and the traits.
///
/// All sizes are in bytes and describe 64-bit targets (8-byte pointers); the
/// rules do not apply elsewhere.
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_ANALYZER_SMALLBUFFER_H
#define ESCAPE_ANALYZER_SMALLBUFFER_H

#include "clang/AST/Type.h"
#include "clang/Basic/LLVM.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;

namespace escape {

/// The standard library implementations whose small buffers are modelled.
enum class StdLib {
  LibStdCxx,               ///< GCC's libstdc++ (`__GLIBCXX__`).
  LibCxx,                  ///< LLVM's libc++, default ABI (`_LIBCPP_VERSION`).
  LibCxxOptimizedFunction, ///< libc++ with `_LIBCPP_ABI_OPTIMIZED_FUNCTION`.
  MsvcStl,                 ///< Microsoft's STL (`_MSC_VER`).
};

/// The standard type-erased wrappers that have a small buffer.
enum class ErasedKind {
  Function,         ///< `std::function` (C++11).
  MoveOnlyFunction, ///< `std::move_only_function` (C++23).
  CopyableFunction, ///< `std::copyable_function` (C++26).
  Any,              ///< `std::any` (C++17).
};

/// The type trait a payload must have to be stored inline.
enum class PayloadTrait {
  None,
  TriviallyCopyable,            ///< `std::is_trivially_copyable`.
  NothrowCopyConstructible,     ///< `std::is_nothrow_copy_constructible`.
  NothrowMoveConstructible,     ///< `std::is_nothrow_move_constructible`.
  TriviallyCopyAndDestructible, ///< `std::is_trivially_copy_constructible`
                                ///< and `std::is_trivially_destructible`.
};

/// The shape of one small buffer. Sizes and alignments are in bytes.
struct BufferRule {
  /// Size of the inline buffer.
  uint64_t CapacityBytes = 0;
  /// Bookkeeping the wrapper keeps inside the buffer in front of the payload
  /// (libc++ and MSVC `std::function` place an object with a vtable pointer
  /// there). The payload follows it at the payload's alignment, and the
  /// combined object is padded to a multiple of max(8, payload alignment).
  uint64_t OverheadBytes = 0;
  /// Largest payload alignment stored inline; 0 when the library does not test
  /// alignment (its size test already rejects over-aligned payloads).
  uint64_t MaxAlignBytes = 0;
  /// The trait the payload must have.
  PayloadTrait Required = PayloadTrait::None;
  /// Function pointers, member pointers and `std::reference_wrapper` are
  /// always inline (true for the `std::function` family, whose constructors
  /// must not throw for them; false for `std::any`, where only the size test
  /// applies).
  bool PointersAlwaysInline = false;

  /// Bytes available to a pointer-aligned payload: capacity minus overhead.
  uint64_t payloadCapacity() const {
    return CapacityBytes > OverheadBytes ? CapacityBytes - OverheadBytes : 0;
  }
};

/// One row of the rule table.
struct SmallBufferRule {
  StdLib Library;
  ErasedKind Kind;
  BufferRule Buffer;
  /// Where the numbers come from: `repository:path@commit`.
  const char *Source;
};

/// The rule table, one row per (library, erased type, storage
/// representation). MSVC's `std::any` has two inline representations and
/// therefore two rows. Erased types a library does not provide, or whose
/// source was not read (MSVC `std::move_only_function`), have no row.
llvm::ArrayRef<SmallBufferRule> smallBufferRules();

/// The rows of \p Library for \p Kind, in table order; empty when the pair is
/// not modelled.
llvm::SmallVector<const SmallBufferRule *, 2> findRules(StdLib Library,
                                                        ErasedKind Kind);

/// Detects the standard library from the macros it defines, given a predicate
/// telling whether a macro is defined: `_LIBCPP_VERSION` (with
/// `_LIBCPP_ABI_OPTIMIZED_FUNCTION` for the alternative `std::function`), then
/// `__GLIBCXX__`, then `_MSVC_STL_VERSION` or `_MSC_VER`. std::nullopt when
/// none is defined (no standard header included, or an unknown library).
std::optional<StdLib>
detectStdLib(llvm::function_ref<bool(llvm::StringRef)> IsMacroDefined);

/// Characters a `std::basic_string` of characters of \p CharBytes bytes holds
/// without allocating (its small-string buffer, terminator excluded), on
/// 64-bit targets:
/// - libstdc++: `_S_local_capacity = 15 / sizeof(_CharT)`
///   (bits/basic_string.h): 15 chars;
/// - libc++ (default ABI): `__min_cap - 1` with `__min_cap =
///   (sizeof(__long) - 1) / sizeof(value_type)`, at least 2, and a 24-byte
///   `__long` (<string>): 22 chars;
/// - MSVC STL: `_BUF_SIZE - 1` with `_BUF_SIZE = 16 / sizeof(_Elem)`, at
///   least 1 (<xstring>): 15 chars.
/// With no library (std::nullopt), the smallest of the three.
unsigned stringInlineCapacity(std::optional<StdLib> Library,
                              unsigned CharBytes);

/// "libstdc++", "libc++", "libc++ (_LIBCPP_ABI_OPTIMIZED_FUNCTION)",
/// "MSVC STL".
llvm::StringRef stdLibName(StdLib Library);
/// "std::function", "std::move_only_function", "std::copyable_function",
/// "std::any".
llvm::StringRef erasedKindName(ErasedKind Kind);
/// The kind named by \p QualifiedName ("std::function", ...; inline
/// namespaces already removed), or std::nullopt.
std::optional<ErasedKind> erasedKindFromName(llvm::StringRef QualifiedName);
/// The trait as an adjective phrase for messages: "trivially copyable",
/// "nothrow-copy-constructible", ...; empty for PayloadTrait::None.
llvm::StringRef payloadTraitPhrase(PayloadTrait Trait);

/// What a payload is, for the always-inline shortcut and for messages.
enum class PayloadKind {
  Object,           ///< Any other object type.
  Closure,          ///< A lambda's closure type.
  FunctionPointer,  ///< A pointer to function (functions decay to it).
  MemberPointer,    ///< A pointer to member (data or function).
  ReferenceWrapper, ///< A specialization of `std::reference_wrapper`.
};

/// Facts about a payload type that the small-buffer rules test.
struct PayloadTraits {
  PayloadKind Kind = PayloadKind::Object;
  uint64_t SizeBytes = 0;  ///< sizeof.
  uint64_t AlignBytes = 1; ///< alignof.
  bool TriviallyCopyable = false;
  bool TriviallyCopyConstructible = false;
  bool TriviallyDestructible = false;
  bool NothrowCopyConstructible = false;
  bool NothrowMoveConstructible = false;

  /// Whether the payload has \p Trait (always true for PayloadTrait::None).
  bool has(PayloadTrait Trait) const;
};

/// Computes the traits of the payload type \p T (cv-qualifiers and references
/// are removed, functions and arrays decay to pointers). Special members that
/// Sema has not declared yet (closure types, classes whose implicit members
/// were never needed) are judged structurally from bases and fields, as the
/// implicit member would be defined; declared constructors are judged by
/// their exception specification. An exception specification that cannot be
/// evaluated counts as non-throwing. std::nullopt for dependent or incomplete
/// types.
std::optional<PayloadTraits> computePayloadTraits(QualType T,
                                                  const ASTContext &Ctx);

/// Where a construction puts its payload.
enum class Storage { Inline, Heap };

/// The outcome of decide(), with every condition that failed.
struct SmallBufferDecision {
  Storage Where = Storage::Heap;
  /// Inline by the pointer / reference_wrapper shortcut.
  bool AlwaysInline = false;
  /// FootprintBytes exceeds the capacity.
  bool TooLarge = false;
  /// The payload's alignment exceeds MaxAlignBytes.
  bool OverAligned = false;
  /// The payload lacks the required trait.
  bool MissingTrait = false;
  /// Bytes the payload takes in the buffer, overhead and padding included.
  uint64_t FootprintBytes = 0;

  bool isInline() const { return Where == Storage::Inline; }
};

/// Decides where \p Rule stores a payload with \p Traits: inline iff the
/// shortcut applies, or the footprint fits the capacity, the alignment is
/// accepted and the required trait holds.
SmallBufferDecision decide(const BufferRule &Rule, const PayloadTraits &Traits);

/// Decides over several rows of the same wrapper (alternative inline
/// representations): the decision of the first row that stores the payload
/// inline, else that of the last row. Heap when \p Rules is empty.
SmallBufferDecision decide(llvm::ArrayRef<const SmallBufferRule *> Rules,
                           const PayloadTraits &Traits);

/// A user-configured erased type (check option `ErasedTypes`).
struct CustomErasedType {
  /// Fully qualified name without a leading `::`, e.g. "absl::AnyInvocable".
  std::string QualifiedName;
  /// Capacity, maximum alignment and trait; no overhead, and pointers are
  /// always inline.
  BufferRule Buffer;
};

/// Parses `Name=Bytes[:Trait[:MaxAlign]]` entries separated by `;`, e.g.
/// `absl::AnyInvocable=16:nothrow-move;folly::Function=48:nothrow-move:16`.
/// Trait is one of `none` (the default), `trivially-copyable`, `nothrow-copy`,
/// `nothrow-move`, `trivially-copy-and-destroy`; MaxAlign is a power of two in
/// bytes (default 8). Each invalid entry is reported through \p Report as
/// "invalid entry 'E' in option 'O': <why>; expected
/// 'Name=Bytes[:Trait[:MaxAlign]]'" and skipped; \p OptionName is the full
/// option name to quote.
std::vector<CustomErasedType>
parseErasedTypes(llvm::StringRef Value, llvm::StringRef OptionName,
                 llvm::function_ref<void(const std::string &)> Report);

} // namespace escape
} // namespace clang

#endif // ESCAPE_ANALYZER_SMALLBUFFER_H
