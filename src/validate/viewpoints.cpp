#include <fmt/format.h>

#include "validate/check.h"
#include "views/selection.h"

namespace kaava {

/// viewpoint-mismatch: a view that names elements (by type, layer, tag or
/// id) that its viewpoint does not show. Without such patterns the
/// viewpoint itself chooses what the view shows, so nothing can mismatch.
void check_viewpoints(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  for (const View& view : ctx.model.views()) {
    if (ctx.files[view.at.file].imported || view.viewpoint.text.empty()) continue;
    const std::int32_t vp_index = mm.find_viewpoint(view.viewpoint.text);
    if (vp_index < 0) continue;  // unknown-type reports it
    const Viewpoint& vp = mm.viewpoints[static_cast<std::size_t>(vp_index)];
    if (vp.shows.empty() || !has_element_patterns(view.include)) continue;
    std::vector<std::string> shown;
    std::size_t count = 0;
    for (std::uint32_t i : select_elements(ctx.model, mm, view)) {
      const Element& el = ctx.model.element(i);
      if (el.type == kNoType || vp.allows(el.type)) continue;
      if (++count <= 5) shown.push_back(ctx.describe(el));
    }
    if (count == 0) continue;
    std::vector<std::string_view> allowed;
    for (std::size_t t = 0; t < mm.element_types.size(); ++t) {
      if (vp.shows[t] && mm.element_types[t].base == kNoType) allowed.push_back(mm.element_types[t].id);
    }
    out.report(Rule::viewpoint_mismatch, view.viewpoint.at, view.viewpoint.mark,
               fmt::format("view '{}' includes {} {} that viewpoint '{}' does not show: {}{}; it shows {} (and "
                           "their specializations)",
                           view.id, count, count == 1 ? "element" : "elements", vp.id, fmt::join(shown, ", "),
                           count > shown.size() ? ", ..." : "", fmt::join(allowed, ", ")));
  }
}

}  // namespace kaava
