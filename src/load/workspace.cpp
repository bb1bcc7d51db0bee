#include "load/workspace.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "load/files.h"
#include "load/imports.h"
#include "metamodel/metamodel_loader.h"
#include "model/model_builder.h"
#include "util/text.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

struct FileResult {
  ModelFragment fragment;
  Diagnostics diagnostics;
  bool unreadable = false;
};

void load_one(Workspace& ws, const ModelSchema& schema, std::uint32_t file, FileResult& result) {
  SourceFile& src = ws.files[file];
  result.fragment.file = file;
  if (src.text.empty() && !src.disk_path.empty()) {
    std::string error;
    bool too_large = false;
    if (!read_text_file(src.disk_path, &src.text, &error, schema.config.limits.max_file_size, &too_large)) {
      result.diagnostics.report(too_large ? Rule::limit_exceeded : Rule::io_error, SourceSpan{file, 1, 1, 0}, error);
      result.unreadable = !too_large;
      return;
    }
  }
  if (src.text.size() > schema.config.limits.max_file_size) {  // given as text (tests, fuzzing)
    result.diagnostics.report(Rule::limit_exceeded, SourceSpan{file, 1, 1, 0},
                              fmt::format("the file is {} bytes; the limit is {} (limits: max-file-size in kaava.yaml)",
                                          src.text.size(), schema.config.limits.max_file_size));
    return;
  }
  if (!ws.files.check_text(file, result.diagnostics)) return;
  std::vector<yaml::Problem> problems;
  const yaml::Limits limits{schema.config.limits.max_depth, schema.config.limits.max_alias_expansion};
  std::vector<yaml::Document> docs = yaml::parse_or_load(src.text, src.snapshot, limits, problems);
  for (const yaml::Problem& p : problems) {
    result.diagnostics.report(p.limit ? Rule::limit_exceeded : Rule::yaml_syntax,
                              SourceSpan{file, p.line, p.column, p.fatal ? 1u : 0u}, p.message);
  }
  // A file with a syntax error contributes nothing, not even its earlier documents.
  if (std::ranges::any_of(problems, [](const yaml::Problem& p) { return p.fatal; })) return;
  for (const yaml::Document& doc : docs) {
    build_fragment(doc, file, schema, result.diagnostics, result.fragment);
  }
}

}  // namespace

fs::path find_repository_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  while (!dir.empty()) {
    if (fs::is_regular_file(dir / kConfigFileName, ec)) return dir;
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = std::move(parent);
  }
  return {};
}

void load_model_files(Workspace& ws, unsigned threads) {
  // Each repository's own languages apply to its files.
  std::deque<ModelSchema> schemas;
  schemas.emplace_back(ws.metamodel, ws.config);
  for (const Config& c : ws.imported) schemas.emplace_back(ws.metamodel, c);
  auto schema_of = [&](std::size_t i) -> const ModelSchema& {
    return i < ws.model_file_repository.size() ? schemas[ws.model_file_repository[i]] : schemas[0];
  };
  const std::size_t n = ws.model_files.size();
  std::vector<FileResult> results(n);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) load_one(ws, schema_of(i), ws.model_files[i], results[i]);
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  std::size_t elements = 0, relationships = 0;
  for (const FileResult& r : results) {
    elements += r.fragment.elements.size();
    relationships += r.fragment.relationships.size();
  }
  ws.model.reserve(elements, relationships);
  for (FileResult& r : results) {
    ws.model.add(std::move(r.fragment));
    ws.diagnostics.append(std::move(r.diagnostics));
    ws.unreadable = ws.unreadable || r.unreadable;
  }
  ws.model.finish();
  if (ws.model.elements().size() > ws.config.limits.max_elements) {
    ws.too_large = true;
    ws.diagnostics.report(Rule::limit_exceeded,
                          ws.config.limits_at.valid() ? ws.config.limits_at : SourceSpan{ws.config.file, 1, 1, 0},
                          fmt::format("the model has {} elements; the limit is {} (limits: max-elements in kaava.yaml), "
                                      "so it is not checked further",
                                      ws.model.elements().size(), ws.config.limits.max_elements));
  }
}

bool read_repository_config(const fs::path& root, SourceFiles& files, Diagnostics& diagnostics,
                            Config& config, std::string* error) {
  config.root = root;
  const fs::path config_path = root / kConfigFileName;
  std::string text, read_error;
  if (!read_text_file(config_path, &text, &read_error)) {
    *error = fmt::format("{}: {}", config_path.string(), read_error);
    return false;
  }
  const std::uint32_t id = files.add_text(std::string(kConfigFileName), std::move(text));
  files[id].disk_path = config_path;
  if (!read_config(id, files, diagnostics, config)) {
    *error = "kaava.yaml cannot be used (see the findings above)";
    return false;
  }
  return true;
}

bool load_workspace(const LoadOptions& options, Workspace& ws, std::string* error) {
  std::error_code ec;
  const fs::path path = fs::absolute(options.path, ec);
  if (ec || !fs::exists(path, ec)) {
    *error = fmt::format("'{}' does not exist", options.path.string());
    return false;
  }
  const bool is_dir = fs::is_directory(path, ec);
  fs::path single_file;
  if (!is_dir) {
    if (path.filename() != kConfigFileName) {
      if (!is_yaml_file(path)) {
        *error = fmt::format("'{}' is not a YAML file (.yaml or .yml) nor a folder", options.path.string());
        return false;
      }
      single_file = path;
    }
  }
  const fs::path start = is_dir ? path : path.parent_path();
  fs::path root = find_repository_root(start);
  const bool have_config = !root.empty();
  if (!have_config) root = start;
  ws.config.root = root;

  if (have_config) {
    if (!read_repository_config(root, ws.files, ws.diagnostics, ws.config, error)) return false;
  } else if (is_dir) {
    // A folder of YAML files without kaava.yaml: all of it, with defaults.
    ws.config.sources = {{".", {}}};
  }

  if (!load_metamodel_at(ws.config.metamodel, MetamodelRequest{ws.config.metamodel_at, ws.config.metamodel_value_at}, root, ws.files, ws.diagnostics,
                         ws.metamodel, error)) {
    return false;
  }

  add_imports(ws);
  if (single_file.empty() || have_config) {
    for (std::uint32_t f : discover_model_files(ws.config, root, ws.files, ws.diagnostics, &ws.unreadable)) {
      ws.model_files.push_back(f);
      ws.model_file_repository.push_back(0);
    }
  }
  if (!single_file.empty()) {
    const std::string display = relative_display(single_file, root);
    auto it = std::ranges::find_if(ws.model_files, [&](std::uint32_t id) { return ws.files[id].path == display; });
    if (it == ws.model_files.end()) {
      ws.model_files.push_back(ws.files.add(display, single_file));
      ws.model_file_repository.push_back(0);
      ws.only_file = ws.model_files.back();
    } else {
      ws.only_file = *it;
    }
  }
  load_model_files(ws, options.threads);
  return true;
}

}  // namespace kaava
