#pragma once
/// The files a run reads, with their text, for positions and excerpts.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "source/file_source.h"

namespace kaava {

struct SourceFile {
  std::string path;              ///< as shown to the user: relative to the repository root, '/'-separated
  std::filesystem::path origin;  ///< where it was read: its path in its FileSource
  std::string text;
  bool embedded = false;      ///< one of kaava's built-in files (embedded_files()), not the repository's
  std::string_view snapshot;  ///< embedded YAML: its build-time snapshot (yaml::load_snapshot), if any
  bool imported = false;      ///< a model file of an imported repository
  std::uint32_t bom = 0;      ///< bytes of a UTF-8 byte order mark dropped from the text
};

/// Owns the files. Ids are stable indices; entries never move, so a worker
/// thread may fill in its own file's text while others do the same.
class SourceFiles {
 public:
  /// A file at `origin` in its source, shown as `path`; not read yet.
  std::uint32_t add(std::string path, std::filesystem::path origin = {}, bool embedded = false);
  /// A file whose text the caller has.
  std::uint32_t add_text(std::string path, std::string text);
  /// Reads file `id` from `source` (at its origin), with the source's
  /// snapshot of it, if any. On failure `error` says why.
  ReadResult read(std::uint32_t id, const FileSource& source, std::uintmax_t max_bytes, std::string* error);

  SourceFile& operator[](std::uint32_t id) { return files_[id]; }
  const SourceFile& operator[](std::uint32_t id) const { return files_[id]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(files_.size()); }

  /// The text of 1-based `line` without its line break; empty when out of
  /// range. Builds a line index on first use (safe from several threads).
  std::string_view line(std::uint32_t file, std::uint32_t line) const;

  /// Drops a UTF-8 byte order mark from a file's text (once; `bom` says it was there).
  void strip_bom(std::uint32_t file);
  /// Makes a file's text fit to parse: drops a UTF-8 byte order mark, and
  /// reports (yaml-syntax) bytes that are not UTF-8 and control characters
  /// that YAML does not allow. Returns false when the file is unusable.
  bool check_text(std::uint32_t file, Diagnostics& diagnostics);

  /// The 1-based character column for a span's 1-based byte column.
  std::uint32_t character_column(const SourceSpan& span) const;

 private:
  std::deque<SourceFile> files_;
  mutable std::vector<std::vector<std::uint32_t>> line_starts_;
};

}  // namespace kaava
