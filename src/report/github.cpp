#include <fmt/format.h>

#include "report/report.h"
#include "util/text.h"

namespace kaava {

namespace {

/// GitHub workflow commands: data escapes %, CR and LF; properties also
/// ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view command(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "notice";
  }
}

}  // namespace

void write_github(std::string& out, const ReportInput& in) {
  for (const Diagnostic& d : in.diagnostics) {
    out += fmt::format("::{} ", command(d.severity));
    if (d.at.file != kNoFile) {
      out += fmt::format("file={},", escape(printable(forge_path(in, d.at.file)), true));
      if (d.at.valid()) {
        const auto [start, end] = highlight_columns(d, in.files);
        out += fmt::format("line={},col={},endColumn={},", d.at.line, start, end);
      }
    }
    out += fmt::format("title={}::{}\n", escape(fmt::format("[{}]", rule_info(d.rule).id), true),
                       escape(printable(d.message), false));
  }
}

}  // namespace kaava
