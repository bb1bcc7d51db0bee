#pragma once
/// The rule catalogue for people: what each rule checks and an example of
/// a finding, from models/rules.yaml (embedded). Rule ids and default
/// severities are code (diag/rules.def); the words around them are data.

#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace kaava {

struct RuleDoc {
  const RuleInfo* info = nullptr;
  std::string description;  ///< a paragraph (Markdown)
  std::string example;      ///< YAML that triggers it (may be empty)
  std::string finding;      ///< what kaava prints for it
  /// The summary in other languages than English (fi, sv); English is
  /// rules.def's.
  std::vector<std::pair<std::string, std::string>> summaries;

  /// The summary in `language`, else in English.
  std::string_view summary(std::string_view language) const;
};

struct RuleCatalogue {
  std::string intro;                  ///< Markdown before the rules
  std::vector<RuleDoc> rules;         ///< in the order of diag/rules.def
  std::vector<std::string> problems;  ///< mismatches with diag/rules.def (empty when in step)

  const RuleDoc* find(Rule rule) const;
};

/// Parsed once from the embedded data.
const RuleCatalogue& rule_catalogue();

/// Which rules `kaava rules` shows, and a repository's severities.
struct RulesQuery {
  std::vector<Rule> only;                    ///< empty: every rule
  std::vector<SeverityOverride> configured;  ///< kaava.yaml's `rules:`, shown next to the defaults
  std::string repository;                    ///< where `configured` comes from (for the heading)
};

/// `kaava rules` in its three formats. Markdown is docs/rules.md: every
/// rule with its default, whatever the query.
std::string rules_text(const RulesQuery& query = {});
std::string rules_json(const RulesQuery& query = {});
std::string rules_markdown();

/// Where kaava's documentation lives on the web (the KAAVA_DOCS_URL build
/// setting), and the documentation of `rule` there (helpUri in SARIF).
std::string docs_uri();
std::string rule_help_uri(const RuleInfo& rule);

}  // namespace kaava
