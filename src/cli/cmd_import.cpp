#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "interop/archi_csv.h"
#include "interop/builtin_match.h"
#include "interop/exchange_import.h"
#include "interop/json_schema.h"
#include "interop/repository_writer.h"
#include "load/languages.h"
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
  std::string language = "fi";  ///< csv: the language of its texts
};

/// Archi's three CSV files from a folder (or one of them named): the
/// elements file decides the prefix; the others may be missing.
bool find_csv(const fs::path& given, interop::CsvFiles* names, std::string* error) {
  std::error_code ec;
  fs::path dir = given;
  std::string prefix;
  if (!fs::is_directory(given, ec)) {
    const std::string name = given.filename().string();
    for (std::string_view kind : {"elements.csv", "relations.csv", "properties.csv"}) {
      if (name.ends_with(kind)) prefix = name.substr(0, name.size() - kind.size());
    }
    if (!fs::exists(given, ec) || name == prefix) {
      *error = fmt::format("'{}' is neither a folder nor Archi's elements.csv, relations.csv or properties.csv",
                           given.string());
      return false;
    }
    dir = given.parent_path().empty() ? fs::path(".") : given.parent_path();
  } else {
    std::vector<std::string> prefixes;
    for (const auto& entry : fs::directory_iterator(given, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with("elements.csv")) prefixes.push_back(name.substr(0, name.size() - 12));
    }
    std::ranges::sort(prefixes);
    if (prefixes.empty()) {
      *error = fmt::format("'{}' has no elements.csv (Archi's CSV export writes elements.csv, relations.csv and "
                           "properties.csv)",
                           given.string());
      return false;
    }
    if (prefixes.size() > 1) {
      *error = fmt::format("'{}' has the files of {} exports ({}elements.csv, {}elements.csv ...); name one of them",
                           given.string(), prefixes.size(), prefixes[0], prefixes[1]);
      return false;
    }
    prefix = prefixes.front();
  }
  names->elements = (dir / (prefix + "elements.csv")).string();
  names->relations = (dir / (prefix + "relations.csv")).string();
  names->properties = (dir / (prefix + "properties.csv")).string();
  return true;
}

int finish_import(const ImportOptions& opt, const std::string& command, const Metamodel& mm,
                  interop::ImportedModel& model, const std::string& shown);

int run_import(const ImportOptions& opt) {
  const std::string command = "import " + opt.format;
  std::string bytes, error;
  const Limits limits;
  const Metamodel& mm = builtin_metamodel("vet");
  interop::ImportedModel model;
  std::string shown = opt.file;  // the file that losses are in
  if (opt.format == "csv") {
    interop::CsvFiles names, texts;
    if (!find_csv(opt.file, &names, &error)) {
      say(fmt::format("kaava {}: error: {}\n", command, error));
      return kExitUsage;
    }
    for (auto [name, text, required] : {std::tuple{&names.elements, &texts.elements, true},
                                        std::tuple{&names.relations, &texts.relations, false},
                                        std::tuple{&names.properties, &texts.properties, false}}) {
      const ReadResult read = disk_files().read(*name, limits.max_file_size, text, &error);
      if (read == ReadResult::missing && !required) continue;
      if (read != ReadResult::ok) {
        say(fmt::format("kaava {}: error: {}: {}\n", command, *name, error));
        return kExitUsage;
      }
    }
    interop::CsvImportOptions csv;
    csv.language = opt.language;
    if (!interop::import_csv(texts, names, mm, csv, &model, &error)) {
      say(fmt::format("{}: error: {} [import]\n", error.substr(0, error.find(": ")),
                      error.substr(error.find(": ") + 2)));
      return kExitUsage;
    }
    shown = names.elements;
    return finish_import(opt, command, mm, model, shown);
  }
  if (const ReadResult read = disk_files().read(opt.file, limits.max_file_size, &bytes, &error);
      read != ReadResult::ok) {
    if (read == ReadResult::too_large) {
      error = fmt::format("larger than the {} MiB kaava reads", limits.max_file_size >> 20);
    }
    say(fmt::format("kaava {}: error: {}: {}\n", command, opt.file, error));
    return kExitUsage;
  }
  interop::XmlLimits xml_limits;
  xml_limits.max_bytes = limits.max_file_size;
  if (!interop::import_exchange(bytes, mm, xml_limits, &model, &error)) {
    // "line:column: message" from the reader, as a compiler says it.
    const std::size_t colon = error.find(": ");
    say(fmt::format("{}:{}: error: {} [import]\n", opt.file, error.substr(0, colon),
                    colon == std::string::npos ? error : error.substr(colon + 2)));
    return kExitUsage;
  }
  return finish_import(opt, command, mm, model, shown);
}

