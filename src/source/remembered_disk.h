#pragma once
/// The disk, for a process that reads the same repository again and again
/// (kaava lsp after each edit, kaava serve after each save): a file whose
/// size, inode and times are what they were is not read again. As git
/// does with its index, a file changed within a second of being read is
/// always read again: a timestamp that coarse cannot tell two writes apart.

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "source/disk_source.h"

namespace kaava {

class RememberedDisk final : public FileSource {
 public:
  std::string describe() const override { return disk_files().describe(); }
  FileStatus status(const std::filesystem::path& path, bool follow) const override {
    return disk_files().status(path, follow);
  }
  bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const override {
    return disk_files().list(path, names, error);
  }
  std::filesystem::path resolve(const std::filesystem::path& path) const override {
    return disk_files().resolve(path);
  }
  bool link_target(const std::filesystem::path& path, std::filesystem::path* target,
                   std::string* error) const override {
    return disk_files().link_target(path, target, error);
  }
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;

 private:
  struct Stamp {
    std::uint64_t device = 0, inode = 0, size = 0;
    std::int64_t modified_ns = 0, changed_ns = 0;
    bool operator==(const Stamp&) const = default;
  };
  struct Kept {
    Stamp stamp;
    std::shared_ptr<const std::string> text;
  };
  mutable std::mutex mutex_;
  mutable std::map<std::filesystem::path, Kept> kept_;
};

}  // namespace kaava
