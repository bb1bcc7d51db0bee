#pragma once
/// A git revision or the index, read through git's plumbing (rev-parse,
/// ls-tree, ls-files, cat-file --batch): no checkout, no temporary work
/// tree, nothing written into the repository or its .git. A revision's
/// files have the paths they would have in the working tree, so locations
/// and messages read as they do for the working tree.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "source/file_source.h"
#include "source/file_table.h"

namespace kaava {

class GitTreeSource final : public TableSource {
 public:
  /// The tree of `revision` (a commit, branch, tag or anything git reads
  /// as a tree) of the git repository around `dir`; `revision` empty: the
  /// index, what `git commit` would record. Returns nullptr with `error`
  /// set when git is missing, `dir` is in no git repository, or the
  /// revision is unknown.
  static std::unique_ptr<GitTreeSource> open(const std::filesystem::path& dir, const std::string& revision,
                                             std::string* error);

  /// The top folder of the git work tree.
  const std::filesystem::path& top() const { return root(); }

  std::string describe() const override;
  std::filesystem::path absolute(const std::filesystem::path& path) const override;
  bool link_target(const std::filesystem::path& path, std::filesystem::path* target, std::string* error) const override;
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;
  void prefetch(std::span<const std::filesystem::path> paths, std::uintmax_t max_bytes) const override;
  std::string missing_reason(const std::filesystem::path& path) const override;

 private:
  GitTreeSource(const std::filesystem::path& top, std::string revision);
  /// The tree that revision_ names.
  bool resolve_revision(std::string* tree, std::string* error) const;
  bool load_tree(const std::string& tree, std::string* error);
  bool load_index(std::string* error);
  /// Reads these blobs (indices into objects_) with one `git cat-file --batch`.
  bool fetch(const std::vector<std::uint32_t>& blobs, std::string* error) const;

  std::string revision_;              ///< empty: the index
  std::vector<std::string> objects_;  ///< per file: its object id
  mutable std::mutex mutex_;
  mutable std::unordered_map<std::uint32_t, std::string> fetched_;
};

}  // namespace kaava
