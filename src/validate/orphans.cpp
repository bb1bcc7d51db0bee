#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

/// orphan-element: an element that is neither the source nor the target
/// of any relationship (nesting counts).
void check_orphans(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  std::vector<bool> connected(elements.size(), false);
  for (const Relationship& r : ctx.model.relationships()) {
    if (r.source.index != kNone) connected[r.source.index] = true;
    if (r.target.index != kNone) connected[r.target.index] = true;
  }
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (connected[i] || el.type == kNoType || ctx.model.find(el.id) != i) continue;
    out.report(Rule::orphan_element, el.id_key_at, el.id_at,
               fmt::format("{} takes part in no relationship", ctx.describe(el)), el.id);
  }
}

}  // namespace kaava
