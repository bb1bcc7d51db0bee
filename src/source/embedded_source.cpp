#include "source/embedded_source.h"

#include <fmt/format.h>

#include "resources/embedded.h"

namespace kaava {

namespace fs = std::filesystem;

EmbeddedSource::EmbeddedSource() : TableSource(fs::path(std::string(kEmbeddedRoot))) {
  const auto all = resources::all();
  for (std::size_t i = 0; i < all.size(); ++i) {
    table_.add(all[i].path, FileKind::file, all[i].data.size(), static_cast<std::uint32_t>(i));
  }
}

fs::path EmbeddedSource::path_of(std::string_view resource) {
  return fs::path(fmt::format("{}/{}", kEmbeddedRoot, resource));
}

fs::path EmbeddedSource::absolute(const fs::path& path) const {
  return normal_path(table_.key(path) ? path : table_.root() / path);
}

ReadResult EmbeddedSource::read(const fs::path& path, std::uintmax_t max_bytes, std::string* out,
                                std::string* error) const {
  const FileTable::Entry* e = table_.find(path);
  if (e == nullptr || e->kind != FileKind::file) {
    *error = "not one of kaava's built-in files";
    return ReadResult::missing;
  }
  const std::string_view data = resources::all()[e->payload].data;
  if (data.size() > max_bytes) {
    *error = too_large_message(data.size(), max_bytes);
    return ReadResult::too_large;
  }
  out->assign(data);
  return ReadResult::ok;
}

std::string_view EmbeddedSource::snapshot(const fs::path& path) const {
  const FileTable::Entry* e = table_.find(path);
  if (e == nullptr || e->kind != FileKind::file) return {};
  return resources::snapshot(resources::all()[e->payload].path);
}

const EmbeddedSource& embedded_files() {
  static const EmbeddedSource source;
  return source;
}

}  // namespace kaava
