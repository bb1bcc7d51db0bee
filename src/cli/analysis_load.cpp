#include "cli/analysis_load.h"

#include <cstdio>

#include <fmt/format.h>

#include "load/languages.h"

namespace kaava::cli {

std::unique_ptr<const Workspace> load_for_analysis(AnalysisLoad& load) {
  auto say = [&](const std::string& text) { std::fputs(text.c_str(), stderr); };
  std::string error;
  OpenedSource source;
  if (!source.open(load.source, load.path, &error)) {
    say(fmt::format("kaava {}: error: {}\n", load.command, error));
    return nullptr;
  }
  std::unique_ptr<const Workspace> ws = load_workspace(source.load_options(0));
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
