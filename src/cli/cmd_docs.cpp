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
#include "docs/site.h"
#include "load/files.h"
#include "load/languages.h"
#include "load/workspace.h"
#include "source/disk_source.h"
#include "util/edit_distance.h"
#include "util/text.h"
#include "validate/validator.h"

namespace kaava::cli {

namespace {

struct DocsOptions {
  std::string path = ".";
  SourceOptions source;
  docs::DocsRequest request;
  std::string output;  ///< empty: out/site (out/markdown) at the repository root
  std::string templates;
  bool format_given = false;  ///< --format was on the command line
};

int run_docs(DocsOptions opt) {
  std::string error;
  OpenedSource source;
  if (!source.open(opt.source, opt.path, &error)) {
    say(fmt::format("kaava docs: error: {}\n", error));
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> loaded = load_workspace(source.load_options(0));
  const Workspace& ws = *loaded;
  if (!ws.loaded) {
    say(fmt::format("kaava docs: error: {}\n", ws.error));
    return kExitUsage;
  }
  if (!opt.request.language.empty() && opt.request.language != "all") {
    if (const std::string why = unusable_language(opt.request.language, ws.config.languages); !why.empty()) {
      say(fmt::format("kaava docs: error: --lang: {} (or 'all' for one tree per language)\n", why));
      return kExitUsage;
    }
  }
  if (!opt.request.wiki.empty()) {
    if (opt.format_given && opt.request.format != "markdown") {
      say("kaava docs: error: --wiki writes Markdown pages; it does not go with --format html\n");
      return kExitUsage;
    }
    opt.request.format = "markdown";
  }
  if (opt.request.single_file && opt.request.format == "markdown") {
    say("kaava docs: error: --single-file makes one HTML file; it does not go with --format markdown\n");
    return kExitUsage;
  }
  // kaava.yaml's docs: a home view that is none, a templates folder that is not there.
  const auto at = [&](const SourceSpan& span) {
    return span.valid() ? fmt::format("{}:{}:{}: ", ws.files[span.file].path, span.line, span.column) : std::string();
  };
  if (!ws.config.docs_home.empty()) {
    std::vector<std::string_view> ids;
    for (const View& v : ws.model.views()) ids.push_back(v.id);
    if (std::ranges::find(ids, std::string_view(ws.config.docs_home)) == ids.end()) {
      say(fmt::format("{}error: docs.home '{}' is no view of the model{} [invalid-config]\n",
                      at(ws.config.docs_home_at), ws.config.docs_home, did_you_mean(ws.config.docs_home, ids)));
      return kExitUsage;
    }
  }
  const LoadOptions loaded_from = source.load_options(0);
  if (opt.templates.empty() && !ws.config.docs_templates.empty()) {
    const FileSource& files = loaded_from.source != nullptr ? *loaded_from.source : disk_files();
    const std::filesystem::path folder = normal_path(files.absolute(ws.config.root / ws.config.docs_templates));
    if (!inside(folder, normal_path(files.absolute(ws.config.root)))) {
      say(fmt::format("{}error: docs.templates '{}' is outside the repository; it names a folder in it, from its root "
                      "[invalid-config]\n",
                      at(ws.config.docs_templates_at), ws.config.docs_templates));
      return kExitUsage;
    }
    if (files.status(folder, true).kind != FileKind::folder) {
      say(
          fmt::format("{}error: docs.templates '{}' is no folder (it is read from the repository root{}) "
                      "[invalid-config]\n",
                      at(ws.config.docs_templates_at), ws.config.docs_templates,
                      source.elsewhere() ? ", in " + files.describe() : std::string()));
      return kExitUsage;
    }
  }
  const Report report = make_report(ws, validate(ws));
  if (report.summary.errors > 0) {
    say(
        fmt::format("kaava: the model has {} {} (kaava validate shows them, and so does the site's findings page); "
                    "documenting what there is\n",
                    report.summary.errors, report.summary.errors == 1 ? "error" : "errors"));
  }
  std::error_code ec;
  const std::string folder = opt.request.format == "markdown" ? "markdown" : "site";
  if (opt.output.empty()) {
    opt.request.output = std::filesystem::is_directory(ws.config.root, ec)
                             ? (ws.config.root / "out" / folder).lexically_normal()
                             : std::filesystem::path("out") / folder;
  } else {
    opt.request.output = opt.output;
  }
  opt.request.templates = opt.templates;
  opt.request.source = loaded_from.source;
  opt.request.revision = opt.source.revision;
  opt.request.source_prefix = source.git_prefix(ws.config.root);
  docs::DocsResult result;
  if (!docs::build_docs(ws, report, opt.request, &result, &error)) {
    say(fmt::format("kaava docs: error: {}\n", error));
    return kExitUsage;
  }
  for (const std::string& w : result.warnings) say(fmt::format("kaava: warning: {}\n", w));
  say(fmt::format("kaava: wrote {} {} into {} ({} {} drawn in {:.1f} s, pages in {:.1f} s); open {}\n", result.pages,
                  result.pages == 1 ? "file" : "files", shown(opt.request.output), result.views,
                  result.views == 1 ? "view" : "views", result.views_seconds, result.pages_seconds,
                  shown(result.index)));
  if (!result.removed.empty()) {
    say(fmt::format("kaava: removed {} {} that the site no longer has: {}\n", result.removed.size(),
                    result.removed.size() == 1 ? "file" : "files", join_some(result.removed)));
  }
  return kExitOk;
}

}  // namespace

void setup_docs(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<DocsOptions>();
  CLI::App* cmd = app.add_subcommand("docs", "Publish the model as a static HTML site (or Markdown pages)");
  CLI::Option* path = cmd->add_option("path", opt->path, "A model repository, or a folder below one")
                          ->type_name("PATH")
                          ->capture_default_str();
  add_source_options(cmd, opt->source, false, path);
  CLI::Option* format =
      cmd->add_option("--format", opt->request.format,
                      "html: a site to host anywhere; markdown: pages to read in a repository (or, with --wiki, a wiki)")
          ->check(one_of({"html", "markdown"}))
          ->capture_default_str();
  cmd->add_option("--wiki", opt->request.wiki,
                  "Markdown for a GitHub or GitLab wiki: pages side by side, linked by name, with a home page and a "
                  "sidebar")
      ->type_name("github|gitlab")
      ->check(one_of({"github", "gitlab"}));
  cmd->add_option("--lang", opt->request.language,
                  "Language of the pages (default: the repository's first), or 'all': one tree per language")
      ->type_name("LANG|all")
      ->check(non_empty("--lang"));
  cmd->add_option("--templates", opt->templates,
                  "A folder of templates that replace built-in ones (default: kaava.yaml's docs.templates)")
      ->type_name("DIR")
      ->check(non_empty("--templates"));
  cmd->add_flag("--single-file", opt->request.single_file,
                "One self-contained index.html: styles, scripts and pictures inside it");
  cmd->add_option("-o,--output", opt->output,
                  "Folder for the site (default: out/site, or out/markdown, at the repository root)")
      ->type_name("DIR")
      ->check(non_empty("--output"));
  cmd->add_flag("--force", opt->request.force, "Write into a folder that has files kaava did not write");
  cmd->footer(
      "Examples:\n"
      "  kaava docs                          the site into out/site; open out/site/index.html\n"
      "  kaava docs --lang all               one tree per language, with a language switcher\n"
      "  kaava docs --single-file -o public  one index.html that needs no other file\n"
      "  kaava docs --format markdown        Markdown pages into out/markdown, to read in a repository\n"
      "  kaava docs --wiki github -o wiki    pages for a GitHub wiki (a clone of REPO.wiki.git)\n"
      "\nThe site works from file:// and on any static host; it fetches nothing from the\n"
      "network. The folder must be new, empty, or one kaava wrote before; pages that an\n"
      "earlier run wrote and the model no longer has are removed. docs/docs-site.md has more.");
  cmd->callback([opt, format, &exit_code] {
    opt->format_given = format->count() > 0;
    exit_code = run_docs(*opt);
  });
}

}  // namespace kaava::cli
