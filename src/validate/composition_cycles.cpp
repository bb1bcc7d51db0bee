#include <string>

#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

/// composition-cycle: elements that compose each other round in a circle
/// (through `children:` nesting or the composition verb). Each cycle is
/// reported once, at the relationship that closes it.
void check_composition_cycles(const CheckContext& ctx, Diagnostics& out) {
  const RelationshipIndex composition = ctx.metamodel.nesting;
  if (composition == kNoRelationship) return;
  const auto rels = ctx.model.relationships();
  const std::size_t n = ctx.model.elements().size();
  auto is_composition = [&](const Relationship& r) {
    return r.source.index != kNone && r.target.index != kNone && ctx.metamodel.relationship_is_a(r.type, composition);
  };

  // Outgoing composition edges per element, as compressed rows.
  std::vector<std::uint32_t> start(n + 1, 0);
  for (const Relationship& r : rels) {
    if (is_composition(r)) ++start[r.source.index + 1];
  }
  for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
  std::vector<std::uint32_t> edges(start[n]);  // relationship indices
  {
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::uint32_t k = 0; k < rels.size(); ++k) {
      const Relationship& r = rels[k];
      if (is_composition(r)) edges[fill[r.source.index]++] = k;
    }
  }

  enum : std::uint8_t { white, grey, black };
  std::vector<std::uint8_t> colour(n, white);
  struct Frame {
    std::uint32_t element;
    std::uint32_t next;         // next edge to follow
    std::uint32_t via = kNone;  // the relationship that led here
  };
  std::vector<Frame> stack;
  const std::string_view verb = ctx.metamodel.relationship_types[composition].verb;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (colour[root] != white || start[root] == start[root + 1]) continue;
    stack.push_back({root, start[root]});
    colour[root] = grey;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next == start[f.element + 1]) {
        colour[f.element] = black;
        stack.pop_back();
        continue;
      }
      const Relationship& r = rels[edges[f.next++]];
      const std::uint32_t to = r.target.index;
      if (colour[to] == white) {
        colour[to] = grey;
        stack.push_back({to, start[to], static_cast<std::uint32_t>(&r - rels.data())});
      } else if (colour[to] == grey) {
        // The cycle runs from `to` on the stack up to here, then back.
        std::size_t first = stack.size() - 1;
        while (stack[first].element != to) --first;
        std::string path;
        const std::size_t shown = std::min<std::size_t>(stack.size() - first, 12);
        for (std::size_t k = first; k < first + shown; ++k) {
          path += fmt::format("'{}' {} ", ctx.model.element(stack[k].element).id, verb);
        }
        if (first + shown < stack.size()) path += "... ";
        path += fmt::format("'{}'", ctx.model.element(to).id);
        const Element& source = ctx.model.element(r.source.index);
        out.report(Rule::composition_cycle, r.at, r.mark,
                   fmt::format("composition cycle: {}; an element cannot be part of itself", path), source.id);
      }
    }
  }
}

}  // namespace kaava
