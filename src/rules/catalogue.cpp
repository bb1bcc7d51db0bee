#include "rules/catalogue.h"

#include <algorithm>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "resources/embedded_yaml.h"
#include "util/text.h"
#include "yaml/reader.h"

#ifndef KAAVA_DOCS_URL
#define KAAVA_DOCS_URL "https://github.com/kaava-ea/kaava/blob/main/docs"
#endif

namespace kaava {

namespace {

constexpr std::string_view k_path = "models/rules.yaml";
constexpr std::size_t k_width = 76;

RuleCatalogue load() {
  RuleCatalogue out;
  const std::optional<yaml::Document> data = resources::embedded_yaml(k_path, &out.problems);
  if (!data) return out;
  const yaml::Document& doc = *data;
  yaml::NodeId intro = 0, rules = 0;
  if (doc.find(doc.root(), "intro", &intro)) out.intro = doc.scalar(intro);
  if (!doc.find(doc.root(), "rules", &rules)) {
    out.problems.emplace_back("no 'rules' list");
    return out;
  }
  std::vector<RuleDoc> by_rule(all_rules().size());
  for (yaml::NodeId item : doc.items(rules)) {
    yaml::NodeId id = 0, value = 0;
    if (!doc.find(item, "id", &id)) continue;
    const std::optional<Rule> rule = find_rule(doc.scalar(id));
    if (!rule) {
      out.problems.push_back(fmt::format("'{}' is not a rule of diag/rules.def", doc.scalar(id)));
      continue;
    }
    RuleDoc& d = by_rule[static_cast<std::size_t>(*rule)];
    d.info = &rule_info(*rule);
    if (doc.find(item, "description", &value)) d.description = doc.scalar(value);
    if (doc.find(item, "example", &value)) d.example = doc.scalar(value);
    if (doc.find(item, "finding", &value)) d.finding = doc.scalar(value);
    if (doc.find(item, "summary", &value)) {
      for (const auto& [language, text] : doc.pairs(value)) {
        d.summaries.emplace_back(doc.scalar(language), doc.scalar(text));
      }
    }
  }
  for (std::size_t i = 0; i < by_rule.size(); ++i) {
    if (by_rule[i].info == nullptr || by_rule[i].description.empty()) {
      out.problems.push_back(fmt::format("rule '{}' has no description in models/rules.yaml", all_rules()[i].id));
      by_rule[i].info = &all_rules()[i];
    }
    // The site's rules page is in Finnish and Swedish too.
    for (std::string_view language : {"fi", "sv"}) {
      if (by_rule[i].summary(language) == by_rule[i].info->summary) {
        out.problems.push_back(
            fmt::format("rule '{}' has no summary in '{}' in models/rules.yaml", all_rules()[i].id, language));
      }
    }
  }
  out.rules = std::move(by_rule);
  return out;
}

/// Words of `text` in lines of at most k_width characters.
std::string wrap(std::string_view text) { return fmt::format("{}", fmt::join(wrap_words(text, k_width), "\n")); }

}  // namespace

std::string_view RuleDoc::summary(std::string_view language) const {
  for (const auto& [l, text] : summaries) {
    if (l == language) return text;
  }
  return info == nullptr ? std::string_view() : std::string_view(info->summary);
}

const RuleDoc* RuleCatalogue::find(Rule rule) const {
  const auto i = static_cast<std::size_t>(rule);
  return i < rules.size() ? &rules[i] : nullptr;
}

const RuleCatalogue& rule_catalogue() {
  static const RuleCatalogue catalogue = load();
  return catalogue;
}

std::string docs_uri() { return KAAVA_DOCS_URL; }

std::string rule_help_uri(const RuleInfo& rule) { return fmt::format("{}/rules.md#{}", docs_uri(), rule.id); }

namespace {

bool shown(const RulesQuery& query, const RuleDoc& d) {
  return query.only.empty() || std::ranges::find(query.only, d.info->rule) != query.only.end();
}

/// The repository's severity for `rule`, when kaava.yaml sets one.
std::optional<Severity> configured(const RulesQuery& query, Rule rule) {
  std::optional<Severity> out;
  for (const SeverityOverride& o : query.configured) {
    if (o.rule == rule) out = o.severity;  // the last one written wins, as in validate
  }
  return out;
}

}  // namespace

std::string rules_text(const RulesQuery& query) {
  std::string out;
  if (!query.configured.empty() && query.only.empty()) {
    out += fmt::format("Severities: the default, then {}'s where its kaava.yaml sets one.\n\n", query.repository);
  }
  for (const RuleDoc& d : rule_catalogue().rules) {
    if (!shown(query, d)) continue;
    const std::optional<Severity> own = configured(query, d.info->rule);
    if (own && *own != d.info->default_severity) {
      out += fmt::format("{} ({}; {} in {})\n", d.info->id, to_string(d.info->default_severity), to_string(*own),
                         query.repository);
    } else {
      out += fmt::format("{} ({})\n", d.info->id, to_string(d.info->default_severity));
    }
    const std::string text = wrap(d.description);
    std::size_t i = 0;
    while (i <= text.size()) {
      std::size_t j = text.find('\n', i);
      if (j == std::string::npos) j = text.size();
      out += fmt::format("    {}\n", std::string_view(text).substr(i, j - i));
      i = j + 1;
    }
    if (!d.finding.empty()) out += fmt::format("    e.g. {}", d.finding);
    out += '\n';
  }
  return out;
}

std::string rules_json(const RulesQuery& query) {
  std::string out = "{\"rules\":[";
  bool first = true;
  for (const RuleDoc& d : rule_catalogue().rules) {
    if (!shown(query, d)) continue;
    out += first ? "\n" : ",\n";
    first = false;
    const std::optional<Severity> own = configured(query, d.info->rule);
    out += fmt::format(
        "{{\"id\":\"{}\",\"severity\":\"{}\",\"configured\":{},\"summary\":\"{}\",\"description\":\"{}\","
        "\"example\":\"{}\",\"finding\":\"{}\",\"help\":\"{}\"}}",
        json_escape(d.info->id), to_string(d.info->default_severity),
        own ? fmt::format("\"{}\"", to_string(*own)) : std::string("null"), json_escape(d.info->summary),
        json_escape(d.description), json_escape(d.example), json_escape(d.finding),
        json_escape(rule_help_uri(*d.info)));
  }
  out += "\n]}\n";
  return out;
}

std::string rules_markdown() {
  const RuleCatalogue& c = rule_catalogue();
  std::string out = "# Validation rules\n\n";
  out += "<!-- Generated by `kaava rules --format markdown` from models/rules.yaml; do not edit. -->\n\n";
  out += c.intro;
  for (const RuleDoc& d : c.rules) {
    out += fmt::format("\n## {}\n\n", d.info->id);
    out += wrap(fmt::format("Default severity: **{}**. {}", to_string(d.info->default_severity), d.description));
    out += '\n';
    if (!d.example.empty()) out += fmt::format("\n```yaml\n{}```\n", d.example);
    if (!d.finding.empty()) out += fmt::format("{}```\n{}```\n", d.example.empty() ? "\n" : "", d.finding);
  }
  return out;
}

}  // namespace kaava
