#pragma once
/// Validation: every check over a loaded workspace, then the report. The
/// workspace is only read: validate() returns its findings, and a report
/// can be made from the same run as often as needed.

#include <vector>

#include "diag/diagnostic.h"
#include "load/workspace.h"

namespace kaava {

/// Runs every check; returns their findings (loading's stay in the workspace).
Diagnostics validate(const Workspace& ws);

struct Report {
  std::vector<Diagnostic> diagnostics;  ///< final severities, sorted
  Summary summary;
  // The repository's own model (imports not counted).
  std::size_t files = 0;
  std::size_t elements = 0;
  std::size_t relationships = 0;
  std::vector<std::string> imports;
  std::vector<std::uint32_t> model_files;  ///< the model files whose findings are reported
  /// In single-file mode, the file validated; reports and baselines speak
  /// of it alone. Empty otherwise.
  std::string only_file;
  std::vector<std::string> all_model_paths;  ///< the repository's own model files, as reports write them
  /// Whether findings in `path` were looked for in this run.
  bool checked(std::string_view path, const SourceFiles& files) const;
  /// Some input could not be read (exit code 2): an io-error finding.
  bool unreadable = false;
};

/// Loading's findings and the checks', with kaava.yaml's severities and the
/// single-file filter applied, sorted.
Report make_report(const Workspace& ws, const Diagnostics& checks);

}  // namespace kaava
