#pragma once
/// DOT text to SVG, PNG or PDF through Graphviz's libraries (cgraph + gvc),
/// called directly (no `dot` program). Each graph is laid out in a child
/// process with a clean Graphviz (forked, or for a process with threads at
/// work a new kaava), which keeps the output the same from run to run and
/// keeps a Graphviz crash from taking kaava down.
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

/// From now on, draw each graph in a new kaava process (`kaava
/// __graphviz`, spawned) rather than a forked child. For a process whose
/// other threads run while it draws (kaava serve's HTTP threads): a fork
/// copies their half-done state (a lock held, a string being written)
/// into the child, which can then hang or read garbage.
void draw_in_new_processes();

/// `kaava __graphviz`: reads a drawing's request on standard input, writes
/// the answer on standard output, and ends the process. Not a command for people.
[[noreturn]] void graphviz_child_main();

}  // namespace kaava
