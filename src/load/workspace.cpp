#include "load/workspace.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include <fmt/format.h>
#include <xxhash.h>

#include "load/files.h"
#include "load/imports.h"
#include "load/model_builder.h"
#include "load/parse_cache.h"
#include "metamodel/metamodel_loader.h"
#include "source/disk_source.h"
#include "source/embedded_source.h"
#include "util/atomic_file.h"
#include "views/selection.h"

namespace kaava {

namespace fs = std::filesystem;

namespace {

struct FileResult {
  ModelFragment fragment;
  Diagnostics diagnostics;
  bool unreadable = false;
  bool want_cached = true;  ///< copy a fragment the cache has (else only note that it has it)
  bool cached = false;      ///< the fragment cache had it
};

void load_one(Workspace& ws, const FileSource& source, const ModelSchema& schema, std::uint32_t file,
              FragmentCache* cache, ParseCache* parsed, FileResult& result) {
  result.fragment.file = file;
  result.cached = false;
  const Limits& limits = schema.config.limits;
  if (!ws.files[file].origin.empty()) {
    std::string error;
    const FileSource& from = ws.files[file].embedded ? embedded_files() : source;
    const ReadResult read = ws.files.read(file, from, limits.max_file_size, &error);
    if (read != ReadResult::ok) {
      const bool too_large = read == ReadResult::too_large;
      result.diagnostics.report(too_large ? Rule::limit_exceeded : Rule::io_error, SourceSpan{file, 1, 1, 0}, error);
      result.unreadable = !too_large;
      return;
    }
  }
  SourceFile& src = ws.files[file];
  ws.files.strip_bom(file);
  const std::uint64_t text_hash = XXH3_64bits(src.text.data(), src.text.size());
  result.fragment.text_hash = text_hash;
  // Both caches keep only texts that passed check_text: the same bytes
  // found there need no second look.
  if (cache != nullptr &&
      cache->find(file, src.path, src.text, result.want_cached ? &result.fragment : nullptr, &result.diagnostics)) {
    result.fragment.text_hash = text_hash;  // the copy's is the same text's
    result.cached = true;
    return;
  }
  std::vector<yaml::Problem> problems;
  std::vector<yaml::Document> docs;
  const bool use_parsed = parsed != nullptr && src.snapshot.empty();
  if (!use_parsed || !parsed->find(src.text, limits.yaml(), &docs, &problems)) {
    if (!ws.files.check_text(file, result.diagnostics)) return;
    docs = yaml::parse_or_load(src.text, src.snapshot, limits.yaml(), problems);
    if (use_parsed) parsed->keep(src.text, limits.yaml(), docs, problems);
  }
  for (const yaml::Problem& p : problems) {
    result.diagnostics.report(p.limit ? Rule::limit_exceeded : Rule::yaml_syntax,
                              SourceSpan{file, p.line, p.column, p.fatal ? 1u : 0u}, p.message);
  }
  // A file with a syntax error contributes nothing, not even its earlier documents.
  if (std::ranges::any_of(problems, [](const yaml::Problem& p) { return p.fatal; })) return;
  for (const yaml::Document& doc : docs) {
    build_fragment(doc, file, schema, result.diagnostics, result.fragment);
  }
  if (cache != nullptr) cache->keep(file, src.path, src.text, result.fragment, result.diagnostics);
}

/// Reads, parses and builds `ws.model_files` in parallel, then assembles
/// the Model from their fragments in file order.
void load_model_files(Workspace& ws, const FileSource& source, unsigned threads, FragmentCache* cache,
                      ParseCache* parsed, Model* reuse) {
  // Each repository's own languages apply to its files.
  std::deque<ModelSchema> schemas;
  schemas.emplace_back(ws.metamodel, ws.config);
  for (const Config& c : ws.imported) schemas.emplace_back(ws.metamodel, c);
  auto schema_of = [&](std::size_t i) -> const ModelSchema& {
    return i < ws.model_file_repository.size() ? schemas[ws.model_file_repository[i]] : schemas[0];
  };
  std::vector<fs::path> wanted;
  for (std::uint32_t f : ws.model_files) {
    if (!ws.files[f].embedded && !ws.files[f].origin.empty()) wanted.push_back(ws.files[f].origin);
  }
  source.prefetch(wanted, ws.config.limits.max_file_size);
  if (cache != nullptr) {
    // Every file read so far (kaava.yaml, the metamodel, imported configurations) decides how model files are built.
    std::string context;
    for (std::uint32_t f = 0; f < ws.files.size(); ++f) {
      if (std::ranges::find(ws.model_files, f) != ws.model_files.end()) continue;
      context += ws.files[f].path;
      context += '\0';
      context += ws.files[f].text;
      context += '\0';
    }
    if (!cache->usable_for(context)) cache = nullptr;
  }

  const std::size_t n = ws.model_files.size();
  std::vector<FileResult> results(n);
  // A model to patch needs only the fragments of the files that changed.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> before;
  if (reuse != nullptr) before = reuse->files();
  if (cache == nullptr || before.size() != n ||
      !std::ranges::equal(before, ws.model_files, {}, &std::pair<std::uint32_t, std::uint64_t>::first)) {
    reuse = nullptr;
  }
  for (FileResult& r : results) r.want_cached = reuse == nullptr;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) load_one(ws, source, schema_of(i), ws.model_files[i], cache, parsed, results[i]);
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  const Metamodel& mm = ws.metamodel;
  const Model::ViewSelector shown = [&mm](const Model& model, const View& view) {
    return shown_elements(model, mm, view);
  };
  if (reuse != nullptr) {
    // A fragment the cache had was not copied: the files whose text is not
    // the one the model was made from need theirs, and all of them unless
    // the model is patched.
    auto fragment_of = [&](std::size_t i) {
      FileResult& r = results[i];
      if (!r.cached || !r.fragment.elements.empty() || !r.fragment.relationships.empty() || !r.fragment.views.empty()) {
        return;
      }
      Diagnostics ignored;
      const SourceFile& src = ws.files[ws.model_files[i]];
      const std::uint64_t hash = r.fragment.text_hash;
      cache->find(ws.model_files[i], src.path, src.text, &r.fragment, &ignored);
      r.fragment.text_hash = hash;
    };
    // Each changed file must have parsed without a syntax problem (whose
    // findings decide which load completion reads).
    std::vector<std::size_t> changed_files;
    bool clean = true;
    for (std::size_t i = 0; i < n; ++i) {
      const FileResult& r = results[i];
      if (r.fragment.text_hash == before[i].second) continue;
      changed_files.push_back(i);
      clean = clean && !r.unreadable && std::ranges::none_of(r.diagnostics.items(), [](const Diagnostic& d) {
        return d.rule == Rule::yaml_syntax || d.rule == Rule::io_error || d.rule == Rule::limit_exceeded;
      });
    }
    std::vector<ModelFragment> changed;
    if (clean) {
      for (std::size_t i : changed_files) {
        fragment_of(i);
        changed.push_back(std::move(results[i].fragment));
      }
    }
    if (clean && reuse->patch(changed, shown)) {
      ws.model = std::move(*reuse);
      ws.patched = changed_files.size();
    } else {
      for (std::size_t k = 0; k < changed.size(); ++k) results[changed_files[k]].fragment = std::move(changed[k]);
      for (std::size_t i = 0; i < n; ++i) fragment_of(i);
      reuse = nullptr;
    }
  }
  if (reuse == nullptr) {
    std::vector<ModelFragment> fragments;
    fragments.reserve(n);
    for (FileResult& r : results) fragments.push_back(std::move(r.fragment));
    ws.model = Model::assemble(std::move(fragments), mm, shown);
  }
  for (FileResult& r : results) {
    ws.diagnostics.append(std::move(r.diagnostics));
    ws.unreadable = ws.unreadable || r.unreadable;
  }
  if (ws.model.elements().size() > ws.config.limits.max_elements) {
    ws.too_large = true;
    ws.diagnostics.report(
        Rule::limit_exceeded, ws.config.limits_at.valid() ? ws.config.limits_at : SourceSpan{ws.config.file, 1, 1, 0},
        fmt::format("the model has {} elements; the limit is {} (limits: max-elements in kaava.yaml), "
                    "so it is not checked further",
                    ws.model.elements().size(), ws.config.limits.max_elements));
  }
}

/// A repository whose own files define no element, when nothing else
/// (a missing source folder, a file that does not parse) explains it: said
/// plainly, so that a run which checked nothing never reads as clean.
void report_empty(Workspace& ws) {
  const auto& model = ws.model;
  if (std::ranges::any_of(model.elements(), [&](const Element& e) { return !ws.files[e.at.file].imported; })) return;
  if (std::ranges::any_of(ws.diagnostics.items(), [](const Diagnostic& d) { return d.severity == Severity::error; }))
    return;
  std::string folders;
  for (const SourceFolder& folder : ws.config.sources) {
    folders += fmt::format("{}'{}/'", folders.empty() ? "" : ", ", folder.path);
  }
  const SourceFolder& first = ws.config.sources.front();
  ws.diagnostics.report(Rule::empty_model, first.at.valid() ? first.at : SourceSpan{ws.config.file, 0, 0, 0},
                        fmt::format("the repository defines no elements: no model file under {} has any; add "
                                    "elements there, or name the folders that hold them under 'sources:'",
                                    folders));
}

/// Fills `ws` from what `options.path` names in `source`; false, with
/// `ws.error` set, when there is nothing to validate.
bool load_into(Workspace& ws, const FileSource& source, const LoadOptions& options) {
  const fs::path path = source.absolute(options.path);
  const FileStatus status = source.status(path, true);
  if (status.kind == FileKind::missing) {
    const std::string reason = source.missing_reason(path);
    ws.error = fmt::format("'{}' does not exist{}", options.path.string(), reason.empty() ? "" : " (" + reason + ")");
    return false;
  }
  const bool is_dir = status.kind == FileKind::folder;
  fs::path single_file;
  if (!is_dir && path.filename() != kConfigFileName) {
    if (!is_yaml_file(path)) {
      ws.error = fmt::format("'{}' is not a YAML file (.yaml or .yml) nor a folder", options.path.string());
      return false;
    }
    single_file = path;
  }
  const fs::path start = is_dir ? path : path.parent_path();
  fs::path root = find_repository_root(source, start);
  const bool have_config = !root.empty();
  if (!have_config) root = start;
  ws.config.root = root;

  if (have_config) {
    if (!read_repository_config(source, root, ws.files, ws.diagnostics, ws.config, &ws.error)) return false;
  } else if (is_dir) {
    // A folder of YAML files without kaava.yaml: all of it, with defaults.
    ws.config.sources = {{".", {}}};
  }

  if (!load_metamodel_at(source, ws.config.metamodel,
                         MetamodelRequest{ws.config.metamodel_at, ws.config.metamodel_value_at}, root, ws.files,
                         ws.diagnostics, ws.metamodel, &ws.error)) {
    // A bad metamodel must not hide a bad import: both are kaava.yaml's.
    add_imports(ws, source);
    return false;
  }

  add_imports(ws, source);
  if (single_file.empty() || have_config) {
    for (std::uint32_t f : discover_model_files(source, ws.config, root, ws.files, ws.diagnostics, &ws.unreadable)) {
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
  if (!have_config && single_file.empty() && ws.model_files.empty() && !ws.unreadable) {
    ws.error = fmt::format(
        "'{}' is not a model repository: it has no kaava.yaml (here or in a folder above) and no model files "
        "(.yaml, .yml); 'kaava init' starts one",
        options.path.string());
    return false;
  }
  // The parse cache lives at the root of a repository on disk (never made
  // anywhere else: a folder of loose YAML files gets none).
  std::unique_ptr<ParseCache> parsed;
  std::error_code ec;
  // Never inside git's own folder or a bare repository (`--rev` in a server-side hook).
  const bool git_internal = inside_git_folder(root) || (fs::exists(root / "HEAD", ec) && fs::is_directory(root / "objects", ec) &&
                                                        fs::is_directory(root / "refs", ec));
  if (options.disk_cache && have_config && !cache_off_by_environment() && !git_internal && fs::is_directory(root, ec)) {
    parsed = std::make_unique<ParseCache>(root / kCacheFolderName);
  }
  load_model_files(ws, source, options.threads, options.cache, parsed.get(), options.reuse);
  if (parsed) {
    ws.cache = {true, parsed->hits(), parsed->misses(), parsed->rejected()};
    // Room for a few revisions of every file; older entries go.
    parsed->prune(std::max<std::size_t>(2000, 8 * ws.model_files.size()));
  }
  if (have_config && single_file.empty()) report_empty(ws);
  return true;
}

/// Nothing could be validated: every report must say so, so a CI step that
/// reads only the report file never sees a clean one. When loading already
/// reported an error (kaava.yaml unreadable, say), that is the finding;
/// otherwise the reason (which names the path) becomes an io-error.
void report_not_loaded(Workspace& ws) {
  ws.unreadable = true;
  const auto& items = ws.diagnostics.items();
  if (std::ranges::any_of(items, [](const Diagnostic& d) { return d.severity == Severity::error; })) return;
  ws.diagnostics.report(Rule::io_error, SourceSpan{}, ws.error);
}

}  // namespace

fs::path find_repository_root(const FileSource& source, const fs::path& start) {
  fs::path dir = source.absolute(start);
  while (!dir.empty()) {
    // In a git tree a linked kaava.yaml is found, and reading it says why it cannot be used.
    const FileKind kind = source.status(dir / kConfigFileName, true).kind;
    if (kind == FileKind::file || kind == FileKind::link) return dir;
    fs::path parent = dir.parent_path();
    if (parent == dir) break;
    dir = std::move(parent);
  }
  return {};
}

std::string_view Workspace::import_of(std::uint32_t file) const {
  if (file >= files.size() || !files[file].imported) return {};
  const auto it = std::ranges::find(model_files, file);
  const auto k = static_cast<std::size_t>(it - model_files.begin());
  if (k < model_file_repository.size() && model_file_repository[k] > 0 &&
      model_file_repository[k] <= import_names.size()) {
    return import_names[model_file_repository[k] - 1];
  }
  return {};
}

bool FragmentCache::find(std::uint32_t file, const std::string& path, std::string_view text, ModelFragment* fragment,
                         Diagnostics* diagnostics) const {
  // Source positions name the file by its index: only the same index is reused as it is.
  std::shared_ptr<const Entry> entry;
  {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(file);
    if (it == entries_.end() || it->second.first != path) return false;
    entry = it->second.second;
  }
  if (entry->text != text) return false;
  {
    const std::lock_guard lock(mutex_);
    ++hits_;
  }
  if (fragment != nullptr) *fragment = entry->fragment;
  Diagnostics copy = entry->diagnostics;
  diagnostics->append(std::move(copy));
  return true;
}

bool FragmentCache::usable_for(const std::string& context) {
  const std::lock_guard lock(mutex_);
  if (!context_set_) {
    context_ = context;
    context_set_ = true;
  }
  return context_ == context;
}

void FragmentCache::keep(std::uint32_t file, const std::string& path, std::string_view text,
                         const ModelFragment& fragment, const Diagnostics& diagnostics) {
  auto entry = std::make_shared<const Entry>(Entry{std::string(text), fragment, diagnostics});
  const std::lock_guard lock(mutex_);
  entries_.insert_or_assign(file, std::make_pair(path, std::move(entry)));
}

std::unique_ptr<const Workspace> load_workspace(const LoadOptions& options) {
  auto ws = std::make_unique<Workspace>();
  const FileSource& source = options.source != nullptr ? *options.source : disk_files();
  ws->source = source.describe();
  ws->loaded = load_into(*ws, source, options);
  if (!ws->loaded) report_not_loaded(*ws);
  return ws;
}

}  // namespace kaava
