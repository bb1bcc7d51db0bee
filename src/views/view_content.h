#pragma once
/// What a view shows, worked out once for every consumer (the renderer,
/// and the exporters and the documentation site after it): its elements
/// after include, exclude, focus and viewpoint; the relationships drawn
/// between them; how they nest.

#include <cstdint>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"

namespace kaava {

struct ViewContent {
  std::vector<std::uint32_t> elements;  ///< shown, in model order
  /// Per shown element (parallel to `elements`): the shown element it is
  /// nested in (its `children:` parent, or the nearest shown ancestor), or kNone.
  std::vector<std::uint32_t> parents;
  /// Relationships between shown elements that the view's relationship
  /// selectors keep, in model order.
  std::vector<std::uint32_t> relationships;
  /// Per relationship (parallel to `relationships`): one end is nested,
  /// at any depth, inside the other, so drawing them nested already says it.
  std::vector<bool> nesting;
  std::uint32_t focus = kNone;  ///< the focus element, if the view has one
  /// Per model element: whether the view shows it.
  std::vector<bool> shown;

  bool shows(std::uint32_t element) const { return element < shown.size() && shown[element]; }
};

ViewContent resolve_view(const Model& model, const Metamodel& mm, const View& view);

}  // namespace kaava
