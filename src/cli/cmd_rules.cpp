#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "rules/catalogue.h"
#include "util/edit_distance.h"

namespace kaava::cli {

namespace {

struct RulesOptions {
  std::vector<std::string> ids;
  std::string format = "text";
};

int run_rules(const RulesOptions& opt) {
  RulesQuery query;
  for (const std::string& id : opt.ids) {
    const std::optional<Rule> rule = find_rule(id);
    if (!rule) {
      std::vector<std::string_view> names;
      for (const RuleInfo& r : all_rules()) names.push_back(r.id);
      std::fputs(fmt::format("kaava rules: error: unknown rule '{}'{}; 'kaava rules' lists them\n", id,
                             did_you_mean(id, names))
                     .c_str(),
                 stderr);
      return kExitUsage;
    }
    query.only.push_back(*rule);
  }
  // Inside a repository, its kaava.yaml's severities are shown beside the defaults.
  if (opt.format != "markdown") {
    SourceFiles files;
    Diagnostics diagnostics;
    Config config;
    if (const std::filesystem::path root = read_config_here(files, diagnostics, config); !root.empty()) {
      query.configured = config.severity_overrides;
      query.repository = config.name.empty() ? root.filename().string() : config.name;
    }
  }
  const std::string out = opt.format == "json"       ? rules_json(query)
                          : opt.format == "markdown" ? rules_markdown()
                                                     : rules_text(query);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_rules(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand("rules", "List every validation rule with its severity and an example");
  cmd->add_option("id", opt->ids, "Show only these rules")->type_name("RULE");
  cmd->add_option("--format", opt->format, "Output format (markdown is docs/rules.md)")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->footer(
      "Inside a repository, the severities its kaava.yaml sets under 'rules:' are shown\n"
      "next to the defaults (markdown always shows the defaults).\n"
      "\nExamples:\n"
      "  kaava rules\n"
      "  kaava rules orphan-element missing-description\n"
      "  kaava rules --format markdown > docs/rules.md");
  cmd->callback([opt, &exit_code] { exit_code = run_rules(*opt); });
}

}  // namespace kaava::cli
