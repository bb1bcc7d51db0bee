#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/common.h"
#include "analysis/impact.h"
#include "cli/analysis_load.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/output_file.h"
#include "render/notation.h"
#include "render/render.h"

namespace kaava::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct ImpactOptions {
  AnalysisLoad load{"impact"};
  std::string id;
  std::uint32_t depth = 0;
  std::string direction = "in";
  std::string format = "text";
  std::string render;  ///< a picture of the answer
  bool timings = false;
};

/// The picture's format from its file name; "" for one kaava cannot draw.
std::string picture_format(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  std::ranges::transform(ext, ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* f : {"svg", "png", "pdf", "dot"}) {
    if (ext == std::string(".") + f) return f;
  }
  return {};
}

/// Draws the answer as a focus view of the element: the elements of the
/// answer and the dependency relationships between them.
bool draw(const Workspace& ws, const analysis::Impact& impact, const ImpactOptions& opt, std::string* error) {
  const Model& model = ws.model;
  std::deque<std::string> texts;  // the view's patterns point into these
  View view;
  texts.push_back(fmt::format("impact.{}", model.element(impact.element).id));
  view.id = texts.back();
  view.focus.text = model.element(impact.element).id;
  const std::string_view title = impact.direction == analysis::ImpactDirection::in    ? "impact-in"
                                 : impact.direction == analysis::ImpactDirection::out ? "impact-out"
                                                                                      : "impact-both";
  texts.push_back(builtin_notation().phrase(title, opt.load.language,
                                            analysis::display_name(model.element(impact.element), opt.load.language)));
  view.name.texts.emplace_back(opt.load.language, texts.back());
  view.expand_all = true;
  view.direction = Direction::both;
  std::uint32_t deepest = 0;
  for (const analysis::ImpactTree& tree : impact.trees) {
    for (const analysis::ImpactNode& n : tree.nodes) deepest = std::max(deepest, n.depth);
  }
  view.depth = std::max<std::uint32_t>(1, deepest * 2);  // an element may be reached in and out
  for (std::uint32_t e : analysis::impact_elements(impact)) view.include.ids.push_back({model.element(e).id, {}, {}});
  for (std::string_view type : analysis::dependency_types(ws.metamodel)) view.include.relationships.push_back({type, {}, {}});
  RenderRequest request;
  request.format = picture_format(opt.render);
  request.language = opt.load.language;
  RenderedView done;
  std::string bytes;
  if (!draw_view(ws, view, request, {}, &done, &bytes, error)) return false;
  for (const std::string& w : done.warnings) say(fmt::format("kaava: warning: --render: {}\n", w));
  if (!write_output_file(opt.render, bytes, "impact", ws, error)) return false;
  say(fmt::format("kaava: wrote {} ({} elements, {} relationships)\n", opt.render, done.nodes, done.edges));
  return true;
}

int run_impact(ImpactOptions& opt) {
  if (!opt.render.empty() && picture_format(opt.render).empty()) {
    say(fmt::format("kaava impact: error: --render {}: the file name ends in .svg, .png, .pdf or .dot (the "
                    "picture's format)\n",
                    opt.render));
    return kExitUsage;
  }
  if (!opt.render.empty()) {
    // Said before the answer is printed, not after.
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::path(opt.render).parent_path();
    const bool folder_is_file = !folder.empty() && std::filesystem::exists(folder, ec) &&
                                !std::filesystem::is_directory(folder, ec);
    if (folder_is_file || std::filesystem::is_directory(opt.render, ec)) {
      say(fmt::format("kaava impact: error: --render {}: {}\n", opt.render,
                      folder_is_file ? fmt::format("'{}' is a file, not a folder", folder.string())
                                     : std::string("is a folder; name a file")));
      return kExitUsage;
    }
  }
  const auto start = Clock::now();
  const std::unique_ptr<const Workspace> ws = load_for_analysis(opt.load);
  if (!ws) return kExitUsage;
  const double loading = seconds_since(start);
  const std::uint32_t element = ws->model.find(opt.id);
  if (element == kNone) {
    say(fmt::format("kaava impact: error: {}\n", analysis::unknown_element(ws->model, opt.id)));
    return kExitUsage;
  }
  const auto analysing = Clock::now();
  analysis::ImpactRequest request;
  request.element = element;
  request.depth = opt.depth;
  request.direction = opt.direction == "out"    ? analysis::ImpactDirection::out
                      : opt.direction == "both" ? analysis::ImpactDirection::both
                                                : analysis::ImpactDirection::in;
  const analysis::Impact impact = analysis::impact(ws->model, ws->metamodel, request);
  const std::string text = analysis::impact_output(*ws, impact, opt.format, opt.load.language);
  const double analysis_seconds = seconds_since(analysing);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (opt.timings) {
    say(fmt::format("kaava: timings: load {:.3f} s, impact {:.4f} s ({} elements)\n", loading, analysis_seconds,
                    analysis::impact_elements(impact).size() - 1));
  }
  if (!opt.render.empty()) {
    std::string error;
    if (!draw(*ws, impact, opt, &error)) {
      say(fmt::format("kaava impact: error: --render: {}\n", error));
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace

void setup_impact(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<ImpactOptions>();
  CLI::App* cmd = app.add_subcommand(
      "impact", "What depends on an element (what a change to it affects), or what it depends on");
  cmd->add_option("id", opt->id, "The element")->type_name("ID")->required()->check(non_empty("ID"));
  CLI::Option* path = cmd->add_option("path", opt->load.path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->load.source, false, path);
  cmd->add_option("--depth", opt->depth, "Follow at most N relationships from the element (default: no limit)")
      ->type_name("N")
      ->check(whole_number(1, 1000000));
  cmd->add_option("--direction", opt->direction,
                  "in: what depends on the element; out: what it depends on; both: the two trees")
      ->check(one_of({"in", "out", "both"}))
      ->capture_default_str();
  cmd->add_option("--format", opt->format,
                  "text (a tree), json (\"kaava-impact\": 1), markdown (a nested list for a pull request)")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--render", opt->render,
                  "Also draw the answer into FILE (.svg, .png, .pdf or .dot), the element as the focus")
      ->type_name("FILE")
      ->check(non_empty("--render"));
  cmd->add_option("--lang", opt->load.language, "The language of names (default: the repository's first)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  cmd->add_flag("--timings", opt->timings, "Say on stderr how long loading and the analysis took");
  cmd->footer(
      "Followed: the relationships whose type has a dependent end in the metamodel (serving,\n"
      "realization, flow and integration, triggering, access, assignment, composition,\n"
      "aggregation; 'kaava metamodel serving' says which end). Each element appears once,\n"
      "reached by its shortest path.\n"
      "\nExamples:\n"
      "  kaava impact app.sis                         what a change to app.sis affects\n"
      "  kaava impact vet.koski --direction out --depth 2\n"
      "  kaava impact app.sis --render out/impact-sis.svg\n"
      "  kaava impact app.sis --format markdown >> comment.md");
  cmd->callback([opt, &exit_code] { exit_code = run_impact(*opt); });
}

}  // namespace kaava::cli
