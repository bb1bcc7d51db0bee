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
    mm_.element_types[i].root = t;
    mm_.element_types[i].layer = mm_.element_types[t].layer;
  }

}

void Loader::resolve_properties() {
  // Property uses: common, then layer, then the base chain, then own.
  auto apply = [&](const PendingUses& uses, std::vector<PropertyUse>& out) {
    for (std::size_t k = 0; k < uses.uses.size(); ++k) {
      const auto& [id, required] = uses.uses[k];
      const std::int32_t def = mm_.find_property(id);
      if (def < 0) {
        std::vector<std::string_view> names;
        for (const PropertyDefinition& d : mm_.properties) names.push_back(d.id);
        diagnostics_.report(Rule::unknown_type, uses.at[k],
                            fmt::format("unknown property '{}'{}", id, did_you_mean(id, names)));
        continue;
      }
      auto it = std::ranges::find_if(out, [&](const PropertyUse& u) { return u.definition == def; });
      if (it != out.end()) {
        it->required = required;
      } else {
        out.push_back({static_cast<std::uint16_t>(def), required});
      }
    }
  };
  for (std::size_t i = 0; i < mm_.element_types.size(); ++i) {
    ElementType& type = mm_.element_types[i];
    if (type.root == kNoType) continue;
    std::vector<TypeIndex> chain;
    for (TypeIndex t = static_cast<TypeIndex>(i); t != kNoType; t = mm_.element_types[t].base) {
      chain.push_back(t);
    }
    std::vector<PropertyUse> uses;
    apply(common_uses_, uses);
    if (type.layer < layer_uses_.size()) apply(layer_uses_[type.layer], uses);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply(pending_types_[*it].uses, uses);
    type.properties = std::move(uses);
  }

}

void Loader::resolve_table() {
  const auto type_ids = mm_.type_ids();
  const std::size_t n = columns_.size();
  std::map<std::string_view, std::uint16_t> slot_of;
  for (std::size_t c = 0; c < n; ++c) {
    const auto& [id, at] = columns_[c];
    const TypeIndex t = mm_.find_type(id);
    if (id != k_relationship_pseudo_type && (t == kNoType || mm_.element_types[t].base != kNoType)) {
      diagnostics_.report(Rule::unknown_type, at,
                          fmt::format("column '{}' is not an element type without a base{}", id,
                                      did_you_mean(id, type_ids)));
      continue;
    }
    if (!slot_of.emplace(id, static_cast<std::uint16_t>(c)).second) {
      diagnostics_.report(Rule::duplicate_id, at, fmt::format("column '{}' appears twice", id));
    }
  }
  if (!slot_of.contains(k_relationship_pseudo_type)) {
    diagnostics_.report(Rule::invalid_structure, table_at_,
                        "the relationship table needs a 'relationship' column");
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
      diagnostics_.report(Rule::unknown_type, row.at,
                          fmt::format("row '{}' is not one of the table's columns{}", row.source,
                                      did_you_mean(row.source, type_ids)));
      continue;
    }
    row_seen[it->second] = true;
    if (row.cells.size() != n) {
      diagnostics_.report(Rule::invalid_structure, row.at,
                          fmt::format("row '{}' has {} cells; the table has {} columns", row.source,
                                      row.cells.size(), n));
      continue;
    }
    for (std::size_t c = 0; c < n; ++c) {
      std::uint32_t mask = 0;
      if (row.cells[c] != "-") {
        for (char code : row.cells[c]) {
          auto rel = std::ranges::find_if(mm_.relationship_types,
                                          [&](const RelationshipType& t) { return t.code == code; });
          if (rel == mm_.relationship_types.end()) {
            diagnostics_.report(Rule::unknown_type, row.at,
                                fmt::format("row '{}', column '{}': no relationship type has code '{}'",
                                            row.source, columns_[c].first, code));
            continue;
          }
          mask |= 1U << (rel - mm_.relationship_types.begin());
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
  resolve_properties();
  if (!have_table_) {
    diagnostics_.report(Rule::invalid_structure, SourceSpan{},
                        "the metamodel has no 'relationship-table'");
    *error = "the metamodel has no relationship table";
    return false;
  }
  resolve_table();
  if (!nesting_.empty()) {
    mm_.nesting = mm_.find_relationship(nesting_);
    if (mm_.nesting == kNoRelationship) {
      const auto ids = mm_.relationship_ids();
      diagnostics_.report(Rule::unknown_type, nesting_at_,
                          fmt::format("unknown relationship type '{}'{}", nesting_,
                                      did_you_mean(nesting_, ids)));
    }
  }
  // Inline verbs must not collide with the model format's own keys.
  for (const RelationshipType& rel : mm_.relationship_types) {
    for (std::string_view reserved : {"id", "type", "name", "description", "properties", "tags", "children"}) {
      if (rel.verb == reserved) {
        diagnostics_.report(Rule::invalid_structure, SourceSpan{},
                            fmt::format("relationship verb '{}' is a reserved element key", rel.verb));
      }
    }
  }
  const bool ok = std::ranges::none_of(diagnostics_.items(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  });
  if (!ok) *error = "the metamodel has errors";
  return ok;
}

}  // namespace kaava::metamodel_detail
