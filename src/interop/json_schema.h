#pragma once
/// `kaava schema`: JSON Schemas (draft-07, what yaml-language-server reads)
/// of model files and of kaava.yaml, generated from the metamodel: element
/// and relationship types, relationship verbs and their attributes,
/// property definitions with their values, viewpoints, rule ids. Editors
/// then complete and check the YAML as it is typed; kaava validate stays
/// the judge (the schema cannot see ids in other files).

#include <string>
#include <string_view>
#include <vector>

#include "metamodel/metamodel.h"

namespace kaava::interop {

struct SchemaOptions {
  /// The repository's languages: the keys a text per language may have
  /// (empty: any language code).
  std::vector<std::string> languages;
  /// The language of the descriptions and labels in the schema.
  std::string language = "en";
};

/// The schema of a model file (elements, relationships, views).
std::string model_schema(const Metamodel& mm, const SchemaOptions& options);

/// The schema of kaava.yaml.
std::string config_schema(const Metamodel& mm, const SchemaOptions& options);

}  // namespace kaava::interop
