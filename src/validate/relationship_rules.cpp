#include <unordered_map>

#include <fmt/format.h>

#include "util/edit_distance.h"
#include "validate/check.h"

namespace kaava {

/// relationship-not-allowed: the metamodel's table does not allow this
/// relationship type between the two element types.
void check_relationship_rules(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  // An element of an unknown type is checked as the closest known type
  // (its unknown-type finding says so), so a typo hides nothing else.
  std::unordered_map<std::uint32_t, TypeIndex> guessed;
  auto type_of = [&](std::uint32_t index) -> TypeIndex {
    const Element& e = ctx.model.element(index);
    if (e.type != kNoType) return e.type;
    auto [it, added] = guessed.try_emplace(index, kNoType);
    if (added) it->second = mm.closest_type(e.type_name);
    return it->second;
  };
  for (const Relationship& rel : ctx.model.relationships()) {
    // An end that is a relationship: the table's "relationship" row and column.
    if (rel.type != kNoRelationship && (rel.source.relationship != kNone || rel.target.relationship != kNone)) {
      const bool from_element = rel.source.index != kNone, to_element = rel.target.index != kNone;
      const TypeIndex element = from_element ? type_of(rel.source.index) : to_element ? type_of(rel.target.index) : kNoType;
      const RelationshipMask mask = from_element ? mm.allowed_to_relationship(element)
                                    : to_element ? mm.allowed_from_relationship(element)
                                                 : RelationshipMask{0};
      if ((from_element || to_element) && element == kNoType) continue;
      if (mm.allows(mask, rel.type)) continue;
      std::vector<std::string_view> allowed;
      for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
        if (mm.allows(mask, static_cast<RelationshipIndex>(i))) allowed.push_back(mm.relationship_types[i].id);
      }
      const std::string between = from_element   ? fmt::format("from {} '{}' to a relationship", mm.element_types[element].id, rel.source.id)
                                  : to_element ? fmt::format("from a relationship to {} '{}'", mm.element_types[element].id, rel.target.id)
                                               : std::string("between two relationships");
      out.report(Rule::relationship_not_allowed, rel.at, rel.mark,
                 fmt::format("{} '{}' {} is not allowed{}", mm.relationship_types[rel.type].id, rel.id, between,
                             allowed.empty() ? std::string("; none is")
                                             : fmt::format("; allowed: {}", fmt::join(allowed, ", "))),
                 rel.source.id);
      continue;
    }
    if (rel.source.index == kNone || rel.target.index == kNone) continue;
    const Element& source = ctx.model.element(rel.source.index);
    const Element& target = ctx.model.element(rel.target.index);
    const TypeIndex source_index = type_of(rel.source.index);
    const TypeIndex target_index = type_of(rel.target.index);
    if (source_index == kNoType || target_index == kNoType) continue;
    if (mm.is_allowed(source_index, rel.type, target_index)) continue;

    // Relationships are named by their verbs, as they read inline; the
    // `relationships:` form adds the type it writes.
    const bool declared = rel.origin == RelationshipOrigin::declared;
    auto name = [&](std::size_t i) -> std::string {
      const RelationshipType& t = mm.relationship_types[i];
      return declared ? fmt::format("{} ({})", t.verb, t.id) : t.verb;
    };
    std::vector<std::string> allowed;
    const RelationshipMask mask = mm.allowed(source_index, target_index);
    for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
      if (mm.allows(mask, static_cast<RelationshipIndex>(i))) allowed.push_back(name(i));
    }
    const std::string_view source_type = mm.element_types[source_index].id;
    const std::string_view target_type = mm.element_types[target_index].id;
    const std::string_view verb = mm.relationship_types[rel.type].verb;
    std::string text =
        fmt::format("{} '{}' {} {} '{}'{} is not allowed", source_type, source.id, name(rel.type), target_type,
                    target.id, rel.origin == RelationshipOrigin::nesting ? " (as a child)" : "");
    text += allowed.empty()
                ? fmt::format("; no relationship is allowed from {} to {}", source_type, target_type)
                : fmt::format("; allowed from {} to {}: {}", source_type, target_type, fmt::join(allowed, ", "));
    if (mm.is_allowed(target_index, rel.type, source_index)) {
      text += fmt::format("; the reverse, {} '{}' {} {} '{}', is allowed", target_type, target.id, verb, source_type,
                          source.id);
    }
    for (const Element* e : {&source, &target}) {
      if (e->type == kNoType) {
        text += fmt::format(" (reading '{}' as {}, the closest type)", e->id,
                            mm.element_types[type_of(e == &source ? rel.source.index : rel.target.index)].id);
      }
    }
    out.report(Rule::relationship_not_allowed, rel.at, rel.mark, text, source.id);
  }
}

}  // namespace kaava
