#pragma once
/// Human- and machine-readable descriptions of a metamodel, for
/// `kaava metamodel` and editors.

#include <string>
#include <string_view>

#include "metamodel/metamodel.h"

namespace kaava {

/// Element types by layer, the relationship types, properties, viewpoints.
std::string metamodel_text(const Metamodel& mm, std::string_view language);
/// One type: labels, description, properties, and what it may relate to in
/// both directions.
std::string type_text(const Metamodel& mm, TypeIndex type, std::string_view language);

/// A viewpoint: what it is for and the element types it shows.
std::string viewpoint_text(const Metamodel& mm, std::size_t viewpoint, std::string_view language);

/// As JSON; the whole metamodel's has its viewpoints with their types.
std::string metamodel_json(const Metamodel& mm);
std::string type_json(const Metamodel& mm, TypeIndex type);
std::string viewpoint_json(const Metamodel& mm, std::size_t viewpoint);

/// A relationship type: verb, base and specializations, labels,
/// description, properties, and how many type pairs allow it (JSON: which).
std::string relationship_text(const Metamodel& mm, RelationshipIndex relationship, std::string_view language);
std::string relationship_json(const Metamodel& mm, RelationshipIndex relationship);

}  // namespace kaava
