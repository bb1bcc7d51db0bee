#pragma once
/// Which files of a repository changed, from Linux's inotify: every folder
/// under the root is watched (hidden ones such as .git and .kaava-cache
/// aside, and folders made later too); a burst of events (an editor's
/// write, rename and chmod on save) comes out as one change.

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kaava::serve {

class Watcher {
 public:
  Watcher() = default;
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// Starts watching the folders under `root`. False, with `error`, when
  /// inotify is not there; folders past the system's watch limit are
  /// left out, and `warning` says so.
  bool start(const std::filesystem::path& root, std::string* error, std::string* warning);

  /// Waits for the next change: the files that were written, made, moved or
  /// removed (paths under the root), once no event has come for
  /// `quiet_ms`. Empty after stop().
  std::vector<std::filesystem::path> wait(int quiet_ms = 50);

  /// Ends a wait() in progress (from another thread, or a signal's).
  void stop();

 private:
  void watch_tree(const std::filesystem::path& dir);
  /// Reads what is waiting; false when stopped.
  bool drain(std::vector<std::filesystem::path>* changed);
  int inotify_ = -1;
  int wake_ = -1;  ///< an eventfd that stop() writes
  std::filesystem::path root_;
  /// Each watch's folder. A folder moved within the repository keeps its
  /// watch: watching it again under its new name renames the entry.
  std::map<int, std::filesystem::path> watches_;
  std::string warning_;
  /// Files known to have existed: their removal is a change, a temporary
  /// file's is not.
  std::set<std::filesystem::path> seen_;
};

/// Whether a change to `path` can change the site: not an editor's backup
/// or swap file (`x.yaml~`, `.x.yaml.swp`, `#x#`, Vim's `4913`), nothing
/// hidden.
bool relevant_change(const std::filesystem::path& path);

}  // namespace kaava::serve
