#pragma once
/// `kaava render`: the views of a loaded model as files, one per view.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "load/workspace.h"
#include "util/text.h"

namespace kaava {

class DrawingCache;

struct RenderRequest {
  std::vector<std::string> views;  ///< view ids; empty: every view of the repository
  std::string viewpoint;           ///< render the whole model through this viewpoint instead
  std::string format = "svg";      ///< svg, png, pdf or dot
  std::string language;            ///< default: the repository's first language
  std::string color_by;            ///< a property that colours the elements
  std::filesystem::path output = "out";
  bool force = false;  ///< write into a folder with other files in it
  /// Draw every element of a view however large (default: above the
  /// notation's aggregate-from, the elements are drawn in groups).
  bool all_elements = false;
  std::string group_by = "type";  ///< the groups of an aggregated view: "type" or a property id
  /// Drawings to reuse and to keep (kaava serve); nullptr: Graphviz draws each view.
  DrawingCache* drawings = nullptr;
};

struct RenderedView {
  std::string id;
  std::filesystem::path file;
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::vector<std::string> warnings;  ///< a large view, Graphviz's own warnings
  std::vector<std::string> notes;     ///< how it was drawn (aggregated)
};

/// Draws one view into `bytes` (`request`'s format, language, colours and
/// grouping; aggregated above the notation's aggregate-from unless
/// all_elements), each element linking to the page `link` gives for its id
/// when `link` is set. `done` gets its counts, notes and warnings. False,
/// with `error`, when Graphviz fails.
bool draw_view(const Workspace& ws, const View& view, const RenderRequest& request,
               const std::function<std::string(std::string_view id)>& link, RenderedView* done_out,
               std::string* bytes, std::string* error);

/// Renders; `progress` is told about each file as it is written. Returns
/// false with `error` set on an unknown view or viewpoint (with a
/// suggestion), or when Graphviz or writing fails.
/// When every view of the repository is rendered, the files of this format
/// that an earlier run wrote into the folder and no view produces now (a
/// renamed view's) are removed: `removed` lists them.
bool render_views(const Workspace& ws, const RenderRequest& request,
                  const std::function<void(const RenderedView&, std::size_t index, std::size_t total)>& progress,
                  std::vector<std::string>* removed, std::string* error);

}  // namespace kaava
