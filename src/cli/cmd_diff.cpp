#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analysis/diff.h"
#include "cli/analysis_load.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "cli/source_options.h"
#include "load/languages.h"

namespace kaava::cli {

namespace {

using Clock = std::chrono::steady_clock;

struct DiffOptions {
  std::string before;
  std::string after;  ///< empty: the working tree (or the index with --staged)
  std::string repository = ".";
  bool staged = false;
  std::vector<std::string> importers;
  std::string format = "text";
  std::string language;
  bool fail_on_breaking = false;
  bool timings = false;
  bool no_cache = false;
};

/// One side: a folder when `what` is one, else a revision of the repository.
std::unique_ptr<const Workspace> load_side(const std::string& what, bool staged, const DiffOptions& opt,
                                           FragmentCache* cache, std::string* label, bool* named, bool* empty,
                                           std::string* error) {
  *named = !staged && !what.empty();
  *empty = false;
  SourceOptions source;
  source.no_cache = opt.no_cache;
  std::string path = opt.repository;
  std::error_code ec;
  if (staged) {
    source.staged = true;
    *label = "the index";
  } else if (what.empty()) {
    *label = "the working tree";
  } else if (std::filesystem::is_directory(what, ec)) {
    path = what;
    *label = what;
  } else {
    source.revision = what;
    *label = what;
  }
  OpenedSource opened;
  if (!opened.open(source, path, error)) {
    if (!source.revision.empty()) {
      *error = fmt::format("'{}' is neither a folder nor a revision of the repository at {}: {}", what, path, *error);
    }
    return nullptr;
  }
  LoadOptions load = opened.load_options(0);
  load.cache = cache;
  std::unique_ptr<const Workspace> ws = load_workspace(load);
  if (ws->config.file == kNoFile) {
    if (path == what) {  // a folder given as a side must be a repository
      *error = not_a_repository(*ws, what);
      return nullptr;
    }
    // A revision before the model was added (or the tree after it was
    // removed): an empty model, so that everything reads as added (removed).
    *empty = true;
    auto none = std::make_unique<Workspace>();
    none->loaded = true;
    none->metamodel = ws->metamodel;
    return none;
  }
  if (!ws->loaded) {
    *error = fmt::format("{}: {}", *label, ws->error);
    return nullptr;
  }
  if (const std::size_t errors = count(ws->diagnostics.items()).errors; errors > 0) {
    say(fmt::format("kaava: note: {}: {} {} in reading the model (kaava validate shows {}); the diff covers what "
                    "could be read\n",
                    *label, errors, errors == 1 ? "error" : "errors", errors == 1 ? "it" : "them"));
  }
  return ws;
}

int run_diff(DiffOptions& opt) {
  if (opt.staged && !opt.after.empty()) {
    say("kaava diff: error: --staged is the new side; give only OLD with it\n");
    return kExitUsage;
  }
  const auto start = Clock::now();
  std::string error;
  analysis::DiffLabels labels;
  // The new side reuses what the old one parsed of the files they share.
  FragmentCache cache;
  bool before_empty = false, after_empty = false;
  const std::unique_ptr<const Workspace> before =
      load_side(opt.before, false, opt, &cache, &labels.before, &labels.before_named, &before_empty, &error);
  if (!before) {
    say(fmt::format("kaava diff: error: {}\n", error));
    return kExitUsage;
  }
  const std::unique_ptr<const Workspace> after =
      load_side(opt.after, opt.staged, opt, &cache, &labels.after, &labels.after_named, &after_empty, &error);
  if (!after) {
    say(fmt::format("kaava diff: error: {}\n", error));
    return kExitUsage;
  }
  if (before_empty && after_empty) {
    say(fmt::format("kaava diff: error: '{}' is not a model repository in {} nor in {}: there is no kaava.yaml in "
                    "it or above it (-C names the repository's folder)\n",
                    opt.repository, labels.before, labels.after));
    return kExitUsage;
  }
  for (const auto& [side, none] : {std::pair{&labels.before, before_empty}, std::pair{&labels.after, after_empty}}) {
    if (none) {
      say(fmt::format("kaava diff: note: {} has no model at '{}' (no kaava.yaml): it counts as empty, so everything "
                      "is {}\n",
                      *side, opt.repository, side == &labels.before ? "added" : "removed"));
    }
  }
  std::vector<std::unique_ptr<const Workspace>> loaded;
  std::vector<analysis::Importer> importers;
  for (const std::string& dir : opt.importers) {
    LoadOptions load;
    load.path = dir;
    loaded.push_back(load_workspace(load));
    if (!loaded.back()->loaded) {
      say(fmt::format("kaava diff: error: --importer {}: {}\n", dir, loaded.back()->error));
      return kExitUsage;
    }
    importers.push_back({dir, loaded.back().get()});
  }
  const double loading = seconds_since(start);
  const Workspace& named = after_empty ? *before : *after;  // the side whose languages count
  if (!opt.language.empty()) {
    if (const std::string why = unusable_language(opt.language, named.config.languages); !why.empty()) {
      say(fmt::format("kaava diff: error: --lang: {}\n", why));
      return kExitUsage;
    }
  }
  const std::string language = opt.language.empty() ? std::string(named.config.default_language()) : opt.language;
  const auto comparing = Clock::now();
  const analysis::ModelDiff diff = analysis::diff_models(*before, *after, importers, language);
  const std::string text = analysis::diff_output(*before, *after, diff, labels, opt.format, language);
  const double diffing = seconds_since(comparing);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  if (opt.timings) say(fmt::format("kaava: timings: load {:.3f} s (both sides), diff {:.3f} s\n", loading, diffing));
  if (opt.fail_on_breaking && !diff.breaking.empty()) {
    say(fmt::format("kaava diff: {} breaking {} (--fail-on-breaking)\n", diff.breaking.size(),
                    diff.breaking.size() == 1 ? "change" : "changes"));
    return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void setup_diff(CLI::App& app, int& exit_code) {
  auto opt = std::make_shared<DiffOptions>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "What changed between two revisions (or folders) of the model, by id, and what breaks");
  cmd->add_option("old", opt->before, "A git revision of the repository (main, HEAD~1, a tag, a commit) or a folder")
      ->type_name("OLD")
      ->required()
      ->check(non_empty("OLD"));
  cmd->add_option("new", opt->after, "The same for the new side (default: the working tree)")
      ->type_name("NEW")
      ->check(non_empty("NEW"));
  cmd->add_option("-C,--repository", opt->repository,
                  "The repository whose revisions OLD and NEW are (default: the one around the current folder)")
      ->type_name("DIR")
      ->check(non_empty("--repository"));
  cmd->add_flag("--staged", opt->staged, "The new side is what git commit would record (the index)");
  cmd->add_option("--format", opt->format,
                  "text, json (\"kaava-diff\": 1), or markdown (a pull-request comment with collapsible details)")
      ->check(one_of({"text", "json", "markdown"}))
      ->capture_default_str();
  cmd->add_flag("--fail-on-breaking", opt->fail_on_breaking, "Exit 1 when a change is breaking (for CI)");
  cmd->add_option("--importer", opt->importers,
                  "A repository that imports this one: its references to removed elements are breaking too "
                  "(repeat for several)")
      ->type_name("DIR");
  cmd->add_option("--lang", opt->language, "The language of names (default: the repository's first)")
      ->type_name("LANG")
      ->check(non_empty("--lang"));
  add_cache_option(cmd, opt->no_cache);
  cmd->add_flag("--timings", opt->timings, "Say on stderr how long loading and comparing took");
  cmd->footer(
      "Elements, relationships and views are matched by id: reordering is no change, and an\n"
      "element that moved to another file is listed as moved. Breaking: a removed element that\n"
      "is still referred to (here or in an --importer), a type change that makes an existing\n"
      "relationship not allowed, a lifecycle moved back to planned (or ended) while elements\n"
      "in use depend on it. Revisions are read from git without touching the working tree.\n"
      "Exit codes: 0 done, 1 breaking changes with --fail-on-breaking, 2 usage error.\n"
      "\nExamples:\n"
      "  kaava diff main                         main against the working tree\n"
      "  kaava diff HEAD~1 HEAD --format json\n"
      "  kaava diff origin/main HEAD --format markdown --fail-on-breaking > comment.md\n"
      "  kaava diff HEAD --staged                what the next commit changes\n"
      "  kaava diff ../model-2025 ../model-2026  two folders");
  cmd->callback([opt, &exit_code] { exit_code = run_diff(*opt); });
}

}  // namespace kaava::cli
