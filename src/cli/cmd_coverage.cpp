#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "analysis/coverage.h"
#include "cli/analysis_load.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "util/edit_distance.h"

namespace kaava::cli {

namespace {

struct CoverageOptions {
  AnalysisLoad load{"coverage"};
  std::string format = "text";
  std::string reference;
};

int run_coverage(CoverageOptions& opt) {
  const std::unique_ptr<const Workspace> ws = load_for_analysis(opt.load);
  if (!ws) return kExitUsage;
  if (!ws->metamodel.coverage.defined()) {
    say(fmt::format("kaava coverage: error: the metamodel '{}' says nothing about coverage (its 'coverage:' "
                    "section; docs/metamodel.md)\n",
                    ws->metamodel.name));
    return kExitUsage;
  }
  if (!opt.reference.empty() && std::ranges::find(ws->import_names, opt.reference) == ws->import_names.end()) {
    std::vector<std::string_view> names(ws->import_names.begin(), ws->import_names.end());
    say(fmt::format("kaava coverage: error: --reference: the repository imports no '{}' (it imports: {}){}\n",
                    opt.reference, names.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(names, ", ")),
                    did_you_mean(opt.reference, names)));
    return kExitUsage;
  }
  const analysis::Coverage coverage = analysis::reference_coverage(*ws, opt.reference);
  const std::string text = analysis::coverage_output(*ws, coverage, opt.format, opt.load.language);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_coverage(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<CoverageOptions>();
  CLI::App* cmd = app.add_subcommand(
      "coverage", "How far the repository covers the reference architecture's capabilities it imports");
  CLI::Option* path = cmd->add_option("path", opt->load.path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->load.source, false, path);
  cmd->add_option("--format", opt->format, "text (totals and a tree), json (\"kaava-coverage\": 1) or markdown")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--reference", opt->reference, "Only this import (default: every import with capabilities)")
      ->type_name("NAME")
      ->check(non_empty("--reference"));
  cmd->add_option("--lang", opt->load.language, "The language of names (default: the repository's first)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  cmd->footer(
      "A reference capability is covered when one of the repository's own elements realizes or\n"
      "specializes it, and, when it has sub-capabilities, when they all are covered; partly\n"
      "covered when only some are (or only the capability itself); else not covered.\n"
      "Percentages count covered capabilities.\n"
      "\nExamples:\n"
      "  kaava coverage\n"
      "  kaava coverage --format markdown >> $GITHUB_STEP_SUMMARY\n"
      "  kaava render --viewpoint capability-map --color-by coverage    as a heat map");
  cmd->callback([opt, &exit_code] { exit_code = run_coverage(*opt); });
}

}  // namespace kaava::cli
