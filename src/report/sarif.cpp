#include <fmt/format.h>

#include "report/report.h"
#include "rules/catalogue.h"
#include "util/text.h"

namespace kaava {

namespace {

std::string_view level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "note";
  }
}

/// A path as a relative URI reference: unreserved characters and '/' stay,
/// everything else is percent-encoded.
std::string uri(std::string_view path) {
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '.' || c == '_' || c == '~' || c == '/';
    out += plain ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

void write_sarif(std::string& out, const ReportInput& in) {
  out += "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{";
  out += "\"tool\":{\"driver\":{\"name\":\"kaava\",\"version\":\"" KAAVA_VERSION "\",";
  out += fmt::format("\"informationUri\":\"{}\",\"rules\":[", json_escape(docs_uri()));
  const RuleCatalogue& catalogue = rule_catalogue();
  for (std::size_t i = 0; i < all_rules().size(); ++i) {
    const RuleInfo& r = all_rules()[i];
    const RuleDoc* doc = catalogue.find(r.rule);
    const std::string full = doc != nullptr && !doc->description.empty() ? doc->description : std::string(r.summary);
    out += fmt::format(
        "{}\n{{\"id\":\"{}\",\"shortDescription\":{{\"text\":\"{}\"}},\"fullDescription\":{{\"text\":\"{}\"}},"
        "\"helpUri\":\"{}\",\"help\":{{\"text\":\"{}\",\"markdown\":\"{}\"}},"
        "\"defaultConfiguration\":{{\"level\":\"{}\"}}}}",
        i ? "," : "", r.id, json_escape(r.summary), json_escape(full), json_escape(rule_help_uri(r)), json_escape(full),
        json_escape(full), level(r.default_severity));
  }
  out += "]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[";
  const std::vector<std::string> fingerprints = unique_fingerprints(in.diagnostics, in.files);
  bool first = true;
  for (std::size_t i = 0; i < in.diagnostics.size(); ++i) {
    const Diagnostic& d = in.diagnostics[i];
    out += first ? "\n" : ",\n";
    first = false;
    out +=
        fmt::format("{{\"ruleId\":\"{}\",\"ruleIndex\":{},\"level\":\"{}\",\"message\":{{\"text\":\"{}\"}}",
                    rule_info(d.rule).id, static_cast<std::size_t>(d.rule), level(d.severity), json_escape(d.message));
    // Every result has a location: code scanning rejects one without.
    {
      out += fmt::format(
          ",\"locations\":[{{\"physicalLocation\":{{\"artifactLocation\":{{\"uri\":\"{}\","
          "\"uriBaseId\":\"SRCROOT\"}}",
          json_escape(uri(d.at.file != kNoFile ? forge_path(in, d.at.file) : forge_fallback_path(in))));
      if (d.at.valid()) {
        const auto [start, end] = highlight_columns(d, in.files);
        out +=
            fmt::format(",\"region\":{{\"startLine\":{},\"startColumn\":{},\"endColumn\":{}}}", d.at.line, start, end);
      }
      out += "}}]";
    }
    out += fmt::format(",\"partialFingerprints\":{{\"kaava/v1\":\"{}\"}}}}", fingerprints[i]);
  }
  out += fmt::format("\n],\"invocations\":[{{\"executionSuccessful\":{}}}]}}]}}\n", in.incomplete ? "false" : "true");
}

}  // namespace kaava
