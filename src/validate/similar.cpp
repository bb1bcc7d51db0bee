#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

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
  // the other, say) are meant to be two; asked only of the few pairs found.
  auto related = [&](std::uint32_t a, std::uint32_t b) {
    auto links = [&](std::uint32_t from, std::uint32_t to) {
      return std::ranges::any_of(ctx.model.outgoing(from),
                                 [&](std::uint32_t r) { return ctx.model.relationship(r).target.index == to; });
    };
    return links(a, b) || links(b, a);
  };
  const std::string_view language = ctx.config.default_language();
  // By type and folded name; the type is the key's first bytes.
  std::unordered_map<std::string, std::uint32_t> first;
  first.reserve(elements.size());
  std::string key;
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (el.type == kNoType || el.name.empty() || ctx.model.first_with_id(i) != i) continue;
    const std::string folded = fold_for_comparison(el.name.get(language));
    if (folded.empty()) continue;
    key.assign(reinterpret_cast<const char*>(&el.type), sizeof el.type);
    key += folded;
    auto [it, inserted] = first.try_emplace(key, i);
    if (inserted || ctx.imported(el)) continue;
    if (related(it->second, i)) continue;
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
  // Two relationships alike have one source: each element's outgoing ones
  // (few), in model order, against the earlier ones.
  auto alike = [&](const Relationship& a, const Relationship& b) {
    if (a.type != b.type || a.target.index != b.target.index || a.name.get(language) != b.name.get(language)) {
      return false;
    }
    // The attributes as they read with their defaults.
    return std::ranges::all_of(ctx.metamodel.relationship_types[a.type].attributes, [&](const PropertyDefinition& d) {
      return a.attribute(d.id, d.default_value) == b.attribute(d.id, d.default_value);
    });
  };
  auto report_duplicate = [&](const Relationship& r, const Relationship& other) {
    const RelationshipType& type = ctx.metamodel.relationship_types[r.type];
    out.report(Rule::duplicate_relationship, r.at, r.mark,
               fmt::format("'{}' {} '{}' is written twice (also at {})", r.source.id, type.verb, r.target.id,
                           ctx.where(other.at)),
               r.source.id)
        .notes.push_back({other.at, {}, "written here too"});
  };
  std::vector<std::uint32_t> outs;
  for (std::uint32_t e = 0; e < ctx.model.elements().size(); ++e) {
    outs.clear();
    for (std::uint32_t k : ctx.model.outgoing(e)) {
      if (rels[k].source.index == e && rels[k].target.index != kNone) outs.push_back(k);
    }
    if (outs.size() < 2) continue;
    // By type and target (stable: model order within), so only neighbours are compared.
    std::ranges::stable_sort(outs, [&](std::uint32_t a, std::uint32_t b) {
      return std::pair(rels[a].type, rels[a].target.index) < std::pair(rels[b].type, rels[b].target.index);
    });
    for (std::size_t i = 1; i < outs.size(); ++i) {
      const Relationship& r = rels[outs[i]];
      if (ctx.files[r.at.file].imported) continue;
      std::size_t j = i;
      while (j > 0 && rels[outs[j - 1]].type == r.type && rels[outs[j - 1]].target.index == r.target.index) --j;
      std::uint32_t earlier = kNone;
      for (; j < i && earlier == kNone; ++j) {
        if (alike(rels[outs[j]], r)) earlier = outs[j];
      }
      if (earlier == kNone) continue;
      report_duplicate(r, rels[earlier]);
    }
  }
}

}  // namespace kaava
