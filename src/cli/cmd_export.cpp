#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output_file.h"
#include "cli/source_options.h"
#include "interop/archi_csv.h"
#include "interop/exchange_export.h"
#include "interop/model_json.h"
#include "load/languages.h"
#include "load/workspace.h"
#include "util/output_folder.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

struct ExportOptions {
  std::string format;
  std::string path = ".";
  SourceOptions source;
  std::string output;  ///< empty: standard output
  std::string language;
  std::string prefix;  ///< csv: the files' names start with it
  bool force = false;  ///< csv: a folder with other files
};

/// Archi's three CSV files, into a folder of kaava's (out/csv by default).
int write_csv(const ExportOptions& opt, const Workspace& ws) {
  const interop::CsvExport csv = interop::export_csv(ws, opt.language);
  for (const std::string& note : csv.notes) say(fmt::format("kaava: note: {}\n", note));
  std::error_code ec;
  const std::filesystem::path dir =
      !opt.output.empty() ? std::filesystem::path(opt.output)
      : std::filesystem::is_directory(ws.config.root, ec) ? (ws.config.root / "out" / "csv").lexically_normal()
                                                          : std::filesystem::path("out") / "csv";
  std::string error;
  OutputFolder folder;
  std::vector<std::string> removed;
  const std::string prefix = opt.prefix;
  if (!folder.open(dir, "export csv", OutputFolder::Use::own, opt.force, &error) ||
      !folder.write(prefix + "elements.csv", csv.files.elements, &error) ||
      !folder.write(prefix + "relations.csv", csv.files.relations, &error) ||
      !folder.write(prefix + "properties.csv", csv.files.properties, &error) || !folder.finish({}, &removed, &error)) {
    say(fmt::format("kaava export csv: error: {}\n", error));
    return kExitUsage;
  }
  say(fmt::format("kaava: wrote {0}elements.csv, {0}relations.csv and {0}properties.csv into {1} ({2} elements, {3} "
                  "relationships)\n",
                  prefix, dir.string(), csv.elements, csv.relationships));
  return kExitOk;
}

int run_export(const ExportOptions& opt) {
  const std::string command = "export " + opt.format;
  std::string error;
  OpenedSource source;
  if (!source.open(opt.source, opt.path, &error)) {
    say(fmt::format("kaava {}: error: {}\n", command, error));
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> loaded = load_workspace(source.load_options(0));
  const Workspace& ws = *loaded;
  if (!ws.loaded) {
    say(fmt::format("kaava {}: error: {}\n", command, ws.error));
    return kExitUsage;
  }
  // A model with errors is exported as far as it goes, and the exit code says so (CI must not publish it unseen).
  const Report report = make_report(ws, validate(ws));
  const int done = report.summary.errors > 0 ? kExitFindings : kExitOk;
  if (report.summary.errors > 0) {
    say(fmt::format("kaava: the model has {} {} (kaava validate shows them); the export holds what there is, and "
                    "the exit code is 1\n",
                    report.summary.errors, report.summary.errors == 1 ? "error" : "errors"));
  }
  if (!opt.language.empty()) {
    if (const std::string why = unusable_language(opt.language, ws.config.languages); !why.empty()) {
      say(fmt::format("kaava {}: error: --lang: {}\n", command, why));
      return kExitUsage;
    }
  }
  if (opt.format == "csv") {
    const int written = write_csv(opt, ws);
    return written != kExitOk ? written : done;
  }
  std::string text;
  std::vector<std::string> notes;
  std::string counts = fmt::format("{} elements, {} relationships, {} views", ws.model.elements().size(),
                                   ws.model.relationships().size(), ws.model.views().size());
  if (opt.format == "archimate") {
    interop::ExchangeResult result;
    if (!interop::export_exchange(ws, {opt.language}, &result, &error)) {
      say(fmt::format("kaava {}: error: {}\n", command, error));
      return kExitUsage;
    }
    text = std::move(result.xml);
    notes = std::move(result.notes);
    counts = fmt::format("{} elements, {} relationships, {} views", result.elements, result.relationships,
                         result.views);
  } else {
    text = interop::model_json(ws);
  }
  for (const std::string& note : notes) say(fmt::format("kaava: note: {}\n", note));
  if (opt.output.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return done;
  }
  if (!write_output_file(opt.output, text, command, ws, &error)) {
    say(fmt::format("kaava {}: error: -o {}\n", command, error));
    return kExitUsage;
  }
  say(fmt::format("kaava: wrote {} ({})\n", opt.output, counts));
  return done;
}

/// The options every export format has.
CLI::App* add_format(CLI::App* parent, const std::string& format, const std::string& description,
                     std::shared_ptr<ExportOptions> opt, int& exit_code) {
  CLI::App* cmd = parent->add_subcommand(format, description);
  opt->format = format;
  CLI::Option* path = cmd->add_option("path", opt->path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->source, false, path);
  if (format == "csv") {
    cmd->add_option("-o,--output", opt->output, "The folder to write into (default: out/csv at the repository root)")
        ->type_name("DIR")
        ->check(non_empty("--output"));
    cmd->add_option("--prefix", opt->prefix, "Start the files' names with this (Archi's 'file prefix')")
        ->type_name("TEXT");
    cmd->add_flag("--force", opt->force, "Write into a folder that has files kaava did not write");
  } else {
    cmd->add_option("-o,--output", opt->output, "The file to write (default: standard output)")
        ->type_name("FILE")
        ->check(non_empty("--output"));
  }
  if (format != "json") {
    cmd->add_option("--lang", opt->language,
                    "The language written first, and of specialization names (default: the repository's first)")
        ->type_name("LANG")
        ->check(non_empty("--lang"));
  }
  cmd->callback([opt, &exit_code] { exit_code = run_export(*opt); });
  return cmd;
}

}  // namespace

