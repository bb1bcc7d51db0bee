#include "validate/validator.h"

#include <algorithm>
#include <atomic>
#include <span>
#include <thread>
#include <vector>

#include "util/text.h"
#include "validate/check.h"

namespace kaava {

Diagnostics validate(const Workspace& ws) {
  Diagnostics out;
  if (!ws.loaded || ws.too_large) return out;
  CheckContext context{ws.model, ws.metamodel, ws.config, ws.files, {}};
  for (std::size_t i = 0; i < ws.imported.size(); ++i) {
    if (!ws.imported[i].id_namespace.empty()) {
      context.reserved.push_back({ws.imported[i].id_namespace, ws.import_names[i]});
    }
  }
  // The checks only read the model: they run at once, each into its own
  // list, merged in the registry's order (the same on every run).
  const std::span<const Check> checks = all_checks();
  std::vector<Diagnostics> found(checks.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < checks.size(); i = next++) checks[i].run(context, found[i]);
  };
  const unsigned threads = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()), 4);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  for (Diagnostics& d : found) out.append(std::move(d));
  return out;
}

bool Report::checked(std::string_view path, const SourceFiles&) const {
  if (only_file.empty() || path == valid_utf8(only_file)) return true;
  // Other model files were loaded, not reported; kaava.yaml and the like were.
  return std::ranges::find(all_model_paths, path) == all_model_paths.end();
}

Report make_report(const Workspace& ws, const Diagnostics& checks) {
  Report report;
  report.diagnostics.reserve(ws.diagnostics.items().size() + checks.items().size());
  report.diagnostics.insert(report.diagnostics.end(), ws.diagnostics.items().begin(), ws.diagnostics.items().end());
  report.diagnostics.insert(report.diagnostics.end(), checks.items().begin(), checks.items().end());
  // Imported models are someone else's to fix.
  std::erase_if(report.diagnostics,
                [&](const Diagnostic& d) { return d.at.file != kNoFile && ws.files[d.at.file].imported; });
  if (ws.only_file != kNoFile) {
    // Findings in other model files are left out; those in kaava.yaml or
    // the metamodel still matter.
    std::erase_if(report.diagnostics, [&](const Diagnostic& d) {
      return d.at.file != ws.only_file && std::ranges::find(ws.model_files, d.at.file) != ws.model_files.end();
    });
  }
  // `suppress: [rule]` on an element silences that rule for the element.
  std::erase_if(report.diagnostics, [&](const Diagnostic& d) {
    if (d.element.empty()) return false;
    const std::uint32_t i = ws.model.find(d.element);
    if (i == kNone) return false;
    const std::vector<Rule>& suppressed = ws.model.element(i).suppress;
    return std::ranges::find(suppressed, d.rule) != suppressed.end();
  });
  report.summary = finalize(report.diagnostics, ws.config.severity_overrides);
  auto local = [&](std::uint32_t file) { return !ws.files[file].imported; };
  for (std::uint32_t f : ws.model_files) {
    if (local(f) && (ws.only_file == kNoFile || f == ws.only_file)) report.model_files.push_back(f);
  }
  report.files = report.model_files.size();
  if (ws.only_file != kNoFile) report.only_file = ws.files[ws.only_file].path;
  for (std::uint32_t f : ws.model_files) {
    if (local(f)) report.all_model_paths.push_back(valid_utf8(ws.files[f].path));
  }
  for (const Element& e : ws.model.elements()) report.elements += local(e.at.file) ? 1 : 0;
  for (const Relationship& r : ws.model.relationships()) report.relationships += local(r.at.file) ? 1 : 0;
  report.imports = ws.import_names;
  report.unreadable = ws.unreadable || std::ranges::any_of(report.diagnostics, [](const Diagnostic& d) {
                        return d.rule == Rule::io_error;
                      });
  return report;
}

}  // namespace kaava
