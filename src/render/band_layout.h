#pragma once
/// The rows of a layered view: each layer's band holds its elements in
/// rows, related elements in successive rows, so that the bands stack
/// without constraint edges (which make Graphviz's dot slow) and without
/// clusters (which edges between bands would have to go round).

#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

#include "metamodel/metamodel.h"

#include "model/model.h"
#include "views/view_content.h"

namespace kaava {

/// The rows of the bands, top to bottom: `bands` holds the nodes of each
/// band. Within a band an element goes after the elements of its band that
/// lead to it (longest path along the view's relationships; a cycle is cut
/// where it closes), and each row holds at most `width` nodes (at least
/// `min_width`, more for a band of many, so that it is not a tall column,
/// but never more than `max_width` when that is not 0).
std::vector<std::vector<std::uint32_t>> band_rows(const Model& model, const ViewContent& content,
                                                  const std::vector<std::vector<std::uint32_t>>& bands,
                                                  std::size_t min_width, std::size_t max_width = 0);

/// Orders the nodes within each row so that related nodes line up
/// (barycentre sweeps, down and up, over the `edges` between rows; the
/// ordering with the shortest edges is kept). Deterministic.
void order_rows(std::vector<std::vector<std::uint32_t>>* rows,
                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges);

/// `rows` ordered (order_rows), as each node's place in its row, for nodes
/// below `n` (kNone for a node in no row).
std::vector<std::uint32_t> row_columns(std::vector<std::vector<std::uint32_t>> rows,
                                       const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
                                       std::size_t n);

/// The columns of a sequence (a value stream's stages, which `chain`
/// relationships link): each element the view's `chain` relationships
/// connect, in the order they are written, then the shown elements that
/// lead into it through the view's relationships, each placed once. Only
/// elements for which `leaf` holds take part (a box cannot share a rank).
/// Empty when fewer than two elements are chained.
std::vector<std::vector<std::uint32_t>> sequence_columns(const Model& model, const Metamodel& mm,
                                                         const ViewContent& content, RelationshipIndex chain,
                                                         const std::function<bool(std::uint32_t)>& leaf);

/// Spreads what would crowd one rank over up to three: a hub's many
/// leaves (elements with this one edge only), as Graphviz's unflatten
/// does, and many sources (elements that only point at others).
class Stagger {
 public:
  /// `top` says whether an element is drawn at the top level (neither in
  /// a box nor one).
  Stagger(const Model& model, const ViewContent& content, const std::function<bool(std::uint32_t)>& top);
  /// The minlen for the edge from `s` to `t` (both at the top level), or 0
  /// for none; called once per edge, in order.
  std::uint32_t minlen(std::uint32_t s, std::uint32_t t);

 private:
  static constexpr std::uint32_t k_from = 6;  // leaves (and twice as many sources) that stagger
  std::vector<std::uint32_t> degree_, leaves_of_, staggered_, source_turn_;
  bool sources_ = false;
};

}  // namespace kaava
