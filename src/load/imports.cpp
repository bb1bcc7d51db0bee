#include "load/imports.h"

#include <algorithm>

#include <fmt/format.h>

#include "load/files.h"
#include "source/embedded_source.h"
#include "util/edit_distance.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

/// The folder of built-in model `name` in the embedded files, if there is one.
fs::path builtin_model(std::string_view name) {
  const fs::path dir = EmbeddedSource::path_of(fmt::format("models/{}", name));
  if (name.empty() || name.find('/') != std::string_view::npos || name.starts_with('.')) return {};
  return embedded_files().status(dir / kConfigFileName, true).kind == FileKind::file ? dir : fs::path();
}

bool is_builtin_metamodel(std::string_view name) {
  return embedded_files().status(EmbeddedSource::path_of(fmt::format("models/metamodel/{}.yaml", name)), true).kind ==
         FileKind::file;
}

class Importer {
 public:
  Importer(Workspace& ws, const FileSource& source) : ws_(ws) {
    // The repository itself is on the chain: importing it (or a repository
    // that imports it) is a cycle, never a second copy of its files.
    chain_.push_back(source.resolve(ws.config.root).string());
  }

  /// The imports of `config`, whose folders lie in `within`.
  void import_all(const Config& config, const FileSource& within) {
    for (const Import& imp : config.imports) import_one(imp, config.root, within);
  }

 private:
  void import_one(const Import& imp, const fs::path& base, const FileSource& within) {
    if (imp.name.empty()) {
      ws_.diagnostics.report(Rule::invalid_config, imp.at, "an import is empty: name a built-in model or a folder");
      return;
    }
    const fs::path builtin = builtin_model(imp.name);
    const FileSource& from = builtin.empty() ? within : embedded_files();
    const fs::path dir = builtin.empty() ? within.resolve(base / imp.name) : builtin;
    const std::string key = builtin.empty() ? dir.string() : "builtin:" + imp.name;
    if (std::ranges::find(done_, key) != done_.end()) return;
    if (std::ranges::find(chain_, key) != chain_.end()) {
      std::vector<std::string> cycle(std::ranges::find(chain_, key), chain_.end());
      cycle.push_back(key);
      for (std::string& c : cycle) c = c.starts_with("builtin:") ? c.substr(8) : relative_display(c, ws_.config.root);
      ws_.diagnostics.report(Rule::invalid_config, imp.at,
                             fmt::format("imports go round in a circle: {}", fmt::join(cycle, " -> ")));
      return;
    }
    if (builtin.empty() && from.status(dir / kConfigFileName, true).kind != FileKind::file) {
      const std::vector<std::string> names = builtin_models();
      const std::vector<std::string_view> views(names.begin(), names.end());
      const std::string reason = from.status(dir, true).kind == FileKind::missing ? from.missing_reason(dir) : "";
      // A misspelt built-in is read as the one meant, so that references
      // into it are checked rather than each reported as dangling.
      const std::string_view meant = closest_match(imp.name, views);
      ws_.diagnostics.report(
          Rule::invalid_config, imp.at,
          fmt::format("import '{}' is neither a built-in model ({}) nor a folder with "
                      "kaava.yaml{}{}{}",
                      imp.name, fmt::join(names, ", "), reason.empty() ? "" : " (" + reason + ")",
                      did_you_mean(imp.name, views), meant.empty() ? "" : fmt::format("; read as '{}'", meant)));
      if (!meant.empty()) import_one(Import{std::string(meant), imp.at}, base, within);
      return;
    }
    Config config;
    std::string error;
    if (!read_repository_config(from, dir, ws_.files, ws_.diagnostics, config, &error)) {
      ws_.diagnostics.report(Rule::invalid_config, imp.at, fmt::format("import '{}': {}", imp.name, error));
      return;
    }
    // Its kaava.yaml is shown relative to ours; its findings are its own.
    ws_.files[config.file].path = relative_display(dir / kConfigFileName, ws_.config.root);
    ws_.files[config.file].imported = true;
    const std::vector<std::uint32_t> files =
        discover_model_files(from, config, ws_.config.root, ws_.files, ws_.diagnostics, &ws_.unreadable, true);
    // Its types must be ours: a model written for 'vet' needs the VET profile.
    // (Unless ours could not be loaded: that is reported already.)
    if (!ws_.metamodel.sources.empty() && is_builtin_metamodel(config.metamodel) &&
        std::ranges::find(ws_.metamodel.sources, config.metamodel) == ws_.metamodel.sources.end()) {
      ws_.diagnostics.report(Rule::invalid_config, imp.at,
                             fmt::format("import '{}' is written for metamodel '{}', which this repository's "
                                         "metamodel '{}' does not include",
                                         imp.name, config.metamodel, ws_.config.metamodel));
    }
    chain_.push_back(key);
    import_all(config, from);  // its imports come before it
    chain_.pop_back();
    done_.push_back(key);

    ws_.imported.push_back(std::move(config));
    ws_.import_names.push_back(imp.name);
    const auto repository = static_cast<std::uint32_t>(ws_.imported.size());
    for (std::uint32_t f : files) {
      ws_.files[f].imported = true;
      ws_.model_files.push_back(f);
      ws_.model_file_repository.push_back(repository);
    }
  }

  Workspace& ws_;
  std::vector<std::string> chain_;
  std::vector<std::string> done_;
};

}  // namespace

std::vector<std::string> builtin_models() {
  std::vector<std::string> names, out;
  std::string ignored;
  embedded_files().list(EmbeddedSource::path_of("models"), &names, &ignored);
  std::ranges::sort(names);
  for (const std::string& name : names) {
    if (!builtin_model(name).empty()) out.push_back(name);
  }
  return out;
}

void add_imports(Workspace& ws, const FileSource& source) { Importer(ws, source).import_all(ws.config, source); }

}  // namespace kaava
