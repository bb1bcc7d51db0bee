#include <fmt/format.h>

#include "util/edit_distance.h"
#include "validate/check.h"

namespace kaava {

namespace {

bool has_wildcard(std::string_view s) { return s.find('*') != std::string_view::npos; }

}  // namespace

/// Views: the viewpoint, the types, layers and relationship types named in
/// selectors, and the ids they name (unknown-type, dangling-reference).
void check_views(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  std::vector<std::string_view> viewpoints, layers;
  for (const Viewpoint& v : mm.viewpoints) viewpoints.push_back(v.id);
  for (const Layer& l : mm.layers) layers.push_back(l.id);
  const auto types = mm.type_ids();
  const auto relationships = mm.relationship_ids();

  for (const View& view : ctx.model.views()) {
    if (!view.viewpoint.text.empty() && mm.find_viewpoint(view.viewpoint.text) < 0) {
      out.report(Rule::unknown_type, view.viewpoint.at, view.viewpoint.mark,
                 fmt::format("unknown viewpoint '{}' in view '{}'{}", view.viewpoint.text, view.id,
                             did_you_mean(view.viewpoint.text, viewpoints)));
    }
    for (const Selector* selector : {&view.include, &view.exclude}) {
      for (const Pattern& p : selector->types) {
        if (!has_wildcard(p.text) && mm.find_type(p.text) == kNoType) {
          out.report(
              Rule::unknown_type, p.at,
              fmt::format("unknown element type '{}' in view '{}'{}", p.text, view.id, did_you_mean(p.text, types)));
        }
      }
      for (const Pattern& p : selector->layers) {
        if (!has_wildcard(p.text) && mm.find_layer(p.text) < 0) {
          out.report(Rule::unknown_type, p.at,
                     fmt::format("unknown layer '{}' in view '{}'{}", p.text, view.id, did_you_mean(p.text, layers)));
        }
      }
      for (const Pattern& p : selector->relationships) {
        if (!has_wildcard(p.text) && mm.find_relationship(p.text) == kNoRelationship &&
            mm.find_verb(p.text) == kNoRelationship) {
          out.report(Rule::unknown_type, p.at,
                     fmt::format("unknown relationship type '{}' in view '{}'{}", p.text, view.id,
                                 did_you_mean(p.text, relationships)));
        }
      }
      for (const Pattern& p : selector->ids) {
        if (!has_wildcard(p.text) && ctx.model.find(p.text) == kNone) {
          out.report(Rule::dangling_reference, p.at,
                     fmt::format("view '{}' names '{}', which no element has", view.id, p.text));
        }
      }
    }
    if (!view.focus.text.empty() && ctx.model.find(view.focus.text) == kNone) {
      out.report(Rule::dangling_reference, view.focus.at, view.focus.mark,
                 fmt::format("the focus of view '{}' is '{}', which no element has", view.id, view.focus.text));
    }
  }
}

}  // namespace kaava
