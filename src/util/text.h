#pragma once
/// Small text helpers: UTF-8 validation and columns, joining, escaping.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kaava {

/// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t find_invalid_utf8(std::string_view text);

/// Byte offset of the first C0 control character other than tab, line
/// feed and carriage return, or DEL, or npos. YAML allows none of them.
std::size_t find_control_character(std::string_view text);

/// `text` with each invalid UTF-8 byte replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

/// `text` with invalid UTF-8 replaced by U+FFFD and control characters
/// (line breaks included) written as escapes such as \n, so that it stays
/// on one line of terminal output.
std::string printable(std::string_view text);

/// 1-based display column of the 1-based byte column `byte_column` in
/// `line`: UTF-8 sequences count as one column each.
std::uint32_t character_column(std::string_view line, std::uint32_t byte_column);

/// Joins with `separator`, each item wrapped in `quote` (e.g. "'").
std::string join(std::span<const std::string_view> items, std::string_view separator, std::string_view quote = {});

/// The first `shown` of `items` joined with ", ", and "and N more" for the
/// rest: a list that stays one readable line on a terminal.
std::string join_some(std::span<const std::string> items, std::size_t shown = 5);

/// `text` escaped for XML text and attribute values; characters XML 1.0
/// cannot hold become U+FFFD.
std::string xml_escape(std::string_view raw);

/// `text` for comparing names: lower case, accents removed (ä -> a,
/// å -> a, é -> e, ß -> ss ...), runs of spaces and punctuation as one space.
std::string fold_for_comparison(std::string_view text);

/// `text` as a key for sorting names in `language`: as fold_for_comparison,
/// except that Finnish and Swedish keep å, ä and ö as letters of their own
/// after z, in the order å, ä, ö (Zürich, Åbo, Äänekoski, Övertorneå).
std::string fold_for_sorting(std::string_view text, std::string_view language);

/// '*' matches any run of characters (including none); nothing else is special.
bool glob_match(std::string_view pattern, std::string_view text);

/// A search text, folded once for matching many texts (TextMatcher) the
/// way people search names: case, spaces and punctuation do not matter
/// ("phaseout" finds "phase-out"); a, o written plainly also match å, ä
/// and ö ("paatos" finds "Päätös"), while å, ä and ö written match only
/// themselves, letter by letter ("kärki" does not find "karki"; "paätos"
/// finds "Päätös"). '*' matches any run of characters.
class TextMatcher {
 public:
  explicit TextMatcher(std::string_view pattern);
  /// Whether the pattern occurs anywhere in `text`.
  bool found_in(std::string_view text) const;
  /// Whether the pattern matches the whole of `text`.
  bool matches(std::string_view text) const;

 private:
  std::string folded_;  ///< the pattern folded, '*' kept
};

/// The words of `text` in lines of at most `width` characters (counted in
/// code points). A longer word stays whole on its own line, or with
/// `break_long` is cut into lines of `width` (a label in a box of fixed
/// width).
std::vector<std::string> wrap_words(std::string_view text, std::size_t width, bool break_long = false);

/// `text` made into an id: lower-case ASCII, letters transliterated
/// (ä -> a, ö -> o, å -> a), anything else that an id cannot hold as '-';
/// "" when nothing of it is left.
std::string ascii_id(std::string_view text);

/// 64-bit FNV-1a, as 16 hexadecimal digits.
std::string fnv1a_hex(std::string_view data);

/// `text` escaped for a JSON string literal (without the quotes).
std::string json_escape(std::string_view raw);

/// A file name for an id (a view's picture, an element's page): safe
/// characters only, never hidden or a path (characters outside
/// [A-Za-z0-9._-] become '_').
std::string file_stem(std::string_view id);

/// file_stem, unique per id on any file system: an id with characters
/// that file_stem changes, or with capitals (which a case-insensitive file
/// system folds), gets a hash of itself appended ("App:x" -> "App_x-1a2b3c4d").
std::string page_stem(std::string_view id);

/// Eight hex digits that stand for `id` (FNV-1a), for names that must differ.
std::string id_hash(std::string_view id);

}  // namespace kaava
