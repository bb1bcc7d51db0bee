#pragma once
/// The options that say where a command reads the repository: the working
/// tree (default), a git revision (--rev), the index (--staged), or the
/// working tree with one file's text from standard input (--stdin-filename).

#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "load/workspace.h"
#include "source/file_source.h"

namespace kaava::cli {

struct SourceOptions {
  std::string revision;
  bool staged = false;
  std::string stdin_filename;
  bool no_cache = false;  ///< --no-cache: neither read nor write .kaava-cache/
};

/// A check that an option's value is not empty (`--rev ""` from an unset
/// variable must not quietly mean "the working tree").
CLI::Validator non_empty(const std::string& option);

/// A check that an option's value is a whole number from `low` to `high`
/// (said so, for "x" as for "0").
CLI::Validator whole_number(unsigned low, unsigned high);

/// Adds --rev, --staged and --no-cache (and, with `with_stdin`,
/// --stdin-filename, which excludes the positional `path` option).
void add_source_options(CLI::App* cmd, SourceOptions& options, bool with_stdin, CLI::Option* path);

/// The repository around the current folder, for commands that only need
/// its kaava.yaml (metamodel, rules): its root with `config` read, or an
/// empty path outside a repository (or when kaava.yaml cannot be read).
std::filesystem::path read_config_here(SourceFiles& files, Diagnostics& diagnostics, Config& config);

/// The top of the git work tree that `folder` is in: the nearest folder at
/// or above it with a .git (a folder, or the file of a worktree or
/// submodule); empty outside git.
std::filesystem::path git_work_tree_of(const std::filesystem::path& folder);

/// The source the options name, kept alive for a load.
class OpenedSource {
 public:
  /// Opens it for `path`; false, with `error` set, when it cannot be
  /// (git missing, not a git repository, an unknown revision).
  bool open(const SourceOptions& options, const std::string& path, std::string* error);
  /// What load_workspace() needs: the path and the source.
  LoadOptions load_options(unsigned threads) const;
  /// Where `repository_root` lies below the top of its git work tree, as
  /// "tools/ea/" ("" at the top, or outside git): the path prefix of the
  /// forge formats.
  std::string git_prefix(const std::filesystem::path& repository_root) const;
  /// Whether it is anything but the working tree as it is on disk.
  bool elsewhere() const { return base_ != nullptr || overlay_ != nullptr; }

 private:
  std::unique_ptr<FileSource> base_;
  std::unique_ptr<FileSource> overlay_;
  std::filesystem::path path_;
  bool cache_ = true;
};

/// Adds --no-cache alone (for commands that read repositories otherwise).
CLI::Option* add_cache_option(CLI::App* cmd, bool& no_cache);

/// `path` as the user would type it from here: relative when it is below
/// the current folder.
std::string shown(const std::filesystem::path& given);

}  // namespace kaava::cli
