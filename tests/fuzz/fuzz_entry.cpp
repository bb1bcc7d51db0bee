#include "fuzz_entry.h"

#include <cstdio>
#include <cstdlib>

#include "diag/json_output.h"
#include "diag/text_output.h"
#include "metamodel/metamodel_loader.h"
#include "render/dot_writer.h"
#include "report/report.h"
#include "util/text.h"
#include "validate/validator.h"

namespace kaava::fuzz {

namespace {

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

void check_one(std::string_view input) {
  Workspace ws;
  ws.config.root = ".";
  ws.metamodel = builtin_metamodel("vet");
  ws.model_files.push_back(ws.files.add_text("model/input.yaml", std::string(input)));
  load_model_files(ws, 1);
  validate(ws);
  Report report = make_report(ws);

  std::string text, json, sarif, junit, github, gitlab, markdown;
  write_text(text, report.diagnostics, ws.files, {false, true});
  write_json(json, report.diagnostics, report.summary, ws.files);
  const ReportInput in{report.diagnostics, report.summary, ws.files, report.model_files};
  write_sarif(sarif, in);
  write_junit(junit, in);
  write_github(github, in);
  write_gitlab(gitlab, in);
  write_markdown(markdown, in);
  // Machine formats are valid UTF-8 whatever the input was.
  for (const std::string* out : {&json, &sarif, &junit, &gitlab}) {
    require(find_invalid_utf8(*out) == std::string_view::npos, "a report is not valid UTF-8");
  }
  // Every finding has a rule and, when it has a file, a 1-based position.
  for (const Diagnostic& d : report.diagnostics) {
    require(!d.message.empty(), "a finding without a message");
    require(d.at.file == kNoFile || d.at.line == 0 || d.at.column >= 1, "a finding at column 0");
  }
  for (const View& view : ws.model.views()) {
    const DotGraph g = write_dot(ws.model, ws.metamodel, builtin_notation(), view, DotOptions());
    require(find_invalid_utf8(g.text) == std::string_view::npos, "DOT is not valid UTF-8");
  }
}

}  // namespace kaava::fuzz
