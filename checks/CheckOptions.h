//===--- CheckOptions.h - validated option values ---------------*- C++ -*-===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Option values that clang-tidy cannot validate by itself: regular-expression
/// lists and enumerated words. A bad value is reported through the check's
/// configuration diagnostics, naming the check, the option and the value, and
/// the option then falls back to its default (the run goes on).
///
//===----------------------------------------------------------------------===//

#ifndef ESCAPE_CHECKS_CHECKOPTIONS_H
#define ESCAPE_CHECKS_CHECKOPTIONS_H

#include "TidyCompat.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::escape {

/// Reports one configuration error; the argument is the full message.
using ConfigErrorFn = std::function<void(const std::string &)>;

/// A `;`-separated list of regular expressions (llvm::Regex syntax), matched
/// against whole qualified names. Invalid items are reported and dropped.
class RegexList {
public:
  RegexList() = default;
  RegexList(llvm::StringRef CheckName, llvm::StringRef OptionName,
            llvm::StringRef Value, const ConfigErrorFn &Report);
  /// True when any item matches all of \p Name.
  bool matches(llvm::StringRef Name) const;
  bool empty() const { return Regexes.empty(); }

private:
  std::vector<std::shared_ptr<llvm::Regex>> Regexes;
};

/// Looks \p Value up in \p Words (exact, case-sensitive). On failure reports
/// "invalid value 'V' for option 'check.Option'; expected one of: a, b" and
/// returns std::nullopt.
std::optional<unsigned> parseEnumWord(llvm::StringRef CheckName,
                                      llvm::StringRef OptionName,
                                      llvm::StringRef Value,
                                      llvm::ArrayRef<llvm::StringRef> Words,
                                      const ConfigErrorFn &Report);

/// Reads a check's options as strings and parses them itself, collecting
/// errors instead of reporting them at once: clang-tidy cannot report
/// configuration diagnostics while it only lists checks or dumps the
/// configuration (clang-tidy 14 crashes), and the typed OptionsView
/// accessors differ between LLVM majors. The check reports Errors from
/// registerMatchers(), when a diagnostics engine exists.
class OptionReader {
public:
  OptionReader(const ClangTidyCheck::OptionsView &Options,
               llvm::StringRef CheckName)
      : Options(Options), CheckName(CheckName.str()) {}

  /// The raw string of \p Name (local option), or \p Default.
  std::string get(llvm::StringRef Name, llvm::StringRef Default) const;
  /// The raw string of \p Name, looked up locally then globally.
  std::string getLocalOrGlobal(llvm::StringRef Name,
                               llvm::StringRef Default) const;
  /// A non-negative integer (a size in bytes); a bad value is an error and
  /// yields \p Default.
  unsigned getUnsigned(llvm::StringRef Name, unsigned Default);
  /// `true`/`false` (also `1`/`0`); a bad value is an error.
  bool getBool(llvm::StringRef Name, bool Default, bool Global = false);
  /// A `;`-separated list of qualified class names (`QObject`,
  /// `ns::Window`; a leading `::` is dropped, blanks around items are
  /// ignored), looked up locally then globally. An item that is not a
  /// qualified identifier is an error and is dropped.
  std::vector<std::string> getQualifiedNames(llvm::StringRef Name,
                                             llvm::StringRef Default);

  /// Errors found so far, one full message each.
  std::vector<std::string> Errors;
  /// Appends to Errors (for RegexList and parseEnumWord).
  ConfigErrorFn reporter() {
    return [this](const std::string &Msg) { Errors.push_back(Msg); };
  }
  const std::string &checkName() const { return CheckName; }

private:
  const ClangTidyCheck::OptionsView &Options;
  std::string CheckName;
};

/// The base of the escape-* checks: reads options through an OptionReader
/// and reports the option errors once the diagnostics engine exists.
class EscapeCheckBase : public ClangTidyCheck {
protected:
  EscapeCheckBase(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context), Reader(Options, Name) {}

  /// Emits each collected option error as a configuration error. Call it
  /// first thing in registerMatchers().
  void reportOptionErrors() {
    for (const std::string &Msg : Reader.Errors)
      configurationDiag(Msg, DiagnosticIDs::Error);
  }

  OptionReader Reader;
};

} // namespace clang::tidy::escape

#endif // ESCAPE_CHECKS_CHECKOPTIONS_H
