#include <fmt/format.h>

#include "report/report.h"
#include "report/text.h"
#include "util/text.h"

namespace kaava {

namespace {

/// Text for a Markdown table cell: one line, with '|' and markup escaped.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : printable(text)) {
    if (c == '|' || c == '\\' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' || c == ']' ||
        c == '&') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

}  // namespace

void write_markdown(std::string& out, const ReportInput& in) {
  out += fmt::format("### kaava: {}\n\n", summary_text(in.summary));
  if (in.diagnostics.empty()) {
    out += fmt::format("{} model {} checked.\n", in.model_files.size(), in.model_files.size() == 1 ? "file" : "files");
    return;
  }
  out += "| Severity | Rule | Where | Finding |\n|---|---|---|---|\n";
  for (const Diagnostic& d : in.diagnostics) {
    std::string where = "kaava";
    if (d.at.file != kNoFile) {
      where = d.at.valid()
                  ? fmt::format("{}:{}:{}", in.files[d.at.file].path, d.at.line, in.files.character_column(d.at))
                  : in.files[d.at.file].path;
    }
    out += fmt::format("| {} | `{}` | {} | {} |\n", to_string(d.severity), rule_info(d.rule).id, cell(where),
                       cell(d.message));
  }
}

}  // namespace kaava
