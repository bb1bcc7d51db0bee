#include "render/edges.h"

#include <utility>

#include <fmt/format.h>

namespace kaava {

EdgeStyle relationship_style(const Notation& n, const Metamodel& mm, const Relationship& r, std::string* variant) {
  EdgeStyle style = n.edge_style(mm, r.type);
  for (const PropertyDefinition& a : mm.relationship_types[r.type].attributes) {
    const std::string_view value = r.attribute(a.id, a.default_value);
    const EdgeStyle* change = n.attribute_style(a.id, value);
    if (change == nullptr) continue;
    for (auto [field, from] : {std::pair{&EdgeStyle::style, &change->style},
                               {&EdgeStyle::head, &change->head},
                               {&EdgeStyle::tail, &change->tail},
                               {&EdgeStyle::legend, &change->legend},
                               {&EdgeStyle::color, &change->color}}) {
      if (!from->empty()) style.*field = *from;
    }
    if (change->pen_width > 0) style.pen_width = change->pen_width;
    *variant = fmt::format("{}={}", a.id, value);
  }
  return style;
}

std::string relationship_label(const Notation& n, const Relationship& r, std::string_view language) {
  std::string label(r.name.get(language));
  for (const Property& a : r.attributes) {
    if (!n.labels_attribute(a.key)) continue;
    label += label.empty() ? fmt::format("{}", a.value) : fmt::format(" ({})", a.value);
  }
  return label;
}

}  // namespace kaava
