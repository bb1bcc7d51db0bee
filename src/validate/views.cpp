#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/edit_distance.h"
#include "validate/check.h"
#include "views/selection.h"

namespace kaava {

namespace {

bool has_wildcard(std::string_view s) { return s.find('*') != std::string_view::npos; }

/// Why a view shows nothing: the include patterns that match no element.
std::string nothing_matches(const CheckContext& ctx, const View& view) {
  std::vector<std::string> unmatched;
  for (const Pattern& p : view.include.ids) {
    if (has_wildcard(p.text) &&
        std::ranges::none_of(ctx.model.elements(), [&](const Element& e) { return glob_match(p.text, e.id); })) {
      unmatched.push_back(fmt::format("'{}'", p.text));
    }
  }
  for (const Pattern& p : view.include.tags) {
    if (std::ranges::none_of(ctx.model.elements(), [&](const Element& e) {
          return std::ranges::any_of(e.tags, [&](std::string_view t) { return glob_match(p.text, t); });
        })) {
      unmatched.push_back(fmt::format("tag '{}'", p.text));
    }
  }
  if (unmatched.empty()) return "; no element passes its selectors";
  return fmt::format("; {} {} no element", fmt::join(unmatched, ", "), unmatched.size() == 1 ? "matches" : "match");
}

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
  std::vector<std::string_view> ids;
  auto element_ids = [&]() -> std::span<const std::string_view> {
    if (ids.empty()) {
      ids.reserve(ctx.model.elements().size());
      for (const Element& el : ctx.model.elements()) ids.push_back(el.id);
    }
    return ids;
  };

  for (const View& view : ctx.model.views()) {
    const std::size_t before = out.items().size();
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
                     fmt::format("view '{}' names '{}', which no element has{}", view.id, p.text,
                                 did_you_mean(p.text, element_ids())));
        }
      }
    }
    if (!view.focus.text.empty() && ctx.model.find(view.focus.text) == kNone) {
      out.report(Rule::dangling_reference, view.focus.at, view.focus.mark,
                 fmt::format("the focus of view '{}' is '{}', which no element has{}", view.id, view.focus.text,
                             did_you_mean(view.focus.text, element_ids())));
    }
    if (!view.color_by.text.empty()) {
      if (const std::string why = unknown_colour_property(ctx.model, mm, view.color_by.text); !why.empty()) {
        out.report(Rule::unknown_key, view.color_by.at, view.color_by.mark,
                   fmt::format("view '{}': color-by {}", view.id, why));
      }
    }
    const auto index = static_cast<std::uint32_t>(&view - ctx.model.views().data());
    // A view whose selectors are wrong shows nothing because of that; said once.
    if (out.items().size() == before && ctx.model.shown_by(index).empty() && !ctx.model.elements().empty()) {
      out.report(Rule::empty_view, view.id_at.valid() ? view.id_at : view.at,
                 fmt::format("view '{}' shows no element{}", view.id, nothing_matches(ctx, view)));
    }
  }
}

}  // namespace kaava