/// Writes the repository, says what was not kept, and validates it.
int finish_import(const ImportOptions& opt, const std::string& command, const Metamodel& mm,
                  interop::ImportedModel& model, const std::string& shown) {
  std::string error;
  interop::reattach_builtin_models(&model);
  // By default a new folder beside, named after what was read: model.xml -> model-kaava.
  const fs::path given = fs::path(opt.file).lexically_normal();
  std::string base = (given.has_filename() ? given : given.parent_path()).stem().string();
  if (base.empty() || base == ".") base = "imported";
  const fs::path dir = opt.output.empty() ? fs::path(base + "-kaava") : fs::path(opt.output);
  interop::RepositoryOptions repo{dir, opt.by_folder, fs::path(opt.file).filename().string(), {}, {}};
  // The JSON Schemas editors read, as kaava init writes them.
  interop::SchemaOptions schema;
  schema.languages = model.languages;
  schema.language = unusable_language(model.languages.front(), {}).empty() ? model.languages.front() : "en";
  const Metamodel& target = builtin_metamodel(model.metamodel);
  repo.model_schema = interop::model_schema(target, schema);
  repo.config_schema = interop::config_schema(target, schema);
  interop::RepositoryResult written;
  if (!interop::write_repository(model, mm, repo, &written, &error)) {
    say(fmt::format("kaava {}: error: {}\n", command, error));
    return kExitUsage;
  }
  for (const std::string& note : model.notes) {
    // "line:column: text" for a place in the file; the rest are about the whole.
    const std::size_t colon = note.find(": ");
    if (!note.empty() && std::isdigit(static_cast<unsigned char>(note.front())) != 0 && colon != std::string::npos) {
      say(fmt::format("{}:{}: note: {}\n", shown, note.substr(0, colon), note.substr(colon + 2)));
    } else {
      say(fmt::format("kaava: note: {}\n", note));
    }
  }
  for (const interop::Loss& loss : model.losses) {
    say(fmt::format("{}:{}:{}: {}: not kept: {} [import-loss]\n", loss.file.empty() ? shown : loss.file,
                    loss.at.line, loss.at.column,
                    opt.allow_loss ? "note" : "warning", loss.what));
  }
  // The new repository, validated: what kaava makes of it.
  LoadOptions load;
  load.path = dir;
  const std::unique_ptr<const Workspace> ws = load_workspace(load);
  const Report report = make_report(*ws, validate(*ws));
  const auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  say(fmt::format("kaava: imported {}, {} and {} into {} ({}); kaava validate: {}\n",
                  count(model.elements.size(), "element", "elements"),
                  count(model.relationships.size(), "relationship", "relationships"),
                  count(model.views.size(), "view", "views"), dir.string(),
                  count(written.files.size(), "file", "files"), summary_text(report.summary)));
  if (report.summary.errors > 0) {
    say(fmt::format("kaava: the new repository has {} {} (kaava validate {} shows them)\n", report.summary.errors,
                    report.summary.errors == 1 ? "error" : "errors", dir.string()));
    return kExitFindings;
  }
  if (!model.losses.empty() && !opt.allow_loss) {
    say(fmt::format("kaava: {} {} of the file not kept (listed above); --allow-loss accepts that\n",
                    model.losses.size(), model.losses.size() == 1 ? "thing" : "things"));
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void setup_import(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "import", "Make a kaava repository from another tool's model (ArchiMate exchange format, Archi CSV)");
  cmd->require_subcommand(1);
  auto opt = std::make_shared<ImportOptions>();
  opt->format = "archimate";
  CLI::App* archimate = cmd->add_subcommand(
      "archimate", "An Open Group ArchiMate Model Exchange File Format file (Archi, BiZZdesign, Sparx EA ...)");
  archimate->add_option("file", opt->file, "The exchange file (.xml)")->type_name("FILE")->required();
  archimate->add_option("-o,--output", opt->output, "A new (or empty) folder for the repository (default: the file's name and -kaava)")
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
  auto csv_opt = std::make_shared<ImportOptions>();
  csv_opt->format = "csv";
  CLI::App* csv = cmd->add_subcommand("csv", "Archi's CSV files (elements.csv, relations.csv, properties.csv)");
  csv->add_option("folder", csv_opt->file, "The folder with the files, or one of them (a prefix is allowed)")
      ->type_name("DIR|FILE")
      ->required();
  csv->add_option("-o,--output", csv_opt->output,
                  "A new (or empty) folder for the repository (default: the folder's name and -kaava)")
      ->type_name("DIR")
      ->check(non_empty("--output"));
  csv->add_option("--lang", csv_opt->language, "The language of the names and documentation in the files")
      ->type_name("LANG")
      ->capture_default_str();
  csv->add_flag("--allow-loss", csv_opt->allow_loss,
                "Exit 0 even when something of the files has no place in the kaava model (it is still listed)");
  csv->footer(
      "Examples:\n"
      "  kaava import csv exported/ -o ea --lang en\n"
      "  kaava import csv exported/my-elements.csv -o ea   files with the prefix my-\n"
      "\nThe delimiter (, ; or tab) is read from the header; docs/interop.md.");
  csv->callback([csv_opt, &exit_code] { exit_code = run_import(*csv_opt); });
  cmd->footer(
      "Examples:\n"
      "  kaava import archimate model.xml -o ea\n"
      "\nRun 'kaava import FORMAT --help' for a format's options.");
}

}  // namespace kaava::cli
