#include <algorithm>

#include "report/json.h"
#include "report/report.h"
#include "report/text.h"

namespace kaava {

namespace {

void text_report(std::string& out, const ReportInput& in) {
  write_text(out, in.diagnostics, in.files, {in.color, true});
}

void json_report(std::string& out, const ReportInput& in) { write_json(out, in.diagnostics, in.summary, in.files); }

constexpr ReportFormat k_formats[] = {
    {"text", "file:line:col: severity: message [rule], with the source line", "kaava.txt", false, false, text_report},
    {"json", "kaava's own JSON: {\"diagnostics\": [...], \"summary\": {...}}", "kaava.json", true, true, json_report},
    {"sarif", "SARIF 2.1.0, for GitHub code scanning", "kaava.sarif", true, true, write_sarif},
    {"junit", "JUnit XML, one test case per model file", "kaava-junit.xml", true, true, write_junit},
    {"github", "GitHub Actions workflow annotations", "kaava-github.txt", true, false, write_github},
    {"gitlab", "GitLab Code Quality JSON", "gl-code-quality-report.json", true, true, write_gitlab},
    {"markdown", "a Markdown table, for a pull-request comment", "kaava.md", true, false, write_markdown},
};

}  // namespace

std::span<const ReportFormat> report_formats() { return k_formats; }

const ReportFormat* find_report_format(std::string_view name) {
  const auto* it = std::ranges::find(k_formats, name, &ReportFormat::name);
  return it == std::end(k_formats) ? nullptr : it;
}

}  // namespace kaava
