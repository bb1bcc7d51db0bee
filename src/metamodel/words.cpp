#include "metamodel/words.h"

#include "resources/embedded.h"
#include "yaml/document.h"

namespace kaava {

namespace {

Words load() {
  Words w;
  const resources::Resource* res = resources::find("models/words.yaml");
  if (res == nullptr) {
    w.problems.emplace_back("models/words.yaml is not embedded");
    return w;
  }
  std::vector<yaml::Problem> problems;
  const std::vector<yaml::Document> docs =
      yaml::parse_or_load(res->data, resources::snapshot(res->path), yaml::Limits(), problems);
  for (const yaml::Problem& p : problems) w.problems.push_back(fmt::format("line {}: {}", p.line, p.message));
  if (docs.size() != 1) return w;
  const yaml::Document& doc = docs.front();
  for (auto [section, entries] : doc.pairs(doc.root())) {
    for (auto [key, texts] : doc.pairs(entries)) {
      Label label;
      for (auto [lang, text] : doc.pairs(texts)) label.texts.emplace_back(doc.scalar(lang), doc.scalar(text));
      if (label.empty()) w.problems.push_back(fmt::format("{}.{} has no texts", doc.scalar(section), doc.scalar(key)));
      w.entries.emplace(fmt::format("{}.{}", doc.scalar(section), doc.scalar(key)), std::move(label));
    }
  }
  return w;
}

}  // namespace

std::string_view Words::get(std::string_view key, std::string_view language) const {
  const auto it = entries.find(key);
  return it == entries.end() ? key : it->second.get(language);
}

const Words& builtin_words() {
  static const Words words = load();
  return words;
}

}  // namespace kaava
