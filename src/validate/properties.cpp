#include <algorithm>
#include <cctype>
#include <charconv>

#include <unordered_map>

#include <fmt/format.h>

#include "load/yaml11.h"
#include "util/edit_distance.h"
#include "validate/check.h"

namespace kaava {

namespace {

bool is_number(std::string_view s) {
  double value = 0;
  const char* begin = s.data();
  if (!s.empty() && s.front() == '+') ++begin;
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), value);
  return !s.empty() && ec == std::errc() && end == s.data() + s.size();
}

bool is_date(std::string_view s) {
  // YYYY-MM-DD, a real calendar day.
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0, m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ptr != s.data() + 4) return false;
  if (std::from_chars(s.data() + 5, s.data() + 7, m).ptr != s.data() + 7) return false;
  if (std::from_chars(s.data() + 8, s.data() + 10, d).ptr != s.data() + 10) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= k_days[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool is_url(std::string_view s) {
  std::size_t scheme_end = s.find("://");
  if (s.starts_with("mailto:") && s.size() > 7) return true;
  if (scheme_end == std::string_view::npos || scheme_end == 0) return false;
  for (std::size_t i = 0; i < scheme_end; ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;
  }
  const std::string_view rest = s.substr(scheme_end + 3);
  if (rest.empty() || rest.front() == '/') return false;
  return std::ranges::none_of(rest, [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '<' || c == '>'; });
}

/// "http..." followed by ':' or '/', "www.", or anything with "://".
bool looks_like_url(std::string_view s) {
  if (s.starts_with("http")) {
    std::string_view rest = s.substr(4);
    if (rest.starts_with("s")) rest.remove_prefix(1);
    if (rest.starts_with(":") || rest.starts_with("/")) return true;
  }
  return s.starts_with("www.") || s.find("://") != std::string_view::npos;
}

/// Why `value` does not fit `def`, or "" when it does.
std::string mismatch(const PropertyDefinition& def, const Property& p) {
  const std::string_view v = p.value;
  switch (def.kind) {
    case PropertyKind::string: return {};
    case PropertyKind::number: return is_number(v) ? std::string() : "a number";
    case PropertyKind::boolean: return v == "true" || v == "false" ? std::string() : "true or false";
    case PropertyKind::date: return is_date(v) ? std::string() : "a date written YYYY-MM-DD";
    case PropertyKind::url: return is_url(v) ? std::string() : "a URL such as https://example.fi/";
    case PropertyKind::enumeration: {
      if (std::ranges::find(def.values, v) != def.values.end()) return {};
      std::vector<std::string_view> values(def.values.begin(), def.values.end());
      return fmt::format("one of {}", fmt::join(values, ", "));
    }
  }
  return {};
}

/// What is checked: an element or a relationship, with its properties.
struct Subject {
  const CheckContext& ctx;
  const Element* el;       ///< the element whose properties these are, or
  const Relationship* rel;  ///< the relationship
  std::string_view element;  ///< the element concerned (a relationship's source)
  SourceSpan at, mark;       ///< where a missing property is reported
  const std::vector<Property>& properties;
  /// "national-service 'koski'", for messages: made only for one.
  std::string what() const { return el != nullptr ? ctx.describe(*el) : ctx.describe(*rel); }
};

const Property* find(const Subject& s, std::string_view key) {
  const auto it = std::ranges::find_if(s.properties, [&](const Property& p) { return p.key == key; });
  return it == s.properties.end() ? nullptr : &*it;
}

/// Free-form property keys seen so far, each with the defined property it
/// is one typo away from ("lifecylce": "lifecycle"), or "".
struct NearKeys {
  std::vector<std::string_view> defined;
  std::unordered_map<std::string_view, std::string_view> seen;

  std::string_view of(std::string_view key) {
    auto [it, added] = seen.try_emplace(key);
    if (added) it->second = closest_match(key, defined);
    return it->second;
  }
};

void check_value(const PropertyDefinition& def, const Property& p, std::string_view noun, const Subject& s,
                 Diagnostics& out);

void check_values(const CheckContext& ctx, const Subject& s, NearKeys& near, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  for (const Property& p : s.properties) {
    const std::int32_t def_index = mm.find_property(p.key);
    const PropertyDefinition* def_ptr = def_index < 0 ? nullptr : &mm.properties[static_cast<std::size_t>(def_index)];
    // A text property written `no` or `010` means something else to YAML 1.1
    // tools; a bool property has its own check, an enum value is what it says.
    if (p.plain && (def_ptr == nullptr || (def_ptr->kind != PropertyKind::boolean &&
                                           std::ranges::find(def_ptr->values, p.value) == def_ptr->values.end()))) {
      if (const std::string reading = yaml11_reading(p.value); !reading.empty()) {
        out.report(Rule::ambiguous_value, p.key_at, p.value_at,
                   fmt::format("property '{}' of {} is '{}', read as text, but tools that follow YAML 1.1 read it "
                               "as {}; quote it (\"{}\") to say which you mean",
                               p.key, s.what(), p.value, reading, p.value),
                   s.element);
      }
    }
    if (def_index < 0) {
      // Free-form properties are allowed, but not silently one typo away from a defined one.
      if (const std::string_view meant = near.of(p.key); !meant.empty()) {
        out.report(Rule::misspelt_property, p.key_at,
                   fmt::format("property '{}' of {} is not one the metamodel defines, and so is not checked (did "
                               "you mean '{}'?)",
                               p.key, s.what(), meant),
                   s.element);
      }
      // Free-form properties are allowed, but a URL should be one.
      if (looks_like_url(p.value) && !is_url(p.value)) {
        out.report(Rule::malformed_url, p.key_at, p.value_at,
                   fmt::format("property '{}' of {} looks like a URL but is not one: '{}'", p.key, s.what(), p.value),
                   s.element);
      }
      continue;
    }
    check_value(mm.properties[static_cast<std::size_t>(def_index)], p, "property", s, out);
  }
}

/// invalid-property-value for one value of a property or an attribute.
void check_value(const PropertyDefinition& def, const Property& p, std::string_view noun, const Subject& s,
                 Diagnostics& out) {
  const std::string expected = mismatch(def, p);
  if (expected.empty()) return;
  std::string hint;
  if (def.kind == PropertyKind::enumeration) {
    std::vector<std::string_view> values(def.values.begin(), def.values.end());
    hint = did_you_mean(p.value, values);
  } else if (def.kind == PropertyKind::boolean) {
    // True, yes, on: what other YAML readers take for a boolean.
    std::string lower(p.value);
    std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "y") hint = " (did you mean 'true'?)";
    if (lower == "false" || lower == "no" || lower == "off" || lower == "n") hint = " (did you mean 'false'?)";
  }
  out.report(Rule::invalid_property_value, p.key_at, p.value_at,
             fmt::format("{} '{}' of {} must be {}, not '{}'{}", noun, p.key, s.what(), expected, p.value, hint),
             s.element);
}

