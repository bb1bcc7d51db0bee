#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

/// missing-name (elements and views) and missing-description (elements;
/// a junction is a connector, drawn as a dot, and needs neither).
void check_names(const CheckContext& ctx, Diagnostics& out) {
  const auto elements = ctx.model.elements();
  for (std::uint32_t i = 0; i < elements.size(); ++i) {
    const Element& el = elements[i];
    if (ctx.model.first_with_id(i) != i) continue;  // a duplicate is reported as such
    if (ctx.metamodel.is_junction(el.type)) continue;
    if (el.name.empty() && !el.name.malformed && !el.name_misspelt) {
      out.report(Rule::missing_name, el.id_key_at, el.id_at, fmt::format("{} has no name", ctx.describe(el)), el.id);
    }
    if (el.description.empty() && !el.description.malformed && !el.description_misspelt) {
      out.report(Rule::missing_description, el.id_key_at, el.id_at,
                 fmt::format("{} has no description", ctx.describe(el)), el.id);
    }
  }
  for (const View& view : ctx.model.views()) {
    if (view.name.empty() && !view.name.malformed) {
      out.report(Rule::missing_name, view.id_key_at, view.id_at, fmt::format("view '{}' has no name", view.id));
    }
  }
}

}  // namespace kaava
