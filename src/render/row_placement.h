#pragma once
/// Where the nodes of a large layered view go: kaava places them in their
/// rows itself (dot's crossing minimisation takes minutes on a thousand
/// relationships across rows, and spreads its long edges to the margins),
/// and Graphviz only measures the nodes and routes the edges.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <graphviz/gvc.h>

namespace kaava {

/// What there is to place: every node's size (points), its row, top to
/// bottom, in order within the row, and the edges between nodes.
struct RowPlan {
  std::vector<std::vector<std::uint32_t>> rows;
  std::vector<double> width, height;
  std::vector<std::uint32_t> band;  ///< per row: rows of another band stand further off
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
};

/// The centre of each node (points, y upwards): rows stacked top to
/// bottom, a node as near the mean of its neighbours in other rows as the
/// order in its row and the gaps between neighbours allow.
std::vector<std::pair<double, double>> place_in_rows(const RowPlan& plan);

/// For a graph whose nodes carry `kaava_row` (and that is to be laid out
/// with "nop2"): measures its nodes (`text` is the graph as DOT) and sets
/// every node's `pos`; `widths` gets each node's width in points, in the
/// graph's order. False when Graphviz cannot measure them.
bool place_rows(GVC_t* gvc, Agraph_t* g, const std::string& text, std::vector<double>* widths);

}  // namespace kaava
