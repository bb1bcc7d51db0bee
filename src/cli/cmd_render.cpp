#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "load/languages.h"
#include "load/workspace.h"
#include "render/render.h"
#include "util/text.h"
#include "validate/validator.h"
#include "views/selection.h"

namespace kaava::cli {

namespace {

struct RenderOptions {
  std::string path = ".";
  SourceOptions source;
  RenderRequest request;
  bool all = false;
  std::string output;  ///< empty: out/ at the repository root
};

int run_render(RenderOptions opt) {
  std::string error;
  OpenedSource source;
  if (!source.open(opt.source, opt.path, &error)) {
    say(fmt::format("kaava render: error: {}\n", error));
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> loaded = load_workspace(source.load_options(0));
  const Workspace& ws = *loaded;
  if (!ws.loaded) {
    say(fmt::format("kaava render: error: {}\n", ws.error));
    return kExitUsage;
  }
  if (!opt.request.language.empty()) {
    if (const std::string why = unusable_language(opt.request.language, ws.config.languages); !why.empty()) {
      say(fmt::format("kaava render: error: --lang: {}\n", why));
      return kExitUsage;
    }
  }
  if (!opt.request.color_by.empty()) {
    if (const std::string why = unknown_colour_property(ws.model, ws.metamodel, opt.request.color_by); !why.empty()) {
      say(fmt::format("kaava render: error: --color-by: {}\n", why));
      return kExitUsage;
    }
  }
  if (opt.request.group_by != "type") {
    if (const std::string why = unknown_colour_property(ws.model, ws.metamodel, opt.request.group_by); !why.empty()) {
      say(fmt::format("kaava render: error: --group-by takes 'type' or a property: {}\n", why));
      return kExitUsage;
    }
  }
  const bool own_views =
      std::ranges::any_of(ws.model.views(), [&](const View& v) { return !ws.files[v.at.file].imported; });
  if (opt.request.views.empty() && opt.request.viewpoint.empty() && !own_views) {
    say("kaava render: error: the repository declares no views; add them under 'views:' in a model file, or draw the "
        "whole model through a viewpoint: kaava render --viewpoint VIEWPOINT ('kaava metamodel' lists them)\n");
    return kExitUsage;
  }
  // The model's findings as validate counts them (loading and checks, the
  // repository's severities and suppressions): render draws anyway, and says so.
  const std::size_t errors = make_report(ws, validate(ws)).summary.errors;
  if (errors > 0) {
    say(fmt::format("kaava: the model has {} {} (kaava validate shows them); rendering what there is\n", errors,
                    errors == 1 ? "error" : "errors"));
  }
  // Like the search for kaava.yaml, the default folder belongs to the
  // repository: out/ at its root, wherever kaava runs.
  std::error_code ec;
  if (opt.output.empty()) {
    opt.request.output =
        std::filesystem::is_directory(ws.config.root, ec) ? (ws.config.root / "out").lexically_normal() : "out";
  } else {
    opt.request.output = opt.output;
  }
  const bool tty = isatty(STDERR_FILENO) != 0;
  std::size_t written = 0;
  std::vector<std::string> removed;
  const bool ok = render_views(
      ws, opt.request,
      [&](const RenderedView& v, std::size_t index, std::size_t total) {
        ++written;
        if (tty) {
          say(fmt::format("[{}/{}] {} -> {} ({} elements, {} relationships)\n", index + 1, total, v.id, shown(v.file),
                          v.nodes, v.edges));
        }
        for (const std::string& m : v.notes) say(fmt::format("kaava: view '{}': {}\n", v.id, m));
        for (const std::string& w : v.warnings) say(fmt::format("kaava: warning: view '{}': {}\n", v.id, w));
      },
      &removed, &error);
  if (!ok) {
    say(fmt::format("kaava render: error: {}\n", error));
    return kExitUsage;
  }
  const std::string folder = shown(opt.request.output);
  say(fmt::format("kaava: rendered {} {} into {}\n", written, written == 1 ? "view" : "views", folder));
  if (!removed.empty()) {
    say(fmt::format("kaava: removed {} {} that no view produces now: {}\n", removed.size(),
                    removed.size() == 1 ? "file" : "files", join_some(removed)));
  }
  return kExitOk;
}

}  // namespace

void setup_render(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the model's views with Graphviz (SVG, PNG, PDF or DOT)");
  CLI::Option* path = cmd->add_option("path", opt->path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->source, false, path);
  CLI::Option* view = cmd->add_option("--view", opt->request.views, "A view to render (repeat for more); default: all")
                          ->type_name("ID");
  CLI::Option* all = cmd->add_flag("--all", opt->all, "Render every view of the repository; the default");
  CLI::Option* viewpoint = cmd->add_option("--viewpoint", opt->request.viewpoint,
                                           "Render the whole model through a viewpoint, without a declared view")
                               ->type_name("VIEWPOINT");
  // One of them says what to draw; two would leave one silently unused.
  view->excludes(all)->excludes(viewpoint);
  all->excludes(viewpoint);
  cmd->add_option("--format", opt->request.format, "Image format")
      ->check(one_of({"svg", "png", "pdf", "dot"}))
      ->capture_default_str();
  cmd->add_option("--lang", opt->request.language, "Language of the labels (default: the repository's first)")
      ->type_name("LANG");
  cmd->add_option("--color-by", opt->request.color_by, "Colour elements by a property (e.g. lifecycle)")
      ->type_name("PROPERTY");
  cmd->add_option("-o,--output", opt->output,
                  "Folder for the files, one per view, named by view id (default: out/ at the repository root)")
      ->type_name("DIR")
      ->check(non_empty("--output"));
  cmd->add_flag("--force", opt->request.force, "Write into a folder that has files kaava did not write");
  cmd->add_flag("--all-elements", opt->request.all_elements,
                "Draw every element of a large view (by default, views of more than 100 elements are drawn as "
                "groups per layer, with the relationships between groups counted)");
  cmd->add_option("--group-by", opt->request.group_by,
                  "What the groups of a large view are: type, or a property such as owner")
      ->type_name("type|PROPERTY")
      ->capture_default_str();
  cmd->footer(
      "Examples:\n"
      "  kaava render                        every view, as SVG, into out/ at the repository root\n"
      "  kaava render --view view.capabilities --format png --lang sv\n"
      "  kaava render --viewpoint capability-map --color-by lifecycle -o docs/img\n"
      "  kaava render --rev main -o out/main the views as branch main has them\n"
      "\nThe folder must be new, empty, or one kaava wrote before (it leaves a .kaava-output\n"
      "file there that lists what it wrote); files are written atomically and named from\n"
      "view ids, so nothing is written outside it. Rendering every view also removes the\n"
      "files of that format it wrote before that no view produces now (a renamed view's).");
  cmd->callback([opt, &exit_code] { exit_code = run_render(*opt); });
}

}  // namespace kaava::cli
