#pragma once
/// Words kaava prints itself, per language, from models/words.yaml
/// (embedded): the headings and phrases of its own output, so that they
/// follow `--lang` like the names of the metamodel.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "metamodel/metamodel.h"

namespace kaava {

class Words {
 public:
  /// The word or phrase `key` ("metamodel.properties") in `language`, else
  /// in the first language written; the key itself when there is none.
  std::string_view get(std::string_view key, std::string_view language) const;

  /// `key`'s phrase with its `{}` filled in.
  template <typename... Args>
  std::string format(std::string_view key, std::string_view language, Args&&... args) const {
    return fmt::format(fmt::runtime(get(key, language)), std::forward<Args>(args)...);
  }

  std::map<std::string, Label, std::less<>> entries;
  std::vector<std::string> problems;  ///< in the data (empty when it is sound)
};

/// Parsed once from the embedded data.
const Words& builtin_words();

}  // namespace kaava
