#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/edit_distance.h"
#include "validate/check.h"
#include "views/selection.h"

namespace kaava {

namespace {

bool has_wildcard(std::string_view s) { return s.find('*') != std::string_view::npos; }

/// A wildcard id pattern (`kap.*`) that no element's id matches.
bool matches_no_id(const Model& model, const Pattern& p) {
  return has_wildcard(p.text) &&
         std::ranges::none_of(model.elements(), [&](const Element& e) { return glob_match(p.text, e.id); });
}

/// Why a view shows nothing: the include patterns that match no element,
/// each with the closest pattern that would, and where the first one is.
struct Nothing {
  std::string text;
  const Pattern* first = nullptr;
};

/// A pattern like `kap.*` that matches no id: the same pattern with the
/// closest prefix that ids have (`cap.*`), or "".
std::string closest_id_pattern(const Model& model, std::string_view pattern) {
  const std::size_t star = pattern.find('*');
  const std::string_view prefix = pattern.substr(0, star);
  if (prefix.empty()) return {};
  std::vector<std::string_view> prefixes;
  for (const Element& e : model.elements()) {
    if (e.id.size() >= prefix.size()) prefixes.push_back(e.id.substr(0, prefix.size()));
  }
  std::ranges::sort(prefixes);
  prefixes.erase(std::unique(prefixes.begin(), prefixes.end()), prefixes.end());
  const std::string_view close = closest_match(prefix, prefixes);
  return close.empty() ? std::string() : fmt::format("{}{}", close, pattern.substr(prefix.size()));
}

Nothing nothing_matches(const CheckContext& ctx, const View& view) {
  Nothing out;
  std::vector<std::string> unmatched;
  std::string only_hint;  // the suggestion, when one pattern is at fault
  auto add = [&](const Pattern& p, const std::string& what, const std::string& meant) {
    const std::string hint = meant.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", meant);
    unmatched.push_back(what + hint);
    only_hint = hint;
    if (out.first == nullptr) out.first = &p;
  };
  for (const Pattern& p : view.include.ids) {
    if (matches_no_id(ctx.model, p)) {
      add(p, fmt::format("'{}'", p.text), closest_id_pattern(ctx.model, p.text));
    }
  }
  for (const Pattern& p : view.include.tags) {
    if (std::ranges::none_of(ctx.model.elements(), [&](const Element& e) {
          return std::ranges::any_of(e.tags, [&](std::string_view t) { return glob_match(p.text, t); });
        })) {
      std::vector<std::string_view> tags;
      for (const Element& e : ctx.model.elements()) tags.insert(tags.end(), e.tags.begin(), e.tags.end());
      std::ranges::sort(tags);
      tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
      add(p, fmt::format("tag '{}'", p.text), std::string(closest_match(p.text, tags)));
    }
  }
  if (unmatched.empty()) {
    out.text = "; no element passes its selectors";
  } else if (unmatched.size() == 1) {
    out.text = fmt::format("; {} matches no element{}",
                           unmatched.front().substr(0, unmatched.front().size() - only_hint.size()), only_hint);
  } else {
    out.text = fmt::format("; {} match no element", fmt::join(unmatched, ", "));
  }
  return out;
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
    // A wildcard id pattern that matches no id, in a view that shows
    // something else: as dangling as an id that no element has.
    if (out.items().size() == before && !ctx.model.shown_by(index).empty()) {
      for (const Pattern& p : view.include.ids) {
        if (matches_no_id(ctx.model, p)) {
          const std::string meant = closest_id_pattern(ctx.model, p.text);
          out.report(Rule::dangling_reference, p.at, p.mark,
                     fmt::format("view '{}' names '{}', which matches no id{}", view.id, p.text,
                                 meant.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", meant)));
        }
      }
    }
    // A view whose selectors are wrong shows nothing because of that; said once.
    if (out.items().size() == before && ctx.model.shown_by(index).empty() && !ctx.model.elements().empty()) {
      // At the pattern that matches nothing, if one does; else at the view.
      const Nothing why = nothing_matches(ctx, view);
      const SourceSpan at = why.first != nullptr ? why.first->at : view.id_key_at.valid() ? view.id_key_at : view.at;
      const SourceSpan mark = why.first != nullptr ? why.first->mark : view.id_at;
      out.report(Rule::empty_view, at, mark, fmt::format("view '{}' shows no element{}", view.id, why.text));
    }
  }
}

}  // namespace kaava
