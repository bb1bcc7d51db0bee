#include "render/label_text.h"

#include "util/text.h"

namespace kaava {

std::string html_label_text(std::string_view text) { return xml_escape(text); }

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
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
    const std::string_view word = text.substr(i, j - i);
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

std::string wrapped_label(std::string_view text, std::size_t width) {
  std::string label;
  for (const std::string& l : wrap_words(text, width)) {
    if (!label.empty()) label += "<BR/>";
    label += html_label_text(l);
  }
  return label;
}

}  // namespace kaava
