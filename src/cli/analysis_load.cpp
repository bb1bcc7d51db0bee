#include "cli/analysis_load.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "load/languages.h"

namespace kaava::cli {

namespace {

/// Folders at most three levels below `start` that hold kaava.yaml (a
/// monorepo's model under tools/ea), sorted, the first few.
std::vector<std::string> repositories_below(const std::filesystem::path& start) {
  namespace fs = std::filesystem;
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(start, fs::directory_options::skip_permission_denied, ec), end;
  std::size_t visited = 0;
  for (; !ec && it != end && visited < 20000; it.increment(ec), ++visited) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (it->is_directory(ec) && (name.starts_with('.') || name == "node_modules" || it.depth() >= 3)) {
      it.disable_recursion_pending();
      continue;
    }
    if (name == kConfigFileName && it.depth() > 0) found.push_back(p.parent_path().lexically_relative(start).string());
  }
  std::ranges::sort(found);
  if (found.size() > 3) found.resize(3);
  return found;
}

}  // namespace

std::string not_a_repository(const Workspace& ws, const std::string& path) {
  if (ws.config.file != kNoFile) return {};
  std::string text = fmt::format("'{}' is not a model repository: there is no kaava.yaml in it or above it", path);
  std::error_code ec;
  const std::vector<std::string> below =
      std::filesystem::is_directory(path, ec) ? repositories_below(path) : std::vector<std::string>{};
  if (below.empty()) return text + "; 'kaava init' starts one";
  std::vector<std::string> quoted;
  for (const std::string& b : below) quoted.push_back(fmt::format("'{}'", (std::filesystem::path(path) / b).lexically_normal().string()));
  return text + fmt::format(" (one is in {})", fmt::join(quoted, ", "));
}

std::unique_ptr<const Workspace> load_for_analysis(AnalysisLoad& load) {
  auto say = [&](const std::string& text) { std::fputs(text.c_str(), stderr); };
  std::string error;
  OpenedSource source;
  if (!source.open(load.source, load.path, &error)) {
    say(fmt::format("kaava {}: error: {}\n", load.command, error));
    return nullptr;
  }
  std::unique_ptr<const Workspace> ws = load_workspace(source.load_options(0));
  std::error_code ec;
  // A folder without kaava.yaml is no model to answer about, even when it holds YAML files.
  if (ws->config.file == kNoFile && std::filesystem::is_directory(load.path, ec)) {
    const std::string in = load.source.revision.empty() ? std::string() : fmt::format(" (in revision {})", load.source.revision);
    say(fmt::format("kaava {}: error: {}{}\n", load.command, not_a_repository(*ws, load.path), in));
    return nullptr;
  }
  if (!ws->loaded) {
    say(fmt::format("kaava {}: error: {}\n", load.command, ws->error));
    return nullptr;
  }
  if (!load.language.empty()) {
    if (const std::string why = unusable_language(load.language, ws->config.languages); !why.empty()) {
      say(fmt::format("kaava {}: error: --lang: {}\n", load.command, why));
      return nullptr;
    }
  } else {
    load.language = ws->config.default_language();
  }
  // What could not be read is not in the answer: say so, once.
  if (const std::size_t errors = count(ws->diagnostics.items()).errors; errors > 0) {
    say(fmt::format("kaava: note: {} {} in reading the model (kaava validate shows {}); the answer covers what "
                    "could be read\n",
                    errors, errors == 1 ? "error" : "errors", errors == 1 ? "it" : "them"));
  }
  return ws;
}

}  // namespace kaava::cli
