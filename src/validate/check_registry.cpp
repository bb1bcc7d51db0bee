#include <fmt/format.h>

#include "validate/check.h"

namespace kaava {

namespace {

constexpr Check k_checks[] = {
    {"duplicate-ids", check_duplicate_ids},
    {"namespaces", check_namespaces},
    {"references", check_references},
    {"relationship-rules", check_relationship_rules},
    {"junctions", check_junctions},
    {"properties", check_properties},
    {"names", check_names},
    {"composition-cycles", check_composition_cycles},
    {"lifecycles", check_lifecycles},
    {"orphans", check_orphans},
    {"views", check_views},
    {"viewpoints", check_viewpoints},
    {"translations", check_translations},
    {"possible-duplicates", check_possible_duplicates},
    {"duplicate-relationships", check_duplicate_relationships},
};

}  // namespace

std::span<const Check> all_checks() { return k_checks; }

std::string CheckContext::where(const SourceSpan& span) const {
  if (!span.valid()) return "?";
  return fmt::format("{}:{}:{}", files[span.file].path, span.line, files.character_column(span));
}

std::string CheckContext::describe(const Element& element) const {
  if (element.type == kNoType) return fmt::format("'{}'", element.id);
  return fmt::format("{} '{}'", metamodel.element_types[element.type].id, element.id);
}

std::string CheckContext::describe(const Relationship& rel) const {
  const RelationshipType& type = metamodel.relationship_types[rel.type];
  return fmt::format("{} '{}' {} '{}'", type.id, rel.source.id,
                     rel.origin == RelationshipOrigin::declared ? "->" : type.verb, rel.target.id);
}

}  // namespace kaava
