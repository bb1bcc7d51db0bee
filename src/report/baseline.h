#pragma once
/// Baselines for legacy models: record today's findings, then report and
/// fail only on new ones. Findings are matched by rule, file, element and
/// a content fingerprint (report.h), not by line number, so edits
/// elsewhere in a file keep them matched.

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/source_files.h"

namespace kaava {

struct BaselineEntry {
  std::string rule;
  std::string file;
  std::string element;
  std::string fingerprint;
  std::string message;  ///< for people reading the file
};

/// The baseline file for these findings (JSON, stable order).
std::string baseline_text(std::span<const Diagnostic> diagnostics, const SourceFiles& files);

/// Reads a baseline file; on failure, says why.
bool read_baseline(const std::filesystem::path& path, std::vector<BaselineEntry>* out, std::string* error);

struct BaselineResult {
  std::size_t known = 0;  ///< findings the baseline records (removed)
  std::size_t fixed = 0;  ///< baseline entries that no longer occur
};

/// Removes the findings the baseline records; each entry matches at most
/// one finding. Entries of files this run did not check (`checked` says
/// false, e.g. when one file was validated) neither match nor count as fixed.
BaselineResult apply_baseline(std::vector<Diagnostic>& diagnostics, const std::vector<BaselineEntry>& baseline,
                              const SourceFiles& files, const std::function<bool(std::string_view)>& checked);

}  // namespace kaava
