#pragma once
/// Which elements a view shows: its include/exclude selectors (types,
/// layers, tags, ids, with '*' wildcards) and its focus neighbourhood.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"
#include "util/text.h"

namespace kaava {

/// Whether a selector pattern picks `element`: a type pattern matches the
/// element's type or any type it specializes.
bool type_matches(const Metamodel& mm, TypeIndex type, std::string_view pattern);
bool pattern_picks(const Metamodel& mm, const Element& element, const Selector& selector);

/// Whether the view names elements itself (include types, layers, tags or
/// ids), rather than leaving the choice to its viewpoint or focus.
bool has_element_patterns(const Selector& selector);

/// Whether a relationship selector (`relationships:` types or verbs) picks `r`.
bool relationship_picked(const Metamodel& mm, const Relationship& r, const Selector& selector);
/// Whether the view draws relationships like `r`: its include picks it
/// (or names no relationships) and its exclude does not.
bool relationship_selected(const Metamodel& mm, const Relationship& r, const View& view);

/// The elements the view's selectors and focus pick, by index, in model
/// order, before its viewpoint has its say.
std::vector<std::uint32_t> select_elements(const Model& model, const Metamodel& mm, const View& view);

/// The elements the view shows: select_elements(), less what its
/// viewpoint does not show when the view names no elements itself.
std::vector<std::uint32_t> shown_elements(const Model& model, const Metamodel& mm, const View& view);

/// Why `property` cannot colour a view (`color-by`, `--color-by`), with a
/// did-you-mean, or "" when it can: the metamodel defines it, or some
/// element of the model has it.
std::string unknown_colour_property(const Model& model, const Metamodel& mm, std::string_view property);

}  // namespace kaava
