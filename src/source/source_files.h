#pragma once
/// The files a run reads, with their text, for positions and excerpts.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace kaava {

struct SourceFile {
  std::string path;  ///< as shown to the user: relative to the repository root, '/'-separated
  std::filesystem::path disk_path;  ///< where to read it; empty for in-memory files
  std::string text;
  bool embedded = false;  ///< part of the binary (built-in metamodel or model)
  std::string_view snapshot;  ///< embedded YAML: its build-time snapshot (yaml::load_snapshot), if any
  bool imported = false;  ///< a model file of an imported repository
  std::uint32_t bom = 0;  ///< bytes of a UTF-8 byte order mark dropped from the text
};

/// The largest file kaava reads, unless kaava.yaml's `limits` say otherwise.
inline constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

/// Reads a whole regular file of at most `max_bytes`; on failure, says why
/// in `error`. `too_large`, if given, tells a file over the limit apart
/// from one that cannot be read.
bool read_text_file(const std::filesystem::path& path, std::string* out, std::string* error,
                    std::uintmax_t max_bytes = kMaxFileBytes, bool* too_large = nullptr);

/// Owns the files. Ids are stable indices; entries never move, so a worker
/// thread may fill in its own file's text while others do the same.
class SourceFiles {
 public:
  std::uint32_t add(std::string path, std::filesystem::path disk_path = {});
  std::uint32_t add_text(std::string path, std::string text, bool embedded = false);
  /// An embedded file (resources::all()), shown as `path`, with its snapshot.
  std::uint32_t add_embedded(std::string path, std::string_view resource_path);

  SourceFile& operator[](std::uint32_t id) { return files_[id]; }
  const SourceFile& operator[](std::uint32_t id) const { return files_[id]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(files_.size()); }

  /// The text of 1-based `line` without its line break; empty when out of
  /// range. Builds a line index on first use (not thread-safe).
  std::string_view line(std::uint32_t file, std::uint32_t line) const;

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
