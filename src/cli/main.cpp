// kaava: enterprise architecture as code. This file only assembles the
// subcommands and maps errors to exit codes; the work is in kaava_core.

#include <cstdio>
#include <exception>
#include <memory>
#include <string_view>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/help.h"
#include "render/graphviz_renderer.h"

namespace {

int run(int argc, char** argv) {
  CLI::App app{
      "kaava: enterprise architecture as code for vocational education.\n"
      "Validates YAML models against ArchiMate 3.2 and the VET profile.",
      "kaava"};
  app.set_version_flag("--version", "kaava " KAAVA_VERSION);
  app.formatter(std::make_shared<kaava::cli::HelpFormatter>());
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  kaava validate                    validate the repository around the current folder\n"
      "  kaava validate model/start.yaml --format json\n"
      "  kaava validate --rev HEAD~1       a git revision, without a checkout\n"
      "  kaava render --format svg -o out\n"
      "  kaava diff main                   what the working tree changes, matched by id\n"
      "  kaava impact app.sis              what depends on app.sis\n"
      "  kaava metamodel application-component\n"
      "  kaava init my-model --name \"Esimerkkiopisto\"\n"
      "\nRun 'kaava help COMMAND' (or 'kaava COMMAND --help') for a command's options.");

  int exit_code = kaava::cli::kExitOk;
  kaava::cli::setup_validate(app, exit_code);
  kaava::cli::setup_metamodel(app, exit_code);
  kaava::cli::setup_init(app, exit_code);
  kaava::cli::setup_render(app, exit_code);
  kaava::cli::setup_docs(app, exit_code);
  kaava::cli::setup_query(app, exit_code);
  kaava::cli::setup_impact(app, exit_code);
  kaava::cli::setup_diff(app, exit_code);
  kaava::cli::setup_coverage(app, exit_code);
  kaava::cli::setup_stats(app, exit_code);
  kaava::cli::setup_export(app, exit_code);
  kaava::cli::setup_import(app, exit_code);
  kaava::cli::setup_schema(app, exit_code);
  kaava::cli::setup_rules(app, exit_code);
  kaava::cli::setup_cache(app, exit_code);
  kaava::cli::setup_lsp(app, exit_code);
  kaava::cli::setup_serve(app, exit_code);
  for (CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) sub->group("Commands");

  // A drawing for a kaava that draws in new processes (render/graphviz_renderer.h).
  if (argc == 2 && std::string_view(argv[1]) == "__graphviz") kaava::graphviz_child_main();
  if (const int handled = kaava::cli::handle_before_parse(app, argc, argv); handled >= 0) return handled;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return kaava::cli::report_parse_error(app, e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kaava: internal error: %s\n", e.what());
    return kaava::cli::kExitUsage;
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("kaava: internal error\n", stderr);
    return kaava::cli::kExitUsage;
  }
}
