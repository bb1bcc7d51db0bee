#include "yaml/reader.h"

#include <charconv>

#include <fmt/format.h>

#include "util/edit_distance.h"

namespace kaava::yaml {

std::string_view describe(Kind kind) {
  switch (kind) {
    case Kind::null: return "nothing";
    case Kind::scalar: return "a single value";
    case Kind::sequence: return "a list";
    case Kind::mapping: return "a mapping";
  }
  return "nothing";
}

bool Reader::expect_mapping(NodeId node, SourceSpan where, std::string_view what) {
  if (doc_.is_mapping(node)) return true;
  diagnostics_.report(Rule::invalid_structure, where, at(node),
                      fmt::format("{} must be a mapping of keys to values, not {}", what, describe(doc_.kind(node))));
  return false;
}

bool Reader::expect_sequence(NodeId node, SourceSpan where, std::string_view what) {
  if (doc_.is_sequence(node)) return true;
  diagnostics_.report(Rule::invalid_structure, where, at(node),
                      fmt::format("{} must be a list, not {}", what, describe(doc_.kind(node))));
  return false;
}

std::vector<Entry> Reader::entries(NodeId mapping, std::span<const std::string_view> known, std::string_view context) {
  return entries(mapping, known, context, nullptr);
}

std::vector<Entry> Reader::entries(NodeId mapping, std::span<const std::string_view> known, std::string_view context,
                                   std::vector<Entry>* meant, std::span<const KeyAlias> aliases) {
  std::vector<Entry> out;
  out.reserve(doc_.pairs(mapping).size());
  for (auto [k, v] : doc_.pairs(mapping)) {
    if (!doc_.is_scalar(k)) {
      diagnostics_.report(Rule::invalid_structure, at(k),
                          fmt::format("keys in {} must be plain names, not {}", context, describe(doc_.kind(k))));
      continue;
    }
    const std::string_view name = doc_.scalar(k);
    bool found = false;
    for (std::string_view candidate : known) {
      if (candidate == name) {
        found = true;
        break;
      }
    }
    if (!found) {
      std::string_view close;
      for (const auto& [alias, key] : aliases) {
        if (alias == name) close = key;
      }
      if (close.empty()) close = closest_match(name, known);
      diagnostics_.report(Rule::unknown_key, at(k),
                          fmt::format("unknown key '{}' in {}{}", name, context,
                                      close.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", close)));
      if (meant != nullptr && !close.empty()) meant->push_back({k, v, close});
      continue;
    }
    out.push_back({k, v, name});
  }
  return out;
}

void Reader::invalid_structure(const Entry& e, std::string message) {
  diagnostics_.report(Rule::invalid_structure, at(e.key), value_at(e), std::move(message));
}

bool Reader::text(const Entry& e, std::string_view* out) {
  if (doc_.is_scalar(e.value)) {
    *out = doc_.scalar(e.value);
    return true;
  }
  invalid_structure(e, fmt::format("'{}' must be a single value, not {}", e.name, describe(doc_.kind(e.value))));
  return false;
}

bool Reader::texts(const Entry& e, std::vector<NodeId>* out) {
  out->clear();
  if (doc_.is_scalar(e.value)) {
    out->push_back(e.value);
    return true;
  }
  if (doc_.is_null(e.value)) return true;
  if (!doc_.is_sequence(e.value)) {
    invalid_structure(e, fmt::format("'{}' must be a list of values, not {}", e.name, describe(doc_.kind(e.value))));
    return false;
  }
  bool ok = true;
  for (NodeId item : doc_.items(e.value)) {
    if (doc_.is_scalar(item)) {
      out->push_back(item);
    } else {
      diagnostics_.report(
          Rule::invalid_structure, at(item),
          fmt::format("items of '{}' must be single values, not {}", e.name, describe(doc_.kind(item))));
      ok = false;
    }
  }
  return ok;
}

bool Reader::unsigned_number(const Entry& e, std::uint32_t* out) {
  std::string_view s;
  if (!text(e, &s)) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (ec != std::errc() || end != s.data() + s.size()) {
    invalid_structure(e, fmt::format("'{}' must be a whole number, 0 or more, not '{}'", e.name, s));
    return false;
  }
  return true;
}

}  // namespace kaava::yaml
