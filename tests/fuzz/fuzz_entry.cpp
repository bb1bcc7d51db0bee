#include "fuzz_entry.h"

#include <cstdio>
#include <cstdlib>

#include "load/parse_cache.h"
#include "load/workspace.h"
#include "render/dot_writer.h"
#include "report/report.h"
#include "source/memory_source.h"
#include "util/text.h"
#include "yaml/document.h"
#include "validate/validator.h"

namespace kaava::fuzz {

namespace {

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
  }
}

/// Every node of `docs` within its arrays: what a consumer may walk.
void walk(const std::vector<yaml::Document>& docs) {
  for (const yaml::Document& doc : docs) {
    for (yaml::NodeId id = 0; id < doc.node_count(); ++id) {
      (void)doc.scalar(id).size();
      for (yaml::NodeId item : doc.items(id)) require(item < doc.node_count(), "a sequence item out of bounds");
      for (auto [key, value] : doc.pairs(id)) {
        require(key < doc.node_count() && value < doc.node_count(), "a mapping pair out of bounds");
      }
    }
  }
}

/// The parse cache's entries: the input's own entry gives back its parse;
/// the input read as an entry, or as a snapshot, never reads out of bounds.
void check_cache_entries(std::string_view input) {
  const yaml::Limits limits;
  std::vector<yaml::Problem> problems;
  const std::vector<yaml::Document> parsed = yaml::parse(input, limits, problems);
  const std::string entry = encode_parse_entry(input, limits, parsed, problems);
  std::vector<yaml::Document> back;
  std::vector<yaml::Problem> back_problems;
  require(decode_parse_entry(entry, input, limits, &back, &back_problems), "an entry does not read back");
  require(yaml::save_snapshot(back) == yaml::save_snapshot(parsed) && back_problems.size() == problems.size(),
          "an entry reads back as another parse");
  // Cut short or with a byte changed, it is refused (the checksum), never half read.
  if (!entry.empty()) {
    std::string changed = entry;
    changed[input.size() % changed.size()] ^= 0x20;
    require(!decode_parse_entry(changed, input, limits, &back, &back_problems), "a changed entry is read");
    require(!decode_parse_entry(std::string_view(entry).substr(0, entry.size() / 2), input, limits, &back,
                                &back_problems),
            "a truncated entry is read");
  }
  if (decode_parse_entry(input, input, limits, &back, &back_problems)) walk(back);
  if (yaml::load_snapshot(input, &back)) walk(back);
}

}  // namespace

void check_one(std::string_view input) {
  check_cache_entries(input);
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
