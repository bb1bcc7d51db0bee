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
  Label description;
  std::string exchange_folder;  ///< the exchange format's organization folder ("Technology & Physical")
};

struct PropertyUse {
  std::uint16_t definition = 0;  ///< index into Metamodel::properties
  bool required = false;
};

/// The keys an element has in a model file besides relationship verbs (the
/// model builder reads them); no relationship type may take one as its verb.
inline constexpr std::string_view kElementKeys[] = {"id",         "type", "name",     "description",
                                                    "properties", "tags", "children", "suppress"};

/// The keys a relationship has in a model file (an entry of
/// `relationships:`, or an inline item, which has `to` and not `type` or
/// `from`) besides its type's attributes; no attribute may take one.
inline constexpr std::string_view kRelationshipKeys[] = {"id",   "type",        "from",       "to",
                                                         "name", "description", "properties", "tags"};

/// Base relationship types have a letter code (a-z), so at most 26 bits of
/// a mask in the relationship table are used.
using RelationshipMask = std::uint32_t;
inline constexpr std::size_t kMaxBaseRelationshipTypes = 26;

enum class PropertyKind : std::uint8_t { string, number, boolean, enumeration, date, url };

std::string_view to_string(PropertyKind kind);

struct PropertyDefinition {
  std::string id;
  PropertyKind kind = PropertyKind::string;
  std::vector<std::string> values;  ///< for enumerations
  std::vector<Label> value_labels;  ///< parallel to values; an empty label shows the value itself
  bool ordered = false;             ///< the values are a scale (lifecycle), not unordered categories
  std::string default_value;        ///< relationship attributes: the value when none is written
  Label label;
  Label description;

  /// How `value` reads in `language`: its label, else itself.
  std::string_view value_label(std::string_view value, std::string_view language) const;
};

/// Which end of a relationship depends on the other: a serving's target
/// needs its source, an access's source needs the data it reads.
enum class DependentEnd : std::uint8_t { none, source, target };

struct RelationshipType {
  std::string id;                            ///< e.g. "serving"
  std::string verb;                          ///< the inline key, e.g. "serves"
  char code = 0;                             ///< letter in the relationship table, e.g. 'v' (base types only)
  RelationshipIndex base = kNoRelationship;  ///< for specializations, e.g. integration < flow
  RelationshipIndex root = kNoRelationship;  ///< the base type at the end of the chain
  /// The bit of its base type (root) in the relationship table's masks:
  /// base types are numbered in order, whatever their index.
  std::uint8_t bit = 0;
  Label label;
  Label description;
  std::string metamodel;                ///< which metamodel file defined it
  std::string exchange;                 ///< its name in the exchange format ("Serving"); empty for specializations
  std::vector<PropertyUse> properties;  ///< own and inherited
  /// ArchiMate's attributes of the relationship itself (access type,
  /// influence strength, a directed association), own and inherited: keys
  /// of the relationship in a model file, unlike its free `properties`.
  std::vector<PropertyDefinition> attributes;
  /// The end that depends on the other (`dependent:`; a specialization
  /// has its base's unless it says otherwise): what impact analysis,
  /// lifecycle-conflict and kaava diff follow. none: no dependency.
  DependentEnd dependent = DependentEnd::none;

  const PropertyDefinition* attribute(std::string_view key) const;
};

struct Viewpoint {
  std::string id;
  Label label;
  Label description;
  std::string exchange;  ///< its name in the exchange format ("Capability Map"), if it has one
  /// Per element type: may a view with this viewpoint show it? Empty: all.
  std::vector<bool> shows;

  bool allows(TypeIndex type) const { return shows.empty() || (type < shows.size() && shows[type]); }
};

/// A way to group element types, such as the JHS 179 views: each type
/// belongs to one value (its own, else its base's, else its layer's).
struct Classification {
  struct Value {
    std::string id;
    Label label;
    Label description;
  };
  std::string id;
  Label label;
  Label description;
  std::vector<Value> values;
};

inline constexpr std::uint16_t kNoValue = 0xFFFF;

/// "When an element (or relationship) is like this, it needs these
/// properties": requirements declared in the metamodel, reported as
/// missing-required-property with `because` in the message.
struct Requirement {
  enum class Subject : std::uint8_t { element, relationship };
  Subject subject = Subject::element;
  std::vector<std::pair<std::uint16_t, std::string>> when;  ///< property = value, all must hold
  TypeIndex type = kNoType;                                 ///< element: of this type (or a specialization)
  RelationshipIndex relationship = kNoRelationship;         ///< relationship: of this type (or a specialization)
  TypeIndex source_type = kNoType;                          ///< relationship: from this type
  TypeIndex target_type = kNoType;                          ///< relationship: to this type
  std::vector<std::uint16_t> require;                       ///< property definitions
  Label because;
};

