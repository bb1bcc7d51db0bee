#include "metamodel/words.h"

#include "resources/embedded_yaml.h"
#include "yaml/document.h"

namespace kaava {

namespace {

Words load() {
  Words w;
  const std::optional<yaml::Document> data = resources::embedded_yaml("models/words.yaml", &w.problems);
  if (!data) return w;
  const yaml::Document& doc = *data;
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
