#include "render/label_text.h"

#include "util/text.h"

namespace kaava {

std::string html_label_text(std::string_view text) { return xml_escape(text); }

std::string wrapped_label(std::string_view text, std::size_t width) {
  std::string label;
  for (const std::string& l : wrap_words(text, width)) {
    if (!label.empty()) label += "<BR/>";
    label += html_label_text(l);
  }
  return label;
}

}  // namespace kaava
