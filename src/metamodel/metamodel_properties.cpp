// Property definitions (`properties:`) and relationship attributes (a
// relationship type's `attributes:`), which are written the same way.
#include <algorithm>

#include <fmt/format.h>

#include "metamodel/metamodel_reader.h"
#include "util/edit_distance.h"

namespace kaava::metamodel_detail {

namespace {

constexpr std::string_view k_property_keys[] = {"id",      "type",  "values",     "value-labels",
                                                "ordered", "label", "description"};
constexpr std::string_view k_attribute_keys[] = {"id",      "type",  "values",      "value-labels",
                                                 "ordered", "label", "description", "default"};
constexpr std::string_view k_property_kinds[] = {"string", "number", "bool", "enum", "date", "url"};

}  // namespace

bool Loader::read_property_definition(Reader& r, NodeId item, std::map<std::string, SourceSpan>& seen, bool attribute,
                                      PropertyDefinition* def) {
  const std::string_view what = attribute ? "relationship attribute" : "property";
  bool ok = false;
  std::vector<Entry> value_labels;
  SourceSpan default_at;
  const std::span<const std::string_view> keys = attribute ? std::span<const std::string_view>(k_attribute_keys)
                                                           : std::span<const std::string_view>(k_property_keys);
  for (const Entry& f : r.entries(item, keys, attribute ? "a relationship attribute" : "a property definition")) {
    std::string_view v;
    if (f.name == "id") {
      ok = read_id(r, f, seen, what, &def->id);
      if (ok && attribute && std::ranges::find(kRelationshipKeys, def->id) != std::end(kRelationshipKeys)) {
        r.invalid_structure(
            f, fmt::format("'{}' is a key every relationship has; an attribute needs another id", def->id));
        ok = false;
      }
    } else if (f.name == "type" && r.text(f, &v)) {
      const auto* it = std::ranges::find(k_property_kinds, v);
      if (it == std::end(k_property_kinds)) {
        diagnostics_.report(Rule::unknown_type, r.at(f.key), r.at(f.value),
                            fmt::format("unknown property type '{}' (one of: {}){}", v,
                                        fmt::join(k_property_kinds, ", "), did_you_mean(v, k_property_kinds)));
      } else {
        def->kind = static_cast<PropertyKind>(it - std::begin(k_property_kinds));
      }
    } else if (f.name == "values") {
      std::vector<NodeId> values;
      r.texts(f, &values);
      for (NodeId n : values) def->values.emplace_back(r.doc().scalar(n));
    } else if (f.name == "value-labels") {
      if (r.expect_mapping(f.value, r.at(f.key), "'value-labels'")) value_labels.push_back(f);
    } else if (f.name == "ordered" && r.text(f, &v)) {
      if (v != "true" && v != "false") r.invalid_structure(f, "'ordered' is true or false");
      def->ordered = v == "true";
    } else if (f.name == "default" && r.text(f, &v)) {
      def->default_value = v;
      default_at = r.at(f.value);
    } else if (f.name == "label") {
      read_label(r, f, &def->label);
    } else if (f.name == "description") {
      read_label(r, f, &def->description);
    }
  }
  if (!ok) {
    if (!r.doc().find(item, "id", &item)) {
      diagnostics_.report(Rule::invalid_structure, r.at(item), fmt::format("a {} needs an 'id'", what));
    }
    return false;
  }
  if (def->kind == PropertyKind::enumeration && def->values.empty()) {
    diagnostics_.report(Rule::invalid_structure, r.at(item), fmt::format("enum {} '{}' needs 'values'", what, def->id));
  }
  def->value_labels.resize(def->values.size());
  for (const Entry& f : value_labels) {
    for (auto [key, value] : r.doc().pairs(f.value)) {
      if (!r.doc().is_scalar(key)) continue;
      const Entry v{key, value, r.doc().scalar(key)};
      const auto it = std::ranges::find(def->values, v.name);
      if (it == def->values.end()) {
        std::vector<std::string_view> values(def->values.begin(), def->values.end());
        diagnostics_.report(Rule::invalid_structure, r.at(v.key),
                            fmt::format("'{}' is not one of the values of {} '{}'{}", v.name, what, def->id,
                                        did_you_mean(v.name, values)));
        continue;
      }
      read_label(r, v, &def->value_labels[static_cast<std::size_t>(it - def->values.begin())]);
    }
  }
  const bool bad_default =
      !def->default_value.empty() &&
      ((def->kind == PropertyKind::enumeration &&
        std::ranges::find(def->values, def->default_value) == def->values.end()) ||
       (def->kind == PropertyKind::boolean && def->default_value != "true" && def->default_value != "false"));
  if (bad_default) {
    diagnostics_.report(
        Rule::invalid_structure, default_at,
        fmt::format("the default '{}' of {} '{}' is not one of its values", def->default_value, what, def->id));
  }
  return true;
}

void Loader::read_properties(Reader& r, const Entry& e) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'properties'")) return;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a property definition")) continue;
    PropertyDefinition def;
    if (read_property_definition(r, item, property_ids_, false, &def)) mm_.properties.push_back(std::move(def));
  }
}

void Loader::read_attributes(Reader& r, const Entry& e, std::vector<PropertyDefinition>* out) {
  if (!r.expect_sequence(e.value, r.at(e.key), "'attributes'")) return;
  std::map<std::string, SourceSpan> seen;
  for (NodeId item : r.doc().items(e.value)) {
    if (!r.expect_mapping(item, r.at(item), "a relationship attribute")) continue;
    PropertyDefinition def;
    if (read_property_definition(r, item, seen, true, &def)) out->push_back(std::move(def));
  }
}

}  // namespace kaava::metamodel_detail
