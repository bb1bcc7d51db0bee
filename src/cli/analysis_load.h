#pragma once
/// Loading for the analysis commands (query, impact, coverage, stats):
/// the repository from PATH and the source options, the language checked,
/// and a note when parts of the model could not be read.

#include <memory>
#include <string>
#include <utility>

#include "cli/source_options.h"
#include "load/workspace.h"

namespace kaava::cli {

struct AnalysisLoad {
  explicit AnalysisLoad(std::string name) : command(std::move(name)) {}
  std::string command;   ///< "query", for messages
  std::string path = ".";
  SourceOptions source;
  std::string language;  ///< --lang; empty: the repository's first
};

/// Why the workspace loaded from `path` is no model repository (no
/// kaava.yaml here or above; the folders below that have one are named),
/// or "" when it is one.
std::string not_a_repository(const Workspace& ws, const std::string& path);

/// The workspace, with `language` set to the one to use; nullptr after
/// saying why on standard error (exit 2).
std::unique_ptr<const Workspace> load_for_analysis(AnalysisLoad& load);

}  // namespace kaava::cli
