#include "source/memory_source.h"

#include <algorithm>

namespace kaava {

namespace fs = std::filesystem;

namespace {

ReadResult read_text(const std::string& text, std::uintmax_t max_bytes, std::string* out, std::string* error) {
  if (text.size() > max_bytes) {
    *error = too_large_message(text.size(), max_bytes);
    return ReadResult::too_large;
  }
  *out = text;
  return ReadResult::ok;
}

}  // namespace

MemorySource::MemorySource(const fs::path& root) : TableSource(root) {}

MemorySource& MemorySource::add(std::string_view path, std::string text) {
  const std::uintmax_t size = text.size();
  texts_.push_back(std::move(text));
  table_.add(path, FileKind::file, size, static_cast<std::uint32_t>(texts_.size() - 1));
  return *this;
}

fs::path MemorySource::absolute(const fs::path& path) const {
  return normal_path(path.is_absolute() ? path : table_.root() / path);
}

ReadResult MemorySource::read(const fs::path& path, std::uintmax_t max_bytes, std::string* out,
                              std::string* error) const {
  const FileTable::Entry* e = table_.find(path);
  if (e == nullptr || e->kind != FileKind::file) {
    *error = e == nullptr ? "no such file" : "not a regular file";
    return e == nullptr ? ReadResult::missing : ReadResult::failed;
  }
  return read_text(texts_[e->payload], max_bytes, out, error);
}

OverlaySource::OverlaySource(const FileSource& base) : base_(base) {}

OverlaySource& OverlaySource::add(const fs::path& path, std::string text) {
  const std::optional<std::string> key = table_.key(base_.absolute(path));
  if (!key || key->empty()) return *this;
  const std::uintmax_t size = text.size();
  texts_.push_back(std::move(text));
  table_.add(*key, FileKind::file, size, static_cast<std::uint32_t>(texts_.size() - 1));
  return *this;
}

std::string OverlaySource::describe() const { return base_.describe() + " with unsaved changes"; }

fs::path OverlaySource::absolute(const fs::path& path) const { return base_.absolute(path); }

FileStatus OverlaySource::status(const fs::path& path, bool follow) const {
  const FileTable::Entry* e = table_.find(path);
  if (e != nullptr && e->kind == FileKind::file) return {e->kind, e->size};
  const FileStatus below = base_.status(path, follow);
  // A folder that only the overlay's files imply.
  if (e != nullptr && below.kind == FileKind::missing) return {FileKind::folder, 0};
  return below;
}

bool OverlaySource::list(const fs::path& path, std::vector<std::string>* names, std::string* error) const {
  const std::size_t first = names->size();
  const bool listed = base_.list(path, names, error);
  const FileTable::Entry* e = table_.find(path);
  if (e == nullptr || e->kind != FileKind::folder) return listed;
  if (!listed && base_.status(path, true).kind != FileKind::missing) return false;  // there, but unreadable
  error->clear();
  for (const std::string& name : e->children) {
    if (std::find(names->begin() + static_cast<std::ptrdiff_t>(first), names->end(), name) == names->end()) {
      names->push_back(name);
    }
  }
  return true;
}

fs::path OverlaySource::resolve(const fs::path& path) const { return base_.resolve(path); }

bool OverlaySource::link_target(const fs::path& path, fs::path* target, std::string* error) const {
  return base_.link_target(path, target, error);
}

ReadResult OverlaySource::read(const fs::path& path, std::uintmax_t max_bytes, std::string* out,
                               std::string* error) const {
  const FileTable::Entry* e = table_.find(path);
  if (e != nullptr && e->kind == FileKind::file) return read_text(texts_[e->payload], max_bytes, out, error);
  return base_.read(path, max_bytes, out, error);
}

void OverlaySource::prefetch(std::span<const fs::path> paths, std::uintmax_t max_bytes) const {
  base_.prefetch(paths, max_bytes);
}

std::string OverlaySource::missing_reason(const fs::path& path) const { return base_.missing_reason(path); }

}  // namespace kaava
