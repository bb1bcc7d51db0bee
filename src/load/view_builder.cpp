#include <algorithm>

#include <fmt/format.h>

#include "load/builder.h"
#include "util/edit_distance.h"

namespace kaava::detail {

namespace {

constexpr const auto& k_view_keys = kViewKeys;
constexpr const auto& k_selector_keys = kSelectorKeys;
constexpr const auto& k_directions = kDirections;

}  // namespace

void Builder::view(NodeId map) {
  View v;
  v.at = r_.at(map);
  // An element written under `views:` would be a cascade of unknown keys.
  if (NodeId type = 0; doc_.find(map, "type", &type)) {
    diagnostics_.report(Rule::invalid_structure, v.at,
                        "this looks like an element (it has a 'type'), not a view: elements go under 'elements:'");
    return;
  }
  bool has_id = false, id_written = false;
  std::vector<Entry> meant;
  for (const Entry& e : r_.entries(map, k_view_keys, "a view", &meant)) {
    if (e.name == "id") {
      bool valid = true;
      id_written = true;
      has_id = id(e, &v.id, &v.id_at, &valid);
      v.id_key_at = r_.at(e.key);
    } else if (e.name == "name") {
      localized(e, &v.name);
    } else if (e.name == "description") {
      localized(e, &v.description);
    } else if (e.name == "viewpoint") {
      if (r_.text(e, &v.viewpoint.text)) v.viewpoint = {v.viewpoint.text, r_.at(e.key), r_.at(e.value)};
    } else if (e.name == "include") {
      selector(e, &v.include);
    } else if (e.name == "exclude") {
      selector(e, &v.exclude);
    } else if (e.name == "focus") {
      if (r_.text(e, &v.focus.text)) v.focus = {v.focus.text, r_.at(e.key), r_.at(e.value)};
    } else if (e.name == "depth") {
      r_.unsigned_number(e, &v.depth);
    } else if (e.name == "expand-through") {
      if (doc_.is_scalar(e.value) && doc_.scalar(e.value) == "all") {
        v.expand_all = true;
      } else if (doc_.is_scalar(e.value)) {
        r_.invalid_structure(e, fmt::format("'expand-through' is 'all' or a selector (types, layers, tags, ids), not "
                                            "'{}'",
                                            doc_.scalar(e.value)));
      } else {
        selector(e, &v.expand_through);
      }
    } else if (e.name == "color-by") {
      if (r_.text(e, &v.color_by.text)) v.color_by = {v.color_by.text, r_.at(e.key), r_.at(e.value)};
    } else if (e.name == "direction") {
      std::string_view text;
      if (!r_.text(e, &text)) continue;
      const auto* it = std::ranges::find(k_directions, text);
      if (it == std::end(k_directions)) {
        r_.invalid_structure(
            e, fmt::format("'direction' is one of both, in, out, not '{}'{}", text, did_you_mean(text, k_directions)));
      } else {
        v.direction = static_cast<Direction>(it - std::begin(k_directions));
      }
    }
  }
  if (!has_id) {
    if (!id_written && std::ranges::none_of(meant, [](const Entry& m) { return m.name == "id"; })) {
      diagnostics_.report(Rule::invalid_structure, v.at, "a view needs an 'id'");
    }
    return;
  }
  out_.views.push_back(std::move(v));
}

void Builder::selector(const Entry& e, Selector* out) {
  if (doc_.is_null(e.value)) return;
  if (!r_.expect_mapping(e.value, r_.at(e.key), fmt::format("'{}'", e.name))) return;
  for (const Entry& f : r_.entries(e.value, k_selector_keys, fmt::format("'{}'", e.name))) {
    std::vector<NodeId> items;
    r_.texts(f, &items);
    std::vector<Pattern>* list = f.name == "types"    ? &out->types
                                 : f.name == "layers" ? &out->layers
                                 : f.name == "tags"   ? &out->tags
                                 : f.name == "ids"    ? &out->ids
                                                      : &out->relationships;
    for (NodeId n : items) list->push_back({doc_.scalar(n), r_.at(n), r_.at(n)});
  }
}

}  // namespace kaava::detail
