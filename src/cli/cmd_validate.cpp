#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "diag/json_output.h"
#include "diag/text_output.h"
#include "load/workspace.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

struct ValidateOptions {
  std::string path = ".";
  std::string format = "text";
  std::string fail_on = "error";
  std::string color = "auto";
  unsigned threads = 0;
};

void print(std::FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
  std::fflush(stream);
}

int run_validate(const ValidateOptions& opt) {
  const bool color = use_color(opt.color);
  Workspace ws;
  std::string error;
  LoadOptions load;
  load.path = opt.path;
  load.threads = opt.threads;
  if (!load_workspace(load, ws, &error)) {
    Report report = make_report(ws);
    if (opt.format == "json") {
      std::string out;
      write_json(out, report.diagnostics, report.summary, ws.files);
      print(stdout, out);
    } else {
      std::string out;
      write_text(out, report.diagnostics, ws.files, {color, true});
      print(stderr, out);
    }
    print(stderr, fmt::format("kaava: error: {}\n", error));
    return kExitUsage;
  }
  validate(ws);
  Report report = make_report(ws);
  const std::size_t files = report.files, elements = report.elements, relationships = report.relationships;
  std::string out;
  if (opt.format == "json") {
    write_json(out, report.diagnostics, report.summary, ws.files);
    print(stdout, out);
  } else {
    write_text(out, report.diagnostics, ws.files, {color, true});
    out += fmt::format("kaava: {} ({} {}, {} {}, {} {})\n", summary_text(report.summary), files,
                       files == 1 ? "file" : "files", elements, elements == 1 ? "element" : "elements",
                       relationships, relationships == 1 ? "relationship" : "relationships");
    if (!report.imports.empty()) out.insert(out.size() - 2, fmt::format("; imports {}", fmt::join(report.imports, ", ")));
    print(stderr, out);
  }
  if (report.unreadable) return kExitUsage;
  const Severity level = parse_severity(opt.fail_on).value_or(Severity::error);
  return report.summary.at_least(level) > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void setup_validate(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a model repository against the metamodel");
  cmd->add_option("path", opt->path,
                  "A model repository (a folder with kaava.yaml, or below one), or one model file")
      ->capture_default_str();
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--fail-on", opt->fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info"}))
      ->capture_default_str();
  cmd->add_option("--color", opt->color, "Colour in text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Files parsed at once (0: one per core)")
      ->capture_default_str();
  cmd->footer(
      "Findings go to stderr as file:line:col: severity: message [rule]; with\n"
      "--format json, one JSON object goes to stdout.\n"
      "Exit codes: 0 no finding at or above --fail-on, 1 such findings,\n"
      "2 usage error or unreadable input.\n"
      "\nExamples:\n"
      "  kaava validate\n"
      "  kaava validate examples/minimal --format json\n"
      "  kaava validate model/applications.yaml --fail-on warning");
  cmd->callback([opt, &exit_code] { exit_code = run_validate(*opt); });
}

}  // namespace kaava::cli
