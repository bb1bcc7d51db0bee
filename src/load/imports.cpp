#include "load/imports.h"

#include <algorithm>

#include <fmt/format.h>

#include "load/files.h"
#include "resources/embedded.h"
#include "util/edit_distance.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_models = "models/";
constexpr std::string_view k_builtin_prefix = "<kaava>/";

bool is_builtin_metamodel(std::string_view name) {
  return resources::find(fmt::format("models/metamodel/{}.yaml", name)) != nullptr;
}

class Importer {
 public:
  explicit Importer(Workspace& ws) : ws_(ws) {
    // The repository itself is on the chain: importing it (or a repository
    // that imports it) is a cycle, never a second copy of its files.
    std::error_code ec;
    chain_.push_back(fs::weakly_canonical(ws.config.root, ec).string());
  }

  void import_all(const Config& config, const fs::path& base) {
    for (const Import& imp : config.imports) import_one(imp, base);
  }

 private:
  void import_one(const Import& imp, const fs::path& base) {
    if (imp.name.empty()) {
      ws_.diagnostics.report(Rule::invalid_config, imp.at, "an import is empty: name a built-in model or a folder");
      return;
    }
    const std::string builtin_config = fmt::format("models/{}/kaava.yaml", imp.name);
    const resources::Resource* res = resources::find(builtin_config);
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(base / imp.name, ec);
    const std::string key = res != nullptr ? "builtin:" + imp.name : dir.string();
    if (std::ranges::find(done_, key) != done_.end()) return;
    if (std::ranges::find(chain_, key) != chain_.end()) {
      std::vector<std::string> cycle(std::ranges::find(chain_, key), chain_.end());
      cycle.push_back(key);
      for (std::string& c : cycle) c = c.starts_with("builtin:") ? c.substr(8) : relative_display(c, ws_.config.root);
      ws_.diagnostics.report(Rule::invalid_config, imp.at,
                             fmt::format("imports go round in a circle: {}", fmt::join(cycle, " -> ")));
      return;
    }
    Config config;
    std::vector<std::uint32_t> files;
    if (res != nullptr) {
      const std::uint32_t id =
          ws_.files.add_embedded(fmt::format("{}{}", k_builtin_prefix, builtin_config), builtin_config);
      config.root = fs::path(fmt::format("{}models/{}", k_builtin_prefix, imp.name));
      ws_.files[id].imported = true;
      if (!read_config(id, ws_.files, ws_.diagnostics, config)) return;
      files = builtin_files(imp.name, config);
    } else if (!ec && fs::is_regular_file(dir / kConfigFileName, ec)) {
      std::string error;
      if (!read_repository_config(dir, ws_.files, ws_.diagnostics, config, &error)) {
        ws_.diagnostics.report(Rule::invalid_config, imp.at, fmt::format("import '{}': {}", imp.name, error));
        return;
      }
      // Its kaava.yaml is shown relative to ours; its findings are its own.
      ws_.files[config.file].path = relative_display(dir / kConfigFileName, ws_.config.root);
      ws_.files[config.file].imported = true;
      files = discover_model_files(config, ws_.config.root, ws_.files, ws_.diagnostics, &ws_.unreadable, true);
    } else {
      const std::vector<std::string> names = builtin_models();
      const std::vector<std::string_view> views(names.begin(), names.end());
      ws_.diagnostics.report(Rule::invalid_config, imp.at,
                             fmt::format("import '{}' is neither a built-in model ({}) nor a folder with "
                                         "kaava.yaml{}",
                                         imp.name, fmt::join(names, ", "), did_you_mean(imp.name, views)));
      return;
    }
    // Its types must be ours: a model written for 'vet' needs the VET profile.
    if (is_builtin_metamodel(config.metamodel) &&
        std::ranges::find(ws_.metamodel.sources, config.metamodel) == ws_.metamodel.sources.end()) {
      ws_.diagnostics.report(Rule::invalid_config, imp.at,
                             fmt::format("import '{}' is written for metamodel '{}', which this repository's "
                                         "metamodel '{}' does not include",
                                         imp.name, config.metamodel, ws_.config.metamodel));
    }
    chain_.push_back(key);
    import_all(config, config.root);  // its imports come before it
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

  /// The embedded files of built-in model `name` under its source folders.
  std::vector<std::uint32_t> builtin_files(const std::string& name, const Config& config) {
    std::vector<std::uint32_t> out;
    for (const SourceFolder& folder : config.sources) {
      const std::string prefix =
          folder.path == "." ? fmt::format("models/{}/", name) : fmt::format("models/{}/{}/", name, folder.path);
      for (const resources::Resource& r : resources::all()) {  // sorted by path
        if (!r.path.starts_with(prefix) || !is_yaml_file(fs::path(std::string(r.path)))) continue;
        if (r.path.ends_with("/kaava.yaml") && r.path.substr(prefix.size()).find('/') == std::string_view::npos) continue;
        out.push_back(ws_.files.add_embedded(fmt::format("{}{}", k_builtin_prefix, r.path), r.path));
      }
    }
    return out;
  }

  Workspace& ws_;
  std::vector<std::string> chain_;
  std::vector<std::string> done_;
};

}  // namespace

std::vector<std::string> builtin_models() {
  std::vector<std::string> out;
  for (const resources::Resource& r : resources::all()) {
    std::string_view p = r.path;
    if (!p.starts_with(k_models) || !p.ends_with("/kaava.yaml")) continue;
    p.remove_prefix(k_models.size());
    p.remove_suffix(std::string_view("/kaava.yaml").size());
    if (p.find('/') == std::string_view::npos) out.emplace_back(p);
  }
  return out;
}

void add_imports(Workspace& ws) { Importer(ws).import_all(ws.config, ws.config.root); }

}  // namespace kaava
