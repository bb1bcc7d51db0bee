#pragma once
/// What the exchange formats (the Open Group's XML, Archi's CSV) share:
/// identifiers they accept, the order elements are written in, and the
/// metamodel's types by their exchange names (`exchange:` in the metamodel
/// data), VET specializations as a base type plus a specialization name.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"
#include "model/model.h"

namespace kaava::interop {

/// The exchange format's XML namespace (version 3.0 of the schema, which
/// ArchiMate 3.1 and 3.2 files use too).
constexpr std::string_view kExchangeNamespace = "http://www.opengroup.org/xsd/archimate/3.0/";

/// Identifiers for an exchange file: an XML name (no leading digit, no
/// ':'), unique in the file; a wanted id that is taken gets "-2", "-3".
class ExportIds {
 public:
  std::string take(std::string_view wanted);
  /// Keeps `id` for itself when it is an XML name: a later take() of it
  /// gets it, other wanted ids never do.
  void reserve(std::string_view id);

 private:
  std::set<std::string, std::less<>> used_, reserved_;
};

/// Elements layer by layer (by the layer's id, as kaava import writes a
/// file per layer and kaava reads files in order), in model order within a
/// layer: an export of an import of an export is the same file.
std::vector<std::uint32_t> element_order(const Model& model, const Metamodel& mm);

struct ExchangeType {
  std::string name;            ///< "ApplicationService"; empty: none
  std::string specialization;  ///< the specialization's label in the language asked for ("Kansallinen palvelu")
};

ExchangeType exchange_element_type(const Metamodel& mm, TypeIndex type, std::string_view language);
ExchangeType exchange_relationship_type(const Metamodel& mm, RelationshipIndex type, std::string_view language);

/// The metamodel's types by their exchange names, for reading a file back.
class ExchangeTypes {
 public:
  explicit ExchangeTypes(const Metamodel& mm);
  /// The type named `name` in the exchange format, or kNoType.
  TypeIndex element(std::string_view name) const;
  RelationshipIndex relationship(std::string_view name) const;
  /// " (did you mean 'Goal'?)" for an element type name no type has, or "".
  std::string element_hint(std::string_view name) const;
  std::string relationship_hint(std::string_view name) const;
  /// The specialization of `base` called `name` (its id, or its label in any
  /// language), or the none value.
  TypeIndex element_specialization(TypeIndex base, std::string_view name) const;
  RelationshipIndex relationship_specialization(RelationshipIndex base, std::string_view name) const;

 private:
  const Metamodel& mm_;
  std::map<std::string, TypeIndex, std::less<>> elements_;
  std::map<std::string, RelationshipIndex, std::less<>> relationships_;
};

}  // namespace kaava::interop
