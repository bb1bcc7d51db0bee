#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "report/report.h"
#include "report/text.h"
#include "util/text.h"

namespace kaava {

std::string fingerprint(const Diagnostic& d, const SourceFiles& files) {
  // What moves when other parts of the files change stays out: numbers in
  // the message (positions, line numbers, byte offsets) and the "did you
  // mean" suggestion, which depends on the other ids.
  std::string_view text = d.message;
  if (const std::size_t hint = text.find(" (did you mean '"); hint != std::string_view::npos) {
    text = text.substr(0, hint);
  }
  std::string message;
  for (char c : text) {
    if (c < '0' || c > '9') message += c;
  }
  std::string_view line = d.at.valid() ? files.line(d.at.file, d.at.line) : std::string_view();
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return fnv1a_hex(
      fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", rule_info(d.rule).id, report_path(d, files), d.element, message, line));
}

std::string forge_path(const ReportInput& in, std::uint32_t file) {
  const std::string& path = in.files[file].path;
  if (in.path_prefix.empty() || in.files[file].embedded || path.starts_with('<')) return path;
  return std::filesystem::path(in.path_prefix + path).lexically_normal().generic_string();
}

std::string forge_fallback_path(const ReportInput& in) { return in.path_prefix + "kaava.yaml"; }

std::string report_path(const Diagnostic& d, const SourceFiles& files) {
  return d.at.file != kNoFile ? valid_utf8(files[d.at.file].path) : std::string();
}

std::vector<std::string> unique_fingerprints(std::span<const Diagnostic> diagnostics, const SourceFiles& files) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) {
    std::string fp = fingerprint(d, files);
    if (const int n = seen[fp]++; n > 0) fp = fnv1a_hex(fmt::format("{}#{}", fp, n));
    out.push_back(std::move(fp));
  }
  return out;
}

std::pair<std::uint32_t, std::uint32_t> highlight_columns(const Diagnostic& d, const SourceFiles& files) {
  const std::uint32_t start = files.character_column(d.at);
  const SourceSpan mark = shown_mark(d.at, d.mark);
  const std::string_view line = files.line(mark.file, mark.line);
  const std::size_t bytes = mark.length > 0 ? mark.length : token_length(line, mark.column);
  const std::size_t mark_begin = mark.column == 0 ? 0 : mark.column - 1;
  SourceSpan end = mark;
  end.column = static_cast<std::uint32_t>(std::min(line.size(), mark_begin + bytes) + 1);
  return {start, std::max(start + 1, files.character_column(end))};
}

}  // namespace kaava
