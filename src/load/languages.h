#pragma once
/// The languages kaava speaks (models/languages.yaml, embedded), and the
/// one rule for a language a command is asked for (--lang).

#include <span>
#include <string>
#include <string_view>

namespace kaava {

/// fi, sv, en: the languages of kaava's own words and labels.
std::span<const std::string> kaava_languages();

/// Whether `code` is shaped like a BCP 47 language tag: a 2-3 letter
/// primary subtag (lower case), optional -subtags ("fi", "en-GB").
bool valid_language_code(std::string_view code);

/// The code that `text` is another spelling of ("swe", "svenska": "sv"),
/// or "".
std::string_view language_code_for(std::string_view text);

/// " (did you mean 'sv'?)" for a language that cannot be used, or "".
std::string language_hint(std::string_view text, std::span<const std::string> candidates);

/// Why `language` cannot be used for --lang, or "": it must be one of the
/// repository's languages (none outside a repository) or kaava's own.
std::string unusable_language(std::string_view language, std::span<const std::string> repository_languages);

}  // namespace kaava
