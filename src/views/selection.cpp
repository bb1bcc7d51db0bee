#include "views/selection.h"

#include <algorithm>
#include <deque>

#include <fmt/format.h>

#include "util/edit_distance.h"

namespace kaava {

bool type_matches(const Metamodel& mm, TypeIndex type, std::string_view pattern) {
  for (std::size_t steps = 0; type != kNoType && steps <= mm.element_types.size(); ++steps) {
    if (glob_match(pattern, mm.element_types[type].id)) return true;
    type = mm.element_types[type].base;
  }
  return false;
}

bool has_element_patterns(const Selector& s) {
  return !s.types.empty() || !s.layers.empty() || !s.tags.empty() || !s.ids.empty();
}

bool pattern_picks(const Metamodel& mm, const Element& el, const Selector& s) {
  for (const Pattern& p : s.ids) {
    if (glob_match(p.text, el.id)) return true;
  }
  if (el.type == kNoType) return false;
  for (const Pattern& p : s.types) {
    if (type_matches(mm, el.type, p.text)) return true;
  }
  for (const Pattern& p : s.layers) {
    if (glob_match(p.text, mm.layers[mm.element_types[el.type].layer].id)) return true;
  }
  for (const Pattern& p : s.tags) {
    for (std::string_view tag : el.tags) {
      if (glob_match(p.text, tag)) return true;
    }
  }
  return false;
}

bool relationship_picked(const Metamodel& mm, const Relationship& r, const Selector& selector) {
  if (r.type >= mm.relationship_types.size()) return false;
  const RelationshipType& t = mm.relationship_types[r.type];
  return std::ranges::any_of(selector.relationships,
                             [&](const Pattern& p) { return glob_match(p.text, t.id) || glob_match(p.text, t.verb); });
}

bool relationship_selected(const Metamodel& mm, const Relationship& r, const View& view) {
  if (!view.include.relationships.empty() && !relationship_picked(mm, r, view.include)) return false;
  return !relationship_picked(mm, r, view.exclude);
}

namespace {

/// Elements within `depth` relationships of `focus`, following the view's
/// direction and the relationships it selects. What the view excludes is
/// not there at all: the walk neither stops at an excluded element nor
/// goes on through it, and does not follow an excluded relationship.
std::vector<bool> neighbourhood(const Model& model, const Metamodel& mm, const View& view, std::uint32_t focus) {
  const std::size_t n = model.elements().size();
  std::vector<bool> in(n, false);
  std::vector<std::uint32_t> level(n, 0);
  if (pattern_picks(mm, model.element(focus), view.exclude)) return in;
  std::deque<std::uint32_t> queue{focus};
  in[focus] = true;
  auto visit = [&](std::uint32_t from, std::uint32_t to) {
    if (to == kNone || in[to] || pattern_picks(mm, model.element(to), view.exclude)) return;
    in[to] = true;
    level[to] = level[from] + 1;
    queue.push_back(to);
  };
  // An element of another owner (or a national service, which has a
  // provider) is shown, but the walk does not go on through it: a hub like
  // KOSKI would otherwise pull in every system it serves.
  auto value = [&](std::uint32_t e, std::string_view key) { return model.element(e).property_value(key); };
  auto boundary = [&](std::uint32_t e) {
    if (e == focus || view.expand_all || pattern_picks(mm, model.element(e), view.expand_through)) return false;
    return std::ranges::any_of(mm.focus_boundary, [&](const std::string& key) {
      const std::string_view v = value(e, key);
      return !v.empty() && v != value(focus, key);
    });
  };
  while (!queue.empty()) {
    const std::uint32_t e = queue.front();
    queue.pop_front();
    if (level[e] >= view.depth || boundary(e)) continue;
    if (view.direction != Direction::in) {
      for (std::uint32_t r : model.outgoing(e)) {
        if (relationship_selected(mm, model.relationship(r), view)) visit(e, model.relationship(r).target.index);
      }
    }
    if (view.direction != Direction::out) {
      for (std::uint32_t r : model.incoming(e)) {
        if (relationship_selected(mm, model.relationship(r), view)) visit(e, model.relationship(r).source.index);
      }
    }
  }
  return in;
}

}  // namespace

std::vector<std::uint32_t> select_elements(const Model& model, const Metamodel& mm, const View& view) {
  const std::size_t n = model.elements().size();
  std::vector<bool> in;
  if (!view.focus.text.empty()) {
    const std::uint32_t focus = model.find(view.focus.text);
    if (focus == kNone) return {};
    in = neighbourhood(model, mm, view, focus);
  }
  const bool narrowed = has_element_patterns(view.include);
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!in.empty() && !in[i]) continue;
    const Element& el = model.element(i);
    if (model.first_with_id(i) != i) continue;  // duplicates show once
    if (narrowed && !pattern_picks(mm, el, view.include)) continue;
    if (pattern_picks(mm, el, view.exclude)) continue;
    out.push_back(i);
  }
  return out;
}

std::vector<std::uint32_t> shown_elements(const Model& model, const Metamodel& mm, const View& view) {
  std::vector<std::uint32_t> out = select_elements(model, mm, view);
  const std::int32_t vp = mm.find_viewpoint(view.viewpoint.text);
  // Without patterns of its own the view shows what its viewpoint shows.
  if (vp >= 0 && !has_element_patterns(view.include)) {
    const Viewpoint& viewpoint = mm.viewpoints[static_cast<std::size_t>(vp)];
    std::erase_if(out, [&](std::uint32_t e) {
      const TypeIndex t = model.element(e).type;
      return t != kNoType && !viewpoint.allows(t);
    });
  }
  return out;
}

std::string unknown_colour_property(const Model& model, const Metamodel& mm, std::string_view property) {
  if (mm.find_property(property) >= 0) return {};
  if (mm.coverage.defined() && property == mm.coverage.property.id) return {};
  std::vector<std::string_view> known;
  for (const PropertyDefinition& p : mm.properties) known.push_back(p.id);
  for (const Element& e : model.elements()) {
    for (const Property& p : e.properties) {
      if (p.key == property) return {};
      known.push_back(p.key);
    }
  }
  std::ranges::sort(known);
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return fmt::format("'{}' is not a property that the metamodel defines or that any element has{}", property,
                     did_you_mean(property, known));
}

}  // namespace kaava
