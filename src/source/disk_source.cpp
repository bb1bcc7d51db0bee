#include "source/disk_source.h"

#include <fstream>

#include <fmt/format.h>

namespace kaava {

namespace fs = std::filesystem;

namespace {

FileKind kind_of(const fs::file_status& s) {
  switch (s.type()) {
    case fs::file_type::not_found:
    case fs::file_type::none: return FileKind::missing;
    case fs::file_type::regular: return FileKind::file;
    case fs::file_type::directory: return FileKind::folder;
    case fs::file_type::symlink: return FileKind::link;
    default: return FileKind::special;
  }
}

}  // namespace

FileStatus DiskSource::status(const fs::path& path, bool follow) const {
  std::error_code ec;
  const fs::file_status s = follow ? fs::status(path, ec) : fs::symlink_status(path, ec);
  FileStatus out;
  out.kind = ec ? FileKind::missing : kind_of(s);
  if (out.kind == FileKind::file) {
    const std::uintmax_t size = fs::file_size(path, ec);
    out.size = ec ? 0 : size;
  }
  return out;
}

bool DiskSource::list(const fs::path& path, std::vector<std::string>* names, std::string* error) const {
  std::error_code ec;
  for (fs::directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    names->push_back(it->path().filename().string());
  }
  if (ec) *error = ec.message();
  return !ec;
}

fs::path DiskSource::resolve(const fs::path& path) const {
  std::error_code ec;
  fs::path out = fs::weakly_canonical(path, ec);
  return ec ? normal_path(path) : out;
}

bool DiskSource::link_target(const fs::path& path, fs::path* target, std::string* error) const {
  std::error_code ec;
  *target = fs::weakly_canonical(path, ec);
  if (ec) {
    *error = fmt::format("symbolic link cannot be followed: {}", ec.message());
    return false;
  }
  if (!fs::exists(*target, ec)) {
    *error = "symbolic link points to nothing";
    return false;
  }
  return true;
}

ReadResult DiskSource::read(const fs::path& path, std::uintmax_t max_bytes, std::string* out,
                            std::string* error) const {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    const bool exists = fs::exists(path, ec);
    *error = exists ? "not a regular file" : "no such file";
    return exists ? ReadResult::failed : ReadResult::missing;
  }
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    *error = fmt::format("cannot read file: {}", ec.message());
    return ReadResult::failed;
  }
  if (size > max_bytes) {
    *error = too_large_message(size, max_bytes);
    return ReadResult::too_large;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot open file for reading (permissions?)";
    return ReadResult::failed;
  }
  out->resize(size);
  in.read(out->data(), static_cast<std::streamsize>(size));
  out->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    *error = "cannot read file";
    return ReadResult::failed;
  }
  return ReadResult::ok;
}

const DiskSource& disk_files() {
  static const DiskSource source;
  return source;
}

}  // namespace kaava
