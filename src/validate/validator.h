#pragma once
/// Validation: every check over a loaded workspace, then the report.

#include <vector>

#include "diag/diagnostic.h"
#include "load/workspace.h"

namespace kaava {

/// Runs every check and appends the findings to `ws.diagnostics`.
void validate(Workspace& ws);

struct Report {
  std::vector<Diagnostic> diagnostics;  ///< final severities, sorted
  Summary summary;
};

/// Takes the workspace's findings, applies kaava.yaml's severities and the
/// single-file filter, and sorts them.
Report make_report(Workspace& ws);

}  // namespace kaava
