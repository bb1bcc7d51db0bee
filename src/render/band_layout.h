#pragma once
/// The rows of a layered view: each layer's band holds its elements in
/// rows, related elements in successive rows, so that the bands stack
/// without constraint edges (which make Graphviz's dot slow) and without
/// clusters (which edges between bands would have to go round).

#include <cstdint>
#include <vector>

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

}  // namespace kaava
