//===--- CheckOptions.cpp - validated option values -----------------------===//
//
// Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CheckOptions.h"
#include "escape/Compat.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include <limits>

namespace clang::tidy::escape {

RegexList::RegexList(llvm::StringRef CheckName, llvm::StringRef OptionName,
                     llvm::StringRef Value, const ConfigErrorFn &Report) {
  for (const std::string &Item : clang::escape::compat::parseList(Value)) {
    auto R = std::make_shared<llvm::Regex>("^(" + Item + ")$");
    std::string Error;
    if (!R->isValid(Error)) {
      Report("invalid regular expression '" + Item + "' in option '" +
             CheckName.str() + "." + OptionName.str() + "': " + Error);
      continue;
    }
    Regexes.push_back(std::move(R));
  }
}

bool RegexList::matches(llvm::StringRef Name) const {
  for (const auto &R : Regexes)
    if (R->match(Name))
      return true;
  return false;
}

std::optional<unsigned> parseEnumWord(llvm::StringRef CheckName,
                                      llvm::StringRef OptionName,
                                      llvm::StringRef Value,
                                      llvm::ArrayRef<llvm::StringRef> Words,
                                      const ConfigErrorFn &Report) {
  for (unsigned I = 0; I < Words.size(); ++I)
    if (Value == Words[I])
      return I;
  std::string Expected;
  for (llvm::StringRef W : Words) {
    if (!Expected.empty())
      Expected += ", ";
    Expected += W.str();
  }
  Report("invalid value '" + Value.str() + "' for option '" + CheckName.str() +
         "." + OptionName.str() + "'; expected one of: " + Expected);
  return std::nullopt;
}

std::string OptionReader::get(llvm::StringRef Name,
                              llvm::StringRef Default) const {
  return std::string(Options.get(Name, Default));
}

std::string OptionReader::getLocalOrGlobal(llvm::StringRef Name,
                                           llvm::StringRef Default) const {
  return std::string(Options.getLocalOrGlobal(Name, Default));
}

unsigned OptionReader::getUnsigned(llvm::StringRef Name, unsigned Default) {
  std::string Value = get(Name, std::to_string(Default));
  unsigned Result = 0;
  llvm::StringRef Trimmed = llvm::StringRef(Value).trim();
  if (Trimmed.getAsInteger(10, Result)) {
    // All digits, but more than an unsigned holds.
    bool TooLarge = !Trimmed.empty() && llvm::all_of(Trimmed, llvm::isDigit);
    Errors.push_back(
        "invalid value '" + Value + "' for option '" + CheckName + "." +
        Name.str() + "'; " +
        (TooLarge ? "too large (at most " +
                        std::to_string(std::numeric_limits<unsigned>::max()) +
                        " bytes)"
                  : std::string("expected a non-negative integer (bytes)")));
    return Default;
  }
  return Result;
}

bool OptionReader::getBool(llvm::StringRef Name, bool Default, bool Global) {
  llvm::StringRef Def = Default ? "true" : "false";
  std::string Value = Global ? getLocalOrGlobal(Name, Def) : get(Name, Def);
  llvm::StringRef V = llvm::StringRef(Value).trim();
  if (V == "true" || V == "1")
    return true;
  if (V == "false" || V == "0")
    return false;
  Errors.push_back("invalid value '" + Value + "' for option '" + CheckName +
                   "." + Name.str() + "'; expected 'true' or 'false'");
  return Default;
}

std::vector<std::string>
OptionReader::getQualifiedNames(llvm::StringRef Name, llvm::StringRef Default) {
  std::string Value = getLocalOrGlobal(Name, Default);
  llvm::SmallVector<llvm::StringRef, 8> Items;
  llvm::StringRef(Value).split(Items, ';', /*MaxSplit=*/-1,
                               /*KeepEmpty=*/false);
  std::vector<std::string> Names;
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty())
      continue;
    llvm::StringRef Bare = Item;
    Bare.consume_front("::");
    bool Valid = !Bare.empty();
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Bare.split(Parts, "::");
    for (llvm::StringRef Part : Parts)
      Valid = Valid && !Part.empty() && !llvm::isDigit(Part.front()) &&
              llvm::all_of(Part,
                           [](char C) { return llvm::isAlnum(C) || C == '_'; });
    if (!Valid) {
      Errors.push_back("invalid value '" + Value + "' for option '" +
                       CheckName + "." + Name.str() + "': '" + Item.str() +
                       "' is not a qualified class name");
      continue;
    }
    Names.push_back(Bare.str());
  }
  return Names;
}

} // namespace clang::tidy::escape
