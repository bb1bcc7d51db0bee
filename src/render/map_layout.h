#pragma once
/// How a map (a capability map: boxes nested in boxes) is laid out.
/// Twins: where a view shows both an element and the element it
/// specializes (a provider's capability and the reference capability it
/// specializes), the map draws them as one box, the specializing one, and
/// what only the specialized one has goes inside it, marked. The boxes are
/// packed in rows (Graphviz's osage) of a number of columns chosen here.

#include <cstdint>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"
#include "views/view_content.h"

namespace kaava {

struct Twins {
  std::vector<std::uint32_t> stand_in;  ///< per element: the element drawn for it (itself when not merged)
  std::vector<std::uint32_t> twin;      ///< per element: the element it stands in for, or kNone
  std::vector<bool> adopted;            ///< per element: nested in a stand-in only because its parent was merged
  /// Per element: the other shown elements it specializes besides its
  /// twin, each named in its box rather than drawn as an arrow.
  std::vector<std::vector<std::uint32_t>> specializes;
  /// Per relationship of the content: said by a box's mark, so not drawn.
  std::vector<bool> marked;

  std::uint32_t drawn(std::uint32_t e) const { return stand_in.empty() ? e : stand_in[e]; }
};

/// Merges, in `content`, each shown element that a shown element
/// specializes (through `merge`, a relationship type) into that element:
/// it leaves `elements`, its children are nested in its stand-in, and its
/// relationships are drawn from and to the stand-in.
Twins merge_twins(const Model& model, const Metamodel& mm, RelationshipIndex merge, ViewContent& content);

/// In a map, a shown element that a shown element composes (`composes:`,
/// the metamodel's nesting relationship written as a relationship) and that
/// is nested in nothing shown is drawn inside it, like a `children:` child;
/// the composition is then nesting, not an edge.
void nest_compositions(const Model& model, const Metamodel& mm, ViewContent& content);

/// Columns of a box's children: boxes about twice as wide as tall, since a
/// name is wider than it is tall.
std::size_t map_columns(std::size_t children);

/// Columns of the top-level boxes (each given by its number of children,
/// 0 for a plain element): the number whose page, from the boxes'
/// estimated sizes, comes closest to landscape A4.
std::size_t page_columns(const std::vector<std::size_t>& children);

}  // namespace kaava
