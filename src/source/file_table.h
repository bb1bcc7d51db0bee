#pragma once
/// The files of a source that has no file system of its own (memory, the
/// embedded data, a git tree): their paths under one root, with the folders
/// those paths imply, for looking up and listing.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "source/file_source.h"

namespace kaava {

class FileTable {
 public:
  struct Entry {
    FileKind kind = FileKind::folder;
    std::uintmax_t size = 0;
    std::uint32_t payload = 0;          ///< the source's own number for the file
    std::vector<std::string> children;  ///< names, for folders
  };

  explicit FileTable(const std::filesystem::path& root);

  /// Adds an entry at `relative` ('/'-separated, below the root), and the
  /// folders above it. A later entry at the same path replaces the earlier.
  void add(std::string_view relative, FileKind kind, std::uintmax_t size, std::uint32_t payload);

  /// `path` (absolute in this source) relative to the root ("" for the
  /// root itself), or nothing when it is not below the root.
  std::optional<std::string> key(const std::filesystem::path& path) const;
  const Entry* find(const std::filesystem::path& path) const;

  FileStatus status(const std::filesystem::path& path) const;
  bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const;
  const std::filesystem::path& root() const { return root_; }
  std::size_t size() const { return entries_.size(); }

 private:
  std::filesystem::path root_;
  std::unordered_map<std::string, Entry> entries_;
};

/// A source whose files are a FileTable: looking up, listing and resolving
/// come from the table; the source only says how to read a file.
class TableSource : public FileSource {
 public:
  explicit TableSource(const std::filesystem::path& root) : table_(root) {}

  const std::filesystem::path& root() const { return table_.root(); }
  FileStatus status(const std::filesystem::path& path, bool follow) const override;
  bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override;

 protected:
  FileTable table_;
};

}  // namespace kaava
