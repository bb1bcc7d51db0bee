#include "docs/markup.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace kaava::docs {

std::string html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_segment(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 || c == '.' || c == '_' || c == '~' || c == '-') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

std::string js_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    switch (text[i]) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default:
        // U+2028 and U+2029 end a line in older JavaScript.
        if (u == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
          out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
          i += 2;
        } else if (u < 0x20) {
          out += fmt::format("\\u{:04x}", u);
        } else {
          out += text[i];
        }
    }
  }
  return out + "\"";
}

bool safe_link_target(std::string_view target) {
  if (target.empty()) return false;
  // A character reference could spell a scheme once a Markdown reader
  // decodes it (jav&#x61;script:, javascript&colon;).
  for (std::size_t amp = target.find('&'); amp != std::string_view::npos; amp = target.find('&', amp + 1)) {
    std::size_t end = amp + 1;
    while (end < target.size() && (std::isalnum(static_cast<unsigned char>(target[end])) != 0 || target[end] == '#')) {
      ++end;
    }
    if (end < target.size() && target[end] == ';' && end > amp + 1) return false;
  }
  for (char c : target) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ' || c == '\\') return false;
  }
  for (std::string_view scheme : {"https://", "http://", "mailto:"}) {
    if (target.size() > scheme.size() && target.substr(0, scheme.size()) == scheme) return true;
  }
  // Relative: no scheme (a ':' before any '/', '?' or '#'), no '//' host.
  if (target.starts_with("//")) return false;
  for (char c : target) {
    if (c == '/' || c == '?' || c == '#') return true;
    if (c == ':') return false;
  }
  return true;
}

