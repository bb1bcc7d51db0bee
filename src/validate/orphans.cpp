#include <fmt/format.h>

#include "util/edit_distance.h"
#include "validate/check.h"

namespace kaava {

namespace {

/// Guessing costs a scan of every id, so only the first dangling ends get one.
constexpr std::size_t k_max_guesses = 200;

}  // namespace

/// orphan-element: an element that is neither the source nor the target
/// of any relationship (nesting counts).
void check_orphans(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  std::vector<bool> connected(elements.size(), false);
  for (const Relationship& r : ctx.model.relationships()) {
    if (r.source.index != kNone) connected[r.source.index] = true;
    if (r.target.index != kNone) connected[r.target.index] = true;
  }
  // An element that a dangling reference most likely means (its id is
  // misspelt there, or here) is not also reported as alone.
  std::vector<std::string_view> ids;
  std::size_t guesses = 0;
  for (const Relationship& r : ctx.model.relationships()) {
    for (const Reference* end : {&r.source, &r.target}) {
      if (end->index != kNone || guesses++ >= suggestion_budget(elements.size(), k_max_guesses)) continue;
      if (ids.empty()) {
        for (const Element& el : elements) ids.push_back(el.id);
      }
      if (const std::string_view meant = closest_match(end->id, ids); !meant.empty()) {
        connected[ctx.model.find(meant)] = true;
      }
    }
  }
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (connected[i] || el.type == kNoType || ctx.model.first_with_id(i) != i) continue;
    // Its relationships are under a misspelt key, or it is named by one: that finding says it.
    if (el.relationship_misspelt || ctx.model.mentioned_by_misspelt_key(el.id)) continue;
    out.report(Rule::orphan_element, el.id_key_at, el.id_at,
               fmt::format("{} takes part in no relationship", ctx.describe(el)), el.id);
  }
}

}  // namespace kaava
