#include "load/workspace.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "metamodel/metamodel_loader.h"
#include "model/model_builder.h"
#include "util/text.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t k_max_file_bytes = 64u << 20;

bool is_yaml_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::string relative_display(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::path rel = fs::relative(path, root, ec);
  if (ec || rel.empty()) rel = path;
  return rel.generic_string();
}

bool inside(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

/// Reads a whole file; returns an error message instead on failure.
bool read_file(const fs::path& path, std::string* out, std::string* error) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    *error = fmt::format("cannot read file: {}", ec.message());
    return false;
  }
  if (size > k_max_file_bytes) {
    *error = fmt::format("file is {} MiB; the largest file kaava reads is {} MiB", size >> 20,
                         k_max_file_bytes >> 20);
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open file for reading (permissions?)";
    return false;
  }
  out->resize(size);
  in.read(out->data(), static_cast<std::streamsize>(size));
  out->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    *error = "cannot read file";
    return false;
  }
  return true;
}

/// Finds the model files under the configured source folders, sorted.
void discover(Workspace& ws) {
  const Config& cfg = ws.config;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(cfg.root, ec);
  std::vector<std::pair<std::string, fs::path>> found;  // display path, disk path
  for (const SourceFolder& folder : cfg.sources) {
    const fs::path dir = cfg.root / folder.path;
    const SourceSpan at = folder.at.valid() ? folder.at : SourceSpan{cfg.file, 1, 1, 0};
    if (!fs::is_directory(dir, ec)) {
      const std::string message =
          fs::exists(dir, ec)
              ? fmt::format("source folder '{}' is not a folder", folder.path)
              : fmt::format("source folder '{}' does not exist", folder.path);
      if (at.file != kNoFile) {
        ws.diagnostics.report(Rule::invalid_config, at, message);
      } else {
        ws.diagnostics.report(Rule::invalid_config, SourceSpan{}, message);
      }
      continue;
    }
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      ws.diagnostics.report(Rule::io_error, at,
                            fmt::format("cannot read source folder '{}': {}", folder.path, ec.message()));
      ws.unreadable = true;
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (entry.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!is_yaml_file(entry.path()) || entry.is_directory(ec)) continue;
      const std::string display = relative_display(entry.path(), cfg.root);
      if (display == kConfigFileName) continue;
      if (entry.is_symlink(ec)) {
        const fs::path target = fs::weakly_canonical(entry.path(), ec);
        if (ec || !inside(target, root)) {
          const std::uint32_t id = ws.files.add(display, entry.path());
          ws.diagnostics.report(Rule::io_error, SourceSpan{id, 1, 1, 0},
                                "symbolic link points outside the repository; it is not followed");
          continue;
        }
      }
      if (!entry.is_regular_file(ec)) continue;
      found.emplace_back(display, entry.path());
    }
    if (ec) {
      ws.diagnostics.report(Rule::io_error, at,
                            fmt::format("cannot read source folder '{}': {}", folder.path, ec.message()));
      ws.unreadable = true;
    }
  }
  std::ranges::sort(found);
  found.erase(std::unique(found.begin(), found.end(),
                          [](const auto& a, const auto& b) { return a.first == b.first; }),
              found.end());
  for (auto& [display, path] : found) {
    ws.model_files.push_back(ws.files.add(std::move(display), std::move(path)));
  }
}

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
    if (!read_file(src.disk_path, &src.text, &error)) {
      result.diagnostics.report(Rule::io_error, SourceSpan{file, 1, 1, 0}, error);
      result.unreadable = true;
      return;
    }
  }
  // A UTF-8 byte order mark is allowed and dropped.
  if (src.text.starts_with("\xEF\xBB\xBF")) src.text.erase(0, 3);
  const std::size_t bad = find_invalid_utf8(src.text);
  if (bad != std::string::npos) {
    const std::size_t line_start = src.text.rfind('\n', bad == 0 ? 0 : bad - 1);
    const std::size_t line = static_cast<std::size_t>(
        std::count(src.text.begin(), src.text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    const std::size_t column = line_start == std::string::npos || bad == 0 ? bad : bad - line_start - 1;
    result.diagnostics.report(
        Rule::yaml_syntax,
        SourceSpan{file, static_cast<std::uint32_t>(line + 1), static_cast<std::uint32_t>(column + 1), 1},
        fmt::format("the file is not valid UTF-8 (byte offset {}); save it as UTF-8", bad));
    return;
  }
  std::vector<yaml::Problem> problems;
  std::vector<yaml::Document> docs = yaml::parse(src.text, ws.limits, problems);
  for (const yaml::Problem& p : problems) {
    result.diagnostics.report(Rule::yaml_syntax, SourceSpan{file, p.line, p.column, 1}, p.message);
  }
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
  const ModelSchema schema(ws.metamodel, ws.config);
  const std::size_t n = ws.model_files.size();
  std::vector<FileResult> results(n);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) load_one(ws, schema, ws.model_files[i], results[i]);
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
}

bool read_repository_config(const fs::path& root, SourceFiles& files, Diagnostics& diagnostics,
                            Config& config, std::string* error) {
  config.root = root;
  const fs::path config_path = root / kConfigFileName;
  std::string text, read_error;
  if (!read_file(config_path, &text, &read_error)) {
    *error = fmt::format("{}: {}", config_path.string(), read_error);
    return false;
  }
  const std::uint32_t id = files.add_text(std::string(kConfigFileName), std::move(text));
  files[id].disk_path = config_path;
  if (!read_config(id, files, diagnostics, config)) {
    *error = "kaava.yaml cannot be read";
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

  if (!load_metamodel_at(ws.config.metamodel, ws.config.metamodel_at, root, ws.files, ws.diagnostics,
                         ws.metamodel, error)) {
    return false;
  }

  if (single_file.empty() || have_config) discover(ws);
  if (!single_file.empty()) {
    const std::string display = relative_display(single_file, root);
    auto it = std::ranges::find_if(ws.model_files, [&](std::uint32_t id) { return ws.files[id].path == display; });
    if (it == ws.model_files.end()) {
      ws.model_files.push_back(ws.files.add(display, single_file));
      ws.only_file = ws.model_files.back();
    } else {
      ws.only_file = *it;
    }
  }
  load_model_files(ws, options.threads);
  return true;
}

}  // namespace kaava
