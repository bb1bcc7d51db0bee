#pragma once
/// Loading a model repository: find kaava.yaml, read the configuration and
/// the metamodel, discover the model files, and parse and build them in
/// parallel into one Model.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "load/config.h"
#include "metamodel/metamodel.h"
#include "model/model.h"
#include "source/source_files.h"
#include "yaml/document.h"

namespace kaava {

struct Workspace {
  SourceFiles files;
  Config config;
  Metamodel metamodel;
  Model model;
  Diagnostics diagnostics;
  std::vector<std::uint32_t> model_files;  ///< imported ones first, then the repository's own
  /// Per model file: 0 for the repository's own, k for imported[k - 1].
  std::vector<std::uint32_t> model_file_repository;
  std::deque<Config> imported;            ///< configurations of imported repositories
  std::vector<std::string> import_names;  ///< parallel to `imported`
  /// Set when a single file inside a repository was asked for: the whole
  /// repository is loaded (references resolve), but only this file's
  /// findings are reported.
  std::uint32_t only_file = kNoFile;
  /// Some input could not be read at all (exit code 2).
  bool unreadable = false;
  /// The model is over `limits.max-elements`: it is not checked further.
  bool too_large = false;
};

struct LoadOptions {
  std::filesystem::path path = ".";  ///< a folder, kaava.yaml, or one model file
  unsigned threads = 0;              ///< 0: one per core
};

/// Walks up from `start` (a folder) to the nearest folder holding
/// kaava.yaml; returns an empty path when there is none.
std::filesystem::path find_repository_root(const std::filesystem::path& start);

/// Reads `root`/kaava.yaml into `config` (root included). Returns false,
/// with `error` set, when it cannot be read or used.
bool read_repository_config(const std::filesystem::path& root, SourceFiles& files,
                            Diagnostics& diagnostics, Config& config, std::string* error);

/// Loads everything `options.path` names. Returns false, with `error` set,
/// when there is nothing to validate at all (no such path, unreadable
/// kaava.yaml, unusable metamodel); findings go to `ws.diagnostics`.
bool load_workspace(const LoadOptions& options, Workspace& ws, std::string* error);

/// Parses and builds `ws.model_files` (reading from disk those without
/// text) in parallel, then merges them into `ws.model` in file order.
/// `ws.config` and `ws.metamodel` must be set.
void load_model_files(Workspace& ws, unsigned threads);

}  // namespace kaava
