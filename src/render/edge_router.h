#pragma once
/// Routing the edges of a view whose nodes kaava placed itself (a large
/// layered view, row_placement.h). Graphviz's router ("nop2" with
/// splines) looks at every node for every edge: the cost of a route grows
/// with the square of the nodes' corners, and of its visibility graph with
/// the cube. An edge rarely goes round a node in rows it does not cross,
/// or far to the side of its ends: kaava routes the edges in windows of a
/// few rows and part of the width, each with only the nodes inside it, and
/// the windows in parallel processes.

#include <string>
#include <vector>

#include <graphviz/gvc.h>

namespace kaava {

/// Routes every edge of `g` (its nodes placed, each with `kaava_row`, and
/// `widths` wide in points, in the graph's order; `text` is the graph as
/// DOT) and sets its `pos`, in `g`'s coordinates,
/// so that "nop2" keeps the routes. Edges that connect the same two nodes
/// (a bundle) are routed once and the others follow side by side:
/// Graphviz 2.43 can fail an assertion when it routes a bundle round other
/// nodes. False when Graphviz cannot route.
bool route_edges(GVC_t* gvc, Agraph_t* g, const std::string& text, const std::vector<double>& widths);

}  // namespace kaava
