#pragma once
/// What the language server's requests share (features.cpp,
/// completion.cpp): where a request points, in kaava's terms, and the
/// small text helpers around it.

#include <cstdint>
#include <string>
#include <string_view>

#include "lsp/server.h"

namespace kaava::lsp {

/// The most items a list answer carries (completion, workspace symbols).
inline constexpr std::size_t kMostItems = 1000;

/// Where a request points: the file in the loaded workspace, the editor's
/// text of it, and the position as kaava counts (1-based line, byte column).
struct Place {
  const Workspace* ws = nullptr;
  std::uint32_t file = kNoFile;
  std::string uri;
  std::string_view text;
  std::uint32_t line = 0;    ///< 1-based
  std::uint32_t column = 0;  ///< 1-based byte
  std::string_view line_text;  ///< without a byte order mark
  std::uint32_t bom_units = 0;  ///< 1 when line 1 of the editor's text begins with one
};

/// Where `params` (a TextDocumentPositionParams) points; `ws` is nullptr
/// when the file's repository cannot be loaded.
Place place_of(Server& server, const json& params);
/// A character of an id as an editor's word (letters, digits, '.', '_', '-', UTF-8).
bool is_id_char(char c);
/// The word (id characters) around 1-based byte column `column`, with its 1-based start.
std::string_view word_at(std::string_view line, std::uint32_t column, std::uint32_t* start);
/// The spaces a line begins with.
std::size_t indent_of(std::string_view line);
/// An element's name in `language`, else its id.
std::string display(const Element& el, std::string_view language);

}  // namespace kaava::lsp
