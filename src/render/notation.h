#pragma once
/// How views are drawn, from models/notation.yaml (embedded): colours and
/// shapes per layer and type, lines and arrowheads per relationship type,
/// and a layout per viewpoint.

#include <map>

#include <fmt/format.h>
#include <string>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"

namespace kaava {

struct NodeStyle {
  std::string shape;
  std::string style;  ///< Graphviz styles besides "filled"
  std::string fill;
  std::string border;
  double pen_width = 0;  ///< 0: not set
};

struct EdgeStyle {
  std::string style;
  std::string head;
  std::string tail;
  std::string legend;  ///< how the line looks, for the legend
  std::string color;
  double pen_width = 0;
};

struct Layout {
  std::string rankdir = "TB";
  bool clusters = false;    ///< parents drawn around their nested children
  bool bands = false;       ///< one horizontal band per layer
  std::size_t row = 10;     ///< in bands: at most this many elements side by side (more in a large band)
  std::size_t row_max = 0;  ///< in bands: never more than this many side by side (0: no limit)
  std::string engine;       ///< a Graphviz layout engine other than dot ("osage": boxes packed in a grid)
  std::string merge;        ///< a relationship type whose ends are drawn as one box (map_layout.h)
  std::string sequence;     ///< a relationship type whose chain is drawn in one row, in order
};

struct Notation {
  std::string font = "DejaVu Sans";
  int font_size = 11;
  std::size_t wrap = 22;
  std::vector<std::string> palette;
  std::vector<std::string> sequential;  ///< for ordered values (lifecycle)
  /// Fixed colours of a property's values (`value-colors:`; coverage's heat map).
  std::map<std::string, std::map<std::string, std::string>> value_colours;
  std::string no_value = "#FFFFFF";
  std::size_t large_view = 300;
  /// Layered views with more elements than this are placed in their rows
  /// by kaava (row_placement.h) instead of by dot, which spreads their
  /// long edges to the margins and takes minutes on a thousand.
  std::size_t place_from = 40;
  /// Such a view with at most this many relationships has them routed
  /// round the nodes; with more, straight (routing grows too fast).
  std::size_t route_until = 400;
  /// Views with more elements than this are drawn aggregated by default.
  std::size_t aggregate_from = 100;
  NodeStyle band;  ///< the background of a layer's band in layered views
  std::map<std::string, NodeStyle, std::less<>> layers;
  std::map<std::string, NodeStyle, std::less<>> types;
  std::map<std::string, EdgeStyle, std::less<>> relationships;
  std::map<std::string, Layout, std::less<>> layouts;
  /// Per relationship attribute, per value: what the value changes in the line.
  std::map<std::string, std::map<std::string, EdgeStyle, std::less<>>, std::less<>> attribute_styles;
  std::vector<std::string> label_attributes;        ///< attributes written on the edge
  std::map<std::string, Label, std::less<>> words;  ///< the renderer's own words, per language
  std::vector<std::string> problems;                ///< in the data (empty when it is sound)

  /// A word of the renderer ("legend") in `language`.
  std::string_view word(std::string_view key, std::string_view language) const;
  /// A phrase of the renderer with its `{}` filled in ("more", 3).
  template <typename... Args>
  std::string phrase(std::string_view key, std::string_view language, Args&&... args) const {
    return fmt::format(fmt::runtime(word(key, language)), std::forward<Args>(args)...);
  }

  /// The type's own settings, else its base's, else its layer's.
  NodeStyle node_style(const Metamodel& mm, TypeIndex type) const;
  /// The relationship type's own settings, else its base's.
  EdgeStyle edge_style(const Metamodel& mm, RelationshipIndex type) const;
  /// The style for attribute `key` = `value`, or nullptr when it draws the line as is.
  const EdgeStyle* attribute_style(std::string_view key, std::string_view value) const;
  bool labels_attribute(std::string_view key) const;
  Layout layout(std::string_view viewpoint) const;
};

/// The DOT attributes that draw a node in `s` filled with `fill`: shape,
/// styles, colours and pen (`style_extra` adds styles, "dashed").
std::string node_attributes(const NodeStyle& s, std::string_view fill, std::string_view style_extra = {});

/// The DOT attributes of a line in `s` with these arrowheads: style,
/// arrowheads (dir=both, so that a tail is drawn), colour and pen.
std::string edge_attributes(const EdgeStyle& s, std::string_view head, std::string_view tail);

/// Parsed once from the embedded data.
const Notation& builtin_notation();

}  // namespace kaava
