#pragma once
/// The legend of a drawn view: the element types it shows, each in its own
/// shape and colour, the relationship lines it uses, drawn as lines, and
/// the colours of a --color-by property. Laid out by kaava beside the
/// laid-out view (graphviz_renderer.cpp), as nodes and edges of their own,
/// so that a sample is drawn exactly as the diagram draws it.

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
  std::vector<std::string> notes;  ///< lines under the title (plain text)

  bool empty() const { return types.empty() && relationships.empty(); }
};

struct LegendRow {
  enum class Kind { note, heading, shape, line, swatch };
  Kind kind = Kind::note;
  std::string text;    ///< HTML-like label text (escaped)
  std::string sample;  ///< DOT attributes of the sample node (shape, swatch) or line
  double width = 0;    ///< of the text, in points, once measured
};

/// A legend ready to be laid out: a title, then rows.
struct Legend {
  std::string title;  ///< HTML-like label text
  std::vector<LegendRow> rows;
  std::string font;
  int font_size = 11;

  bool empty() const { return rows.empty(); }
  /// The text of row `i` (or of the title, i == rows.size()) as a node's label.
  std::string label(std::size_t i) const;
};

/// The colours of --color-by `property`: its values in legend order (an
/// enumeration's own order, else the `present` values sorted) and a colour
/// each; a scale (`ordered`) gets the sequential palette, spread from its
/// first value to its last, other values the categorical one in turn.
/// The definition that names `property`'s values: the metamodel's, or the
/// coverage property kaava works out (kaava coverage); nullptr for a free one.
const PropertyDefinition* colour_definition(const Metamodel& mm, std::string_view property);

void colour_values(const Notation& n, const Metamodel& mm, const std::string& property,
                   const std::vector<std::string>& present, std::vector<std::string>* order,
                   std::map<std::string, std::string>* colours);

/// The legend of what `content` lists, in `language`.
Legend make_legend(const Notation& n, const Metamodel& mm, const LegendContent& content, std::string_view language);

/// Where the legend goes and how it is cut into columns: every text's
/// width measured (Legend::rows[].width, title_width), the rows split into
/// `columns` side by side.
struct LegendShape {
  double title_width = 0;
  std::size_t columns = 1;
  double width = 0;
  double height = 0;
};

/// The size of `legend` in `columns` columns (its texts measured).
LegendShape legend_shape(const Legend& legend, double title_width, std::size_t columns);

/// The legend as DOT statements, every node pinned (pos), its top-left
/// corner at (`left`, `top`) in Graphviz points (y grows upwards).
std::string legend_dot(const Legend& legend, const LegendShape& shape, double left, double top);

}  // namespace kaava
