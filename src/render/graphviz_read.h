#pragma once
/// Reading DOT text into a Graphviz graph whose object ids follow the
/// order of the text. cgraph's default ids for named objects are the
/// addresses of their interned names, so the order in which it walks
/// subgraphs (and so the order of clusters in the SVG, and osage's
/// packing) changed from run to run with the heap's layout.

#include <string>

#include <graphviz/cgraph.h>

namespace kaava {

/// The graph in `text`, or nullptr when it cannot be read.
Agraph_t* read_dot(const std::string& text);

}  // namespace kaava