/// How the lifecycle-conflict rule reads the model: which property holds the
/// lifecycle, which values are still in use and which have ended, and which
/// end of each relationship type depends on the other.
struct LifecycleRule {
  using Dependent = DependentEnd;
  std::int32_t property = -1;  ///< index into Metamodel::properties; -1: no rule
  std::vector<std::string> in_use;
  std::vector<std::string> ended;
  std::vector<Dependent> dependent;  ///< per relationship type (index)
};

/// How the coverage of a reference architecture is counted (kaava coverage,
/// --color-by coverage): the element types it counts, the relationships by
/// which a repository's own element covers one, and those by which one
/// holds its parts; specializations of each count too. `property` names
/// the values in pictures: covered, partly, uncovered.
struct CoverageRule {
  std::vector<TypeIndex> types;
  std::vector<RelationshipIndex> by;
  std::vector<RelationshipIndex> parts;
  PropertyDefinition property;

  bool defined() const { return !types.empty() && !by.empty(); }
};

struct ElementType {
  std::string id;
  std::uint16_t layer = 0;
  TypeIndex base = kNoType;  ///< the specialized type, for specializations
  TypeIndex root = kNoType;  ///< the ArchiMate type at the end of the base chain
  Label label;
  Label description;
  std::string metamodel;                ///< which metamodel file defined it
  std::string exchange;                 ///< its name in the exchange format ("BusinessActor"); empty for specializations
  std::vector<PropertyUse> properties;  ///< own and inherited, resolved
  std::vector<std::uint16_t> classes;   ///< per classification: a value index or kNoValue
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
  std::vector<Classification> classifications;
  std::vector<Requirement> requirements;
  LifecycleRule lifecycle;
  CoverageRule coverage;
  /// The relationship from a parent to the elements nested under it
  /// (`children:`); kNoRelationship when nesting is not allowed.
  RelationshipIndex nesting = kNoRelationship;
  /// The relationship connector (ArchiMate's junction): its specializations
  /// (and, or) are junctions too; kNoType when the metamodel has none.
  TypeIndex junction = kNoType;
  /// Properties at which a focus view stops expanding: an element whose
  /// value differs from the focus's (another owner, a national service's
  /// provider) is shown but not gone through (`expand-through` overrides).
  std::vector<std::string> focus_boundary;
  bool is_junction(TypeIndex type) const { return junction != kNoType && type != kNoType && is_a(type, junction); }

  TypeIndex find_type(std::string_view id) const;
  /// The type a mistyped one most likely means: the closest id, else the
  /// type whose label (in any language) it is; kNoType when none is close.
  TypeIndex closest_type(std::string_view written) const;
  /// The type with this label in any language, case and accents aside
  /// (sovelluskomponentti, Applikationskomponent), or kNoType.
  TypeIndex find_type_by_label(std::string_view text) const;
  RelationshipIndex find_relationship(std::string_view id) const;
  RelationshipIndex find_verb(std::string_view verb) const;
  std::int32_t find_property(std::string_view id) const;
  /// The property definition `id`, or nullptr.
  const PropertyDefinition* property(std::string_view id) const;
  std::int32_t find_layer(std::string_view id) const;
  std::int32_t find_viewpoint(std::string_view id) const;

  /// The base relationship types allowed from `source` to `target`: bit
  /// `RelationshipType::bit` for each.
  RelationshipMask allowed(TypeIndex source, TypeIndex target) const;
  bool is_allowed(TypeIndex source, RelationshipIndex relationship, TypeIndex target) const {
    return allows(allowed(source, target), relationship);
  }
  /// Whether `mask` holds `relationship` (through its base type).
  bool allows(RelationshipMask mask, RelationshipIndex relationship) const {
    return (mask >> relationship_types[relationship].bit) & 1U;
  }
  /// `type` is `ancestor` or specializes it (through any number of bases).
  bool is_a(TypeIndex type, TypeIndex ancestor) const;
  bool relationship_is_a(RelationshipIndex type, RelationshipIndex ancestor) const;
  std::int32_t find_classification(std::string_view id) const;
  /// The same for the pseudo-type "relationship" (a relationship used as
  /// the source or target of another one).
  RelationshipMask allowed_to_relationship(TypeIndex source) const;
  RelationshipMask allowed_from_relationship(TypeIndex target) const;

  /// The property use of `property` for `type`, or nullptr.
  const PropertyUse* property_use(TypeIndex type, std::uint16_t property) const;

  std::vector<std::string_view> type_ids() const;
  std::vector<std::string_view> verbs() const;
  std::vector<std::string_view> relationship_ids() const;

  // Filled by the loader.
  void index();
  std::vector<RelationshipMask> table;    ///< (table_size x table_size) bit masks
  std::uint16_t table_size = 0;           ///< ArchiMate types + 1 for "relationship"
  std::vector<std::uint16_t> table_slot;  ///< per element type: its row/column
  std::uint16_t relationship_slot = 0;    ///< row/column of "relationship"

 private:
  std::unordered_map<std::string_view, TypeIndex> type_index_;
};

}  // namespace kaava
