#pragma once
/// Which elements a view shows: its include/exclude selectors (types,
/// layers, tags, ids, with '*' wildcards) and its focus neighbourhood.

#include <cstdint>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"

namespace kaava {

/// '*' matches any run of characters (including none); nothing else is special.
bool glob_match(std::string_view pattern, std::string_view text);

/// Whether a selector pattern picks `element`: a type pattern matches the
/// element's type or any type it specializes.
bool type_matches(const Metamodel& mm, TypeIndex type, std::string_view pattern);
bool pattern_picks(const Metamodel& mm, const Element& element, const Selector& selector);

/// Whether the view names elements itself (include types, layers, tags or
/// ids), rather than leaving the choice to its viewpoint or focus.
bool has_element_patterns(const Selector& selector);

/// The elements the view shows, by index, in model order.
std::vector<std::uint32_t> select_elements(const Model& model, const Metamodel& mm, const View& view);

}  // namespace kaava
