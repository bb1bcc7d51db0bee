#include "report/json.h"

#include <fmt/format.h>

#include "util/text.h"

namespace kaava {

void write_json(std::string& out, std::span<const Diagnostic> diagnostics, const Summary& summary,
                const SourceFiles& files) {
  out += "{\"diagnostics\":[";
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    if (!first) out += ',';
    first = false;
    out += fmt::format("\n{{\"rule\":\"{}\",\"severity\":\"{}\",\"message\":\"{}\",", rule_info(d.rule).id,
                       to_string(d.severity), json_escape(d.message));
    if (d.at.file != kNoFile) {
      out += fmt::format("\"file\":\"{}\",", json_escape(files[d.at.file].path));
    } else {
      out += "\"file\":null,";
    }
    if (d.at.valid()) {
      out += fmt::format("\"line\":{},\"column\":{},", d.at.line, files.character_column(d.at));
    } else {
      out += "\"line\":null,\"column\":null,";
    }
    if (d.element.empty()) {
      out += "\"element\":null}";
    } else {
      out += fmt::format("\"element\":\"{}\"}}", json_escape(d.element));
    }
  }
  out += fmt::format("{}],\"summary\":{{\"errors\":{},\"warnings\":{},\"infos\":{}}}}}\n",
                     diagnostics.empty() ? "" : "\n", summary.errors, summary.warnings, summary.infos);
}

}  // namespace kaava
