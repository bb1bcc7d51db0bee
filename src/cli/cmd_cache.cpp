#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/source_options.h"
#include "load/parse_cache.h"
#include "load/workspace.h"
#include "source/disk_source.h"

namespace kaava::cli {

namespace {

struct CacheOptions {
  std::string path = ".";
};

/// The cache folder of the repository around `path`; empty, after saying why, outside one.
std::filesystem::path cache_folder(const std::string& command, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    say(fmt::format("kaava cache {}: error: '{}' does not exist\n", command, path));
    return {};
  }
  const std::filesystem::path start = std::filesystem::is_directory(path, ec)
                                          ? std::filesystem::path(path)
                                          : std::filesystem::path(path).parent_path();
  const std::filesystem::path root = find_repository_root(disk_files(), start.empty() ? "." : start);
  if (root.empty()) {
    say(fmt::format("kaava cache {}: error: '{}' is not in a model repository (no kaava.yaml here or above)\n",
                    command, path));
    return {};
  }
  return (root / kCacheFolderName).lexically_normal();
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

int run_info(const CacheOptions& opt) {
  const std::filesystem::path folder = cache_folder("info", opt.path);
  if (folder.empty()) return kExitUsage;
  const CacheSummary summary = summarize_cache(folder);
  const std::string where = shown(folder);
  std::error_code ec;
  if (!summary.exists && std::filesystem::exists(std::filesystem::symlink_status(folder, ec))) {
    std::printf("%s: not a folder, so kaava keeps no cache here (remove it to have one)\n", where.c_str());
  } else if (!summary.exists && ::access(folder.parent_path().c_str(), W_OK) != 0) {
    std::printf("%s: no cache: the repository's folder cannot be written\n", where.c_str());
  } else if (!summary.exists) {
    std::printf("%s: no cache yet (the next kaava validate makes it)\n", where.c_str());
  } else {
    std::printf("%s: %zu parsed %s, %s%s\n", where.c_str(), summary.entries, summary.entries == 1 ? "file" : "files",
                size_text(summary.bytes).c_str(), cache_off_by_environment() ? " (off: KAAVA_NO_CACHE is set)" : "");
  }
  return kExitOk;
}

int run_clean(const CacheOptions& opt) {
  const std::filesystem::path folder = cache_folder("clean", opt.path);
  if (folder.empty()) return kExitUsage;
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(folder, ec))) {
    say(fmt::format("kaava: {}: there is no cache to remove\n", shown(folder)));
    return kExitOk;
  }
  std::size_t removed = 0;
  std::string error;
  if (!remove_cache(folder, &removed, &error)) {
    say(fmt::format("kaava cache clean: error: {}\n", error));
    return kExitUsage;
  }
  say(fmt::format("kaava: removed {} ({} parsed {})\n", shown(folder), removed, removed == 1 ? "file" : "files"));
  return kExitOk;
}

}  // namespace

void setup_cache(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("cache", "The cache of parsed model files (.kaava-cache/): its size, or empty it");
  cmd->require_subcommand(1);
  cmd->footer(
      "Every command that reads a model keeps what parsing each file gave in .kaava-cache/ at the\n"
      "repository's root, keyed by a hash of the file's bytes, so unchanged files are not parsed\n"
      "again. It never changes an answer; --no-cache or KAAVA_NO_CACHE=1 turns it off for a run.\n"
      "\nExamples:\n"
      "  kaava cache info\n"
      "  kaava cache clean");
  auto info = std::make_shared<CacheOptions>();
  CLI::App* info_cmd = cmd->add_subcommand("info", "Where the cache is, how many files it holds and its size");
  info_cmd->add_option("path", info->path, "A model repository, or a folder below one")
      ->type_name("PATH")
      ->capture_default_str();
  info_cmd->callback([info, &exit_code] { exit_code = run_info(*info); });
  auto clean = std::make_shared<CacheOptions>();
  CLI::App* clean_cmd = cmd->add_subcommand("clean", "Remove the cache (the next run parses every file and makes it anew)");
  clean_cmd->add_option("path", clean->path, "A model repository, or a folder below one")
      ->type_name("PATH")
      ->capture_default_str();
  clean_cmd->callback([clean, &exit_code] { exit_code = run_clean(*clean); });
}

}  // namespace kaava::cli
