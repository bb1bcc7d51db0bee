#include "model/model.h"

#include <algorithm>

namespace kaava {

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front())) return false;
  return std::ranges::all_of(id, [&](char c) {
    return lower_or_digit(c) || c == '.' || c == '_' || c == '-';
  });
}


std::string yaml11_reading(std::string_view v) {
  static constexpr std::string_view k_true[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"};
  static constexpr std::string_view k_false[] = {"n", "N", "no", "No", "NO", "off", "Off", "OFF"};
  for (std::string_view w : k_true) {
    if (v == w) return "true";
  }
  for (std::string_view w : k_false) {
    if (v == w) return "false";
  }
  auto digits = [](std::string_view s, std::string_view allowed) {
    return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
  };
  if (v.size() > 1 && v[0] == '0' && digits(v.substr(1), "01234567")) return "an octal number";
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') && digits(v.substr(2), "0123456789abcdefABCDEF")) {
    return "a hexadecimal number";
  }
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'b' || v[1] == 'o')) {
    if (digits(v.substr(2), v[1] == 'b' ? "01" : "01234567")) return "a number";
  }
  // Base 60: 1:30 is 90.
  const std::size_t colon = v.find(':');
  if (colon != std::string_view::npos && colon > 0 && digits(v.substr(0, colon), "0123456789") &&
      digits(v.substr(colon + 1), "0123456789:") && v.back() != ':') {
    return "a number in base 60";
  }
  return {};
}

std::string_view LocalizedText::get(std::string_view language) const {
  for (const auto& [lang, text] : texts) {
    if (lang == language) return text;
  }
  return texts.empty() ? std::string_view() : texts.front().second;
}

void Model::add(ModelFragment&& fragment) {
  const auto offset = static_cast<std::uint32_t>(elements_.size());
  for (Element& e : fragment.elements) {
    if (e.parent != kNone) e.parent += offset;
    elements_.push_back(std::move(e));
  }
  for (Relationship& r : fragment.relationships) {
    if (r.source.index != kNone) r.source.index += offset;
    if (r.target.index != kNone) r.target.index += offset;
    relationships_.push_back(std::move(r));
  }
  for (View& v : fragment.views) views_.push_back(std::move(v));
  for (auto& b : fragment.buffers) buffers_.push_back(std::move(b));
}

void Model::reserve(std::size_t elements, std::size_t relationships) {
  elements_.reserve(elements);
  relationships_.reserve(relationships);
}

void Model::finish() {
  index_.clear();
  index_.reserve(elements_.size());
  for (std::size_t i = 0; i < elements_.size(); ++i) {
    index_.emplace(elements_[i].id, static_cast<std::uint32_t>(i));
  }
  for (Relationship& r : relationships_) {
    if (r.source.index == kNone) r.source.index = find(r.source.id);
    if (r.target.index == kNone) r.target.index = find(r.target.id);
  }
}

std::uint32_t Model::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? kNone : it->second;
}

}  // namespace kaava
