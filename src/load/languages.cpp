#include "load/languages.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "resources/embedded_yaml.h"
#include "util/edit_distance.h"
#include "yaml/reader.h"

namespace kaava {

namespace {

struct Languages {
  std::vector<std::string> codes;
  std::vector<std::pair<std::string, std::string>> spellings;  ///< (lower-case spelling, code)
};

const Languages& languages() {
  static const Languages data = [] {
    Languages out;
    std::vector<std::string> problems;  // the data is kaava's own; a test reads it
    const std::optional<yaml::Document> file = resources::embedded_yaml("models/languages.yaml", &problems);
    if (!file) return out;
    const yaml::Document& doc = *file;
    yaml::NodeId list = 0;
    if (!doc.find(doc.root(), "languages", &list)) return out;
    for (yaml::NodeId item : doc.items(list)) {
      yaml::NodeId code = 0, also = 0;
      if (!doc.find(item, "code", &code)) continue;
      out.codes.emplace_back(doc.scalar(code));
      if (doc.find(item, "also", &also)) {
        for (yaml::NodeId a : doc.items(also)) out.spellings.emplace_back(doc.scalar(a), out.codes.back());
      }
    }
    return out;
  }();
  return data;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::span<const std::string> kaava_languages() { return languages().codes; }

std::string_view language_code_for(std::string_view text) {
  const std::string key = lower(text);
  for (const auto& [spelling, code] : languages().spellings) {
    if (spelling == key) return code;
  }
  return {};
}

std::string language_hint(std::string_view text, std::span<const std::string> candidates) {
  if (const std::string_view code = language_code_for(text); !code.empty()) {
    return fmt::format(" (did you mean '{}'?)", code);
  }
  std::vector<std::string_view> names(candidates.begin(), candidates.end());
  return did_you_mean(text, names);
}

std::string unusable_language(std::string_view language, std::span<const std::string> repository_languages) {
  std::vector<std::string> known(repository_languages.begin(), repository_languages.end());
  const bool in_repository = !known.empty();
  for (const std::string& code : kaava_languages()) {
    if (std::ranges::find(known, code) == known.end()) known.push_back(code);
  }
  if (std::ranges::find(known, language) != known.end()) return {};
  return fmt::format("language '{}' is not one of {} ({}){}", language, fmt::join(known, ", "),
                     in_repository ? "the repository's languages and kaava's own" : "the languages kaava speaks",
                     language_hint(language, known));
}

bool valid_language_code(std::string_view code) {
  // BCP 47 shaped: a 2-3 letter primary subtag, optional -subtags.
  std::size_t i = 0;
  while (i < code.size() && code[i] >= 'a' && code[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  while (i < code.size()) {
    if (code[i] != '-') return false;
    std::size_t j = ++i;
    while (j < code.size() && std::isalnum(static_cast<unsigned char>(code[j]))) ++j;
    if (j == i) return false;
    i = j;
  }
  return true;
}

}  // namespace kaava