std::string url_path(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    out += url_segment(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': out += ' '; break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '!':
      case '$':
      case '~':
      case '|':
      case '#':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_value(std::string_view text) {
  std::string out = markdown_escape(text);
  // What would start a block at the start of a line: a list marker, a
  // numbered item, a setext underline.
  std::size_t d = 0;
  while (d < out.size() && std::isdigit(static_cast<unsigned char>(out[d])) != 0) ++d;
  if (d > 0 && d < out.size() && (out[d] == '.' || out[d] == ')')) {
    out.insert(d, "\\");
  } else if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) {
    out.insert(0, "\\");
  }
  return out;
}

std::string markdown_url(std::string_view target) {
  std::string out;
  for (char c : target) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '(': out += "%28"; break;
      case ')': out += "%29"; break;
      case '<': out += "%3C"; break;
      case '>': out += "%3E"; break;
      case ' ': out += "%20"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

/// The inline markup of one block, as HTML (`to_html`) or as safe Markdown.
class Inline {
 public:
  /// `in_link`: the text of a link, where a web address is no link of its own.
  Inline(std::string_view text, bool to_html, bool in_link = false)
      : text_(text), html_(to_html), in_link_(in_link) {}

  std::string run() {
    std::string out;
    std::size_t i = 0;
    while (i < text_.size()) {
      const char c = text_[i];
      if (c == '`') {
        const std::size_t end = text_.find('`', i + 1);
        if (end != std::string_view::npos && end > i + 1) {
          const std::string_view code = text_.substr(i + 1, end - i - 1);
          // A code span is literal in Markdown: nothing in it is markup.
          out += html_ ? "<code>" + html(code) + "</code>" : "`" + std::string(code) + "`";
          i = end + 1;
          continue;
        }
      }
      // A web address written as it is (or in <...>) is a link; its
      // characters are the address's, never markup.
      if (std::size_t length = 0, skip = 0; !in_link_ && web_address(i, &length, &skip)) {
        const std::string_view url = text_.substr(i + skip, length);
        out += html_ ? fmt::format("<a href=\"{0}\">{0}</a>", html(url)) : fmt::format("<{}>", url);
        i += length + 2 * skip;
        continue;
      }
      // `_` inside a word (snake_case) is a letter, not emphasis.
      const bool in_word = c == '_' && i > 0 && std::isalnum(static_cast<unsigned char>(text_[i - 1])) != 0;
      if ((c == '*' || c == '_') && !in_word) {
        const bool strong = i + 1 < text_.size() && text_[i + 1] == c;
        const std::string_view mark = text_.substr(i, strong ? 2 : 1);
        const std::size_t end = text_.find(mark, i + mark.size());
        if (end != std::string_view::npos && end > i + mark.size() && text_[i + mark.size()] != ' ') {
          const std::string inner =
              Inline(text_.substr(i + mark.size(), end - i - mark.size()), html_, in_link_).run();
          if (html_) {
            out += strong ? "<strong>" + inner + "</strong>" : "<em>" + inner + "</em>";
          } else {
            out += std::string(mark) + inner + std::string(mark);
          }
          i = end + mark.size();
          continue;
        }
      }
      if (c == '[') {
        const std::size_t close = text_.find("](", i + 1);
        // The target ends at its ')', parentheses inside it balanced.
        std::size_t end = std::string_view::npos;
        for (std::size_t j = close == std::string_view::npos ? text_.size() : close + 2, depth = 0; j < text_.size();
             ++j) {
          if (text_[j] == '(') ++depth;
          if (text_[j] == ')' && depth-- == 0) {
            end = j;
            break;
          }
        }
        if (end != std::string_view::npos && text_.substr(i + 1, close - i - 1).find('[') == std::string_view::npos) {
          const std::string label = Inline(text_.substr(i + 1, close - i - 1), html_, true).run();
          const std::string_view target = text_.substr(close + 2, end - close - 2);
          if (!safe_link_target(target)) {
            out += label;  // the text stays, the link goes
          } else if (html_) {
            out += fmt::format("<a href=\"{}\">{}</a>", html(target), label);
          } else {
            out += fmt::format("[{}]({})", label, markdown_url(target));
          }
          i = end + 1;
          continue;
        }
      }
      out += html_ ? html(std::string_view(&text_[i], 1)) : markdown_escape(std::string_view(&text_[i], 1));
      ++i;
    }
    return out;
  }

 private:
  /// Whether a web address starts at `i`: http(s)://, at the start of a
  /// word, up to a space or < > " (trailing punctuation and an unmatched
  /// ')' are the sentence's, as GitHub has it), or the same in < >.
  /// `length` gets the address's length, `skip` 1 when it is in < >.
  bool web_address(std::size_t i, std::size_t* length, std::size_t* skip) const {
    *skip = text_[i] == '<' ? 1 : 0;
    const std::size_t start = i + *skip;
    const std::string_view rest = text_.substr(start);
    if (!rest.starts_with("https://") && !rest.starts_with("http://")) return false;
    if (*skip == 0 && i > 0 && std::isalnum(static_cast<unsigned char>(text_[i - 1])) != 0) return false;
    std::size_t end = start;
    while (end < text_.size() && text_[end] != ' ' && text_[end] != '\t' && text_[end] != '<' && text_[end] != '>' &&
           text_[end] != '"' && text_[end] != '`') {
      ++end;
    }
    if (*skip == 1) {
      if (end >= text_.size() || text_[end] != '>') return false;
    } else {
      while (end > start && std::string_view(".,:;!?*_~'").find(text_[end - 1]) != std::string_view::npos) --end;
      const auto count = [&](char c) { return std::count(text_.begin() + static_cast<std::ptrdiff_t>(start),
                                                          text_.begin() + static_cast<std::ptrdiff_t>(end), c); };
      while (end > start && text_[end - 1] == ')' && count(')') > count('(')) --end;
    }
    *length = end - start;
    const std::string_view url = text_.substr(start, *length);
    // Nothing after the scheme, or an address that would not be safe: text.
    return url.size() > std::string_view("https://").size() - (url.starts_with("http:") ? 1 : 0) &&
           safe_link_target(url);
  }

  std::string_view text_;
  bool html_;
  bool in_link_;
};

/// A list item's text, when `line` starts one ("- ", "* ", "12. ").
bool list_item(std::string_view line, bool* ordered, std::string_view* rest) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  line.remove_prefix(i);
  if (line.size() > 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
    *ordered = false;
    *rest = line.substr(2);
    return true;
  }
  std::size_t d = 0;
  while (d < line.size() && std::isdigit(static_cast<unsigned char>(line[d])) != 0) ++d;
  // At most nine digits, as CommonMark has it (and item_number cannot overflow).
  if (d > 0 && d <= 9 && d + 1 < line.size() && line[d] == '.' && line[d + 1] == ' ') {
    *ordered = true;
    *rest = line.substr(d + 2);
    return true;
  }
  return false;
}

/// The number an ordered list item starts with ("2024. " -> 2024).
std::size_t item_number(std::string_view line) {
  line.remove_prefix(std::min(line.size(), line.find_first_not_of(' ')));
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) != 0; ++i) {
    n = n * 10 + static_cast<std::size_t>(line[i] - '0');
  }
  return n;
}

