#include <algorithm>

#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

namespace {

std::string_view lifecycle_of(const Element& el, std::string_view property) {
  const auto it = std::ranges::find_if(el.properties, [&](const Property& p) { return p.key == property; });
  return it == el.properties.end() ? std::string_view() : it->value;
}

bool contains(const std::vector<std::string>& values, std::string_view v) {
  return !v.empty() && std::ranges::find(values, v) != values.end();
}

}  // namespace

/// lifecycle-conflict: an element still in use (e.g. active) depends on one
/// whose lifecycle has ended (retired). Which property and values count,
/// and which end of each relationship depends on the other, is metamodel
/// data (`lifecycle:`).
void check_lifecycles(const CheckContext& ctx, Diagnostics& out) {
  const LifecycleRule& rule = ctx.metamodel.lifecycle;
  if (rule.property < 0) return;
  const std::string& property = ctx.metamodel.properties[static_cast<std::size_t>(rule.property)].id;
  // Each element's lifecycle once (in use, ended, neither), not once per relationship.
  constexpr std::uint8_t in_use = 1, ended = 2;
  std::vector<std::uint8_t> stage(ctx.model.elements().size(), 0);
  for (std::size_t e = 0; e < stage.size(); ++e) {
    const std::string_view value = lifecycle_of(ctx.model.element(static_cast<std::uint32_t>(e)), property);
    stage[e] = static_cast<std::uint8_t>((contains(rule.in_use, value) ? in_use : 0) |
                                         (contains(rule.ended, value) ? ended : 0));
  }
  for (const Relationship& rel : ctx.model.relationships()) {
    if (rel.source.index == kNone || rel.target.index == kNone || rel.type >= rule.dependent.size()) continue;
    const LifecycleRule::Dependent side = rule.dependent[rel.type];
    if (side == LifecycleRule::Dependent::none) continue;
    const bool source_depends = side == LifecycleRule::Dependent::source;
    if ((stage[source_depends ? rel.source.index : rel.target.index] & in_use) == 0 ||
        (stage[source_depends ? rel.target.index : rel.source.index] & ended) == 0) {
      continue;
    }
    const Element& source = ctx.model.element(rel.source.index);
    const Element& target = ctx.model.element(rel.target.index);
    const Element& dependent = side == LifecycleRule::Dependent::source ? source : target;
    const Element& dependency = side == LifecycleRule::Dependent::source ? target : source;
    const std::string_view user = lifecycle_of(dependent, property);
    const std::string_view used = lifecycle_of(dependency, property);
    const RelationshipType& type = ctx.metamodel.relationship_types[rel.type];
    out.report(Rule::lifecycle_conflict, rel.at, rel.mark,
               fmt::format("{} ({}: {}) depends on {} ({}: {}) through '{}' {} '{}'", ctx.describe(dependent), property,
                           user, ctx.describe(dependency), property, used, source.id, type.verb, target.id),
               source.id);
  }
}

}  // namespace kaava
