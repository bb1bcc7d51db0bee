#pragma once
/// The rows of a layered view: each layer's band holds its elements in
/// rows, related elements in successive rows, so that the bands stack
/// without constraint edges (which make Graphviz's dot slow) and without
/// clusters (which edges between bands would have to go round).

#include <cstdint>
#include <functional>
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

/// The columns of a sequence (a value stream's stages, which `chain`
/// relationships link): each element the view's `chain` relationships
/// connect, in the order they are written, then the shown elements that
/// lead into it through the view's relationships, each placed once. Only
/// elements for which `leaf` holds take part (a box cannot share a rank).
/// Empty when fewer than two elements are chained.
std::vector<std::vector<std::uint32_t>> sequence_columns(const Model& model, const Metamodel& mm,
                                                         const ViewContent& content, RelationshipIndex chain,
                                                         const std::function<bool(std::uint32_t)>& leaf);

}  // namespace kaava
