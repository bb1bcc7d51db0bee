#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "diag/json_output.h"
#include "diag/text_output.h"
#include "load/workspace.h"
#include "report/baseline.h"
#include "report/report.h"
#include "util/atomic_file.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

struct ValidateOptions {
  std::string path = ".";
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
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

std::string counts(const Report& r) {
  std::string out = fmt::format("{} ({} {}, {} {}, {} {}", summary_text(r.summary), r.files,
                                r.files == 1 ? "file" : "files", r.elements, r.elements == 1 ? "element" : "elements",
                                r.relationships, r.relationships == 1 ? "relationship" : "relationships");
  if (!r.imports.empty()) out += fmt::format("; imports {}", fmt::join(r.imports, ", "));
  return out + ")";
}

/// The report in `format`; text is coloured only for a terminal.
std::string render(const std::string& format, const Report& report, const Workspace& ws, bool color,
                   bool with_summary) {
  std::string out;
  const ReportInput in{report.diagnostics, report.summary, ws.files, report.model_files};
  if (format == "json") {
    write_json(out, report.diagnostics, report.summary, ws.files);
  } else if (format == "sarif") {
    write_sarif(out, in);
  } else if (format == "junit") {
    write_junit(out, in);
  } else if (format == "github") {
    write_github(out, in);
  } else if (format == "gitlab") {
    write_gitlab(out, in);
  } else if (format == "markdown") {
    write_markdown(out, in);
  } else {
    write_text(out, report.diagnostics, ws.files, {color, true});
    if (with_summary) out += fmt::format("kaava: {}\n", counts(report));
  }
  return out;
}

int run_validate(const ValidateOptions& opt) {
  const bool to_file = !opt.output.empty();
  const bool color = !to_file && use_color(opt.color);
  Workspace ws;
  std::string error;
  LoadOptions load;
  load.path = opt.path;
  load.threads = opt.threads;
  const bool loaded = load_workspace(load, ws, &error);
  if (loaded) validate(ws);
  Report report = make_report(ws);

  if (loaded && !opt.write_baseline.empty()) {
    // Never overwrite a file that is not a baseline (kaava.yaml, say).
    std::vector<BaselineEntry> existing;
    std::error_code ec;
    if (std::filesystem::exists(opt.write_baseline, ec) && !read_baseline(opt.write_baseline, &existing, &error)) {
      print(stderr, fmt::format("kaava: error: '{}' exists and is not a kaava baseline; not overwriting it\n",
                                opt.write_baseline));
      return kExitUsage;
    }
    if (!write_file_atomically(opt.write_baseline, baseline_text(report.diagnostics, ws.files), &error)) {
      print(stderr, fmt::format("kaava: error: {}\n", error));
      return kExitUsage;
    }
    print(stderr, fmt::format("kaava: wrote a baseline of {} {} to {}\n", report.diagnostics.size(),
                              report.diagnostics.size() == 1 ? "finding" : "findings", opt.write_baseline));
    return report.unreadable ? kExitUsage : kExitOk;
  }
  std::string baseline_note;
  if (loaded && !opt.baseline.empty()) {
    std::vector<BaselineEntry> entries;
    if (!read_baseline(opt.baseline, &entries, &error)) {
      print(stderr, fmt::format("kaava: error: baseline: {}\n", error));
      return kExitUsage;
    }
    const BaselineResult result = apply_baseline(report.diagnostics, entries, ws.files, [&](std::string_view file) {
      return report.checked(file, ws.files);
    });
    report.summary = count(report.diagnostics);
    baseline_note = fmt::format("kaava: baseline {}: {} known {} not shown, {} fixed since\n", opt.baseline,
                                result.known, result.known == 1 ? "finding" : "findings", result.fixed);
  }

  const std::string out = render(opt.format, report, ws, color, !to_file);
  if (to_file) {
    // Never over a file of the model itself.
    std::error_code ec;
    for (std::uint32_t f = 0; f < ws.files.size(); ++f) {
      if (!ws.files[f].disk_path.empty() && std::filesystem::equivalent(ws.files[f].disk_path, opt.output, ec)) {
        print(stderr, fmt::format("kaava: error: --output {} is a file of the model; not overwriting it\n", opt.output));
        return kExitUsage;
      }
    }
    if (!write_file_atomically(opt.output, out, &error)) {
      print(stderr, fmt::format("kaava: error: {}\n", error));
      return kExitUsage;
    }
    print(stderr, fmt::format("kaava: {}; {} report written to {}\n", counts(report), opt.format, opt.output));
  } else {
    print(opt.format == "text" ? stderr : stdout, out);
  }
  if (!baseline_note.empty()) print(stderr, baseline_note);
  if (!loaded) {
    print(stderr, fmt::format("kaava: error: {}\n", error));
    return kExitUsage;
  }
  if (report.unreadable) {
    print(stderr, "kaava: error: some input could not be read (see the io-error findings)\n");
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
  cmd->add_option("path", opt->path,
                  "A model repository (a folder with kaava.yaml, or below one), or one model file")
      ->capture_default_str();
  cmd->add_option("--format", opt->format, "Report format")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "github", "gitlab", "markdown"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", opt->output, "Write the report to FILE (atomically); a summary goes to stderr");
  cmd->add_option("--fail-on", opt->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_option("--max-warnings", opt->max_warnings, "Exit 1 when there are more warnings than this")
      ->check([](const std::string& v) {
        return !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : std::string("--max-warnings takes a whole number, 0 or more");
      });
  cmd->add_option("--baseline", opt->baseline, "Report and fail only on findings that FILE does not record");
  cmd->add_option("--write-baseline", opt->write_baseline, "Record today's findings in FILE, then exit 0")
      ->excludes("--baseline")
      ->excludes("--output")
      ->excludes("--format");
  cmd->add_option("--color", opt->color, "Colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Files parsed at once (0: one per core)")->capture_default_str();
  cmd->footer(
      "Text goes to stderr as file:line:col: severity: message [rule]; the other formats\n"
      "go to stdout (or to --output). Formats: json (kaava's own), sarif (GitHub code\n"
      "scanning), junit, github (workflow annotations), gitlab (Code Quality), markdown\n"
      "(a pull-request comment).\n"
      "Exit codes: 0 no finding at or above --fail-on (and no more warnings than\n"
      "--max-warnings), 1 such findings, 2 usage error or unreadable input.\n"
      "\nExamples:\n"
      "  kaava validate\n"
      "  kaava validate examples/minimal --format json\n"
      "  kaava validate --format sarif --output kaava.sarif\n"
      "  kaava validate --write-baseline .kaava-baseline.json\n"
      "  kaava validate --baseline .kaava-baseline.json --fail-on warning");
  cmd->callback([opt, &exit_code] { exit_code = run_validate(*opt); });
}

}  // namespace kaava::cli