/// Reports each required property that is missing or empty once, with the
/// first reason found: the type's own definition, else a requirement.
class Missing {
 public:
  void need(std::uint16_t property, std::string because) {
    if (std::ranges::find(seen_, property) != seen_.end()) return;
    seen_.push_back(property);
    needs_.emplace_back(property, std::move(because));
  }
  void report(const CheckContext& ctx, const Subject& s, Diagnostics& out) const {
    for (const auto& [property, because] : needs_) {
      const std::string& key = ctx.metamodel.properties[property].id;
      const Property* p = find(s, key);
      if (p != nullptr && !p->value.empty()) continue;
      out.report(Rule::missing_required_property, s.at, s.mark,
                 fmt::format("{} needs property '{}'{}{}", s.what(), key, p != nullptr ? " (it is empty)" : "", because),
                 s.element);
    }
  }

 private:
  std::vector<std::uint16_t> seen_;
  std::vector<std::pair<std::uint16_t, std::string>> needs_;
};

bool conditions_hold(const CheckContext& ctx, const Requirement& req, const Subject& s) {
  for (const auto& [property, value] : req.when) {
    const Property* p = find(s, ctx.metamodel.properties[property].id);
    if (p == nullptr || p->value != value) return false;
  }
  return true;
}

std::string reason(const CheckContext& ctx, const Requirement& req) {
  const std::string_view because = req.because.get(ctx.config.default_language());
  return because.empty() ? std::string() : fmt::format(": {}", because);
}

}  // namespace

/// missing-required-property and invalid-property-value, for elements and
/// relationships, including the metamodel's conditional requirements.
void check_properties(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  NearKeys near;
  for (const PropertyDefinition& def : mm.properties) near.defined.push_back(def.id);
  for (const Element& el : ctx.model.elements()) {
    const Subject s{ctx, &el, nullptr, el.id, el.id_key_at, el.id_at, el.properties};
    check_values(ctx, s, near, out);
    if (el.type == kNoType) continue;
    Missing missing;
    for (const PropertyUse& use : mm.element_types[el.type].properties) {
      if (use.required) missing.need(use.definition, "");
    }
    for (const Requirement& req : mm.requirements) {
      if (req.subject != Requirement::Subject::element) continue;
      if (req.type != kNoType && !mm.is_a(el.type, req.type)) continue;
      if (!conditions_hold(ctx, req, s)) continue;
      for (std::uint16_t property : req.require) missing.need(property, reason(ctx, req));
    }
    missing.report(ctx, s, out);
  }
  for (const Relationship& rel : ctx.model.relationships()) {
    if (rel.type == kNoRelationship) continue;
    const RelationshipType& type = mm.relationship_types[rel.type];
    const Subject s{ctx, nullptr, &rel, rel.source.id, rel.at, rel.mark, rel.properties};
    check_values(ctx, s, near, out);
    for (const Property& a : rel.attributes) {
      if (const PropertyDefinition* def = type.attribute(a.key)) check_value(*def, a, "attribute", s, out);
    }
    Missing missing;
    for (const PropertyUse& use : type.properties) {
      if (use.required) missing.need(use.definition, "");
    }
    if (rel.source.index != kNone && rel.target.index != kNone) {
      const TypeIndex source = ctx.model.element(rel.source.index).type;
      const TypeIndex target = ctx.model.element(rel.target.index).type;
      for (const Requirement& req : mm.requirements) {
        if (req.subject != Requirement::Subject::relationship) continue;
        if (req.relationship != kNoRelationship && !mm.relationship_is_a(rel.type, req.relationship)) continue;
        if (req.source_type != kNoType && !mm.is_a(source, req.source_type)) continue;
        if (req.target_type != kNoType && !mm.is_a(target, req.target_type)) continue;
        if (!conditions_hold(ctx, req, s)) continue;
        for (std::uint16_t property : req.require) missing.need(property, reason(ctx, req));
      }
    }
    missing.report(ctx, s, out);
  }
}

}  // namespace kaava
