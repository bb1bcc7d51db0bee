#pragma once
/// What the analysis commands share: naming elements and types for people,
/// finding them from what the user typed (with a did-you-mean), and where
/// an element is written.

#include <cstdint>
#include <string>
#include <string_view>

#include "load/workspace.h"

namespace kaava::analysis {

/// "no element 'x' in the model (did you mean 'y'?)" for an id that names none.
std::string unknown_element(const Model& model, std::string_view id);

/// Whether relationship type `type` is `pattern` (an id or a verb, '*'
/// allowed) or specializes it: `flow` takes in `integration`.
bool relationship_type_matches(const Metamodel& mm, RelationshipIndex type, std::string_view pattern);

/// Why `pattern` names no relationship type (with a did-you-mean), or "".
std::string unknown_relationship_type(const Metamodel& mm, std::string_view pattern);

/// An element's type id as written when the metamodel does not know it.
std::string_view type_id(const Metamodel& mm, const Element& el);
/// Its type's label in `language`, or the id as written.
std::string_view type_label(const Metamodel& mm, const Element& el, std::string_view language);
/// A relationship type's id, or "?" for an unknown one.
std::string_view relationship_type_id(const Metamodel& mm, const Relationship& r);

/// The element's name in `language`, else its id.
std::string_view display_name(const Element& el, std::string_view language);

/// `part` of `whole` as a rounded percentage ("42 %"), "-" of nothing.
std::string percent(std::size_t part, std::size_t whole);

/// Whether the element comes from an imported repository.
bool is_imported(const Workspace& ws, const Element& el);

/// Where it is written, as a person reads it: "model/apps.yaml:12", or
/// "vet-reference" for an imported element.
std::string written_at(const Workspace& ws, const SourceSpan& at);

/// Whether `index` is the element its id names (not a later duplicate).
inline bool is_canonical(const Model& model, std::uint32_t index) {
  return model.find(model.element(index).id) == index;
}

}  // namespace kaava::analysis
