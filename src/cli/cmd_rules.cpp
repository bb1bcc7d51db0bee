#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "rules/catalogue.h"

namespace kaava::cli {

namespace {

struct RulesOptions {
  std::string format = "text";
};

int run_rules(const RulesOptions& opt) {
  const std::string out = opt.format == "json"       ? rules_json()
                          : opt.format == "markdown" ? rules_markdown()
                                                     : rules_text();
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_rules(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RulesOptions>();
  CLI::App* cmd = app.add_subcommand("rules", "List every validation rule with its severity and an example");
  cmd->add_option("--format", opt->format, "Output format (markdown is docs/rules.md)")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->footer(
      "\nExamples:\n"
      "  kaava rules\n"
      "  kaava rules --format markdown > docs/rules.md");
  cmd->callback([opt, &exit_code] { exit_code = run_rules(*opt); });
}

}  // namespace kaava::cli
