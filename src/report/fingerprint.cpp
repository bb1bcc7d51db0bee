#include <fmt/format.h>

#include "diag/text_output.h"
#include "report/report.h"
#include "util/text.h"

namespace kaava {

std::string fingerprint(const Diagnostic& d, const SourceFiles& files) {
  // Positions in the message ("first defined at a.yaml:2:9") change when
  // lines move; drop the numbers after each ':'.
  std::string message;
  for (std::size_t i = 0; i < d.message.size(); ++i) {
    message += d.message[i];
    if (d.message[i] == ':') {
      while (i + 1 < d.message.size() && d.message[i + 1] >= '0' && d.message[i + 1] <= '9') ++i;
    }
  }
  std::string_view line = d.at.valid() ? files.line(d.at.file, d.at.line) : std::string_view();
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  const std::string_view file = d.at.file != kNoFile ? std::string_view(files[d.at.file].path) : std::string_view();
  return fnv1a_hex(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", rule_info(d.rule).id, file, d.element, message, line));
}

std::pair<std::uint32_t, std::uint32_t> highlight_columns(const Diagnostic& d, const SourceFiles& files) {
  const std::uint32_t start = files.character_column(d.at);
  const SourceSpan& mark = d.mark.valid() && d.mark.line == d.at.line ? d.mark : d.at;
  const std::string_view line = files.line(mark.file, mark.line);
  const std::size_t bytes = mark.length > 0 ? mark.length : token_length(line, mark.column);
  const std::size_t mark_begin = mark.column == 0 ? 0 : mark.column - 1;
  SourceSpan end = mark;
  end.column = static_cast<std::uint32_t>(std::min(line.size(), mark_begin + bytes) + 1);
  return {start, std::max(start + 1, files.character_column(end))};
}

namespace {
constexpr std::string_view k_formats[] = {"text", "json", "sarif", "junit", "github", "gitlab", "markdown"};
}

std::span<const std::string_view> report_formats() { return k_formats; }

}  // namespace kaava
