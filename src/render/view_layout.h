#pragma once
/// Where Graphviz puts a view's elements and relationships, read back from
/// its layout: for formats that carry a diagram's geometry (the exchange
/// format's views), not a picture. Coordinates are points, from the top
/// left corner (y grows downwards), as diagram editors have them.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/workspace.h"

namespace kaava {

struct LaidOutNode {
  std::uint32_t element = 0;
  double x = 0, y = 0, w = 0, h = 0;  ///< the top left corner and the size
};

struct LaidOutEdge {
  std::uint32_t relationship = 0;
  /// The bends of the line between its ends (its ends are the nodes').
  std::vector<std::pair<double, double>> bends;
};

struct ViewLayout {
  std::vector<LaidOutNode> nodes;  ///< every element drawn (a parent box too), in the DOT's order
  std::vector<LaidOutEdge> edges;  ///< every relationship drawn as a line
  double width = 0, height = 0;
};

/// Lays `view` out as kaava draws it (every element, never in groups), in
/// `language`, and reads the positions back. False, with `error`, when
/// Graphviz fails.
bool layout_view(const Workspace& ws, const View& view, std::string_view language, ViewLayout* out,
                 std::string* error);

}  // namespace kaava
