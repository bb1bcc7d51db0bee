#include "fuzz_entry.h"

#include <cstdio>
#include <cstdlib>

#include "load/workspace.h"
#include "render/dot_writer.h"
#include "report/report.h"
#include "source/memory_source.h"
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
  MemorySource memory;
  memory.add("model/input.yaml", std::string(input));
  LoadOptions options;
  options.source = &memory;
  options.threads = 1;
  const std::unique_ptr<const Workspace> loaded = load_workspace(options);
  const Workspace& ws = *loaded;
  const Report report = make_report(ws, validate(ws));

  // Every report format; the machine formats are valid UTF-8 whatever the input was.
  const ReportInput in{report.diagnostics, report.summary, ws.files, report.model_files};
  for (const ReportFormat& format : report_formats()) {
    std::string out;
    format.write(out, in);
    if (format.machine) require(find_invalid_utf8(out) == std::string_view::npos, "a report is not valid UTF-8");
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
