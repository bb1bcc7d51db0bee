#pragma once
/// The metamodel: element types by layer, relationship types and the table
/// of allowed relationships, property definitions, specializations. Loaded
/// from data (models/metamodel/*.yaml or a user's file), never hard-coded.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kaava {

using TypeIndex = std::uint16_t;
using RelationshipIndex = std::uint8_t;
inline constexpr TypeIndex kNoType = 0xFFFF;
inline constexpr RelationshipIndex kNoRelationship = 0xFF;

/// A text in several languages, in the order written.
struct Label {
  std::vector<std::pair<std::string, std::string>> texts;

  /// The text in `language`, else in the first language written.
  std::string_view get(std::string_view language) const;
  bool empty() const { return texts.empty(); }
};

struct Layer {
  std::string id;
  Label label;
  std::string description;
};

struct RelationshipType {
  std::string id;    ///< e.g. "serving"
  std::string verb;  ///< the inline key, e.g. "serves"
  char code = 0;     ///< letter in the relationship table, e.g. 'v'
  Label label;
  std::string description;
};

enum class PropertyKind : std::uint8_t { string, number, boolean, enumeration, date, url };

std::string_view to_string(PropertyKind kind);

struct PropertyDefinition {
  std::string id;
  PropertyKind kind = PropertyKind::string;
  std::vector<std::string> values;  ///< for enumerations
  Label label;
  std::string description;
};

struct Viewpoint {
  std::string id;
  Label label;
  std::string description;
};

struct PropertyUse {
  std::uint16_t definition = 0;  ///< index into Metamodel::properties
  bool required = false;
};

struct ElementType {
  std::string id;
  std::uint16_t layer = 0;
  TypeIndex base = kNoType;  ///< the specialized type, for specializations
  TypeIndex root = kNoType;  ///< the ArchiMate type at the end of the base chain
  Label label;
  std::string description;
  std::string metamodel;                ///< which metamodel file defined it
  std::vector<PropertyUse> properties;  ///< own and inherited, resolved
};

class Metamodel {
 public:
  std::string name;
  std::string version;
  Label label;
  std::vector<std::string> sources;  ///< metamodel names, base first
  std::vector<Layer> layers;
  std::vector<RelationshipType> relationship_types;
  std::vector<ElementType> element_types;
  std::vector<PropertyDefinition> properties;
  std::vector<Viewpoint> viewpoints;
  /// The relationship from a parent to the elements nested under it
  /// (`children:`); kNoRelationship when nesting is not allowed.
  RelationshipIndex nesting = kNoRelationship;

  TypeIndex find_type(std::string_view id) const;
  RelationshipIndex find_relationship(std::string_view id) const;
  RelationshipIndex find_verb(std::string_view verb) const;
  std::int32_t find_property(std::string_view id) const;
  std::int32_t find_layer(std::string_view id) const;
  std::int32_t find_viewpoint(std::string_view id) const;

  /// Bit i set: relationship type i is allowed from `source` to `target`.
  std::uint32_t allowed(TypeIndex source, TypeIndex target) const;
  bool is_allowed(TypeIndex source, RelationshipIndex relationship, TypeIndex target) const {
    return (allowed(source, target) >> relationship) & 1U;
  }
  /// The same for the pseudo-type "relationship" (a relationship used as
  /// the source or target of another one).
  std::uint32_t allowed_to_relationship(TypeIndex source) const;
  std::uint32_t allowed_from_relationship(TypeIndex target) const;

  /// The property use of `property` for `type`, or nullptr.
  const PropertyUse* property_use(TypeIndex type, std::uint16_t property) const;

  std::vector<std::string_view> type_ids() const;
  std::vector<std::string_view> verbs() const;
  std::vector<std::string_view> relationship_ids() const;

  // Filled by the loader.
  void index();
  std::vector<std::uint32_t> table;  ///< (table_size x table_size) bit masks
  std::uint16_t table_size = 0;      ///< ArchiMate types + 1 for "relationship"
  std::vector<std::uint16_t> table_slot;  ///< per element type: its row/column
  std::uint16_t relationship_slot = 0;    ///< row/column of "relationship"

 private:
  std::unordered_map<std::string_view, TypeIndex> type_index_;
};

}  // namespace kaava