/// Markdown text that starts a line of a Markdown page, with what a wiki would
/// read as a block of its own (a heading, a quote, a rule, a fence, a table,
/// a list the subset does not have) escaped: the description stays text.
std::string guard_line_start(std::string text) {
  if (text.empty()) return text;
  const char c = text.front();
  if (c == '#' || c == '>' || c == '|' || c == '+' || c == '=' || c == '~' || c == '-' || c == '`' ||
      (c == '*' && text.find_first_not_of("* ") == std::string::npos)) {
    text.insert(0, "\\");
    return text;
  }
  std::size_t d = 0;
  while (d < text.size() && std::isdigit(static_cast<unsigned char>(text[d])) != 0) ++d;
  if (d > 0 && d < text.size() && (text[d] == ')' || text[d] == '.')) text.insert(d, "\\");
  return text;
}

std::string blocks(std::string_view text, bool to_html) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  std::string out;
  std::size_t i = 0;
  const auto blank = [](std::string_view l) { return l.find_first_not_of(" \t") == std::string_view::npos; };
  while (i < lines.size()) {
    if (blank(lines[i])) {
      ++i;
      continue;
    }
    bool ordered = false;
    std::string_view item;
    if (list_item(lines[i], &ordered, &item)) {
      const bool kind = ordered;
      // An ordered list keeps its first number (1., or 2024.).
      std::size_t n = kind ? item_number(lines[i]) : 1;
      if (to_html) out += !kind ? "<ul>" : n == 1 ? "<ol>" : fmt::format("<ol start=\"{}\">", n);
      while (i < lines.size() && list_item(lines[i], &ordered, &item) && ordered == kind) {
        std::string body(item);
        // A continuation line (indented, not an item) belongs to the item.
        while (i + 1 < lines.size() && !blank(lines[i + 1]) && lines[i + 1].starts_with("  ") &&
               !list_item(lines[i + 1], &ordered, &item)) {
          ++i;
          body += ' ';
          body += lines[i].substr(lines[i].find_first_not_of(' '));
        }
        const std::string inner = Inline(body, to_html).run();
        out += to_html ? "<li>" + inner + "</li>"
                       : (kind ? fmt::format("{}. ", n) : "- ") + guard_line_start(inner) + "\n";
        ++n;
        ++i;
      }
      out += to_html ? (kind ? "</ol>" : "</ul>") : "\n";
      continue;
    }
    std::string paragraph;
    while (i < lines.size() && !blank(lines[i]) && !list_item(lines[i], &ordered, &item)) {
      std::string_view l = lines[i++];
      l.remove_prefix(std::min(l.size(), l.find_first_not_of(" \t")));
      // One line in Markdown too: a following "---" or "===" would make a heading of it.
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += l;
    }
    const std::string inner = Inline(paragraph, to_html).run();
    out += to_html ? "<p>" + inner + "</p>" : guard_line_start(inner) + "\n\n";
  }
  while (!to_html && !out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

std::string markdown_html(std::string_view text) { return blocks(text, true); }

std::string markdown_text(std::string_view text) { return blocks(text, false); }

}  // namespace kaava::docs
