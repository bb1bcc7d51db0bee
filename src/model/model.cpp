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
