#pragma once
/// Files held in memory: a whole repository for tests and the fuzzer
/// (MemorySource), or a few files laid over another source, such as an
/// editor's unsaved buffer or text read from standard input
/// (OverlaySource: its files win over the source below).

#include <deque>
#include <string>

#include "source/file_source.h"
#include "source/file_table.h"

namespace kaava {

class MemorySource final : public TableSource {
 public:
  /// Files live under `root`; relative paths given to absolute() are taken from it.
  explicit MemorySource(const std::filesystem::path& root = "/in-memory");

  /// Adds (or replaces) the file at `path`, relative to the root.
  MemorySource& add(std::string_view path, std::string text);

  std::string describe() const override { return "memory"; }
  std::filesystem::path absolute(const std::filesystem::path& path) const override;
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;

 private:
  std::deque<std::string> texts_;
};

class OverlaySource final : public FileSource {
 public:
  /// `base` must outlive the overlay.
  explicit OverlaySource(const FileSource& base);

  /// Lays `text` over the file at `path` (absolute in the base source);
  /// the file need not exist below.
  OverlaySource& add(const std::filesystem::path& path, std::string text);

  std::string describe() const override;
  std::filesystem::path absolute(const std::filesystem::path& path) const override;
  FileStatus status(const std::filesystem::path& path, bool follow) const override;
  bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override;
  bool link_target(const std::filesystem::path& path, std::filesystem::path* target, std::string* error) const override;
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;
  void prefetch(std::span<const std::filesystem::path> paths, std::uintmax_t max_bytes) const override;
  std::string missing_reason(const std::filesystem::path& path) const override;

 private:
  const FileSource& base_;
  FileTable table_{"/"};
  std::deque<std::string> texts_;
};

}  // namespace kaava
