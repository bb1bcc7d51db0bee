#pragma once
/// A view as Graphviz DOT text: pure, deterministic (model order, no
/// addresses or times), with every model string escaped. Graphviz itself
/// is only called by graphviz_renderer.

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"
#include "render/legend.h"
#include "render/notation.h"

namespace kaava {

struct DotOptions {
  std::string language = "fi";
  std::string color_by;  ///< a property whose values colour the elements
  bool legend = true;
  /// When set, each element links to the page this gives for its id
  /// (kaava docs: "../elements/app.sis.html").
  std::function<std::string(std::string_view id)> link;
  /// A capability map draws a capability and the one it specializes as
  /// one box; off, each is a box of its own (a diagram for another tool).
  bool merge_twins = true;
  /// Values of `color_by` worked out rather than written (coverage): per
  /// model element, "" for none. Null: read the elements' properties.
  const std::vector<std::string>* computed = nullptr;
};

struct DotGraph {
  std::string text;  ///< what Graphviz lays out
  Legend legend;     ///< drawn beside it once it is laid out
  std::size_t nodes = 0;
  std::size_t edges = 0;
  bool placed = false;  ///< kaava places the nodes (a large layered view): no slow dot layout
};

DotGraph write_dot(const Model& model, const Metamodel& mm, const Notation& notation, const View& view,
                   const DotOptions& options);

/// A view of the whole model through `viewpoint` (for `render --viewpoint`).
View whole_model_view(const Metamodel& mm, std::string_view viewpoint, std::string_view language,
                      std::deque<std::string>& storage);

}  // namespace kaava
