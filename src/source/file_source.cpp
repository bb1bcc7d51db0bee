#include "source/file_source.h"

#include <fmt/format.h>

namespace kaava {

std::filesystem::path FileSource::absolute(const std::filesystem::path& path) const {
  std::error_code ec;
  std::filesystem::path out = std::filesystem::absolute(path, ec);
  return ec ? path : out;
}

bool FileSource::link_target(const std::filesystem::path&, std::filesystem::path*, std::string* error) const {
  *error = fmt::format("symbolic links are not followed in {}", describe());
  return false;
}

std::string_view FileSource::snapshot(const std::filesystem::path&) const { return {}; }

void FileSource::prefetch(std::span<const std::filesystem::path>, std::uintmax_t) const {}

std::string FileSource::missing_reason(const std::filesystem::path&) const { return {}; }

std::filesystem::path normal_path(const std::filesystem::path& path) {
  std::filesystem::path out = path.lexically_normal();
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

std::string too_large_message(std::uintmax_t size, std::uintmax_t max_bytes) {
  return fmt::format("the file is {} bytes; the limit is {} (limits: max-file-size in kaava.yaml)", size, max_bytes);
}

}  // namespace kaava
