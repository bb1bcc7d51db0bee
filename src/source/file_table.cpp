#include "source/file_table.h"

#include <algorithm>

namespace kaava {

namespace fs = std::filesystem;

FileTable::FileTable(const fs::path& root) : root_(root.lexically_normal()) { entries_.emplace("", Entry{}); }

void FileTable::add(std::string_view relative, FileKind kind, std::uintmax_t size, std::uint32_t payload) {
  while (!relative.empty() && relative.back() == '/') relative.remove_suffix(1);
  if (relative.empty()) return;
  auto [it, inserted] = entries_.try_emplace(std::string(relative));
  it->second.kind = kind;
  it->second.size = size;
  it->second.payload = payload;
  // Link the new entry into its folder, creating the folders above it.
  std::string path(relative);
  while (inserted) {
    const std::size_t slash = path.rfind('/');
    const std::string parent = slash == std::string::npos ? std::string() : path.substr(0, slash);
    const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    auto [p, parent_new] = entries_.try_emplace(parent);
    if (p->second.kind != FileKind::folder) {  // a file where a folder is needed: the folder wins
      p->second.kind = FileKind::folder;
      p->second.size = 0;
    }
    p->second.children.push_back(name);
    inserted = parent_new && !parent.empty();
    path = parent;
  }
}

std::optional<std::string> FileTable::key(const fs::path& path) const {
  const fs::path rel = path.lexically_normal().lexically_relative(root_);
  if (rel.empty()) return std::nullopt;
  std::string out = rel.generic_string();
  if (out == ".") return std::string();
  if (out == ".." || out.starts_with("../")) return std::nullopt;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

const FileTable::Entry* FileTable::find(const fs::path& path) const {
  const std::optional<std::string> k = key(path);
  if (!k) return nullptr;
  auto it = entries_.find(*k);
  return it == entries_.end() ? nullptr : &it->second;
}

FileStatus FileTable::status(const fs::path& path) const {
  const Entry* e = find(path);
  if (e == nullptr) return {};
  return {e->kind, e->size};
}

bool FileTable::list(const fs::path& path, std::vector<std::string>* names, std::string* error) const {
  const Entry* e = find(path);
  if (e == nullptr || e->kind != FileKind::folder) {
    *error = e == nullptr ? "no such folder" : "not a folder";
    return false;
  }
  names->insert(names->end(), e->children.begin(), e->children.end());
  return true;
}

FileStatus TableSource::status(const fs::path& path, bool) const { return table_.status(path); }

bool TableSource::list(const fs::path& path, std::vector<std::string>* names, std::string* error) const {
  return table_.list(path, names, error);
}

fs::path TableSource::resolve(const fs::path& path) const { return normal_path(path); }

}  // namespace kaava
