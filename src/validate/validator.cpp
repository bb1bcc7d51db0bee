#include "validate/validator.h"

#include <algorithm>

#include "validate/check.h"

namespace kaava {

void validate(Workspace& ws) {
  const CheckContext context{ws.model, ws.metamodel, ws.config, ws.files};
  for (const Check& check : all_checks()) check.run(context, ws.diagnostics);
}

Report make_report(Workspace& ws) {
  Report report;
  report.diagnostics = std::move(ws.diagnostics.items());
  ws.diagnostics.items().clear();
  if (ws.only_file != kNoFile) {
    // Findings in other model files are left out; those in kaava.yaml or
    // the metamodel still matter.
    std::erase_if(report.diagnostics, [&](const Diagnostic& d) {
      return d.at.file != ws.only_file &&
             std::ranges::find(ws.model_files, d.at.file) != ws.model_files.end();
    });
  }
  report.summary = finalize(report.diagnostics, ws.config.severity_overrides);
  return report;
}

}  // namespace kaava
