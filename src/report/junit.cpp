#include <map>

#include <fmt/format.h>

#include "report/report.h"
#include "report/text.h"
#include "util/text.h"

namespace kaava {

void write_junit(std::string& out, const ReportInput& in) {
  // One test case per model file (and one for each other file with
  // findings, such as kaava.yaml); one failure per finding.
  std::map<std::string, std::vector<const Diagnostic*>> by_file;
  for (std::uint32_t f : in.model_files) by_file[in.files[f].path];
  for (const Diagnostic& d : in.diagnostics) {
    by_file[d.at.file != kNoFile ? in.files[d.at.file].path : std::string("kaava")].push_back(&d);
  }
  std::size_t failing = 0;
  for (const auto& [file, findings] : by_file) failing += findings.empty() ? 0 : 1;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      fmt::format("<testsuites name=\"kaava\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", by_file.size(), failing);
  out += fmt::format(
      "  <testsuite name=\"kaava validate\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\">\n",
      by_file.size(), failing);
  for (const auto& [file, findings] : by_file) {
    out += fmt::format("    <testcase classname=\"kaava\" name=\"{}\" file=\"{}\" time=\"0\"", xml_escape(file),
                       xml_escape(file));
    if (findings.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    for (const Diagnostic* d : findings) {
      std::string text;
      write_text(text, std::span<const Diagnostic>(d, 1), in.files, {false, true});
      out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", rule_info(d->rule).id,
                         xml_escape(fmt::format("{}: {}", to_string(d->severity), d->message)), xml_escape(text));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
}

}  // namespace kaava
