#include "views/view_content.h"

#include "views/selection.h"

namespace kaava {

ViewContent resolve_view(const Model& model, const Metamodel& mm, const View& view) {
  ViewContent c;
  c.elements = shown_elements(model, mm, view);
  c.shown.assign(model.elements().size(), false);
  for (std::uint32_t e : c.elements) c.shown[e] = true;
  // Nesting: the nearest shown ancestor, so a capability map that leaves
  // out a level still nests what is below it.
  std::vector<std::uint32_t> parent_of(model.elements().size(), kNone);
  c.parents.reserve(c.elements.size());
  for (std::uint32_t e : c.elements) {
    std::uint32_t p = model.element(e).parent;
    for (std::size_t steps = 0; p != kNone && !c.shown[p] && steps < model.elements().size(); ++steps) {
      p = model.element(p).parent;
    }
    c.parents.push_back(p);
    parent_of[e] = p;
  }
  auto inside = [&](std::uint32_t inner, std::uint32_t outer) {
    for (std::uint32_t p = parent_of[inner]; p != kNone; p = parent_of[p]) {
      if (p == outer) return true;
    }
    return false;
  };
  const auto relationships = model.relationships();
  for (std::uint32_t i = 0; i < relationships.size(); ++i) {
    const Relationship& r = relationships[i];
    if (r.source.index == kNone || r.target.index == kNone || !c.shown[r.source.index] || !c.shown[r.target.index]) {
      continue;
    }
    if (!relationship_selected(mm, r, view)) continue;
    c.relationships.push_back(i);
    c.nesting.push_back(inside(r.target.index, r.source.index) || inside(r.source.index, r.target.index));
  }
  if (!view.focus.text.empty()) c.focus = model.find(view.focus.text);
  return c;
}

}  // namespace kaava
