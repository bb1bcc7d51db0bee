#include <map>

#include <fmt/format.h>

#include "report/report.h"
#include "report/text.h"
#include "util/text.h"

namespace kaava {

namespace {

std::string as_text(std::span<const Diagnostic* const> findings, const SourceFiles& files) {
  std::string text;
  for (const Diagnostic* d : findings) write_text(text, std::span<const Diagnostic>(d, 1), files, {false, true});
  return text;
}

}  // namespace

void write_junit(std::string& out, const ReportInput& in) {
  // One test case per model file (and one for each other file with
  // findings, such as kaava.yaml). A case fails, with one <failure> that
  // lists them all, when it has findings at or above the fail level; the
  // findings below it are the case's <system-out>, so warnings never turn
  // a passing job's test tab red.
  struct Case {
    std::vector<const Diagnostic*> failing, other;
  };
  std::map<std::string, Case> by_file;
  for (std::uint32_t f : in.model_files) by_file[in.files[f].path];
  for (const Diagnostic& d : in.diagnostics) {
    Case& c = by_file[d.at.file != kNoFile ? in.files[d.at.file].path : std::string("kaava")];
    (d.severity >= in.fail_on ? c.failing : c.other).push_back(&d);
  }
  std::size_t failing = 0;
  for (const auto& [file, c] : by_file) failing += c.failing.empty() ? 0 : 1;
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out +=
      fmt::format("<testsuites name=\"kaava\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n", by_file.size(), failing);
  out += fmt::format(
      "  <testsuite name=\"kaava validate\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" "
      "time=\"0\">\n",
      by_file.size(), failing);
  for (const auto& [file, c] : by_file) {
    out += fmt::format("    <testcase classname=\"kaava\" name=\"{}\" file=\"{}\" time=\"0\"", xml_escape(file),
                       xml_escape(file));
    if (c.failing.empty() && c.other.empty()) {
      out += "/>\n";
      continue;
    }
    out += ">\n";
    if (!c.failing.empty()) {
      const Diagnostic& first = *c.failing.front();
      const std::string message = c.failing.size() == 1
                                      ? fmt::format("{}: {}", to_string(first.severity), first.message)
                                      : fmt::format("{} findings at or above {}; the first: {}: {}", c.failing.size(),
                                                    to_string(in.fail_on), to_string(first.severity), first.message);
      out += fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                         c.failing.size() == 1 ? rule_info(first.rule).id : std::string_view("kaava"),
                         xml_escape(message), xml_escape(as_text(c.failing, in.files)));
    }
    if (!c.other.empty()) {
      out += fmt::format("      <system-out>{}</system-out>\n", xml_escape(as_text(c.other, in.files)));
    }
    out += "    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
}

}  // namespace kaava
