#pragma once
/// Writing an imported model as a kaava repository: kaava.yaml, the model
/// files (one per layer, or per folder of the other tool), the views, and
/// import-map.tsv (which id of the file became which id of kaava). YAML is
/// written by yaml-cpp's emitter, so every text is quoted as YAML needs.

#include <filesystem>
#include <string>

#include "interop/imported_model.h"
#include "metamodel/metamodel.h"

namespace kaava::interop {

struct RepositoryOptions {
  std::filesystem::path dir;  ///< new, or empty
  bool by_folder = false;     ///< a file per folder of the other tool, not per layer
  std::string source;         ///< the file read, for kaava.yaml's comment and the map
  /// JSON Schemas for editors (.kaava/, named on each file's first line,
  /// as kaava init does); empty: none.
  std::string model_schema, config_schema;
};

struct RepositoryResult {
  std::vector<std::string> files;  ///< written, relative to the folder
};

/// Writes `model` (typed with `mm`); false, with `error`, when the folder is
/// not new or empty, or a file cannot be written.
bool write_repository(const ImportedModel& model, const Metamodel& mm, const RepositoryOptions& options,
                      RepositoryResult* result, std::string* error);

}  // namespace kaava::interop
