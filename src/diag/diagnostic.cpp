#include "diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace kaava {

namespace {

constexpr RuleInfo k_rules[] = {
#define KAAVA_RULE(name, id, severity, summary) {Rule::name, id, Severity::severity, summary},
#include "diag/rules.def"
#undef KAAVA_RULE
};

}  // namespace

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::off: return "off";
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view text) {
  for (Severity s : {Severity::off, Severity::info, Severity::warning, Severity::error}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

std::span<const RuleInfo> all_rules() { return k_rules; }

const RuleInfo& rule_info(Rule rule) { return k_rules[static_cast<std::size_t>(rule)]; }

std::optional<Rule> find_rule(std::string_view id) {
  for (const RuleInfo& info : k_rules) {
    if (info.id == id) return info.rule;
  }
  return std::nullopt;
}

Diagnostic& Diagnostics::report(Rule rule, SourceSpan at, std::string message, std::string_view element) {
  return report(rule, at, at, std::move(message), element);
}

Diagnostic& Diagnostics::report(Rule rule, SourceSpan at, SourceSpan mark, std::string message,
                                std::string_view element) {
  Diagnostic& d = items_.emplace_back();
  d.rule = rule;
  d.severity = rule_info(rule).default_severity;
  d.message = std::move(message);
  d.at = at;
  d.mark = mark;
  d.element = element;
  return d;
}

void Diagnostics::append(Diagnostics&& other) {
  if (items_.empty()) {
    items_ = std::move(other.items_);
  } else {
    items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                  std::make_move_iterator(other.items_.end()));
  }
  other.items_.clear();
}

std::size_t Summary::at_least(Severity level) const {
  std::size_t n = 0;
  if (level <= Severity::error) n += errors;
  if (level <= Severity::warning) n += warnings;
  if (level <= Severity::info) n += infos;
  return n;
}

Summary finalize(std::vector<Diagnostic>& diagnostics, std::span<const SeverityOverride> overrides) {
  for (Diagnostic& d : diagnostics) {
    for (const SeverityOverride& o : overrides) {
      if (o.rule == d.rule) d.severity = o.severity;
    }
  }
  std::erase_if(diagnostics, [](const Diagnostic& d) { return d.severity == Severity::off; });
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.at.file, a.at.line, a.at.column, a.rule, a.message) <
           std::tie(b.at.file, b.at.line, b.at.column, b.rule, b.message);
  });
  return count(diagnostics);
}

Summary count(std::span<const Diagnostic> diagnostics) {
  Summary summary;
  for (const Diagnostic& d : diagnostics) {
    switch (d.severity) {
      case Severity::error: ++summary.errors; break;
      case Severity::warning: ++summary.warnings; break;
      case Severity::info: ++summary.infos; break;
      case Severity::off: break;
    }
  }
  return summary;
}

}  // namespace kaava
