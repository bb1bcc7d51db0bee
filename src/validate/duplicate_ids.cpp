#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

/// duplicate-id: the second (and later) element or view with an id, and a
/// relationship id that another relationship or an element already has
/// (elements and relationships share one namespace), with the place of the
/// first in the message.
void check_duplicate_ids(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    const std::uint32_t first = ctx.model.first_with_id(i);
    if (first == i || first == kNone) continue;
    // Redefining an element of an imported namespace is reserved-id's.
    if (ctx.imported(elements[first]) && !ctx.imported(el) &&
        std::ranges::any_of(ctx.reserved, [&](const ReservedNamespace& r) {
          return el.id.starts_with(r.id_namespace) && el.id.size() > r.id_namespace.size() &&
                 el.id[r.id_namespace.size()] == '.';
        })) {
      continue;
    }
    out.report(
           Rule::duplicate_id, el.id_key_at, el.id_at,
           fmt::format("duplicate element id '{}' (first defined at {})", el.id, ctx.where(elements[first].id_key_at)),
           el.id)
        .notes.push_back({elements[first].id_key_at, elements[first].id_at, "first defined here"});
  }
  const auto relationships = ctx.model.relationships();
  for (std::uint32_t i = 0; i < relationships.size(); ++i) {
    const Relationship& rel = relationships[i];
    if (!rel.id_written) continue;
    const std::uint32_t element = ctx.model.find(rel.id);
    const std::uint32_t first = ctx.model.find_relationship(rel.id);
    SourceSpan before;
    std::string what;
    if (element != kNone) {
      before = elements[element].id_key_at;
      what = "an element";
    } else if (first != i && first != kNone) {
      before = relationships[first].id_at;
      what = "another relationship";
    } else {
      continue;
    }
    out.report(Rule::duplicate_id, rel.id_at,
               fmt::format("duplicate id '{}': {} has it (first defined at {}); elements and relationships share "
                           "one namespace of ids",
                           rel.id, what, ctx.where(before)),
               rel.source.id)
        .notes.push_back({before, {}, "first defined here"});
  }
  std::unordered_map<std::string_view, const View*> views;
  for (const View& view : ctx.model.views()) {
    auto [it, inserted] = views.emplace(view.id, &view);
    if (inserted) continue;
    out.report(Rule::duplicate_id, view.id_key_at, view.id_at,
               fmt::format("duplicate view id '{}' (first defined at {})", view.id, ctx.where(it->second->id_key_at)))
        .notes.push_back({it->second->id_key_at, it->second->id_at, "first defined here"});
  }
}

}  // namespace kaava
