#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/query.h"
#include "cli/analysis_load.h"
#include "cli/commands.h"
#include "cli/help.h"

namespace kaava::cli {

namespace {

struct QueryOptions {
  AnalysisLoad load{"query"};
  analysis::Query query;
  std::vector<std::string> where;
  std::string format = "table";
};

int run_query(QueryOptions& opt) {
  for (const std::string& w : opt.where) {
    analysis::Condition c;
    std::string error;
    if (!analysis::parse_condition(w, &c, &error)) {
      say(fmt::format("kaava query: error: --where {}\n", error));
      return kExitUsage;
    }
    opt.query.where.push_back(std::move(c));
  }
  const std::unique_ptr<const Workspace> ws = load_for_analysis(opt.load);
  if (!ws) return kExitUsage;
  if (const std::string why = analysis::check_query(*ws, opt.query); !why.empty()) {
    say(fmt::format("kaava query: error: {}\n", why));
    return kExitUsage;
  }
  for (const std::string& note : analysis::query_notes(*ws, opt.query)) say(fmt::format("kaava: note: {}\n", note));
  const std::vector<analysis::Found> found = analysis::run_query(*ws, opt.query);
  const std::string text = analysis::query_output(*ws, opt.query, found, opt.format, opt.load.language);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace

void setup_query(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<QueryOptions>();
  CLI::App* cmd =
      app.add_subcommand("query", "List the elements that pass filters: type, layer, tag, properties, relationships");
  CLI::Option* path = cmd->add_option("path", opt->load.path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->load.source, false, path);
  cmd->add_option("--type", opt->query.types,
                  "Elements of this type or a specialization of it ('*' for any run of characters); repeat or "
                  "separate with commas for any of several")
      ->type_name("TYPE")
      ->delimiter(',')
      ->check(non_empty("--type"));
  cmd->add_option("--layer", opt->query.layers, "Elements of this layer (business, application, ...); any of several")
      ->type_name("LAYER")
      ->delimiter(',')
      ->check(non_empty("--layer"));
  cmd->add_option("--tag", opt->query.tags, "Elements with this tag; any of several")
      ->type_name("TAG")
      ->delimiter(',')
      ->check(non_empty("--tag"));
  cmd->add_option("--where", opt->where,
                  "KEY=VALUE: a property's whole value ('*' wildcards), or a part of the name, description or id; "
                  "KEY!=VALUE not that, KEY= missing, KEY!= present. Case and punctuation aside; 'a' finds 'ä', "
                  "'ä' only 'ä'. Repeat: all must hold")
      ->type_name("KEY=VALUE");
  cmd->add_option("--related-to", opt->query.related_to,
                  "Elements with a relationship to or from this element (either direction)")
      ->type_name("ID")
      ->check(non_empty("--related-to"));
  cmd->add_option("--via", opt->query.via,
                  "With --related-to: only relationships of this type or verb (flow takes in its specializations, "
                  "such as integration); any of several")
      ->type_name("TYPE")
      ->delimiter(',')
      ->check(non_empty("--via"));
  cmd->add_flag("--own", opt->query.own_only, "Only the repository's own elements, not those of imported ones");
  cmd->add_option("--format", opt->format,
                  "table (for people), json (\"kaava-query\": 1), csv (a column per property), ids (one per line)")
      ->check(one_of({"table", "json", "csv", "ids"}))
      ->capture_default_str();
  cmd->add_option("--lang", opt->load.language, "The language of names (default: the repository's first)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  cmd->footer(
      "Filters combine with AND; the values of one filter with OR. The answer is sorted by id.\n"
      "\nExamples:\n"
      "  kaava query --type application-component --where lifecycle=active\n"
      "  kaava query --layer application --where owner=          elements without an owner\n"
      "  kaava query --where name=opinto --format ids            'opinto' in a name, any language\n"
      "  kaava query --related-to vet.koski --via flow           what sends data to KOSKI\n"
      "  kaava query --type capability --own --format csv > capabilities.csv\n"
      "\nJSON shape and more: docs/commands.md.");
  cmd->callback([opt, &exit_code] { exit_code = run_query(*opt); });
}

}  // namespace kaava::cli
