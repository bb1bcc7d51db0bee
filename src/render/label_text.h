#pragma once
/// The text of Graphviz labels: escaped for HTML-like labels, wrapped in
/// lines of a width.

#include <string>
#include <string_view>
#include <vector>

#include "util/text.h"

namespace kaava {

/// `text` escaped for a Graphviz HTML-like label.
std::string html_label_text(std::string_view text);

/// `text` wrapped at `width` characters, as HTML-like label text (lines
/// joined with <BR/>).
std::string wrapped_label(std::string_view text, std::size_t width);

}  // namespace kaava
