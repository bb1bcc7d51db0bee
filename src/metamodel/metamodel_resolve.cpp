#include <algorithm>

#include <fmt/format.h>

#include "metamodel/metamodel_reader.h"
#include "util/edit_distance.h"

namespace kaava::metamodel_detail {

void Loader::resolve_types() {
  const auto type_ids = mm_.type_ids();
  // Specializations: resolve bases, inherit the layer.
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    const PendingType& p = pending_types_[i];
    if (p.base.empty()) continue;
    const TypeIndex base = mm_.find_type(p.base);
    if (base == kNoType) {
      diagnostics_.report(Rule::unknown_type, p.base_at,
                          fmt::format("unknown base type '{}'{}", p.base, did_you_mean(p.base, type_ids)));
      continue;
    }
    mm_.element_types[i].base = base;
  }
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    TypeIndex t = static_cast<TypeIndex>(i);
    std::size_t steps = 0;
    while (mm_.element_types[t].base != kNoType && steps++ <= mm_.element_types.size()) {
      t = mm_.element_types[t].base;
    }
    if (steps > mm_.element_types.size()) {
      diagnostics_.report(Rule::invalid_structure, pending_types_[i].base_at,
                          fmt::format("element type '{}' specializes itself", mm_.element_types[i].id));
      continue;
    }
    // A chain that ends in an unknown base has no root (reported above).
    if (!pending_types_[t].base.empty()) continue;
    mm_.element_types[i].root = t;
    mm_.element_types[i].layer = mm_.element_types[t].layer;
  }
}

void Loader::apply_uses(const PendingUses& uses, std::vector<PropertyUse>& out) {
  for (std::size_t k = 0; k < uses.uses.size(); ++k) {
    const auto& [id, required] = uses.uses[k];
    const std::int32_t def = property_index(Name{id, uses.at[k]});
    if (def < 0) continue;
    auto it = std::ranges::find_if(out, [&](const PropertyUse& u) { return u.definition == def; });
    if (it != out.end()) {
      it->required = required;
    } else {
      out.push_back({static_cast<std::uint16_t>(def), required});
    }
  }
}

void Loader::unknown(const Name& name, std::string_view what, const std::vector<std::string_view>& candidates) {
  diagnostics_.report(Rule::unknown_type, name.at,
                      fmt::format("unknown {} '{}'{}", what, name.text, did_you_mean(name.text, candidates)));
}

std::int32_t Loader::property_index(const Name& name) {
  const std::int32_t def = mm_.find_property(name.text);
  if (def < 0) {
    std::vector<std::string_view> names;
    for (const PropertyDefinition& d : mm_.properties) names.push_back(d.id);
    unknown(name, "property", names);
  }
  return def;
}

TypeIndex Loader::type_index(const Name& name) {
  const TypeIndex t = mm_.find_type(name.text);
  if (t == kNoType) unknown(name, "element type", mm_.type_ids());
  return t;
}

RelationshipIndex Loader::relationship_index(const Name& name) {
  const RelationshipIndex r = mm_.find_relationship(name.text);
  if (r == kNoRelationship) unknown(name, "relationship type", mm_.relationship_ids());
  return r;
}

void Loader::resolve_relationship_types() {
  auto& types = mm_.relationship_types;
  // Base types get the bits of the table's masks in order (they have
  // letter codes, so there are at most kMaxBaseRelationshipTypes).
  std::uint8_t bits = 0;
  for (RelationshipType& t : types) {
    if (t.code != 0 && bits < kMaxBaseRelationshipTypes) t.bit = bits++;
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    const PendingType& p = pending_relationships_[i];
    if (!p.base.empty()) types[i].base = relationship_index(Name{p.base, p.base_at});
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    auto r = static_cast<RelationshipIndex>(i);
    std::size_t steps = 0;
    while (types[r].base != kNoRelationship && steps++ <= types.size()) r = types[r].base;
    if (steps > types.size()) {
      diagnostics_.report(Rule::invalid_structure, pending_relationships_[i].base_at,
                          fmt::format("relationship type '{}' specializes itself", types[i].id));
      continue;
    }
    if (!pending_relationships_[i].base.empty() && types[i].base == kNoRelationship) continue;
    types[i].root = r;
    types[i].bit = types[r].bit;
    // Properties: the base chain's, then its own.
    std::vector<RelationshipIndex> chain;
    for (RelationshipIndex t = static_cast<RelationshipIndex>(i); t != kNoRelationship; t = types[t].base) {
      chain.push_back(t);
    }
    std::vector<PropertyUse> uses;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply_uses(pending_relationships_[*it].uses, uses);
    types[i].properties = std::move(uses);
    // Attributes likewise: a specialization of access has access's.
    std::vector<PropertyDefinition> attributes;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      for (const PropertyDefinition& a : pending_relationships_[*it].attributes) {
        auto same = std::ranges::find_if(attributes, [&](const PropertyDefinition& b) { return b.id == a.id; });
        if (same != attributes.end()) {
          *same = a;
        } else {
          attributes.push_back(a);
        }
      }
    }
    types[i].attributes = std::move(attributes);
  }
  // The dependent end: the nearest type in the chain that names one.
  for (std::size_t i = 0; i < types.size(); ++i) {
    std::size_t steps = 0;
    for (RelationshipIndex t = static_cast<RelationshipIndex>(i); t != kNoRelationship && steps++ <= types.size();
         t = types[t].base) {
      if (pending_relationships_[t].dependent_written) {
        types[i].dependent = types[t].dependent;
        break;
      }
    }
  }
}

