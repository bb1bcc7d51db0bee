#pragma once
/// Turns one YAML document of a model file into a ModelFragment, reporting
/// what the model format does not allow (unknown keys, wrong shapes,
/// unknown types, invalid ids). Safe to run on many files at once.

#include <cstdint>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "load/config.h"
#include "metamodel/metamodel.h"
#include "model/model.h"
#include "yaml/document.h"

namespace kaava {

/// The top-level keys of a model file, the keys of a view, of its
/// include/exclude selectors, and its directions.
inline constexpr std::string_view kTopKeys[] = {"elements", "relationships", "views"};
inline constexpr std::string_view kViewKeys[] = {"id",    "name",  "description", "viewpoint", "include",       "exclude",
                                                 "focus", "depth", "direction",   "color-by",  "expand-through"};
inline constexpr std::string_view kSelectorKeys[] = {"types", "layers", "tags", "ids", "relationships"};
inline constexpr std::string_view kDirections[] = {"both", "in", "out"};

/// What the builder needs to know, prepared once per run.
class ModelSchema {
 public:
  ModelSchema(const Metamodel& mm, const Config& cfg);

  const Metamodel& metamodel;
  const Config& config;
  std::vector<std::string_view> element_keys;  ///< fixed keys + relationship verbs
  /// Keys of a `relationships:` entry and of an inline item (`to:` ...):
  /// the fixed ones and every relationship type's attributes.
  std::vector<std::string_view> relationship_keys;
  std::vector<std::string_view> inline_keys;
  std::vector<std::string_view> attribute_keys;
  /// Relationship type names written where their verbs belong (`flow:` for `flows-to:`).
  std::vector<std::pair<std::string_view, std::string_view>> element_aliases;
  std::vector<std::string_view> type_ids;
  std::vector<std::string_view> relationship_ids;
  std::vector<std::string_view> languages;
  std::vector<std::string_view> rule_ids;
};

/// Adds what `doc` holds to `fragment` (which may already hold earlier
/// documents of the same file).
void build_fragment(const yaml::Document& doc, std::uint32_t file, const ModelSchema& schema, Diagnostics& diagnostics,
                    ModelFragment& fragment);

}  // namespace kaava
