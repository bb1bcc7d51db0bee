#include "cli/source_options.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "load/files.h"
#include "source/disk_source.h"
#include "source/git_source.h"
#include "source/memory_source.h"

namespace kaava::cli {

namespace {

/// Standard input, whole (up to 1 GiB: past the largest file limit).
bool read_stdin(std::string* out, std::string* error) {
  constexpr std::size_t k_cap = std::size_t{1} << 30;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0) {
    out->append(buffer, n);
    if (out->size() > k_cap) {
      *error = "standard input is larger than 1 GiB";
      return false;
    }
  }
  if (std::ferror(stdin) != 0) {
    *error = "cannot read standard input";
    return false;
  }
  return true;
}

}  // namespace

CLI::Validator non_empty(const std::string& option) {
  return CLI::Validator(
      [option](std::string& value) {
        return value.empty() ? std::string("needs a value; it is empty") : std::string();
      },
      "", "non-empty");
}

CLI::Validator whole_number(unsigned low, unsigned high) {
  return CLI::Validator(
      [low, high](std::string& value) {
        const bool digits = !value.empty() && value.size() <= 10 &&
                            std::all_of(value.begin(), value.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
        const unsigned long long n = digits ? std::stoull(value) : 0;
        if (digits && n >= low && n <= high) return std::string();
        return fmt::format("'{}' is not a whole number from {} to {}", value, low, high);
      },
      "", "whole number");
}

CLI::Option* add_cache_option(CLI::App* cmd, bool& no_cache) {
  return cmd->add_flag("--no-cache", no_cache,
                       "Parse every model file anew; neither read nor write .kaava-cache/ (also KAAVA_NO_CACHE=1)");
}

void add_source_options(CLI::App* cmd, SourceOptions& options, bool with_stdin, CLI::Option* path) {
  CLI::Option* rev = cmd->add_option("--rev", options.revision,
                                     "Read the repository as git revision REV has it (a commit, branch or tag; "
                                     "HEAD~1), without a checkout")
                         ->type_name("REV")
                         ->check(non_empty("--rev"));
  CLI::Option* staged =
      cmd->add_flag("--staged", options.staged, "Read what git commit would record (the index), not the working tree");
  rev->excludes(staged);
  add_cache_option(cmd, options.no_cache);
  if (with_stdin) {
    cmd->add_option("--stdin-filename", options.stdin_filename,
                    "Read FILE's text from standard input (an editor's unsaved buffer); the repository around "
                    "FILE is loaded and FILE's findings reported")
        ->type_name("FILE")
        ->check(non_empty("--stdin-filename"))
        ->excludes(path);
  }
}

bool OpenedSource::open(const SourceOptions& options, const std::string& path, std::string* error) {
  path_ = options.stdin_filename.empty() ? std::filesystem::path(path) : std::filesystem::path(options.stdin_filename);
  cache_ = !options.no_cache;
  if (!options.stdin_filename.empty()) {
    if (!is_yaml_file(path_)) {
      *error = fmt::format("--stdin-filename names the file the text is for, a YAML file (.yaml or .yml), not '{}'",
                           options.stdin_filename);
      return false;
    }
  }
  if (!options.revision.empty() || options.staged) {
    if (!options.staged && options.revision.empty()) {
      *error = "--rev needs a revision";
      return false;
    }
    const std::filesystem::path dir = options.stdin_filename.empty() ? path_ : path_.parent_path();
    base_ = GitTreeSource::open(dir.empty() ? "." : dir, options.staged ? std::string() : options.revision, error);
    if (base_ == nullptr) return false;
  }
  if (!options.stdin_filename.empty()) {
    std::string text;
    if (!read_stdin(&text, error)) return false;
    const FileSource& below = base_ != nullptr ? *base_ : static_cast<const FileSource&>(disk_files());
    auto overlay = std::make_unique<OverlaySource>(below);
    overlay->add(below.absolute(path_), std::move(text));
    overlay_ = std::move(overlay);
  }
  return true;
}

std::filesystem::path read_config_here(SourceFiles& files, Diagnostics& diagnostics, Config& config) {
  std::filesystem::path root = find_repository_root(disk_files(), ".");
  std::string ignored;
  if (root.empty() || !read_repository_config(disk_files(), root, files, diagnostics, config, &ignored)) return {};
  return root;
}

std::filesystem::path git_work_tree_of(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::path dir = fs::absolute(folder, ec).lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(fs::symlink_status(dir / ".git", ec))) return dir;
    if (dir == dir.parent_path()) break;
  }
  return {};
}

std::string OpenedSource::git_prefix(const std::filesystem::path& repository_root) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path top;
  if (const auto* git = dynamic_cast<const GitTreeSource*>(base_.get()); git != nullptr) {
    top = git->top();
  } else {
    top = git_work_tree_of(repository_root);
  }
  if (top.empty()) return {};
  const fs::path rel = repository_root.lexically_normal().lexically_relative(top.lexically_normal());
  if (rel.empty() || rel == "." || *rel.begin() == "..") return {};
  return rel.generic_string() + "/";
}

LoadOptions OpenedSource::load_options(unsigned threads) const {
  LoadOptions options;
  options.path = path_;
  options.source = overlay_ != nullptr ? overlay_.get() : base_.get();
  options.threads = threads;
  options.disk_cache = cache_;
  return options;
}

std::string shown(const std::filesystem::path& given) {
  const std::filesystem::path path = given.lexically_normal();
  std::error_code ec;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  const std::filesystem::path rel = path.lexically_relative(cwd);
  if (!ec && path.is_absolute() && !rel.empty() && *rel.begin() != "..") return rel.string();
  return path.string();
}

}  // namespace kaava::cli
