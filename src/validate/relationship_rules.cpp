#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

/// relationship-not-allowed: the metamodel's table does not allow this
/// relationship type between the two element types.
void check_relationship_rules(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  for (const Relationship& rel : ctx.model.relationships()) {
    if (rel.source.index == kNone || rel.target.index == kNone) continue;
    const Element& source = ctx.model.element(rel.source.index);
    const Element& target = ctx.model.element(rel.target.index);
    if (source.type == kNoType || target.type == kNoType) continue;
    if (mm.is_allowed(source.type, rel.type, target.type)) continue;

    // Name relationships the way they were written: verbs inline, types
    // in `relationships:`.
    const bool verbs = rel.origin != RelationshipOrigin::declared;
    auto name = [&](std::size_t i) -> std::string_view {
      return verbs ? mm.relationship_types[i].verb : mm.relationship_types[i].id;
    };
    std::vector<std::string_view> allowed;
    const RelationshipMask mask = mm.allowed(source.type, target.type);
    for (std::size_t i = 0; i < mm.relationship_types.size(); ++i) {
      if (mm.allows(mask, static_cast<RelationshipIndex>(i))) allowed.push_back(name(i));
    }
    const std::string_view source_type = mm.element_types[source.type].id;
    const std::string_view target_type = mm.element_types[target.type].id;
    const std::string how =
        fmt::format("{} '{}' {} {} '{}'{} is not allowed", source_type, source.id, name(rel.type), target_type,
                    target.id, rel.origin == RelationshipOrigin::nesting ? " (as a child)" : "");
    const std::string allowed_text =
        allowed.empty() ? fmt::format("no relationship is allowed from {} to {}", source_type, target_type)
                        : fmt::format("allowed from {} to {}: {}", source_type, target_type, fmt::join(allowed, ", "));
    out.report(Rule::relationship_not_allowed, rel.at, rel.mark, fmt::format("{}; {}", how, allowed_text), source.id);
  }
}

}  // namespace kaava
