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

/// The workspace, with `language` set to the one to use; nullptr after
/// saying why on standard error (exit 2).
std::unique_ptr<const Workspace> load_for_analysis(AnalysisLoad& load);

}  // namespace kaava::cli
