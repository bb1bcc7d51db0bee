#include "render/map_layout.h"

#include <algorithm>
#include <cmath>

#include <cstdint>

namespace kaava {

std::size_t map_columns(std::size_t children) {
  return std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(std::sqrt(static_cast<double>(children) / 2))));
}

std::size_t page_columns(const std::vector<std::size_t>& children) {
  constexpr double k_node_w = 2.3, k_node_h = 0.8, k_label = 0.5, k_page = 1.41;
  if (children.empty()) return 1;
  double width = 0, height = 0;
  for (std::size_t kids : children) {
    const std::size_t cols = kids == 0 ? 1 : map_columns(kids);
    const std::size_t rows = kids == 0 ? 1 : (kids + cols - 1) / cols;
    width += static_cast<double>(cols) * k_node_w;
    height += static_cast<double>(rows) * k_node_h + (kids == 0 ? 0 : k_label);
  }
  const double n = static_cast<double>(children.size());
  const double w = width / n, h = height / n;
  std::size_t best = 1;
  double best_gap = 1e9;
  for (std::size_t c = 1; c <= children.size(); ++c) {
    const double rows = std::ceil(n / static_cast<double>(c));
    const double gap = std::abs(std::log((static_cast<double>(c) * w) / (rows * h) / k_page));
    if (gap < best_gap) {
      best_gap = gap;
      best = c;
    }
  }
  return best;
}

void nest_compositions(const Model& model, const Metamodel& mm, ViewContent& content) {
  if (mm.nesting == kNoRelationship) return;
  std::vector<std::size_t> at(model.elements().size(), SIZE_MAX);  // element -> index in content.elements
  for (std::size_t i = 0; i < content.elements.size(); ++i) at[content.elements[i]] = i;
  auto inside = [&](std::uint32_t e, std::uint32_t ancestor) {
    for (std::uint32_t p = e; p != kNone; p = content.parents[at[p]]) {
      if (p == ancestor) return true;
    }
    return false;
  };
  for (std::size_t k = 0; k < content.relationships.size(); ++k) {
    const Relationship& rel = model.relationship(content.relationships[k]);
    if (!mm.relationship_is_a(rel.type, mm.nesting) || content.nesting[k]) continue;
    const std::uint32_t parent = rel.source.index, child = rel.target.index;
    if (at[child] == SIZE_MAX || at[parent] == SIZE_MAX || content.parents[at[child]] != kNone) continue;
    if (inside(parent, child)) continue;  // a cycle: left as an edge
    content.parents[at[child]] = parent;
    content.nesting[k] = true;
  }
}

Twins merge_twins(const Model& model, const Metamodel& mm, RelationshipIndex merge, ViewContent& content) {
  Twins t;
  const std::size_t n = model.elements().size();
  t.stand_in.resize(n);
  for (std::uint32_t e = 0; e < n; ++e) t.stand_in[e] = e;
  t.twin.assign(n, kNone);
  t.adopted.assign(n, false);
  t.specializes.resize(n);
  t.marked.assign(content.relationships.size(), false);
  if (merge == kNoRelationship) return t;
  for (std::uint32_t r : content.relationships) {
    const Relationship& rel = model.relationship(r);
    if (!mm.relationship_is_a(rel.type, merge)) continue;
    const std::uint32_t a = rel.source.index, b = rel.target.index;
    // One twin each way: the first specialization written wins.
    if (a == b || t.stand_in[b] != b || t.twin[a] != kNone || t.twin[b] != kNone || t.stand_in[a] != a) continue;
    t.stand_in[b] = a;
    t.twin[a] = b;
  }
  // What specializes an element that another stands in for names it in
  // its box, rather than by an arrow across the map.
  for (std::size_t k = 0; k < content.relationships.size(); ++k) {
    const Relationship& rel = model.relationship(content.relationships[k]);
    if (!mm.relationship_is_a(rel.type, merge) || rel.source.index == rel.target.index) continue;
    const std::uint32_t a = t.stand_in[rel.source.index], b = rel.target.index;
    t.marked[k] = true;
    if (t.twin[a] == b || std::ranges::find(t.specializes[a], b) != t.specializes[a].end()) continue;
    t.specializes[a].push_back(b);
  }
  std::vector<std::uint32_t> elements, parents;
  for (std::size_t i = 0; i < content.elements.size(); ++i) {
    const std::uint32_t e = content.elements[i];
    if (t.stand_in[e] != e) {
      content.shown[e] = false;
      continue;
    }
    std::uint32_t p = content.parents[i];
    if (p != kNone && t.stand_in[p] != p) {
      t.adopted[e] = t.twin[e] == kNone;
      p = t.stand_in[p];
    }
    elements.push_back(e);
    parents.push_back(p);
  }
  content.elements = std::move(elements);
  content.parents = std::move(parents);
  return t;
}

}  // namespace kaava
