#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/source_options.h"
#include "load/workspace.h"
#include "render/render.h"

namespace kaava::cli {

namespace {

struct RenderOptions {
  std::string path = ".";
  SourceOptions source;
  RenderRequest request;
  bool all = false;
  std::string output = "out";
};

int run_render(RenderOptions opt) {
  std::string error;
  OpenedSource source;
  if (!source.open(opt.source, opt.path, &error)) {
    std::fputs(fmt::format("kaava: error: {}\n", error).c_str(), stderr);
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> loaded = load_workspace(source.load_options(0));
  const Workspace& ws = *loaded;
  if (!ws.loaded) {
    std::fputs(fmt::format("kaava: error: {}\n", ws.error).c_str(), stderr);
    return kExitUsage;
  }
  const std::size_t errors =
      static_cast<std::size_t>(std::ranges::count_if(ws.diagnostics.items(), [&](const Diagnostic& d) {
        return d.severity == Severity::error && (d.at.file == kNoFile || !ws.files[d.at.file].imported);
      }));
  if (errors > 0) {
    std::fputs(fmt::format("kaava: the model has {} {} (kaava validate shows them); rendering what there is\n", errors,
                           errors == 1 ? "error" : "errors")
                   .c_str(),
               stderr);
  }
  if (opt.all) opt.request.views.clear();
  opt.request.output = opt.output;
  const bool tty = isatty(STDERR_FILENO) != 0;
  std::size_t written = 0;
  const bool ok = render_views(
      ws, opt.request,
      [&](const RenderedView& v, std::size_t index, std::size_t total) {
        ++written;
        if (tty) {
          std::fputs(fmt::format("[{}/{}] {} -> {} ({} elements, {} relationships)\n", index + 1, total, v.id,
                                 v.file.string(), v.nodes, v.edges)
                         .c_str(),
                     stderr);
        }
        for (const std::string& w : v.warnings) {
          std::fputs(fmt::format("kaava: warning: view '{}': {}\n", v.id, w).c_str(), stderr);
        }
      },
      &error);
  if (!ok) {
    std::fputs(fmt::format("kaava: error: {}\n", error).c_str(), stderr);
    return kExitUsage;
  }
  std::fputs(
      fmt::format("kaava: rendered {} {} into {}\n", written, written == 1 ? "view" : "views", opt.output).c_str(),
      stderr);
  return kExitOk;
}

}  // namespace

void setup_render(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<RenderOptions>();
  CLI::App* cmd = app.add_subcommand("render", "Draw the model's views with Graphviz (SVG, PNG, PDF or DOT)");
  CLI::Option* path =
      cmd->add_option("path", opt->path, "A model repository, or a folder below one")->capture_default_str();
  add_source_options(cmd, opt->source, false, path);
  cmd->add_option("--view", opt->request.views, "A view to render (repeat for more); default: all");
  cmd->add_flag("--all", opt->all, "Render every view of the repository");
  cmd->add_option("--viewpoint", opt->request.viewpoint,
                  "Render the whole model through a viewpoint, without a declared view");
  cmd->add_option("--format", opt->request.format, "Image format")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}))
      ->capture_default_str();
  cmd->add_option("--lang", opt->request.language, "Language of the labels (default: the repository's first)");
  cmd->add_option("--color-by", opt->request.color_by, "Colour elements by a property (e.g. lifecycle)");
  cmd->add_option("-o,--output", opt->output, "Folder for the files (one per view, named by view id)")
      ->capture_default_str();
  cmd->add_flag("--force", opt->request.force, "Write into a folder that has files kaava did not write");
  cmd->footer(
      "\nExamples:\n"
      "  kaava render                                  every view, as SVG, into out/\n"
      "  kaava render --view view.capabilities --format png --lang sv\n"
      "  kaava render --viewpoint capability-map --color-by lifecycle -o docs/img\n"
      "  kaava render --rev main -o out/main         the views as branch main has them\n"
      "\nThe folder must be new, empty, or one kaava wrote before (it leaves a .kaava-output\n"
      "file there); files are written atomically and named from view ids, so nothing\n"
      "is written outside it.");
  cmd->callback([opt, &exit_code] { exit_code = run_render(*opt); });
}

}  // namespace kaava::cli
