#include "source/source_files.h"

#include "util/text.h"

namespace kaava {

std::uint32_t SourceFiles::add(std::string path, std::filesystem::path disk_path) {
  SourceFile& f = files_.emplace_back();
  f.path = std::move(path);
  f.disk_path = std::move(disk_path);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::uint32_t SourceFiles::add_text(std::string path, std::string text, bool embedded) {
  const std::uint32_t id = add(std::move(path));
  files_[id].text = std::move(text);
  files_[id].embedded = embedded;
  return id;
}

std::string_view SourceFiles::line(std::uint32_t file, std::uint32_t line) const {
  if (file >= files_.size() || line == 0) return {};
  if (line_starts_.size() < files_.size()) line_starts_.resize(files_.size());
  std::vector<std::uint32_t>& starts = line_starts_[file];
  const std::string& text = files_[file].text;
  if (starts.empty()) {
    starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
  if (line > starts.size()) return {};
  const std::size_t begin = starts[line - 1];
  std::size_t end = line < starts.size() ? starts[line] - 1 : text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  if (begin > text.size()) return {};
  return std::string_view(text).substr(begin, end - begin);
}

std::uint32_t SourceFiles::character_column(const SourceSpan& span) const {
  if (!span.valid()) return span.column;
  return kaava::character_column(line(span.file, span.line), span.column);
}

}  // namespace kaava
