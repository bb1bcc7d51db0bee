#pragma once
/// The file system: the working tree, as the user sees it.

#include "source/file_source.h"

namespace kaava {

class DiskSource final : public FileSource {
 public:
  std::string describe() const override { return "the working tree"; }
  FileStatus status(const std::filesystem::path& path, bool follow) const override;
  bool list(const std::filesystem::path& path, std::vector<std::string>* names, std::string* error) const override;
  std::filesystem::path resolve(const std::filesystem::path& path) const override;
  bool link_target(const std::filesystem::path& path, std::filesystem::path* target, std::string* error) const override;
  ReadResult read(const std::filesystem::path& path, std::uintmax_t max_bytes, std::string* out,
                  std::string* error) const override;
};

/// The one disk source (it holds no state).
const DiskSource& disk_files();

}  // namespace kaava
