#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "util/text.h"
#include "validate/check.h"

namespace kaava {

/// possible-duplicate: two elements of the same type whose names are the
/// same once case and accents are ignored and runs of spaces or
/// punctuation count as one space ("KOSKI" and "Koski", "Oppimisympäristö"
/// and "oppimisymparisto" match; "opiskelijahallinto" and
/// "opiskelija-hallinto" do not). Elements related to each
/// other directly are not reported.
void check_possible_duplicates(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  // Elements related to each other directly (one specializes or realizes
  // the other, say) are meant to be two.
  std::set<std::pair<std::uint32_t, std::uint32_t>> related;
  for (const Relationship& r : ctx.model.relationships()) {
    if (r.source.index == kNone || r.target.index == kNone) continue;
    related.emplace(std::min(r.source.index, r.target.index), std::max(r.source.index, r.target.index));
  }
  const std::string_view language = ctx.config.default_language();
  std::map<std::pair<TypeIndex, std::string>, std::uint32_t> first;
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (el.type == kNoType || el.name.empty() || ctx.model.find(el.id) != i) continue;
    std::string key = fold_for_comparison(el.name.get(language));
    if (key.empty()) continue;
    auto [it, inserted] = first.try_emplace({el.type, std::move(key)}, i);
    if (inserted || ctx.imported(el)) continue;
    if (related.contains({std::min(it->second, i), std::max(it->second, i)})) continue;
    const Element& other = elements[it->second];
    out.report(Rule::possible_duplicate, el.name.key_at, el.name.at,
               fmt::format("{} and '{}' ({}) have the same name '{}'; the same thing twice?", ctx.describe(el),
                           other.id, ctx.where(other.name.key_at), el.name.get(language)),
               el.id)
        .notes.push_back({other.name.key_at, other.name.at, "the other one"});
  }
}

/// duplicate-relationship: the same relationship written twice: same type,
/// same ends, the same name and the same attributes (two flows with
/// different names between the same systems are two flows, an access that
/// reads and one that writes are two accesses).
void check_duplicate_relationships(const CheckContext& ctx, Diagnostics& out) {
  const std::string_view language = ctx.config.default_language();
  const auto rels = ctx.model.relationships();
  using Key = std::tuple<RelationshipIndex, std::uint32_t, std::uint32_t, std::string_view, std::string>;
  std::map<Key, std::uint32_t> first;
  for (std::uint32_t k = 0; k < rels.size(); ++k) {
    const Relationship& r = rels[k];
    if (r.source.index == kNone || r.target.index == kNone) continue;
    std::string attributes;  // as they read with their defaults
    for (const PropertyDefinition& a : ctx.metamodel.relationship_types[r.type].attributes) {
      attributes += fmt::format("{}={};", a.id, r.attribute(a.id, a.default_value));
    }
    auto [it, inserted] =
        first.try_emplace({r.type, r.source.index, r.target.index, r.name.get(language), std::move(attributes)}, k);
    if (inserted || ctx.files[r.at.file].imported) continue;
    const Relationship& other = rels[it->second];
    const RelationshipType& type = ctx.metamodel.relationship_types[r.type];
    out.report(Rule::duplicate_relationship, r.at, r.mark,
               fmt::format("'{}' {} '{}' is written twice (also at {})", r.source.id, type.verb, r.target.id,
                           ctx.where(other.at)),
               r.source.id)
        .notes.push_back({other.at, {}, "written here too"});
  }
}

}  // namespace kaava
