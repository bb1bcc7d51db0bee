#pragma once
/// `kaava impact`: what depends on an element, and what it depends on,
/// through the relationships that carry a dependency (the metamodel's
/// `dependent:` end of each relationship type: serving, realization, flow,
/// triggering, access, assignment, composition, aggregation and their
/// specializations, such as VET integrations). Each element is reached once,
/// by its shortest path from the start, as a tree.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava::analysis {

enum class ImpactDirection : std::uint8_t {
  in,    ///< what depends on the element: what a change to it affects
  out,   ///< what the element depends on
  both,  ///< both trees
};

struct ImpactNode {
  std::uint32_t element = 0;
  std::uint32_t parent = 0xFFFFFFFF;        ///< node index of the element it was reached from; none for the root
  std::uint32_t relationship = 0xFFFFFFFF;  ///< the relationship from the parent
  std::uint32_t depth = 0;                  ///< steps from the root
  std::vector<std::uint32_t> children;      ///< node indices, by element id
};

/// One tree: node 0 is the element itself, the rest in breadth-first order.
struct ImpactTree {
  bool dependents = true;  ///< what depends on the root (in), or what it depends on (out)
  std::vector<ImpactNode> nodes;
  /// Elements beyond the depth limit (at any distance) that were not taken in.
  std::size_t beyond_depth = 0;
};

struct ImpactRequest {
  std::uint32_t element = 0;
  std::uint32_t depth = 0;  ///< 0: no limit
  ImpactDirection direction = ImpactDirection::in;
};

struct Impact {
  std::uint32_t element = 0;
  std::uint32_t depth = 0;
  ImpactDirection direction = ImpactDirection::in;
  std::vector<ImpactTree> trees;  ///< in, out, or in then out
};

/// The elements one dependency step from `e`, with the relationship: those
/// that depend on it (`dependents`) or those it depends on.
template <typename Visit>
void dependency_steps(const Model& model, const Metamodel& mm, std::uint32_t e, bool dependents, Visit visit) {
  auto end_of = [&](const Relationship& rel) {
    return rel.type != kNoRelationship ? mm.relationship_types[rel.type].dependent : DependentEnd::none;
  };
  // e is the source: its target depends on it when the target is the
  // dependent end; e depends on the target when e's end is.
  for (std::uint32_t r : model.outgoing(e)) {
    const Relationship& rel = model.relationship(r);
    const DependentEnd end = end_of(rel);
    if (rel.target.index == kNone || end == DependentEnd::none) continue;
    if ((end == DependentEnd::target) == dependents) visit(rel.target.index, r);
  }
  for (std::uint32_t r : model.incoming(e)) {
    const Relationship& rel = model.relationship(r);
    const DependentEnd end = end_of(rel);
    if (rel.source.index == kNone || end == DependentEnd::none) continue;
    if ((end == DependentEnd::source) == dependents) visit(rel.source.index, r);
  }
}

Impact impact(const Model& model, const Metamodel& mm, const ImpactRequest& request);

/// The version of the JSON shape (docs/commands.md).
inline constexpr int kImpactJsonVersion = 1;

/// The answer as text (a tree), json or markdown (a nested list for a pull
/// request or a wiki), names in `language`.
std::string impact_output(const Workspace& ws, const Impact& impact, std::string_view format,
                          std::string_view language);

/// The elements of the answer, root first, each once (for drawing it).
std::vector<std::uint32_t> impact_elements(const Impact& impact);

/// The relationship types that carry a dependency (their ids), for a view
/// that draws only those.
std::vector<std::string_view> dependency_types(const Metamodel& mm);

}  // namespace kaava::analysis
