#pragma once
/// Loading a model repository: find kaava.yaml, read the configuration and
/// the metamodel, discover the model files, and parse and build them in
/// parallel into one Model. Everything is read through one FileSource (the
/// disk, a git revision, an overlay of unsaved text, files in memory), and
/// load_workspace() is the one way a Workspace is made: by the CLI, the
/// tests and the fuzzer alike.

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"
#include "load/config.h"
#include "metamodel/metamodel.h"
#include "model/model.h"
#include "source/file_source.h"
#include "source/source_files.h"

namespace kaava {

/// A loaded repository. Consumers only ever see it const: the loader built
/// it, and nothing changes it after.
struct Workspace {
  SourceFiles files;
  Config config;
  Metamodel metamodel;
  Model model;
  /// What loading found: syntax, structure, unknown types and keys,
  /// configuration, files that could not be read. The checks' findings
  /// are validate()'s result, not added here.
  Diagnostics diagnostics;
  std::vector<std::uint32_t> model_files;  ///< imported ones first, then the repository's own
  /// Per model file: 0 for the repository's own, k for imported[k - 1].
  std::vector<std::uint32_t> model_file_repository;
  std::deque<Config> imported;            ///< configurations of imported repositories
  std::vector<std::string> import_names;  ///< parallel to `imported`
  /// Set when a single file inside a repository was asked for: the whole
  /// repository is loaded (references resolve), but only this file's
  /// findings are reported.
  std::uint32_t only_file = kNoFile;
  /// How many changed files LoadOptions::reuse's Model was patched with
  /// (0: the Model was assembled from every file).
  std::size_t patched = 0;
  /// Some input could not be read at all (exit code 2).
  bool unreadable = false;
  /// The model is over `limits.max-elements`: it is not checked further.
  bool too_large = false;
  /// False when there is nothing to validate at all (no such path, an
  /// unreadable kaava.yaml, an unusable metamodel): `error` says why.
  bool loaded = false;
  std::string error;
  std::string source;  ///< where the repository was read (FileSource::describe)
  /// The parse cache, when one was used: how many files it had parsed, and
  /// how many it had not (parsed now and kept).
  struct CacheUse {
    bool used = false;
    std::size_t hits = 0, misses = 0, rejected = 0;
  } cache;

  /// The name of the import model file `file` belongs to ("vet-reference"),
  /// or "" for the repository's own files.
  std::string_view import_of(std::uint32_t file) const;
};

/// Model files parsed by one load, kept for another load of mostly the same
/// files (kaava diff reads two revisions that share most of them): a file
/// at the same place with the same text is not parsed again. Filled by the
/// load that is given it, read by the loads after it.
class FragmentCache {
 public:
  struct Entry {
    std::string text;
    ModelFragment fragment;
    Diagnostics diagnostics;
  };
  /// A copy of what `file` at `path` with `text` gave, if a load kept it
  /// (only its findings when `fragment` is null).
  bool find(std::uint32_t file, const std::string& path, std::string_view text, ModelFragment* fragment,
            Diagnostics* diagnostics) const;
  void keep(std::uint32_t file, const std::string& path, std::string_view text, const ModelFragment& fragment,
            const Diagnostics& diagnostics);
  std::size_t hits() const { return hits_; }
  /// Whether a load whose configuration and metamodel files read
  /// `context` may use the cache: they must be what the first load read
  /// (they decide how a model file is built). The first call sets it.
  bool usable_for(const std::string& context);

 private:
  mutable std::mutex mutex_;
  std::string context_;
  bool context_set_ = false;
  /// By file index: its path and what it gave. Shared, so that loads on
  /// several threads copy their fragments out of the lock.
  std::unordered_map<std::uint32_t, std::pair<std::string, std::shared_ptr<const Entry>>> entries_;
  mutable std::size_t hits_ = 0;
};

struct LoadOptions {
  /// A folder, kaava.yaml, or one model file: in `source`, relative to
  /// the current folder (the memory source's root for files in memory).
  std::filesystem::path path = ".";
  const FileSource* source = nullptr;  ///< nullptr: the disk
  unsigned threads = 0;                ///< files parsed at once; 0: one per core
  FragmentCache* cache = nullptr;      ///< parsed files to reuse and to keep
  /// Keep and reuse the parse of each model file in the repository's
  /// .kaava-cache/ (load/parse_cache.h). Only for sources whose paths are
  /// the disk's (the disk, a git revision, an overlay over the disk).
  bool disk_cache = false;
  /// The previous load's Model, of the same repository through the same
  /// `cache`, which the caller gives up (kaava lsp, one edit after
  /// another): when the files that changed since keep their shape
  /// (Model::patch), it is patched and moved into the new workspace rather
  /// than assembled anew from every file's fragment. Either way the caller
  /// must not read it after.
  Model* reuse = nullptr;
};

/// Loads everything `options.path` names. Always returns a workspace; when
/// it is not `loaded`, its `error` says why, and its findings say more.
std::unique_ptr<const Workspace> load_workspace(const LoadOptions& options);

/// Walks up from folder `start` to the nearest one with kaava.yaml in
/// `source`; returns an empty path when there is none.
std::filesystem::path find_repository_root(const FileSource& source, const std::filesystem::path& start);

}  // namespace kaava
