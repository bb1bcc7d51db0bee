#include "metamodel/metamodel.h"

#include "util/edit_distance.h"
#include "util/text.h"

namespace kaava {

std::string_view Label::get(std::string_view language) const {
  for (const auto& [lang, text] : texts) {
    if (lang == language) return text;
  }
  return texts.empty() ? std::string_view() : std::string_view(texts.front().second);
}

std::string_view to_string(PropertyKind kind) {
  switch (kind) {
    case PropertyKind::string: return "string";
    case PropertyKind::number: return "number";
    case PropertyKind::boolean: return "bool";
    case PropertyKind::enumeration: return "enum";
    case PropertyKind::date: return "date";
    case PropertyKind::url: return "url";
  }
  return "string";
}

std::string_view PropertyDefinition::value_label(std::string_view value, std::string_view language) const {
  for (std::size_t i = 0; i < values.size() && i < value_labels.size(); ++i) {
    if (values[i] == value && !value_labels[i].empty()) return value_labels[i].get(language);
  }
  return value;
}

const PropertyDefinition* RelationshipType::attribute(std::string_view key) const {
  for (const PropertyDefinition& a : attributes) {
    if (a.id == key) return &a;
  }
  return nullptr;
}

void Metamodel::index() {
  type_index_.clear();
  type_index_.reserve(element_types.size());
  for (std::size_t i = 0; i < element_types.size(); ++i) {
    type_index_.emplace(element_types[i].id, static_cast<TypeIndex>(i));
  }
}

TypeIndex Metamodel::find_type(std::string_view id) const {
  auto it = type_index_.find(id);
  return it == type_index_.end() ? kNoType : it->second;
}

TypeIndex Metamodel::closest_type(std::string_view written) const {
  const std::vector<std::string_view> ids = type_ids();
  if (const std::string_view close = closest_match(written, ids); !close.empty()) return find_type(close);
  return find_type_by_label(written);
}

TypeIndex Metamodel::find_type_by_label(std::string_view text) const {
  const std::string key = fold_for_comparison(text);
  if (key.empty()) return kNoType;
  for (std::size_t t = 0; t < element_types.size(); ++t) {
    for (const auto& [language, written] : element_types[t].label.texts) {
      if (fold_for_comparison(written) == key) return static_cast<TypeIndex>(t);
    }
  }
  return kNoType;
}

RelationshipIndex Metamodel::find_relationship(std::string_view id) const {
  for (std::size_t i = 0; i < relationship_types.size(); ++i) {
    if (relationship_types[i].id == id) return static_cast<RelationshipIndex>(i);
  }
  return kNoRelationship;
}

RelationshipIndex Metamodel::find_verb(std::string_view verb) const {
  for (std::size_t i = 0; i < relationship_types.size(); ++i) {
    if (relationship_types[i].verb == verb) return static_cast<RelationshipIndex>(i);
  }
  return kNoRelationship;
}

std::int32_t Metamodel::find_property(std::string_view id) const {
  for (std::size_t i = 0; i < properties.size(); ++i) {
    if (properties[i].id == id) return static_cast<std::int32_t>(i);
  }
  return -1;
}

const PropertyDefinition* Metamodel::property(std::string_view id) const {
  const std::int32_t i = find_property(id);
  return i < 0 ? nullptr : &properties[static_cast<std::size_t>(i)];
}

std::int32_t Metamodel::find_layer(std::string_view id) const {
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (layers[i].id == id) return static_cast<std::int32_t>(i);
  }
  return -1;
}

std::int32_t Metamodel::find_viewpoint(std::string_view id) const {
  for (std::size_t i = 0; i < viewpoints.size(); ++i) {
    if (viewpoints[i].id == id) return static_cast<std::int32_t>(i);
  }
  return -1;
}

bool Metamodel::is_a(TypeIndex type, TypeIndex ancestor) const {
  for (std::size_t steps = 0; type != kNoType && steps <= element_types.size(); ++steps) {
    if (type == ancestor) return true;
    type = element_types[type].base;
  }
  return false;
}

bool Metamodel::relationship_is_a(RelationshipIndex type, RelationshipIndex ancestor) const {
  for (std::size_t steps = 0; type != kNoRelationship && steps <= relationship_types.size(); ++steps) {
    if (type == ancestor) return true;
    type = relationship_types[type].base;
  }
  return false;
}

std::int32_t Metamodel::find_classification(std::string_view id) const {
  for (std::size_t i = 0; i < classifications.size(); ++i) {
    if (classifications[i].id == id) return static_cast<std::int32_t>(i);
  }
  return -1;
}

RelationshipMask Metamodel::allowed(TypeIndex source, TypeIndex target) const {
  if (source >= table_slot.size() || target >= table_slot.size()) return 0;
  return table[static_cast<std::size_t>(table_slot[source]) * table_size + table_slot[target]];
}

RelationshipMask Metamodel::allowed_to_relationship(TypeIndex source) const {
  if (source >= table_slot.size() || table_size == 0) return 0;
  return table[static_cast<std::size_t>(table_slot[source]) * table_size + relationship_slot];
}

RelationshipMask Metamodel::allowed_from_relationship(TypeIndex target) const {
  if (target >= table_slot.size() || table_size == 0) return 0;
  return table[static_cast<std::size_t>(relationship_slot) * table_size + table_slot[target]];
}

const PropertyUse* Metamodel::property_use(TypeIndex type, std::uint16_t property) const {
  if (type >= element_types.size()) return nullptr;
  for (const PropertyUse& use : element_types[type].properties) {
    if (use.definition == property) return &use;
  }
  return nullptr;
}

std::vector<std::string_view> Metamodel::type_ids() const {
  std::vector<std::string_view> out;
  out.reserve(element_types.size());
  for (const ElementType& t : element_types) out.push_back(t.id);
  return out;
}

std::vector<std::string_view> Metamodel::verbs() const {
  std::vector<std::string_view> out;
  for (const RelationshipType& r : relationship_types) out.push_back(r.verb);
  return out;
}

std::vector<std::string_view> Metamodel::relationship_ids() const {
  std::vector<std::string_view> out;
  for (const RelationshipType& r : relationship_types) out.push_back(r.id);
  return out;
}

}  // namespace kaava