void Loader::resolve_properties() {
  // Property uses: common, then layer, then the base chain, then own.
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    ElementType& type = mm_.element_types[i];
    if (type.root == kNoType) continue;
    std::vector<TypeIndex> chain;
    for (TypeIndex t = static_cast<TypeIndex>(i); t != kNoType; t = mm_.element_types[t].base) {
      chain.push_back(t);
    }
    std::vector<PropertyUse> uses;
    apply_uses(common_uses_, uses);
    if (type.layer < layer_uses_.size()) apply_uses(layer_uses_[type.layer], uses);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply_uses(pending_types_[*it].uses, uses);
    type.properties = std::move(uses);
  }
}

void Loader::resolve_classifications() {
  for (std::size_t c = 0; c < mm_.classifications.size(); ++c) {
    const Classification& cls = mm_.classifications[c];
    std::vector<std::uint16_t> by_layer(mm_.layers.size(), kNoValue);
    std::vector<std::uint16_t> by_type(mm_.element_types.size(), kNoValue);
    for (std::size_t v = 0; v < cls.values.size(); ++v) {
      const auto value = static_cast<std::uint16_t>(v);
      for (const Name& layer : pending_classifications_[c].values[v].layers) {
        const std::int32_t l = mm_.find_layer(layer.text);
        if (l < 0) {
          std::vector<std::string_view> names;
          for (const Layer& x : mm_.layers) names.push_back(x.id);
          diagnostics_.report(Rule::unknown_type, layer.at,
                              fmt::format("unknown layer '{}'{}", layer.text, did_you_mean(layer.text, names)));
          continue;
        }
        by_layer[static_cast<std::size_t>(l)] = value;
      }
      for (const Name& type : pending_classifications_[c].values[v].types) {
        const TypeIndex t = type_index(type);
        if (t != kNoType) by_type[t] = value;
      }
    }
    for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
      ElementType& type = mm_.element_types[i];
      type.classes.resize(mm_.classifications.size(), kNoValue);
      if (type.root == kNoType) continue;  // a broken base chain, reported already
      std::uint16_t value = kNoValue;
      for (TypeIndex t = static_cast<TypeIndex>(i); t != kNoType && value == kNoValue; t = mm_.element_types[t].base) {
        value = by_type[t];
      }
      if (value == kNoValue && type.layer < by_layer.size()) value = by_layer[type.layer];
      type.classes[c] = value;
    }
  }
}

std::vector<bool> Loader::type_set(const PendingClassification::Value& picked) {
  std::vector<bool> direct(mm_.element_types.size(), false);
  for (const Name& layer : picked.layers) {
    const std::int32_t l = mm_.find_layer(layer.text);
    if (l < 0) {
      std::vector<std::string_view> names;
      for (const Layer& x : mm_.layers) names.push_back(x.id);
      unknown(layer, "layer", names);
      continue;
    }
    for (std::size_t t = 0; t < mm_.element_types.size(); ++t) {
      if (mm_.element_types[t].layer == l) direct[t] = true;
    }
  }
  for (const Name& type : picked.types) {
    const TypeIndex t = type_index(type);
    if (t != kNoType) direct[t] = true;
  }
  // A specialization goes where its base goes.
  std::vector<bool> out(direct.size(), false);
  for (std::size_t t = 0; t < out.size(); ++t) {
    for (TypeIndex a = static_cast<TypeIndex>(t); a != kNoType && !out[t]; a = mm_.element_types[a].base) {
      out[t] = direct[a];
      if (mm_.element_types[t].root == kNoType) break;  // a broken chain, reported already
    }
  }
  return out;
}

