#include "lsp/positions.h"

#include <fmt/format.h>

namespace kaava::lsp {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The bytes a UTF-8 sequence starting with `lead` has (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

std::filesystem::path uri_to_path(std::string_view uri) {
  constexpr std::string_view scheme = "file://";
  if (uri.size() < scheme.size() || uri.substr(0, scheme.size()) != scheme) return {};
  uri.remove_prefix(scheme.size());
  // file://host/path: only the local host.
  if (!uri.starts_with('/')) {
    if (!uri.starts_with("localhost/")) return {};
    uri.remove_prefix(9);
  }
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%') {
      if (i + 2 >= uri.size()) return {};
      const int high = hex_value(uri[i + 1]), low = hex_value(uri[i + 2]);
      if (high < 0 || low < 0) return {};
      const char c = static_cast<char>(high * 16 + low);
      if (c == '\0') return {};
      path += c;
      i += 2;
    } else if (uri[i] == '?' || uri[i] == '#') {
      break;
    } else {
      path += uri[i];
    }
  }
  return std::filesystem::path(path).lexically_normal();
}

std::string path_to_uri(const std::filesystem::path& path) {
  std::string out = "file://";
  for (const char ch : path.generic_string()) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::uint32_t utf16_column(std::string_view line, std::size_t byte) {
  std::uint32_t units = 0;
  for (std::size_t i = 0; i < line.size() && i < byte;) {
    const std::size_t n = sequence_length(static_cast<unsigned char>(line[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

std::size_t byte_column(std::string_view line, std::uint32_t units) {
  std::size_t i = 0;
  std::uint32_t counted = 0;
  while (i < line.size() && counted < units) {
    const std::size_t n = sequence_length(static_cast<unsigned char>(line[i]));
    counted += n == 4 ? 2 : 1;
    i += n;
  }
  return std::min(i, line.size());
}

std::string_view line_of(std::string_view text, std::uint32_t line) {
  std::size_t start = 0;
  for (std::uint32_t l = 0; l < line; ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t character) {
  std::size_t start = 0;
  for (std::uint32_t l = 0; l < line; ++l) {
    const std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return text.size();
    start = nl + 1;
  }
  return start + byte_column(line_of(text, line), character);
}

}  // namespace kaava::lsp
