#include <map>

#include <fmt/format.h>

#include "report/report.h"
#include "util/text.h"

namespace kaava {

namespace {

std::string_view severity(Severity s) {
  switch (s) {
    case Severity::error: return "major";
    case Severity::warning: return "minor";
    default: return "info";
  }
}

}  // namespace

void write_gitlab(std::string& out, const ReportInput& in) {
  // GitLab Code Quality: fingerprints must be unique.
  const std::vector<std::string> fingerprints = unique_fingerprints(in.diagnostics, in.files);
  out += "[";
  bool first = true;
  for (std::size_t i = 0; i < in.diagnostics.size(); ++i) {
    const Diagnostic& d = in.diagnostics[i];
    const std::string& fp = fingerprints[i];
    out += first ? "\n" : ",\n";
    first = false;
    const std::string path = d.at.file != kNoFile ? forge_path(in, d.at.file) : forge_fallback_path(in);
    out += fmt::format(
        "{{\"description\":\"{}\",\"check_name\":\"{}\",\"fingerprint\":\"{}\",\"severity\":\"{}\","
        "\"location\":{{\"path\":\"{}\",\"lines\":{{\"begin\":{}}}}}}}",
        json_escape(d.message), rule_info(d.rule).id, fp, severity(d.severity), json_escape(path),
        d.at.valid() ? d.at.line : 1);
  }
  out += first ? "]\n" : "\n]\n";
}

}  // namespace kaava
