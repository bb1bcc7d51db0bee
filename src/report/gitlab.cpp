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
  // GitLab Code Quality: fingerprints must be unique; a repeated finding
  // gets its occurrence number mixed in.
  std::map<std::string, int> seen;
  out += "[";
  bool first = true;
  for (const Diagnostic& d : in.diagnostics) {
    std::string fp = fingerprint(d, in.files);
    if (const int n = seen[fp]++; n > 0) fp = fnv1a_hex(fmt::format("{}#{}", fp, n));
    out += first ? "\n" : ",\n";
    first = false;
    const std::string path = d.at.file != kNoFile ? in.files[d.at.file].path : std::string("kaava.yaml");
    out += fmt::format(
        "{{\"description\":\"{}\",\"check_name\":\"{}\",\"fingerprint\":\"{}\",\"severity\":\"{}\","
        "\"location\":{{\"path\":\"{}\",\"lines\":{{\"begin\":{}}}}}}}",
        json_escape(d.message), rule_info(d.rule).id, fp, severity(d.severity), json_escape(path),
        d.at.valid() ? d.at.line : 1);
  }
  out += first ? "]\n" : "\n]\n";
}

}  // namespace kaava
