#pragma once
/// An element's context diagram for its page: a fixed three-column
/// drawing of kaava's own (what points at it on the left, grouped by
/// relationship type, the element in the middle, what it points at on the
/// right), as SVG in the notation's shapes and colours. No Graphviz run,
/// and readable at any fan-in: the columns grow downwards.

#include <cstdint>
#include <functional>
#include <string>

#include "metamodel/metamodel.h"
#include "model/model.h"
#include "render/notation.h"

namespace kaava::docs {

struct ContextOptions {
  std::string language;
  /// The link of another element's page (relative to the page the SVG is in).
  std::function<std::string(std::uint32_t element)> href;
  /// "Incoming" and "outgoing", for the SVG's accessible title.
  std::string title;
  /// Starts the ids inside the SVG (its arrowheads' markers), unique per
  /// page, so that many diagrams can share one document (--single-file).
  std::string id_prefix;
};

/// The SVG of `element`'s context; empty when it has no relationships.
std::string context_svg(const Model& model, const Metamodel& mm, const Notation& notation, std::uint32_t element,
                        const ContextOptions& options);

}  // namespace kaava::docs
