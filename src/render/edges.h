#pragma once
/// How a relationship is drawn: its type's line from the notation, changed
/// by the values of its attributes (an access that reads, a directed
/// association), and the text on the edge.

#include <string>
#include <string_view>

#include "metamodel/metamodel.h"
#include "model/model.h"
#include "render/notation.h"

namespace kaava {

/// The line of `r`; `variant` is set to the attribute value that changed
/// it ("access=read"), for the legend, and left alone when none did.
EdgeStyle relationship_style(const Notation& n, const Metamodel& mm, const Relationship& r, std::string* variant);

/// The edge's label: its name in `language`, and the attributes the
/// notation writes on edges (an influence's strength).
std::string relationship_label(const Notation& n, const Relationship& r, std::string_view language);

}  // namespace kaava
