#include <algorithm>
#include <charconv>

#include <fmt/format.h>

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
  return std::ranges::none_of(rest, [](char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '<' || c == '>';
  });
}

/// Why `value` does not fit `def`, or "" when it does.
std::string mismatch(const PropertyDefinition& def, const Property& p) {
  const std::string_view v = p.value;
  switch (def.kind) {
    case PropertyKind::string:
      return {};
    case PropertyKind::number:
      return is_number(v) ? std::string() : "a number";
    case PropertyKind::boolean:
      return v == "true" || v == "false" ? std::string() : "true or false";
    case PropertyKind::date:
      return is_date(v) ? std::string() : "a date written YYYY-MM-DD";
    case PropertyKind::url:
      return is_url(v) ? std::string() : "a URL such as https://example.fi/";
    case PropertyKind::enumeration: {
      if (std::ranges::find(def.values, v) != def.values.end()) return {};
      std::vector<std::string_view> values(def.values.begin(), def.values.end());
      return fmt::format("one of {}", fmt::join(values, ", "));
    }
  }
  return {};
}

}  // namespace

/// missing-required-property and invalid-property-value.
void check_properties(const CheckContext& ctx, Diagnostics& out) {
  const Metamodel& mm = ctx.metamodel;
  for (const Element& el : ctx.model.elements()) {
    for (const Property& p : el.properties) {
      const std::int32_t def_index = mm.find_property(p.key);
      if (def_index < 0) continue;  // free-form properties are allowed
      const PropertyDefinition& def = mm.properties[static_cast<std::size_t>(def_index)];
      const std::string expected = mismatch(def, p);
      if (expected.empty()) continue;
      std::string hint;
      if (def.kind == PropertyKind::enumeration) {
        std::vector<std::string_view> values(def.values.begin(), def.values.end());
        hint = did_you_mean(p.value, values);
      }
      out.report(Rule::invalid_property_value, p.key_at, p.value_at,
                 fmt::format("property '{}' of '{}' must be {}, not '{}'{}", p.key, el.id, expected,
                             p.value, hint),
                 el.id);
    }
    if (el.type == kNoType) continue;
    for (const PropertyUse& use : mm.element_types[el.type].properties) {
      if (!use.required) continue;
      const std::string& key = mm.properties[use.definition].id;
      const auto it = std::ranges::find_if(el.properties, [&](const Property& p) { return p.key == key; });
      if (it != el.properties.end() && !it->value.empty()) continue;
      out.report(Rule::missing_required_property, el.id_key_at, el.id_at,
                 fmt::format("{} needs property '{}'{}", ctx.describe(el), key,
                             it != el.properties.end() ? " (it is empty)" : ""),
                 el.id);
    }
  }
}

}  // namespace kaava
