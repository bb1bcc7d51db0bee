#include "analysis/common.h"

#include <vector>

#include <fmt/format.h>

#include "util/edit_distance.h"
#include "util/text.h"

namespace kaava::analysis {

std::string unknown_element(const Model& model, std::string_view id) {
  std::vector<std::string_view> ids;
  ids.reserve(model.elements().size());
  for (const Element& el : model.elements()) ids.push_back(el.id);
  return fmt::format("no element '{}' in the model{}", printable(id), did_you_mean(id, ids));
}

bool relationship_type_matches(const Metamodel& mm, RelationshipIndex type, std::string_view pattern) {
  for (std::size_t steps = 0; type != kNoRelationship && steps <= mm.relationship_types.size(); ++steps) {
    const RelationshipType& t = mm.relationship_types[type];
    if (glob_match(pattern, t.id) || glob_match(pattern, t.verb)) return true;
    type = t.base;
  }
  return false;
}

std::string unknown_relationship_type(const Metamodel& mm, std::string_view pattern) {
  for (std::size_t r = 0; r < mm.relationship_types.size(); ++r) {
    if (relationship_type_matches(mm, static_cast<RelationshipIndex>(r), pattern)) return {};
  }
  std::vector<std::string_view> names = mm.relationship_ids();
  for (std::string_view verb : mm.verbs()) names.push_back(verb);
  return fmt::format("no relationship type '{}' (a type such as 'serving', or its verb 'serves'){}",
                     printable(pattern), did_you_mean(pattern, names));
}

std::string_view type_id(const Metamodel& mm, const Element& el) {
  return el.type != kNoType ? std::string_view(mm.element_types[el.type].id) : el.type_name;
}

std::string_view type_label(const Metamodel& mm, const Element& el, std::string_view language) {
  return el.type != kNoType ? mm.element_types[el.type].label.get(language) : el.type_name;
}

std::string_view relationship_type_id(const Metamodel& mm, const Relationship& r) {
  return r.type != kNoRelationship ? std::string_view(mm.relationship_types[r.type].id) : std::string_view("?");
}

std::string_view display_name(const Element& el, std::string_view language) {
  const std::string_view name = el.name.get(language);
  return name.empty() ? el.id : name;
}

bool is_imported(const Workspace& ws, const Element& el) {
  return el.at.file < ws.files.size() && ws.files[el.at.file].imported;
}

std::string written_at(const Workspace& ws, const SourceSpan& at) {
  if (at.file >= ws.files.size()) return {};
  if (ws.files[at.file].imported) {
    const std::string_view name = ws.import_of(at.file);
    return std::string(name.empty() ? std::string_view("(imported)") : name);
  }
  return fmt::format("{}:{}", ws.files[at.file].path, at.line);
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? std::string("-")
                    : fmt::format("{:.0f} %", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

}  // namespace kaava::analysis
