#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output_file.h"
#include "cli/source_options.h"
#include "load/files.h"
#include "load/workspace.h"
#include "report/baseline.h"
#include "report/report.h"
#include "report/text.h"
#include "util/atomic_file.h"
#include "util/output_folder.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

struct ValidateOptions {
  std::string path = ".";
  SourceOptions source;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
  std::string path_prefix;
  bool path_prefix_given = false;
  int max_warnings = -1;
  std::string baseline;
  std::string write_baseline;
  std::string color = "auto";
  unsigned threads = 0;
};

void print(std::FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

std::string counts(const Report& r, const std::string& read_from) {
  std::string out = fmt::format("{} ({} {}, {} {}, {} {}", summary_text(r.summary), r.files,
                                r.files == 1 ? "file" : "files", r.elements, r.elements == 1 ? "element" : "elements",
                                r.relationships, r.relationships == 1 ? "relationship" : "relationships");
  if (!r.imports.empty()) out += fmt::format("; imports {}", fmt::join(r.imports, ", "));
  if (!read_from.empty()) out += fmt::format("; {}", read_from);
  return out + ")";
}

/// Where --output writes: FILE, or the format's own file name in a folder.
std::filesystem::path output_path(const std::string& output, const ReportFormat& format) {
  std::error_code ec;
  if (output.ends_with('/') || std::filesystem::is_directory(output, ec)) {
    return std::filesystem::path(output) / format.default_file;
  }
  return output;
}

int run_validate(const ValidateOptions& opt) {
  const ReportFormat& format = *find_report_format(opt.format);
  const bool to_file = !opt.output.empty();
  std::string error;
  OpenedSource source;
  if (!source.open(opt.source, opt.path, &error)) {
    print(stderr, fmt::format("kaava validate: error: {}\n", error));
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> loaded = load_workspace(source.load_options(opt.threads));
  const Workspace& ws = *loaded;
  Report report = make_report(ws, validate(ws));
  const std::string read_from = source.elsewhere() ? ws.source : std::string();

  if (ws.loaded && !opt.write_baseline.empty()) {
    // Never overwrite a file that is not a baseline (kaava.yaml, say).
    std::vector<BaselineEntry> existing;
    std::error_code ec;
    if (inside_git_folder(opt.write_baseline)) {
      print(stderr, fmt::format("kaava validate: error: --write-baseline {}: it is a .git folder or inside one; "
                                "kaava does not write there\n",
                                opt.write_baseline));
      return kExitUsage;
    }
    if (std::filesystem::exists(opt.write_baseline, ec) && !read_baseline(opt.write_baseline, &existing, &error)) {
      print(stderr, fmt::format("kaava validate: error: '{}' exists and is not a kaava baseline; not overwriting it\n",
                                opt.write_baseline));
      return kExitUsage;
    }
    if (!write_file_atomically(opt.write_baseline, baseline_text(report.diagnostics, ws.files), &error)) {
      print(stderr, fmt::format("kaava validate: error: {}\n", error));
      return kExitUsage;
    }
    print(stderr, fmt::format("kaava: wrote a baseline of {} {} to {}\n", report.diagnostics.size(),
                              report.diagnostics.size() == 1 ? "finding" : "findings", opt.write_baseline));
    return report.unreadable ? kExitUsage : kExitOk;
  }
  std::string baseline_note;
  if (ws.loaded && !opt.baseline.empty()) {
    std::vector<BaselineEntry> entries;
    if (!read_baseline(opt.baseline, &entries, &error)) {
      print(stderr, fmt::format("kaava validate: error: baseline: {}\n", error));
      return kExitUsage;
    }
    const BaselineResult result = apply_baseline(report.diagnostics, entries, ws.files,
                                                 [&](std::string_view file) { return report.checked(file, ws.files); });
    report.summary = count(report.diagnostics);
    baseline_note = fmt::format("kaava: baseline {}: {} known {} not shown, {} fixed since\n", opt.baseline,
                                result.known, result.known == 1 ? "finding" : "findings", result.fixed);
  }

  ReportInput in{report.diagnostics, report.summary, ws.files, report.model_files};
  in.color = !to_file && format.name == "text" && use_color(opt.color);
  in.fail_on = parse_severity(opt.fail_on).value_or(Severity::error);
  in.incomplete = !ws.loaded || report.unreadable;
  if (opt.path_prefix_given) {
    std::string prefix = opt.path_prefix;
    while (prefix.starts_with("./")) prefix.erase(0, 2);
    if (!prefix.empty() && prefix != "." && !prefix.ends_with('/')) prefix += '/';
    in.path_prefix = prefix == "." ? std::string() : prefix;
  } else if (ws.loaded) {
    in.path_prefix = source.git_prefix(ws.config.root);
  }
  std::string out;
  format.write(out, in);
  if (!to_file && format.name == "text") out += fmt::format("kaava: {}\n", counts(report, read_from));
  if (to_file) {
    const std::filesystem::path file = output_path(opt.output, format);
    if (!write_output_file(file, out, "validate", ws, &error)) {
      print(stderr, fmt::format("kaava validate: error: --output {}\n", error));
      return kExitUsage;
    }
    print(stderr,
          fmt::format("kaava: {}; {} report written to {}\n", counts(report, read_from), format.name, file.string()));
  } else {
    print(format.to_stdout ? stdout : stderr, out);
  }
  if (!baseline_note.empty()) print(stderr, baseline_note);
  if (!ws.loaded) {
    // The report has the finding; a report on stdout or in a file gets the reason on stderr too.
    const bool said =
        std::ranges::any_of(report.diagnostics, [&](const Diagnostic& d) { return d.message == ws.error; });
    if (to_file || format.name != "text" || !said) print(stderr, fmt::format("kaava validate: error: {}\n", ws.error));
    return kExitUsage;
  }
  if (report.unreadable) {
    print(stderr, "kaava validate: error: some input could not be read (see the io-error findings)\n");
    return kExitUsage;
  }
  const Severity level = parse_severity(opt.fail_on).value_or(Severity::error);
  if (report.summary.at_least(level) > 0) return kExitFindings;
  if (opt.max_warnings >= 0 && report.summary.warnings > static_cast<std::size_t>(opt.max_warnings)) {
    print(stderr, fmt::format("kaava: {} {}, more than --max-warnings {}\n", report.summary.warnings,
                              report.summary.warnings == 1 ? "warning" : "warnings", opt.max_warnings));
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void setup_validate(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a model repository against the metamodel");
  CLI::Option* path = cmd->add_option("path", opt->path,
                                      "A model repository (a folder with kaava.yaml, or below one), or one model file")
                          ->type_name("PATH")
                          ->capture_default_str();
  std::vector<std::string> names;
  std::string formats_help;
  for (const ReportFormat& f : report_formats()) {
    names.emplace_back(f.name);
    formats_help += fmt::format("  {:<9} {}\n", f.name, f.description);
  }
  cmd->add_option("--format", opt->format, "Report format")->check(one_of(names))->capture_default_str();
  cmd->add_option("-o,--output", opt->output,
                  "Write the report to FILE (atomically), or into a folder under the format's own name; "
                  "a summary goes to stderr")
      ->type_name("FILE|DIR")
      ->check(non_empty("--output"));
  add_source_options(cmd, opt->source, true, path);
  cmd->add_option("--path-prefix", opt->path_prefix,
                  "Prefix of the paths in github, gitlab and sarif reports (default: where the repository lies "
                  "in its git work tree, so annotations land on the file; \"\" for none)")
      ->type_name("P")
      ->each([opt](const std::string&) { opt->path_prefix_given = true; });
  cmd->add_option("--fail-on", opt->fail_on, "Lowest severity that makes the exit code 1")
      ->check(one_of({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_option("--max-warnings", opt->max_warnings, "Exit 1 when there are more warnings than this")
      ->check([](const std::string& v) {
        return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : fmt::format("a whole number, 0 or more, is needed, not '{}'", v);
      });
  cmd->add_option("--baseline", opt->baseline, "Report and fail only on findings that FILE does not record")
      ->type_name("FILE")
      ->check(non_empty("--baseline"));
  cmd->add_option("--write-baseline", opt->write_baseline, "Record today's findings in FILE, then exit 0")
      ->type_name("FILE")
      ->check(non_empty("--write-baseline"))
      ->excludes("--baseline")
      ->excludes("--output")
      ->excludes("--format");
  cmd->add_option("--color", opt->color, "Colour in text output")
      ->check(one_of({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Files parsed at once (0: one per core)")->capture_default_str();
  cmd->footer(
      "Text goes to stderr as file:line:col: severity: message [rule]; the other formats\n"
      "go to stdout (or to --output). Formats:\n" +
      formats_help +
      "Exit codes: 0 no finding at or above --fail-on (and no more warnings than\n"
      "--max-warnings), 1 such findings, 2 usage error or unreadable input.\n"
      "\nExamples:\n"
      "  kaava validate\n"
      "  kaava validate model/start.yaml --format json  one file, with its repository around it\n"
      "  kaava validate --format sarif --output kaava.sarif\n"
      "  kaava validate --rev HEAD~1                   the previous commit, without a checkout\n"
      "  kaava validate --staged                       what git commit would record (pre-commit)\n"
      "  kaava validate --stdin-filename model/x.yaml < buffer.yaml\n"
      "  kaava validate --write-baseline .kaava-baseline.json\n"
      "  kaava validate --baseline .kaava-baseline.json --fail-on warning");
  cmd->callback([opt, &exit_code] { exit_code = run_validate(*opt); });
}

}  // namespace kaava::cli
