#include "interop/builtin_match.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "load/imports.h"
#include "load/workspace.h"
#include "source/memory_source.h"

namespace kaava::interop {

namespace {

/// A model's texts as the importer has them: language, text; sorted.
Texts texts_of(const LocalizedText& text, std::string_view default_language) {
  Texts out;
  for (const auto& [l, t] : text.texts) out.emplace_back(l.empty() ? default_language : l, t);
  std::ranges::sort(out);
  return out;
}

/// Whether each of `file`'s texts is the built-in model's in its language
/// (a file in fewer languages, Archi's CSV, changes nothing).
bool same_texts(const Texts& file, const Texts& builtin) {
  return std::ranges::all_of(file, [&](const auto& t) { return std::ranges::find(builtin, t) != builtin.end(); });
}

}  // namespace

void reattach_builtin_models(ImportedModel* model) {
  for (const std::string& name : builtin_models()) {
    // The built-in model, as a repository that imports it sees it.
    MemorySource memory;
    memory.add("kaava.yaml", fmt::format("kaava: 1\nimports: [{}]\n", name));
    LoadOptions load;
    load.path = memory.absolute(".");
    load.source = &memory;
    const std::unique_ptr<const Workspace> ws = load_workspace(load);
    if (!ws->loaded) continue;
    const Model& builtin = ws->model;
    const Metamodel& mm = ws->metamodel;
    const std::string_view language = ws->imported.empty() ? std::string_view("fi") : ws->imported.front().default_language();
    std::set<std::string, std::less<>> dropped;
    for (const ImportedElement& e : model->elements) {
      const std::uint32_t b = builtin.find(e.id);
      if (b == kNone) continue;
      const Element& el = builtin.element(b);
      dropped.insert(e.id);
      std::vector<std::string> changed;
      if (el.type == kNoType || mm.element_types[el.type].id != e.type) changed.emplace_back("type");
      if (!same_texts(e.name, texts_of(el.name, language))) changed.emplace_back("name");
      if (!same_texts(e.description, texts_of(el.description, language))) changed.emplace_back("description");
      Values props;
      for (const Property& p : el.properties) props.emplace_back(p.key, p.value);
      if (props != e.properties) changed.emplace_back("properties");
      if (!changed.empty()) {
        model->losses.push_back({e.at, fmt::format("the changes to the {} of '{}', an element of {}, which is "
                                                   "imported as it is (change it there)",
                                                   fmt::join(changed, ", "), e.id, name),
                                  std::string()});
      }
    }
    if (dropped.empty()) continue;
    model->imports.push_back(name);
    model->metamodel = ws->config.metamodel;
    std::erase_if(model->elements, [&](const ImportedElement& e) { return dropped.contains(e.id); });
    // Its relationships between its own elements too (the file's copies).
    std::set<std::tuple<std::string, std::string, std::string>> builtin_relationships;
    for (const Relationship& r : builtin.relationships()) {
      if (r.type == kNoRelationship) continue;
      builtin_relationships.emplace(r.source.id, mm.relationship_types[r.type].id, r.target.id);
    }
    std::erase_if(model->relationships, [&](const ImportedRelationship& r) {
      return dropped.contains(r.from) && dropped.contains(r.to) && builtin_relationships.contains({r.from, r.type, r.to});
    });
    model->notes.push_back(fmt::format("the new repository imports {} (kaava.yaml's imports) instead of copying its "
                                       "{} elements",
                                       name, dropped.size()));
  }
}

}  // namespace kaava::interop
