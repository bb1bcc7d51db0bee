#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "interop/json_schema.h"
#include "load/config.h"
#include "load/languages.h"
#include "load/workspace.h"
#include "metamodel/metamodel_loader.h"
#include "source/disk_source.h"
#include "util/atomic_file.h"

namespace kaava::cli {

namespace {

struct SchemaCommandOptions {
  std::string path;  ///< a repository; empty: the one around the current folder
  std::string file = "model";
  std::string language;
  std::string output;
};

int run_schema(const SchemaCommandOptions& opt) {
  // The repository's metamodel and languages when run inside one, else vet's.
  SourceFiles files;
  Diagnostics diagnostics;
  Config config;
  std::filesystem::path root;
  if (opt.path.empty()) {
    root = read_config_here(files, diagnostics, config);
  } else {
    LoadOptions load;
    load.path = opt.path;
    const std::unique_ptr<const Workspace> ws = load_workspace(load);
    if (!ws->loaded) {
      say(fmt::format("kaava schema: error: {}\n", ws->error));
      return kExitUsage;
    }
    config = ws->config;
    root = config.root;
  }
  Metamodel mm;
  std::string error;
  if (!root.empty()) {
    if (!load_metamodel(disk_files(), config.metamodel, root, files, diagnostics, mm, &error)) {
      say(fmt::format("kaava schema: error: the repository's metamodel: {}\n", error));
      return kExitUsage;
    }
  } else {
    mm = builtin_metamodel("vet");
  }
  interop::SchemaOptions options;
  if (!root.empty()) options.languages = config.languages;
  // The metamodel's words are in kaava's languages: the repository's first
  // when it is one of them, else English.
  const std::string first = root.empty() ? std::string() : std::string(config.default_language());
  options.language = !opt.language.empty()                   ? opt.language
                     : unusable_language(first, {}).empty() && !first.empty() ? first
                                                                               : std::string("en");
  if (const std::string why = unusable_language(options.language, {}); !why.empty()) {
    say(fmt::format("kaava schema: error: --lang: {}\n", why));
    return kExitUsage;
  }
  const std::string text =
      opt.file == "config" ? interop::config_schema(mm, options) : interop::model_schema(mm, options);
  if (opt.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  if (inside_git_folder(opt.output)) {
    say(fmt::format("kaava schema: error: -o {}: a .git folder or inside one; kaava does not write there\n",
                    opt.output));
    return kExitUsage;
  }
  if (!write_file_atomically(opt.output, text, &error)) {
    say(fmt::format("kaava schema: error: {}\n", error));
    return kExitUsage;
  }
  say(fmt::format("kaava: wrote the JSON Schema of {} to {}\n", opt.file == "config" ? "kaava.yaml" : "model files",
                  opt.output));
  return kExitOk;
}

}  // namespace

void setup_schema(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<SchemaCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print a JSON Schema of model files (or kaava.yaml) for editors, from the metamodel");
  cmd->add_option("path", opt->path, "A model repository (default: the one around the current folder)")
      ->type_name("PATH");
  cmd->add_option("--for", opt->file, "model: the model files; config: kaava.yaml")
      ->check(one_of({"model", "config"}))
      ->capture_default_str();
  cmd->add_option("--lang", opt->language,
                  "Language of the descriptions in the schema (default: the repository's first, else en)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  cmd->add_option("-o,--output", opt->output, "The file to write (default: standard output)")
      ->type_name("FILE")
      ->check(non_empty("--output"));
  cmd->footer(
      "Inside a repository the schema follows its metamodel and languages.\n"
      "\nExamples:\n"
      "  kaava schema -o .kaava/model.schema.json\n"
      "  kaava schema --for config -o .kaava/kaava.schema.json\n"
      "\nThen, in a YAML file: # yaml-language-server: $schema=../.kaava/model.schema.json\n"
      "docs/editors.md shows the set-up for VS Code, Neovim, Helix and Emacs.");
  cmd->callback([opt, &exit_code] { exit_code = run_schema(*opt); });
}

}  // namespace kaava::cli