void setup_export(CLI::App& app, int& exit_code) {
  CLI::App* cmd =
      app.add_subcommand("export", "Write the model for other tools (ArchiMate exchange format, Archi CSV, JSON)");
  cmd->require_subcommand(1);
  CLI::App* json = add_format(cmd, "json",
                              "The resolved model as JSON (\"kaava-model\": 1): elements, relationships with their "
                              "ids, views with what they show",
                              std::make_shared<ExportOptions>(), exit_code);
  CLI::App* archimate =
      add_format(cmd, "archimate",
                 "The Open Group ArchiMate Model Exchange File Format (Archi, BiZZdesign, Sparx EA, BlueDolphin): "
                 "elements, relationships, properties, folders and the views laid out",
                 std::make_shared<ExportOptions>(), exit_code);
  archimate->footer(
      "Examples:\n"
      "  kaava export archimate -o model.xml        then in Archi: File > Import > Open Exchange XML Model\n"
      "  kaava export archimate --lang en -o model-en.xml\n"
      "\nWhat maps to what, and what does not travel: docs/interop.md.");
  CLI::App* csv = add_format(cmd, "csv",
                             "Archi's CSV files: elements.csv, relations.csv and properties.csv (one language)",
                             std::make_shared<ExportOptions>(), exit_code);
  csv->footer(
      "Examples:\n"
      "  kaava export csv                  out/csv/elements.csv, relations.csv, properties.csv\n"
      "  kaava export csv --lang en -o csv-en\n"
      "\nIn Archi: File > Import > CSV Data Into Selected Model. docs/interop.md.");
  json->footer(
      "Examples:\n"
      "  kaava export json -o model.json\n"
      "  kaava export json | jq '.elements[] | select(.type == \"application-component\") | .id'\n"
      "\nThe shape is documented in docs/interop.md.");
  cmd->footer(
      "Examples:\n"
      "  kaava export archimate -o model.xml\n"
      "  kaava export csv -o csv\n"
      "  kaava export json -o model.json\n"
      "\nRun 'kaava export FORMAT --help' for a format's options.");
}

}  // namespace kaava::cli
