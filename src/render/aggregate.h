#pragma once
/// A view too large to read drawn aggregated: per layer, its elements
/// grouped by type (or by the value of a property, such as owner), and the
/// relationships between groups with their counts.

#include <string>

#include "render/dot_writer.h"

namespace kaava {

/// The aggregated DOT of `view`; `group_by` is "type" or a property id.
/// DotGraph::nodes counts the elements, not the groups.
DotGraph write_aggregated_dot(const Model& model, const Metamodel& mm, const Notation& n, const View& view,
                              const DotOptions& options, const std::string& group_by, std::size_t* group_count);

}  // namespace kaava
