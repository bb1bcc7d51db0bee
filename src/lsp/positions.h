#pragma once
/// What the Language Server Protocol counts differently from kaava: files
/// are `file://` URIs (percent-encoded), lines are 0-based, and characters
/// are UTF-16 code units; kaava has paths, 1-based lines and 1-based byte
/// columns.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace kaava::lsp {

/// The path a `file://` URI names; empty for another scheme or a bad URI.
std::filesystem::path uri_to_path(std::string_view uri);
/// The `file://` URI of an absolute path.
std::string path_to_uri(const std::filesystem::path& path);

/// The UTF-16 offset of byte `byte` (0-based) in `line`.
std::uint32_t utf16_column(std::string_view line, std::size_t byte);
/// The byte offset of UTF-16 offset `units` in `line` (its end when past it).
std::size_t byte_column(std::string_view line, std::uint32_t units);

/// Line `line` (0-based) of `text`, without its line break; empty past the end.
std::string_view line_of(std::string_view text, std::uint32_t line);
/// The byte offset in `text` of a 0-based line and UTF-16 character.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t character);

}  // namespace kaava::lsp
