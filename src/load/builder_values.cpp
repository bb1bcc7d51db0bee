#include <algorithm>

#include <fmt/format.h>

#include "load/builder.h"
#include "load/yaml11.h"
#include "util/edit_distance.h"

namespace kaava::detail {

void Builder::ambiguous(NodeId value, SourceSpan at, std::string_view what) {
  if (!doc_.is_scalar(value) || !doc_[value].plain) return;
  const std::string reading = yaml11_reading(doc_.scalar(value));
  if (reading.empty()) return;
  diagnostics_.report(Rule::ambiguous_value, at, r_.at(value),
                      fmt::format("{} '{}' is read as text, but tools that follow YAML 1.1 read it as {}; quote it "
                                  "(\"{}\") to say which you mean",
                                  what, doc_.scalar(value), reading, doc_.scalar(value)));
}

void Builder::localized(const Entry& e, LocalizedText* out) {
  out->texts.clear();
  out->at = r_.value_at(e);
  out->key_at = r_.at(e.key);
  out->malformed = !doc_.is_null(e.value) && !doc_.is_mapping(e.value) && !doc_.is_scalar(e.value);
  if (doc_.is_null(e.value)) return;
  if (doc_.is_scalar(e.value)) {
    if (!doc_.scalar(e.value).empty()) out->texts.emplace_back(std::string_view(), doc_.scalar(e.value));
    ambiguous(e.value, r_.at(e.key), fmt::format("the {}", e.name));
    return;
  }
  if (!doc_.is_mapping(e.value)) {
    r_.invalid_structure(e, fmt::format("'{}' must be a text, or a mapping of language code to text, not {}", e.name,
                                        yaml::describe(doc_.kind(e.value))));
    return;
  }
  for (auto [k, v] : doc_.pairs(e.value)) {
    const std::string_view lang = doc_.scalar(k);
    if (!doc_.is_scalar(k) || !schema_.config.has_language(lang)) {
      diagnostics_.report(
          Rule::unknown_key, r_.at(k),
          fmt::format("unknown language '{}' in '{}' (the repository's languages are {}){}", lang, e.name,
                      fmt::join(schema_.languages, ", "), did_you_mean(lang, schema_.languages)));
      continue;
    }
    if (doc_.is_null(v)) continue;
    if (!doc_.is_scalar(v)) {
      diagnostics_.report(Rule::invalid_structure, r_.at(k), r_.at(v),
                          fmt::format("the '{}' text of '{}' must be a single value, not {}", lang, e.name,
                                      yaml::describe(doc_.kind(v))));
      continue;
    }
    if (!doc_.scalar(v).empty()) out->texts.emplace_back(lang, doc_.scalar(v));
    ambiguous(v, r_.at(k), fmt::format("the {} {}", lang, e.name));
  }
}

void Builder::properties(const Entry& e, std::vector<Property>* out) {
  if (doc_.is_null(e.value)) return;
  if (!r_.expect_mapping(e.value, r_.at(e.key), "'properties'")) return;
  out->reserve(doc_.pairs(e.value).size());
  for (auto [k, v] : doc_.pairs(e.value)) {
    if (!doc_.is_scalar(k)) {
      diagnostics_.report(Rule::invalid_structure, r_.at(k), "property names must be plain names");
      continue;
    }
    if (!doc_.is_scalar(v) && !doc_.is_null(v)) {
      diagnostics_.report(
          Rule::invalid_structure, r_.at(k), r_.at(v),
          fmt::format("property '{}' must have a single value, not {}", doc_.scalar(k), yaml::describe(doc_.kind(v))));
      continue;
    }
    Property p;
    p.key = doc_.scalar(k);
    p.value = doc_.scalar(v);
    p.key_at = r_.at(k);
    p.value_at = doc_.is_null(v) ? p.key_at : r_.at(v);
    p.plain = doc_[v].plain;
    out->push_back(p);
  }
}

void Builder::tags(const Entry& e, std::vector<std::string_view>* out) {
  std::vector<NodeId> items;
  r_.texts(e, &items);
  out->reserve(items.size());
  for (NodeId n : items) {
    out->push_back(doc_.scalar(n));
    ambiguous(n, r_.at(n), "the tag");
  }
}

void Builder::suppressions(const Entry& e, std::vector<Rule>* out) {
  std::vector<NodeId> items;
  r_.texts(e, &items);
  for (NodeId n : items) {
    const std::string_view id = doc_.scalar(n);
    if (const std::optional<Rule> rule = find_rule(id)) {
      out->push_back(*rule);
    } else {
      diagnostics_.report(Rule::unknown_key, r_.at(n),
                          fmt::format("unknown rule '{}' in 'suppress'{}", id, did_you_mean(id, schema_.rule_ids)));
    }
  }
}

}  // namespace kaava::detail
