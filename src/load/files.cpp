#include "load/files.h"

#include <algorithm>
#include <set>

#include "source/embedded_source.h"

#include <fmt/format.h>

namespace kaava {

namespace fs = std::filesystem;

bool is_yaml_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

std::string relative_display(const fs::path& path, const fs::path& root) {
  // Lexically, so that a file reached through a link keeps the link's name.
  fs::path rel = path.lexically_normal().lexically_relative(root.lexically_normal());
  if (rel.empty()) rel = path;
  return rel.generic_string();
}

bool inside(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

namespace {

/// Walks source folders: sorted, hidden entries skipped, symbolic links
/// followed only inside the repository, every folder and file at most
/// once (so link loops end), nested repositories left alone.
class Walker {
 public:
  Walker(const FileSource& source, const Config& cfg, const fs::path& display_root, SourceFiles& files,
         Diagnostics& diagnostics, bool* unreadable, bool imported)
      : source_(source),
        cfg_(cfg),
        display_root_(display_root),
        files_(files),
        diagnostics_(diagnostics),
        unreadable_(unreadable),
        imported_(imported),
        embedded_(&source == &embedded_files()) {
    root_ = source.resolve(cfg.root);
  }

  void source(const SourceFolder& folder) {
    const fs::path dir = (cfg_.root / folder.path).lexically_normal();
    // The default folder is no line of kaava.yaml: a finding about it is about the file.
    at_ = folder.at.valid() ? folder.at : SourceSpan{cfg_.file, 0, 0, 0};
    const SourceSpan at = at_.file != kNoFile ? at_ : SourceSpan{};
    // A linked source folder is followed only inside the repository, like
    // any link; one that cannot be followed is input that cannot be read.
    if (source_.status(dir, false).kind == FileKind::link) {
      fs::path target;
      std::string error;
      if (!source_.link_target(dir, &target, &error) || !inside(target, root_)) {
        diagnostics_.report(Rule::io_error, at,
                            fmt::format("source folder '{}' is a symbolic link that is not followed: {}", folder.path,
                                        error.empty() ? "it points outside the repository" : error));
        if (!imported_) *unreadable_ = true;
        return;
      }
    }
    if (source_.status(dir, true).kind != FileKind::folder) {
      std::string message;
      const FileKind kind = source_.status(dir, false).kind;
      if (kind != FileKind::missing) {
        message = fmt::format("source folder '{}' is not a folder", folder.path);
      } else {
        message = fmt::format("source folder '{}' does not exist", folder.path);
        const std::string reason = source_.missing_reason(dir);
        if (!reason.empty()) message += fmt::format(" ({})", reason);
        if (!folder.at.valid()) {
          message = fmt::format(
              "the default source folder '{}/' does not exist{}: create it for the model files, or name the "
              "folders that hold them under 'sources:' in kaava.yaml",
              folder.path, reason.empty() ? "" : fmt::format(" ({})", reason));
        }
      }
      diagnostics_.report(Rule::invalid_config, at, message);
      return;
    }
    walk(dir);
  }

  std::vector<std::uint32_t> finish() {
    std::ranges::sort(found_);
    std::vector<std::uint32_t> out;
    out.reserve(found_.size());
    for (auto& [display, path] : found_) {
      out.push_back(files_.add(std::move(display), std::move(path), embedded_));
      files_[out.back()].imported = imported_;
    }
    return out;
  }

 private:
  void io_error(const fs::path& path, std::string message) {
    const std::uint32_t id = files_.add(relative_display(path, display_root_), path, embedded_);
    files_[id].imported = imported_;
    if (!imported_) *unreadable_ = true;
    diagnostics_.report(Rule::io_error, SourceSpan{id, 1, 1, 0}, std::move(message));
  }

  void walk(const fs::path& dir) {
    if (!visited_dirs_.insert(source_.resolve(dir)).second) return;
    std::vector<std::string> names;
    std::string error;
    if (!source_.list(dir, &names, &error)) {
      diagnostics_.report(Rule::io_error, at_,
                          fmt::format("cannot read folder '{}': {}", relative_display(dir, display_root_), error));
      if (!imported_) *unreadable_ = true;
      return;
    }
    std::ranges::sort(names);
    for (const std::string& name : names) {
      if (name.empty() || name.front() == '.') continue;
      const fs::path path = dir / name;
      if (source_.status(path, false).kind == FileKind::link) {
        // A link matters if it could be a model file or a folder of them;
        // notes.txt -> x never is.
        if (path.has_extension() && !is_yaml_file(path)) continue;
        fs::path target;
        if (!source_.link_target(path, &target, &error)) {
          io_error(path, error);
          continue;
        }
        if (!inside(target, root_)) {
          io_error(path, "symbolic link points outside the repository; it is not followed");
          continue;
        }
      }
      const FileKind kind = source_.status(path, true).kind;
      if (kind == FileKind::submodule) {
        diagnostics_.report(Rule::nested_repository, at_,
                            fmt::format("'{}' is a git submodule: its files are not in {} and are not read; "
                                        "validate it on its own",
                                        relative_display(path, display_root_), source_.describe()));
        continue;
      }
      if (kind == FileKind::folder) {
        if (source_.status(path / kConfigFileName, true).kind == FileKind::file) {
          diagnostics_.report(Rule::nested_repository, at_,
                              fmt::format("'{}' is a repository of its own (it has kaava.yaml) and is not "
                                          "read as part of this one; validate it on its own",
                                          relative_display(path, display_root_)));
          continue;
        }
        walk(path);
        continue;
      }
      if (!is_yaml_file(path)) continue;
      if (kind != FileKind::file) {
        // A pipe, socket or device named *.yaml: reading it could block forever.
        io_error(path, "not a regular file (a pipe, socket or device); it is not read");
        continue;
      }
      if (name == kConfigFileName && dir.lexically_normal() == cfg_.root.lexically_normal()) continue;
      if (!seen_files_.insert(source_.resolve(path)).second) continue;  // the same file through a link
      found_.emplace_back(relative_display(path, display_root_), path);
    }
  }

  const FileSource& source_;
  const Config& cfg_;
  const fs::path& display_root_;
  SourceFiles& files_;
  Diagnostics& diagnostics_;
  bool* unreadable_;
  bool imported_;
  bool embedded_;
  fs::path root_;
  SourceSpan at_;
  std::set<fs::path> visited_dirs_, seen_files_;
  std::vector<std::pair<std::string, fs::path>> found_;
};

}  // namespace

std::vector<std::uint32_t> discover_model_files(const FileSource& source, const Config& config,
                                                const fs::path& display_root, SourceFiles& files,
                                                Diagnostics& diagnostics, bool* unreadable, bool imported) {
  Walker walker(source, config, display_root, files, diagnostics, unreadable, imported);
  for (const SourceFolder& folder : config.sources) walker.source(folder);
  return walker.finish();
}

}  // namespace kaava
