#pragma once
/// The legend of a drawn view: the element types and relationship lines it
/// uses, and the colours of a --color-by property, as a Graphviz HTML table.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metamodel/metamodel.h"
#include "render/notation.h"

namespace kaava {

struct LegendContent {
  std::set<TypeIndex> types;
  /// Relationship types drawn, each with the attribute value that changed
  /// its line ("access=read"; "" when none), and the line.
  std::map<std::pair<RelationshipIndex, std::string>, EdgeStyle> relationships;
  std::string color_by;             ///< the colouring property, if any
  std::vector<std::string> values;  ///< its values, in legend order
  std::map<std::string, std::string> colours;
  std::vector<std::string> notes;  ///< lines under the title (already escaped)

  bool empty() const { return types.empty() && relationships.empty(); }
};

/// The colours of --color-by `property`: its values in legend order (an
/// enumeration's own order, else the `present` values sorted) and a colour
/// each; a scale (`ordered`) gets the sequential palette, spread from its
/// first value to its last, other values the categorical one in turn.
void colour_values(const Notation& n, const Metamodel& mm, const std::string& property,
                   const std::vector<std::string>& present, std::vector<std::string>* order,
                   std::map<std::string, std::string>* colours);

/// The legend's HTML table (without the enclosing < >).
std::string legend_table(const Notation& n, const Metamodel& mm, const LegendContent& legend,
                         std::string_view language);

}  // namespace kaava
