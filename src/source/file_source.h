#pragma once
/// Where kaava reads files from. Every read of a model repository (finding
/// kaava.yaml, walking the source folders, imports, metamodel files) goes
/// through one FileSource, so the same loader reads the disk, the files
/// embedded in the binary, an editor's unsaved buffer over another source,
/// or a git revision without a checkout.
///
/// Paths are absolute in the source's own namespace: the disk's paths for
/// the disk and for a git tree (a revision's files sit where the working
/// tree has them), "<kaava>/models/..." for the embedded files, and a root
/// of the caller's choice for files held in memory.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kaava {

enum class FileKind : std::uint8_t {
  missing,  ///< nothing there (or, followed, a link that leads nowhere)
  file,     ///< a regular file
  folder,
  link,       ///< a symbolic link (only when not followed)
  special,    ///< a pipe, socket or device: never read, it could block
  submodule,  ///< a git submodule: a folder whose files another repository holds
};

struct FileStatus {
  FileKind kind = FileKind::missing;
  std::uintmax_t size = 0;  ///< bytes, for files whose size is known without reading them
};

enum class ReadResult : std::uint8_t { ok, missing, too_large, failed };

class FileSource {
 public:
  FileSource() = default;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  virtual ~FileSource() = default;

  /// Where the files come from, for messages: "the working tree",
  /// "revision HEAD~1", "the index".
  virtual std::string describe() const = 0;

  /// `path` made absolute in this source (relative paths are taken from
  /// the current folder on disk, from the root in memory).
  virtual std::filesystem::path absolute(const std::filesystem::path& path) const;

  /// What `path` is. With `follow`, a link is looked through to its target.
  virtual FileStatus status(const std::filesystem::path& path, bool follow) const = 0;

  /// The names in folder `path`, in no particular order; false, with
  /// `error` set, when it cannot be listed.
  virtual bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const = 0;

  /// `path` with '.', '..' and links resolved as far as it exists (for
  /// telling whether two paths are one file, and where a link leads).
  virtual std::filesystem::path resolve(const std::filesystem::path& path) const = 0;

  /// Where the link at `path` leads, resolved; false, with `error` set,
  /// when this source does not follow links or the link is broken.
  virtual bool link_target(const std::filesystem::path& path, std::filesystem::path* target, std::string* error) const;

  /// Reads a whole file of at most `max_bytes`. Safe to call from several
  /// threads at once. On failure `error` says why, for a message.
  virtual ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                          std::string* error) const = 0;

  /// The build-time snapshot (yaml::load_snapshot) of the YAML file at
  /// `path`, for sources that have one (the embedded files).
  virtual std::string_view snapshot(const std::filesystem::path& path) const;

  /// A hint that these files are read next: a source that reads in
  /// batches (git) fetches them all at once (those up to `max_bytes`).
  virtual void prefetch(std::span<const std::filesystem::path> paths, std::uintmax_t max_bytes) const;

  /// Why `path` is not in this source, when there is more to say than
  /// "it does not exist" (outside a git tree, say); empty otherwise.
  virtual std::string missing_reason(const std::filesystem::path& path) const;
};

/// `path` with '.' and '..' taken out and no trailing '/' (lexically).
std::filesystem::path normal_path(const std::filesystem::path& path);

/// What a read says of a file of `size` bytes over the limit of `max_bytes`.
std::string too_large_message(std::uintmax_t size, std::uintmax_t max_bytes);

}  // namespace kaava
