#pragma once
/// DOT text to SVG, PNG or PDF through Graphviz's libraries (cgraph + gvc),
/// called directly (no `dot` program). Each graph is laid out in a forked
/// child process with a clean Graphviz, which keeps the output the same
/// from run to run and keeps a Graphviz crash from taking kaava down.
/// Graphviz's messages are captured and returned, never printed.

#include <string>
#include <string_view>
#include <vector>

#include "render/legend.h"

namespace kaava {

struct RenderedImage {
  std::string data;
  std::vector<std::string> messages;  ///< Graphviz's warnings
};

/// Lays `dot` out (with the dot engine, or the one its kaava_engine names),
/// draws the bands of a layered view and `legend` beside it, and renders
/// it as `format` (svg, png, pdf). Returns false with `error` set when
/// Graphviz fails.
bool render_with_graphviz(std::string_view dot, const Legend& legend, std::string_view format, RenderedImage* out,
                          std::string* error);

}  // namespace kaava
