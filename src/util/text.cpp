#include "util/text.h"

#include <algorithm>

#include <fmt/format.h>

namespace kaava {

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values beyond U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::size_t find_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
  }
  return std::string_view::npos;
}

namespace {

/// Appends text with each invalid UTF-8 byte replaced by U+FFFD.
void append_valid_utf8(std::string& out, std::string_view text) {
  while (!text.empty()) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad == std::string_view::npos) {
      out += text;
      return;
    }
    out += text.substr(0, bad);
    out += "\xEF\xBF\xBD";
    text.remove_prefix(bad + 1);
  }
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  std::string out;
  append_valid_utf8(out, text);
  return out;
}

std::string printable(std::string_view text) {
  std::string valid;
  append_valid_utf8(valid, text);
  std::string out;
  out.reserve(valid.size());
  for (char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::uint32_t character_column(std::string_view line, std::uint32_t byte_column) {
  if (byte_column == 0) return 0;
  std::uint32_t column = 1;
  const std::size_t end = std::min<std::size_t>(byte_column - 1, line.size());
  for (std::size_t i = 0; i < end; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  // Columns past the end of the line (e.g. at a line break) count as bytes.
  if (byte_column - 1 > line.size()) column += byte_column - 1 - static_cast<std::uint32_t>(line.size());
  return column;
}

std::string join(std::span<const std::string_view> items, std::string_view separator, std::string_view quote) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += quote;
    out += items[i];
    out += quote;
  }
  return out;
}

std::string join_some(std::span<const std::string> items, std::size_t shown) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < shown; ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

std::string xml_escape(std::string_view raw) {
  std::string text;
  append_valid_utf8(text, raw);
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

/// Base letters of U+00C0..U+017F, one entry per code point ("" = keep).
constexpr const char* k_latin[] = {
    // U+00C0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o",
    "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
    "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e",
    "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i",
    "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n",
    "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",
    "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};

}  // namespace

namespace {

/// Where Finnish and Swedish sort å, ä (æ) and ö (ø): after z, in that order.
std::string_view nordic_letter(std::uint32_t cp) {
  switch (cp) {
    case 0xC5:
    case 0xE5: return "{";
    case 0xC4:
    case 0xE4:
    case 0xC6:
    case 0xE6: return "|";
    case 0xD6:
    case 0xF6:
    case 0xD8:
    case 0xF8: return "}";
    default: return {};
  }
}

std::string fold(std::string_view text, bool nordic) {
  std::string out;
  bool gap = false;
  auto put = [&](std::string_view s) {
    if (gap && !out.empty()) out += ' ';
    gap = false;
    out += s;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        put(std::string_view(&text[i], 1));
      } else if (c >= 'A' && c <= 'Z') {
        const char lower = static_cast<char>(c - 'A' + 'a');
        put(std::string_view(&lower, 1));
      } else {
        gap = true;  // spaces and punctuation
      }
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    len = std::min(len, text.size() - i);
    if (len == 2) {
      const std::uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      if (const std::string_view letter = nordic ? nordic_letter(cp) : std::string_view(); !letter.empty()) {
        put(letter);
        i += 2;
        continue;
      }
      if (cp >= 0xC0 && cp <= 0x17F && k_latin[cp - 0xC0][0] != '\0') {
        put(k_latin[cp - 0xC0]);
        i += 2;
        continue;
      }
    }
    put(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace

std::string fold_for_comparison(std::string_view text) { return fold(text, false); }

std::string fold_for_sorting(std::string_view text, std::string_view language) {
  const bool nordic =
      language == "fi" || language == "sv" || language.starts_with("fi-") || language.starts_with("sv-");
  return fold(text, nordic);
}

namespace {

/// Iterative wildcard matching with one backtrack point: linear enough.
template <typename Equal>
bool glob_with(std::string_view pattern, std::string_view text, Equal equal) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && equal(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

/// Folded for searching: as for sorting with å, ä and ö kept as letters of
/// their own, and no spaces at all.
std::string fold_for_search(std::string_view text) {
  std::string out = fold(text, true);
  std::erase(out, ' ');
  return out;
}

/// A pattern letter against a text letter (both folded for searching): a
/// plain a or o also stands for å and ä, or ö.
bool search_equal(char p, char t) {
  return p == t || (p == 'a' && (t == '{' || t == '|')) || (p == 'o' && t == '}');
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  return glob_with(pattern, text, [](char p, char t) { return p == t; });
}

TextMatcher::TextMatcher(std::string_view pattern) {
  // Each part between '*' folded on its own, so that the '*' survive.
  std::size_t start = 0;
  while (true) {
    const std::size_t star = pattern.find('*', start);
    folded_ += fold_for_search(pattern.substr(start, star == std::string_view::npos ? std::string_view::npos : star - start));
    if (star == std::string_view::npos) break;
    folded_ += '*';
    start = star + 1;
  }
}

bool TextMatcher::found_in(std::string_view text) const {
  const std::string folded = fold_for_search(text);
  if (folded_.find('*') == std::string::npos) {
    return folded_.empty() || !std::ranges::search(folded, folded_, [](char t, char p) { return search_equal(p, t); }).empty();
  }
  return glob_with("*" + folded_ + "*", folded, search_equal);
}

bool TextMatcher::matches(std::string_view text) const {
  return glob_with(folded_, fold_for_search(text), search_equal);
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width, bool break_long) {
  auto length = [](std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t') ++j;
    if (j == i) break;
    std::string_view word = text.substr(i, j - i);
    if (break_long && width > 0) {
      // Whole lines of `width` code points from a word that cannot fit one.
      while (length(word) > width) {
        if (!line.empty()) {
          lines.push_back(std::move(line));
          line.clear();
        }
        std::size_t cut = 0;
        for (std::size_t n = 0; cut < word.size() && n < width; ++n) {
          ++cut;
          while (cut < word.size() && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) ++cut;
        }
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
      }
    }
    if (!line.empty() && length(line) + 1 + length(word) > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    i = j;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string ascii_id(std::string_view text) {
  std::string out;
  auto put = [&](char c) {
    if (c == '-' && (out.empty() || out.back() == '-')) return;  // no leading or repeated '-'
    out += c;
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '.' || c == '_') && !out.empty())) {
        put(static_cast<char>(c));
      } else if (c >= 'A' && c <= 'Z') {
        put(static_cast<char>(c - 'A' + 'a'));
      } else {
        put('-');
      }
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
    len = std::min(len, text.size() - i);
    const std::uint32_t cp = len == 2 ? ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) : 0;
    if (cp >= 0xC0 && cp <= 0x17F && k_latin[cp - 0xC0][0] != '\0') {
      for (const char* p = k_latin[cp - 0xC0]; *p != '\0'; ++p) put(*p);
    } else {
      put('-');
    }
    i += len;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return fmt::format("{:016x}", h);
}

std::string json_escape(std::string_view raw) {
  std::string text;
  append_valid_utf8(text, raw);
  std::string out;
  out.reserve(text.size() + 2);
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string file_stem(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    out += ok ? c : '_';
  }
  if (out.empty() || out.front() == '.') out.insert(0, "view");
  return out;
}

std::string page_stem(std::string_view id) {
  std::string stem = file_stem(id);
  const bool plain = !id.empty() && id.front() != '.' && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  return plain ? stem : stem + '-' + id_hash(id);
}

std::string id_hash(std::string_view id) {
  std::uint32_t hash = 2166136261U;  // FNV-1a
  for (char c : id) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619U;
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (int shift = 28; shift >= 0; shift -= 4) out += k_hex[(hash >> shift) & 0xFU];
  return out;
}

}  // namespace kaava