void Loader::resolve_viewpoints() {
  for (std::size_t i = 0; i < mm_.viewpoints.size(); ++i) {
    const PendingClassification::Value& p = pending_viewpoints_[i];
    if (p.layers.empty() && p.types.empty()) continue;  // shows every type
    mm_.viewpoints[i].shows = type_set(p);
  }
}

void Loader::resolve_requirements() {
  for (const PendingRequirement& p : pending_requirements_) {
    Requirement req;
    bool ok = true;
    for (const auto& [name, value] : p.when) {
      const std::int32_t def = property_index(name);
      if (def < 0) {
        ok = false;
        continue;
      }
      req.when.emplace_back(static_cast<std::uint16_t>(def), value);
    }
    auto resolve_type = [&](const Name& n, TypeIndex* out) {
      if (n.text.empty()) return;
      *out = type_index(n);
      ok = ok && *out != kNoType;
    };
    resolve_type(p.type, &req.type);
    resolve_type(p.source_type, &req.source_type);
    resolve_type(p.target_type, &req.target_type);
    if (!p.relationship.text.empty()) {
      req.relationship = relationship_index(p.relationship);
      ok = ok && req.relationship != kNoRelationship;
    }
    const bool about_relationship =
        !p.relationship.text.empty() || !p.source_type.text.empty() || !p.target_type.text.empty();
    if (about_relationship && !p.type.text.empty()) {
      diagnostics_.report(Rule::invalid_structure, p.at,
                          "a requirement is about elements ('type') or relationships ('relationship', "
                          "'source-type', 'target-type'), not both");
      continue;
    }
    req.subject = about_relationship ? Requirement::Subject::relationship : Requirement::Subject::element;
    for (const Name& n : p.require) {
      const std::int32_t def = property_index(n);
      if (def < 0) {
        ok = false;
        continue;
      }
      req.require.push_back(static_cast<std::uint16_t>(def));
    }
    req.because = p.because;
    if (ok) mm_.requirements.push_back(std::move(req));
  }
}

void Loader::resolve_lifecycle() {
  if (!have_lifecycle_) return;
  const PendingLifecycle& p = pending_lifecycle_;
  LifecycleRule rule;
  rule.property = property_index(p.property);
  if (rule.property < 0) return;
  const PropertyDefinition& def = mm_.properties[static_cast<std::size_t>(rule.property)];
  auto values = [&](const std::vector<Name>& names, std::vector<std::string>* out) {
    for (const Name& n : names) {
      if (def.kind == PropertyKind::enumeration && std::ranges::find(def.values, n.text) == def.values.end()) {
        diagnostics_.report(Rule::unknown_type, n.at,
                            fmt::format("'{}' is not a value of property '{}'", n.text, def.id));
        continue;
      }
      out->push_back(n.text);
    }
  };
  values(p.in_use, &rule.in_use);
  values(p.ended, &rule.ended);
  // The relationship types' own dependent ends, unless the rule names others.
  rule.dependent.reserve(mm_.relationship_types.size());
  for (const RelationshipType& t : mm_.relationship_types) rule.dependent.push_back(t.dependent);
  if (!p.dependent.empty()) rule.dependent.assign(mm_.relationship_types.size(), LifecycleRule::Dependent::none);
  for (const auto& [rel, side] : p.dependent) {
    const RelationshipIndex r = relationship_index(rel);
    if (r == kNoRelationship) continue;
    rule.dependent[r] = side.text == "source" ? LifecycleRule::Dependent::source : LifecycleRule::Dependent::target;
  }
  // Specializations read like their base unless the rule names them.
  for (std::size_t i = 0; i < mm_.relationship_types.size() && !p.dependent.empty(); ++i) {
    const RelationshipIndex root = mm_.relationship_types[i].root;
    if (rule.dependent[i] == LifecycleRule::Dependent::none && root != kNoRelationship) {
      rule.dependent[i] = rule.dependent[root];
    }
  }
  mm_.lifecycle = std::move(rule);
}

