#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "interop/exchange_import.h"
#include "interop/repository_writer.h"
#include "load/workspace.h"
#include "metamodel/metamodel_loader.h"
#include "report/text.h"
#include "source/disk_source.h"
#include "source/limits.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

namespace fs = std::filesystem;

struct ImportOptions {
  std::string format;
  std::string file;
  std::string output;  ///< empty: a folder named after the file
  bool by_folder = false;
  bool allow_loss = false;
};

void say(const std::string& text) { std::fputs(text.c_str(), stderr); }

int run_import(const ImportOptions& opt) {
  const std::string command = "import " + opt.format;
  std::string bytes, error;
  const Limits limits;
  if (const ReadResult read = disk_files().read(opt.file, limits.max_file_size, &bytes, &error);
      read != ReadResult::ok) {
    say(fmt::format("kaava {}: error: {}: {}\n", command, opt.file, error));
    return kExitUsage;
  }
  const Metamodel& mm = builtin_metamodel("vet");
  interop::ImportedModel model;
  interop::XmlLimits xml_limits;
  xml_limits.max_bytes = limits.max_file_size;
  if (!interop::import_exchange(bytes, mm, xml_limits, &model, &error)) {
    // "line:column: message" from the reader, as a compiler says it.
    const std::size_t colon = error.find(": ");
    say(fmt::format("{}:{}: error: {} [import]\n", opt.file, error.substr(0, colon),
                    colon == std::string::npos ? error : error.substr(colon + 2)));
    return kExitUsage;
  }
  const fs::path dir = opt.output.empty() ? fs::path(opt.file).stem() : fs::path(opt.output);
  interop::RepositoryOptions repo{dir, opt.by_folder, fs::path(opt.file).filename().string()};
  interop::RepositoryResult written;
  if (!interop::write_repository(model, mm, repo, &written, &error)) {
    say(fmt::format("kaava {}: error: {}\n", command, error));
    return kExitUsage;
  }
  for (const std::string& note : model.notes) {
    const std::size_t colon = note.find(": ");
    say(fmt::format("{}:{}: note: {}\n", opt.file, note.substr(0, colon), note.substr(colon + 2)));
  }
  for (const interop::Loss& loss : model.losses) {
    say(fmt::format("{}:{}:{}: {}: not kept: {} [import-loss]\n", opt.file, loss.at.line, loss.at.column,
                    opt.allow_loss ? "note" : "warning", loss.what));
  }
  // The new repository, validated: what kaava makes of it.
  LoadOptions load;
  load.path = dir;
  const std::unique_ptr<const Workspace> ws = load_workspace(load);
  const Report report = make_report(*ws, validate(*ws));
  say(fmt::format("kaava: imported {} elements, {} relationships and {} views into {} ({} files); kaava validate: {}\n",
                  model.elements.size(), model.relationships.size(), model.views.size(), dir.string(),
                  written.files.size(), summary_text(report.summary)));
  if (!model.losses.empty() && !opt.allow_loss) {
    say(fmt::format("kaava: {} {} of the file not kept (listed above); --allow-loss accepts that\n",
                    model.losses.size(), model.losses.size() == 1 ? "thing" : "things"));
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void setup_import(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("import", "Make a kaava repository from another tool's model (ArchiMate exchange format)");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<ImportOptions>();
  opt->format = "archimate";
  CLI::App* archimate = cmd->add_subcommand(
      "archimate", "An Open Group ArchiMate Model Exchange File Format file (Archi, BiZZdesign, Sparx EA ...)");
  archimate->add_option("file", opt->file, "The exchange file (.xml)")->type_name("FILE")->required();
  archimate->add_option("-o,--output", opt->output, "A new (or empty) folder for the repository (default: the file's name)")
      ->type_name("DIR")
      ->check(non_empty("--output"));
  archimate->add_flag("--by-folder", opt->by_folder, "A model file per folder of the file's organizations, not per layer");
  archimate->add_flag("--allow-loss", opt->allow_loss,
                      "Exit 0 even when something of the file has no place in the kaava model (it is still listed)");
  archimate->footer(
      "Examples:\n"
      "  kaava import archimate model.xml -o ea        then: cd ea && kaava validate\n"
      "  kaava import archimate model.xml --by-folder  keep Archi's folders as files\n"
      "\nIds are kept where they are kaava ids (import-map.tsv lists each); what has no place in a\n"
      "kaava model is listed with its line, and the exit code is 1 unless --allow-loss. docs/interop.md.");
  archimate->callback([opt, &exit_code] { exit_code = run_import(*opt); });
  cmd->footer(
      "Examples:\n"
      "  kaava import archimate model.xml -o ea\n"
      "\nRun 'kaava import FORMAT --help' for a format's options.");
}

}  // namespace kaava::cli
