#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "analysis/stats.h"
#include "cli/analysis_load.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace kaava::cli {

namespace {

struct StatsOptions {
  AnalysisLoad load{"stats"};
  std::string format = "text";
  std::size_t top = 10;
};

int run_stats(StatsOptions& opt) {
  const std::unique_ptr<const Workspace> ws = load_for_analysis(opt.load);
  if (!ws) return kExitUsage;
  const analysis::Stats stats = analysis::model_stats(*ws, opt.top);
  const std::string text = analysis::stats_output(*ws, stats, opt.format, opt.load.language);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_stats(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<StatsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "stats", "Counts by layer, type and file; orphans; the most connected elements; translations");
  CLI::Option* path = cmd->add_option("path", opt->load.path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->load.source, false, path);
  cmd->add_option("--format", opt->format, "text, json (\"kaava-stats\": 1) or markdown")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--top", opt->top, "How many of the most connected elements to list")
      ->type_name("N")
      ->check(whole_number(1, 100000))
      ->capture_default_str();
  cmd->add_option("--lang", opt->load.language, "The language of names (default: the repository's first)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  cmd->footer(
      "Counts are of the repository's own elements and of the relationships and views in its\n"
      "own files; imported repositories (vet-reference) get a line of their own.\n"
      "\nExamples:\n"
      "  kaava stats\n"
      "  kaava stats --rev main --format json | jq .translations\n"
      "  kaava stats --format markdown >> $GITHUB_STEP_SUMMARY");
  cmd->callback([opt, &exit_code] { exit_code = run_stats(*opt); });
}

}  // namespace kaava::cli
