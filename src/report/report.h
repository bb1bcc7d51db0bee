#pragma once
/// Validation reports: compiler-style text, kaava's JSON, and for CI SARIF,
/// JUnit, GitHub annotations, GitLab Code Quality and Markdown. Every
/// writer is deterministic: the same findings give the same bytes. The
/// formats are one table (report_formats()) that the CLI, the fuzzer and
/// the tests read; adding a format is a writer and a row.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "source/source_files.h"

namespace kaava {

struct ReportInput {
  std::span<const Diagnostic> diagnostics;  ///< final, sorted
  Summary summary;
  const SourceFiles& files;
  std::vector<std::uint32_t> model_files;  ///< the repository's own, in order
  bool color = false;                      ///< text only: ANSI colours
  /// The lowest severity that fails the run (--fail-on): JUnit makes only
  /// these failures, and lists the rest as output of their test case.
  Severity fail_on = Severity::error;
  /// Where the repository lies in its git repository ("tools/ea/", or ""):
  /// the formats that annotate files in a forge (github, gitlab, sarif)
  /// write paths from the git root, so the annotations land on the file.
  std::string path_prefix = {};
  /// Some input could not be read, or nothing could be validated: SARIF
  /// says the run did not succeed.
  bool incomplete = false;
};

/// `file`'s path for a forge: the path prefix, then its path from the
/// repository root (normalized; kaava's own built-in files unchanged).
std::string forge_path(const ReportInput& in, std::uint32_t file);
/// Where a forge shows a finding that has no file (the run, or the
/// repository): its kaava.yaml, as a location the forges accept.
std::string forge_fallback_path(const ReportInput& in);

/// A finding's identity across edits elsewhere: rule, file, element, the
/// message without positions, and the source line it points at.
std::string fingerprint(const Diagnostic& d, const SourceFiles& files);

/// The fingerprints of all findings, made unique: a repeated finding gets
/// its occurrence number mixed in (SARIF and GitLab need them distinct).
std::vector<std::string> unique_fingerprints(std::span<const Diagnostic> diagnostics, const SourceFiles& files);

/// The file a finding is in, as reports write it (valid UTF-8), or "".
std::string report_path(const Diagnostic& d, const SourceFiles& files);

/// 1-based character columns where a finding's highlight starts and ends
/// (end exclusive) on the line of `d.at`.
std::pair<std::uint32_t, std::uint32_t> highlight_columns(const Diagnostic& d, const SourceFiles& files);

void write_sarif(std::string& out, const ReportInput& in);
void write_junit(std::string& out, const ReportInput& in);
void write_github(std::string& out, const ReportInput& in);
void write_gitlab(std::string& out, const ReportInput& in);
void write_markdown(std::string& out, const ReportInput& in);

struct ReportFormat {
  std::string_view name;          ///< for --format
  std::string_view description;   ///< for --help
  std::string_view default_file;  ///< its name when --output is a folder
  bool to_stdout;                 ///< where it goes without --output (text goes to stderr)
  bool machine;                   ///< read by programs: valid UTF-8 whatever the model holds
  void (*write)(std::string& out, const ReportInput& in);
};

/// Every format, text first.
std::span<const ReportFormat> report_formats();
/// The format called `name`, or nullptr.
const ReportFormat* find_report_format(std::string_view name);

}  // namespace kaava
