#include "yaml/syntax_problem.h"

#include <algorithm>
#include <limits>
#include <string>

namespace kaava::yaml {

namespace {

/// yaml-cpp's scanner messages, reworded for people who write models.
std::string explain(const std::string& msg) {
  struct Rewrite {
    const char* from;
    const char* to;
  };
  static const Rewrite k_rewrites[] = {
      {YAML::ErrorMsg::MAP_VALUE,
       "a ':' where no mapping value may start (quote values that contain ': ', "
       "and check the indentation)"},
      {YAML::ErrorMsg::MAP_KEY, "a '?' mapping key where none may start"},
      {YAML::ErrorMsg::END_OF_MAP, "a mapping is not closed where expected (check the indentation)"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "a '{' mapping is not closed with '}'"},
      {YAML::ErrorMsg::END_OF_SEQ, "a list is not closed where expected (check the indentation)"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "a '[' list is not closed with ']'"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "a '- ' list item where a list may not start (check the indentation)"},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, "a tab in the indentation (YAML indents with spaces only)"},
      {YAML::ErrorMsg::FLOW_END, "a ']' or '}' without its opening bracket"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "a quoted string is not closed before the end of the file"},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, "a character that cannot start a YAML token"},
      {YAML::ErrorMsg::UNKNOWN_ANCHOR, "an alias '*name' refers to an anchor '&name' that is not defined before it"},
      {"bad file", "nesting is too deep for the YAML parser"},
  };
  for (const Rewrite& r : k_rewrites) {
    if (msg == r.from) return r.to;
  }
  return msg;
}

/// An error found only at the end of the file (an unclosed bracket or
/// quote) is shown after the last thing written, not on an empty line.
void at_last_token(std::string_view content, Problem& p) {
  const std::size_t last = content.find_last_not_of(" \t\r\n");
  if (last == std::string_view::npos) return;
  // The problem's byte offset, from its line and column.
  std::size_t offset = 0;
  for (std::uint32_t line = 1; line < p.line && offset != std::string_view::npos && offset <= content.size(); ++line) {
    offset = content.find('\n', offset);
    if (offset != std::string_view::npos) ++offset;
  }
  if (offset != std::string_view::npos) offset += p.column > 0 ? p.column - 1 : 0;
  if (offset != std::string_view::npos && offset <= last) return;
  // At (or past) the end: show it just after the last thing written.
  const std::size_t line_start = content.rfind('\n', last);
  p.line = static_cast<std::uint32_t>(
      1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(last), '\n'));
  p.column = static_cast<std::uint32_t>(last - (line_start == std::string_view::npos ? 0 : line_start + 1) + 2);
}

/// yaml-cpp's messages for a tab in the indentation vary with what follows
/// it; when the failing line is indented with a tab, say so.
void blame_tabs(std::string_view content, Problem& p) {
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < p.line && start != std::string_view::npos; ++line) {
    start = content.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return;
  for (std::size_t i = start; i < content.size() && (content[i] == ' ' || content[i] == '\t'); ++i) {
    if (content[i] == '\t') {
      p.column = static_cast<std::uint32_t>(i - start + 1);
      p.message = "a tab in the indentation (YAML indents with spaces only)";
      return;
    }
  }
}

/// A '-' (or '--') written as a value, `strength: -`, starts a list in
/// YAML; the writer meant the text. Say so, with the quoted form.
void dash_value(std::string_view content, Problem& p) {
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < p.line && start != std::string_view::npos; ++line) {
    start = content.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return;
  const std::size_t end = std::min(content.find('\n', start), content.size());
  const std::string_view line = content.substr(start, end - start);
  const std::size_t at = p.column > 0 ? p.column - 1 : 0;
  if (at >= line.size() || line[at] != '-') return;
  std::size_t after = at;
  while (after < line.size() && line[after] == '-') ++after;
  const std::string_view before = line.substr(0, at);
  const std::size_t colon = before.find_last_not_of(' ');
  if (colon == std::string_view::npos || before[colon] != ':') return;
  const std::string dashes(line.substr(at, after - at));
  p.message = "'" + dashes + "' alone as a value starts a list in YAML: write \"" + dashes + "\" (quoted) for the text";
}

}  // namespace

Problem syntax_problem(const YAML::Exception& e, std::string_view content) {
  Problem p;
  p.line = e.mark.is_null() ? 1 : static_cast<std::uint32_t>(e.mark.line + 1);
  p.column = e.mark.is_null() ? 1 : static_cast<std::uint32_t>(e.mark.column + 1);
  p.message = explain(e.msg);
  p.fatal = true;
  // An unclosed bracket is found at the end of the file, wherever
  // yaml-cpp's mark happens to be.
  if (e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    p.line = std::numeric_limits<std::uint32_t>::max();
  }
  at_last_token(content, p);
  blame_tabs(content, p);
  if (e.msg == YAML::ErrorMsg::BLOCK_ENTRY) dash_value(content, p);
  return p;
}

}  // namespace kaava::yaml
