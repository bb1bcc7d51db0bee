#include "source/source_files.h"

#include <algorithm>
#include <mutex>

#include <fmt/format.h>

#include "util/text.h"

namespace kaava {

std::uint32_t SourceFiles::add(std::string path, std::filesystem::path origin, bool embedded) {
  SourceFile& f = files_.emplace_back();
  f.path = std::move(path);
  f.origin = std::move(origin);
  f.embedded = embedded;
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::uint32_t SourceFiles::add_text(std::string path, std::string text) {
  const std::uint32_t id = add(std::move(path));
  files_[id].text = std::move(text);
  return id;
}

ReadResult SourceFiles::read(std::uint32_t id, const FileSource& source, std::uintmax_t max_bytes, std::string* error) {
  SourceFile& f = files_[id];
  const ReadResult result = source.read(f.origin, max_bytes, &f.text, error);
  if (result == ReadResult::ok) f.snapshot = source.snapshot(f.origin);
  return result;
}

std::string_view SourceFiles::line(std::uint32_t file, std::uint32_t line) const {
  if (file >= files_.size() || line == 0) return {};
  // Checks run on several threads at once, and their messages ask for lines.
  static std::mutex index_mutex;
  const std::lock_guard lock(index_mutex);
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

void SourceFiles::strip_bom(std::uint32_t file) {
  SourceFile& f = files_[file];
  if (f.bom == 0 && f.text.starts_with("\xEF\xBB\xBF")) {
    f.text.erase(0, 3);
    f.bom = 3;
  }
}

bool SourceFiles::check_text(std::uint32_t file, Diagnostics& diagnostics) {
  strip_bom(file);
  SourceFile& f = files_[file];
  auto at = [&](std::size_t offset) {
    const auto line = static_cast<std::uint32_t>(
        1 + std::count(f.text.begin(), f.text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
    const std::size_t line_start = offset == 0 ? std::string::npos : f.text.rfind('\n', offset - 1);
    const std::size_t column = line_start == std::string::npos ? offset : offset - line_start - 1;
    return SourceSpan{file, line, static_cast<std::uint32_t>(column + 1), 1};
  };
  const std::size_t bad = find_invalid_utf8(f.text);
  if (bad != std::string::npos) {
    diagnostics.report(Rule::yaml_syntax, at(bad),
                       fmt::format("the file is not valid UTF-8 (byte offset {}); save it as UTF-8", bad + f.bom));
    return false;
  }
  const std::size_t control = find_control_character(f.text);
  if (control != std::string::npos) {
    diagnostics.report(
        Rule::yaml_syntax, at(control),
        fmt::format("control character U+{:04X} (byte offset {}) is not allowed in YAML",
                    static_cast<unsigned>(static_cast<unsigned char>(f.text[control])), control + f.bom));
    return false;
  }
  return true;
}

std::uint32_t SourceFiles::character_column(const SourceSpan& span) const {
  if (!span.valid()) return span.column;
  return kaava::character_column(line(span.file, span.line), span.column);
}

}  // namespace kaava
