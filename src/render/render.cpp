#include "render/render.h"

#include <algorithm>
#include <deque>

#include <fmt/format.h>

#include "analysis/coverage.h"
#include "render/aggregate.h"
#include "render/dot_writer.h"
#include "render/drawing_cache.h"
#include "render/graphviz_renderer.h"
#include "render/notation.h"
#include "util/edit_distance.h"
#include "util/output_folder.h"
#include "util/text.h"
#include "views/selection.h"

namespace kaava {

bool draw_view(const Workspace& ws, const View& view, const RenderRequest& request,
               const std::function<std::string(std::string_view id)>& link, RenderedView* done_out,
               std::string* bytes, std::string* error) {
  const Notation& notation = builtin_notation();
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  RenderedView& done = *done_out;
  DotOptions view_options;
  view_options.language = request.language.empty() ? std::string(ws.config.default_language()) : request.language;
  view_options.color_by = request.color_by;
  view_options.link = link;
  if (view_options.color_by.empty() && !view.color_by.text.empty()) {
    const std::string why = unknown_colour_property(model, mm, view.color_by.text);
    if (why.empty()) {
      view_options.color_by = view.color_by.text;
    } else {
      done.warnings.push_back(fmt::format("color-by {}; drawn without colours", why));
    }
  }
  // The coverage of the imported reference is worked out, not written.
  std::vector<std::string> computed;
  if (mm.coverage.defined() && view_options.color_by == mm.coverage.property.id) {
    computed = analysis::coverage_values(ws);
    view_options.computed = &computed;
    if (std::ranges::all_of(computed, [](const std::string& v) { return v.empty(); })) {
      done.warnings.push_back(fmt::format("color-by {}: the repository imports no reference architecture with "
                                          "capabilities, so nothing is coloured",
                                          mm.coverage.property.id));
    }
  }
  DotGraph graph = write_dot(model, mm, notation, view, view_options);
  done.nodes = graph.nodes;
  done.edges = graph.edges;
  // Too many to read one by one: groups, unless asked for every element.
  // A capability map stays a map (its boxes are its groups).
  const bool nested = notation.layout(view.viewpoint.text.empty() ? "default" : view.viewpoint.text).clusters;
  // A focus view is about its focus: never grouped away.
  if (!request.all_elements && !nested && view.focus.text.empty() && graph.nodes > notation.aggregate_from) {
    std::size_t groups = 0;
    graph = write_aggregated_dot(model, mm, notation, view, view_options, request.group_by, &groups);
    done.notes.push_back(fmt::format(
        "{} elements and {} relationships are too many to draw one by one (more than {}), so they are drawn "
        "as {} groups by {}; --all-elements draws each",
        done.nodes, done.edges, notation.aggregate_from, groups, request.group_by));
  }
  if (graph.nodes == 0) {
    done.warnings.emplace_back("it shows no element, so the picture is empty (kaava validate says why)");
  }
  if (graph.nodes > notation.large_view && !graph.placed &&
      (request.all_elements || nested || !view.focus.text.empty())) {
    done.warnings.push_back(
        fmt::format("{} elements: Graphviz lays out views this large slowly; narrow the view "
                    "with include/exclude, or use focus and depth",
                    graph.nodes));
  }
  if (request.format == "dot") {
    *bytes = graph.text;
  } else if (const std::shared_ptr<const RenderedImage> kept =
                 request.drawings != nullptr ? request.drawings->find(graph.text, graph.legend, request.format)
                                             : nullptr) {
    *bytes = kept->data;
    done.warnings.insert(done.warnings.end(), kept->messages.begin(), kept->messages.end());
  } else {
    RenderedImage image;
    if (!render_with_graphviz(graph.text, graph.legend, request.format, &image, error)) {
      *error = fmt::format("view '{}': {}", view.id, *error);
      return false;
    }
    if (request.drawings != nullptr) request.drawings->keep(graph.text, graph.legend, request.format, image);
    *bytes = std::move(image.data);
    for (std::string& m : image.messages) done.warnings.push_back(std::move(m));
  }
  return true;
}

bool render_views(const Workspace& ws, const RenderRequest& request,
                  const std::function<void(const RenderedView&, std::size_t, std::size_t)>& progress,
                  std::vector<std::string>* removed, std::string* error) {
  const Model& model = ws.model;
  const Metamodel& mm = ws.metamodel;
  const std::string language = request.language.empty() ? std::string(ws.config.default_language()) : request.language;

  std::deque<std::string> storage;
  std::vector<View> jobs;
  if (!request.viewpoint.empty()) {
    if (mm.find_viewpoint(request.viewpoint) < 0) {
      std::vector<std::string_view> names;
      for (const Viewpoint& v : mm.viewpoints) names.push_back(v.id);
      *error = fmt::format("unknown viewpoint '{}'{}", request.viewpoint, did_you_mean(request.viewpoint, names));
      return false;
    }
    jobs.push_back(whole_model_view(mm, request.viewpoint, language, storage));
  } else if (!request.views.empty()) {
    std::vector<std::string_view> ids;
    for (const View& v : model.views()) ids.push_back(v.id);
    for (const std::string& id : request.views) {
      auto it = std::ranges::find_if(model.views(), [&](const View& v) { return v.id == id; });
      if (it == model.views().end()) {
        *error = fmt::format("unknown view '{}'{}", id, did_you_mean(id, ids));
        return false;
      }
      jobs.push_back(*it);
    }
  } else {
    for (const View& v : model.views()) {
      if (!ws.files[v.at.file].imported) jobs.push_back(v);
    }
  }

  // Files are recorded under the kind of run that wrote them: only what a
  // run of every view wrote is removed by a later one (never a --viewpoint
  // picture, which no view produces).
  const bool every_view = request.views.empty() && request.viewpoint.empty();
  const std::string_view command = every_view                  ? "render"
                                   : request.viewpoint.empty() ? "render --view"
                                                               : "render --viewpoint";
  OutputFolder folder;
  if (!folder.open(request.output, command, OutputFolder::Use::own, request.force, error)) return false;
  const std::string extension = request.format;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const View& view = jobs[i];
    RenderedView done;
    done.id = view.id;
    const std::string name = fmt::format("{}.{}", file_stem(view.id), extension);
    done.file = request.output / name;
    std::string bytes;
    if (!draw_view(ws, view, request, {}, &done, &bytes, error)) return false;
    if (!folder.write(name, bytes, error)) return false;
    progress(done, i, jobs.size());
  }
  std::vector<std::string> gone;
  if (!folder.finish(every_view ? "." + extension : std::string(), &gone, error)) return false;
  if (removed != nullptr) *removed = std::move(gone);
  return true;
}

}  // namespace kaava
