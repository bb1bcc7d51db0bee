#include "report/text.h"

#include <fmt/format.h>

#include "util/text.h"

namespace kaava {

namespace {

constexpr std::size_t k_max_excerpt = 4096;

struct Palette {
  std::string_view bold, reset, error, warning, info, note, caret;
};

constexpr Palette k_color{"\x1b[1m", "\x1b[0m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m", "\x1b[1;36m", "\x1b[1;32m"};
constexpr Palette k_plain{};

std::string_view severity_color(const Palette& p, Severity s) {
  switch (s) {
    case Severity::error: return p.error;
    case Severity::warning: return p.warning;
    default: return p.info;
  }
}

std::size_t count_characters(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

void write_excerpt(std::string& out, const SourceSpan& span, const SourceFiles& files, const Palette& p) {
  if (!span.valid()) return;
  std::string_view line = files.line(span.file, span.line);
  if (line.empty() || span.column == 0) return;
  if (line.size() > k_max_excerpt) return;
  std::string shown(line);
  for (char& c : shown) {
    // Tabs and control characters become spaces, so the caret lines up.
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  out += fmt::format("{:>5} | {}\n", span.line, shown);
  const std::size_t begin = std::min<std::size_t>(span.column - 1, line.size());
  std::size_t length = span.length > 0 ? span.length : token_length(line, span.column);
  length = std::min(std::max<std::size_t>(length, 1), std::max<std::size_t>(line.size() - begin, 1));
  const std::size_t pad = count_characters(line.substr(0, begin));
  const std::size_t width = std::max<std::size_t>(count_characters(line.substr(begin, length)), 1);
  out += fmt::format("      | {}{}^{}{}\n", std::string(pad, ' '), p.caret, std::string(width - 1, '~'), p.reset);
}

void write_header(std::string& out, const SourceSpan& at, const SourceFiles& files, const Palette& p,
                  std::string_view severity_text, std::string_view color) {
  if (at.valid()) {
    out += fmt::format("{}{}:{}:{}:{} ", p.bold, files[at.file].path, at.line, files.character_column(at), p.reset);
  } else if (at.file != kNoFile) {
    out += fmt::format("{}{}:{} ", p.bold, files[at.file].path, p.reset);
  } else {
    out += fmt::format("{}kaava:{} ", p.bold, p.reset);
  }
  out += fmt::format("{}{}:{} ", color, severity_text, p.reset);
}

}  // namespace

std::size_t token_length(std::string_view line, std::uint32_t column) {
  if (column == 0 || column > line.size()) return 1;
  const std::size_t begin = column - 1;
  const char first = line[begin];
  if (first == '"' || first == '\'') {
    for (std::size_t i = begin + 1; i < line.size(); ++i) {
      if (first == '"' && line[i] == '\\') {
        ++i;
      } else if (line[i] == first) {
        if (first == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;
          continue;
        }
        return i + 1 - begin;
      }
    }
    return line.size() - begin;
  }
  if (first == '[' || first == '{') {
    const char close = first == '[' ? ']' : '}';
    int depth = 0;
    for (std::size_t i = begin; i < line.size(); ++i) {
      if (line[i] == first) ++depth;
      if (line[i] == close && --depth == 0) return i + 1 - begin;
    }
    return line.size() - begin;
  }
  const bool in_flow = line.substr(0, begin).find_first_of("[{") != std::string_view::npos;
  std::size_t end = begin;
  while (end < line.size()) {
    const char c = line[end];
    if (c == '#' && end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t')) break;
    if (c == ':' && (end + 1 == line.size() || line[end + 1] == ' ')) break;
    if (in_flow && (c == ',' || c == ']' || c == '}')) break;
    ++end;
  }
  while (end > begin && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return std::max<std::size_t>(end - begin, 1);
}

SourceSpan shown_mark(const SourceSpan& at, const SourceSpan& mark) {
  return mark.valid() && (!at.valid() || (mark.file == at.file && mark.line == at.line)) ? mark : at;
}

void write_text(std::string& out, std::span<const Diagnostic> diagnostics, const SourceFiles& files,
                const TextOptions& options) {
  const Palette& p = options.color ? k_color : k_plain;
  for (const Diagnostic& d : diagnostics) {
    write_header(out, d.at, files, p, to_string(d.severity), severity_color(p, d.severity));
    out += fmt::format("{}{} [{}]{}\n", p.bold, printable(d.message), rule_info(d.rule).id, p.reset);
    if (options.excerpts) write_excerpt(out, shown_mark(d.at, d.mark), files, p);
    for (const Note& note : d.notes) {
      write_header(out, note.at, files, p, "note", p.note);
      out += printable(note.message);
      out += '\n';
      if (options.excerpts) write_excerpt(out, shown_mark(note.at, note.mark), files, p);
    }
  }
}

std::string summary_text(const Summary& s) {
  if (s.errors == 0 && s.warnings == 0 && s.infos == 0) return "no problems";
  auto count = [](std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  return fmt::format("{}, {}, {}", count(s.errors, "error", "errors"), count(s.warnings, "warning", "warnings"),
                     count(s.infos, "info", "infos"));
}

}  // namespace kaava