void Loader::resolve_table() {
  const auto type_ids = mm_.type_ids();
  const std::size_t n = columns_.size();
  std::map<std::string_view, std::uint16_t> slot_of;
  for (std::size_t c = 0; c < n; ++c) {
    const auto& [id, at] = columns_[c];
    const TypeIndex t = mm_.find_type(id);
    if (id != k_relationship_pseudo_type && (t == kNoType || mm_.element_types[t].base != kNoType)) {
      diagnostics_.report(
          Rule::unknown_type, at,
          fmt::format("column '{}' is not an element type without a base{}", id, did_you_mean(id, type_ids)));
      continue;
    }
    if (!slot_of.emplace(id, static_cast<std::uint16_t>(c)).second) {
      diagnostics_.report(Rule::duplicate_id, at, fmt::format("column '{}' appears twice", id));
    }
  }
  if (!slot_of.contains(k_relationship_pseudo_type)) {
    diagnostics_.report(Rule::invalid_structure, table_at_, "the relationship table needs a 'relationship' column");
  }
  mm_.table_size = static_cast<std::uint16_t>(n);
  mm_.relationship_slot = slot_of.contains(k_relationship_pseudo_type) ? slot_of[k_relationship_pseudo_type] : 0;
  mm_.table.assign(n * n, 0);
  mm_.table_slot.assign(mm_.element_types.size(), 0);
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    const ElementType& type = mm_.element_types[i];
    if (type.root == kNoType) continue;
    auto it = slot_of.find(mm_.element_types[type.root].id);
    if (it == slot_of.end()) {
      diagnostics_.report(Rule::invalid_structure, table_at_,
                          fmt::format("the relationship table has no column for '{}'", type.id));
      continue;
    }
    mm_.table_slot[i] = it->second;
  }
  std::vector<bool> row_seen(n, false);
  for (const TableRow& row : rows_) {
    auto it = slot_of.find(row.source);
    if (it == slot_of.end()) {
      diagnostics_.report(
          Rule::unknown_type, row.at,
          fmt::format("row '{}' is not one of the table's columns{}", row.source, did_you_mean(row.source, type_ids)));
      continue;
    }
    row_seen[it->second] = true;
    if (row.cells.size() != n) {
      diagnostics_.report(
          Rule::invalid_structure, row.at,
          fmt::format("row '{}' has {} cells; the table has {} columns", row.source, row.cells.size(), n));
      continue;
    }
    for (std::size_t c = 0; c < n; ++c) {
      RelationshipMask mask = 0;
      if (row.cells[c] != "-") {
        for (char code : row.cells[c]) {
          auto rel =
              std::ranges::find_if(mm_.relationship_types, [&](const RelationshipType& t) { return t.code == code; });
          if (rel == mm_.relationship_types.end()) {
            diagnostics_.report(Rule::unknown_type, row.at,
                                fmt::format("row '{}', column '{}': no relationship type has code '{}'", row.source,
                                            columns_[c].first, code));
            continue;
          }
          mask |= RelationshipMask{1} << rel->bit;
        }
      }
      mm_.table[static_cast<std::size_t>(it->second) * n + c] = mask;
    }
  }
  for (std::size_t c = 0; c < n; ++c) {
    if (!row_seen[c]) {
      diagnostics_.report(Rule::invalid_structure, table_at_,
                          fmt::format("the relationship table has no row for '{}'", columns_[c].first));
    }
  }
}

bool Loader::finish(std::string* error) {
  mm_.index();
  resolve_types();
  resolve_relationship_types();
  resolve_properties();
  resolve_classifications();
  resolve_viewpoints();
  resolve_requirements();
  resolve_lifecycle();
  resolve_coverage();
  if (!have_table_) {
    diagnostics_.report(Rule::invalid_structure, SourceSpan{}, "the metamodel has no 'relationship-table'");
    *error = "the metamodel has no relationship table";
    return false;
  }
  resolve_table();
  if (!nesting_.empty()) {
    mm_.nesting = mm_.find_relationship(nesting_);
    if (mm_.nesting == kNoRelationship) {
      const auto ids = mm_.relationship_ids();
      diagnostics_.report(Rule::unknown_type, nesting_at_,
                          fmt::format("unknown relationship type '{}'{}", nesting_, did_you_mean(nesting_, ids)));
    }
  }
  if (!junction_.text.empty()) mm_.junction = type_index(junction_);
  // Inline verbs must not collide with the model format's own keys.
  for (const RelationshipType& rel : mm_.relationship_types) {
    for (std::string_view reserved : kElementKeys) {
      if (rel.verb == reserved) {
        diagnostics_.report(Rule::invalid_structure, SourceSpan{},
                            fmt::format("relationship verb '{}' is a reserved element key", rel.verb));
      }
    }
  }
  const bool ok =
      std::ranges::none_of(diagnostics_.items(), [](const Diagnostic& d) { return d.severity == Severity::error; });
  if (!ok) *error = "the metamodel has errors";
  return ok;
}

}  // namespace kaava::metamodel_detail
