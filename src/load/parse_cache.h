#pragma once
/// The parse cache: what parsing each model file gave (its YAML documents,
/// in the snapshot form of yaml::save_snapshot, and its syntax problems),
/// kept in `.kaava-cache/` at the repository's root, keyed by a hash of the
/// file's bytes, the parser (kaava's version and its parser's own source)
/// and the parse limits. An unchanged file is not parsed again, whoever
/// runs kaava next: validate, render, docs, the language server.
///
/// It can only make a run faster, never change its answer: an entry is
/// used only when it is whole (its checksum, its key and the text's length
/// agree, and the snapshot loads); anything else is ignored and written
/// anew. Entries are written atomically (a temporary file renamed), so runs
/// at once never read half an entry. A folder that cannot be made or
/// written (a read-only checkout, a full disk) means no cache, not an
/// error.
///
/// The metamodel is not part of the key: it does not change how a file
/// parses, only how its documents are read afterwards, which is done on
/// every run.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "yaml/document.h"

namespace kaava {

/// The cache's folder name at a repository's root.
inline constexpr std::string_view kCacheFolderName = ".kaava-cache";

class ParseCache {
 public:
  /// A cache in `folder` (made when the first entry is written).
  explicit ParseCache(std::filesystem::path folder);

  /// What parsing `text` with `limits` gave, when an entry has it.
  /// Safe to call from several threads at once.
  bool find(std::string_view text, const yaml::Limits& limits, std::vector<yaml::Document>* documents,
            std::vector<yaml::Problem>* problems);
  /// Keeps what parsing `text` with `limits` gave. Safe to call from
  /// several threads at once; a failure only turns the cache off.
  void keep(std::string_view text, const yaml::Limits& limits, std::span<const yaml::Document> documents,
            std::span<const yaml::Problem> problems);
  /// After a run: removes the oldest entries when there are more than
  /// `most` (entries of files long changed).
  void prune(std::size_t most);

  const std::filesystem::path& folder() const { return folder_; }
  std::size_t hits() const { return hits_; }
  std::size_t misses() const { return misses_; }
  std::size_t written() const { return written_; }
  /// Entries that were there but could not be used (corrupt, truncated, foreign).
  std::size_t rejected() const { return rejected_; }

 private:
  bool ready();  ///< the folder exists (made now if need be) and takes files

  std::filesystem::path folder_;
  std::once_flag made_;
  std::atomic<bool> usable_{true};
  std::atomic<std::size_t> hits_{0}, misses_{0}, written_{0}, rejected_{0};
};

/// One entry's bytes: what parsing `text` with `limits` gave, with its key
/// and a checksum.
std::string encode_parse_entry(std::string_view text, const yaml::Limits& limits,
                               std::span<const yaml::Document> documents, std::span<const yaml::Problem> problems);
/// The documents and problems in entry `bytes`, appended; false (and
/// `documents` empty) unless the entry is whole and is for `text` and
/// `limits`. Whatever the bytes, it never reads out of bounds.
bool decode_parse_entry(std::string_view bytes, std::string_view text, const yaml::Limits& limits,
                        std::vector<yaml::Document>* documents, std::vector<yaml::Problem>* problems);

/// Whether KAAVA_NO_CACHE asks for no cache (set, and not "0" or empty).
bool cache_off_by_environment();

/// What `kaava cache` says of the cache in `folder`.
struct CacheSummary {
  bool exists = false;
  std::size_t entries = 0;
  std::uintmax_t bytes = 0;
};
CacheSummary summarize_cache(const std::filesystem::path& folder);

/// Empties and removes the cache `folder`: only the files a cache holds
/// (entries, the markers, temporary files); false, with `error`, when
/// something else is there or a file cannot be removed.
bool remove_cache(const std::filesystem::path& folder, std::size_t* removed, std::string* error);

}  // namespace kaava
