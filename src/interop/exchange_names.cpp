#include "interop/exchange_names.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/edit_distance.h"
#include "util/text.h"

namespace kaava::interop {

std::string ExportIds::take(std::string_view wanted) {
  std::string id;
  for (char c : wanted) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
    id += ok ? c : (c == ':' ? '.' : '_');
  }
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id.front())) != 0 || id.front() == '.' ||
      id.front() == '-') {
    id = "id-" + id;
  }
  // The wanted id itself, if free (reserved for it); else a free variant no one reserved.
  if (id == wanted && reserved_.contains(id) && used_.insert(id).second) return id;
  std::string out = id;
  for (int n = 2; reserved_.contains(out) || !used_.insert(out).second; ++n) out = fmt::format("{}-{}", id, n);
  return out;
}

void ExportIds::reserve(std::string_view id) {
  const bool name = !id.empty() && (std::isalpha(static_cast<unsigned char>(id.front())) != 0 || id.front() == '_') &&
                    std::ranges::all_of(id, [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
                    });
  if (name) reserved_.emplace(id);
}

std::vector<std::uint32_t> element_order(const Model& model, const Metamodel& mm) {
  std::vector<std::uint32_t> order(model.elements().size());
  for (std::uint32_t e = 0; e < order.size(); ++e) order[e] = e;
  const auto layer = [&](std::uint32_t e) -> std::string_view {
    const TypeIndex t = model.element(e).type;
    return t == kNoType ? std::string_view() : std::string_view(mm.layers[mm.element_types[t].layer].id);
  };
  std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) { return layer(a) < layer(b); });
  return order;
}

namespace {

/// The exchange type of a metamodel type: its own, else its base's (a
/// specialization), with the specialization's label to record.
template <typename Types, typename Index>
ExchangeType exchange_type(const Types& types, Index type, Index none, std::string_view language) {
  ExchangeType out;
  Index t = type;
  while (t != none && types[t].exchange.empty()) {
    if (out.specialization.empty()) out.specialization = std::string(types[t].label.get(language));
    t = types[t].base;
  }
  if (t != none) out.name = types[t].exchange;
  return out;
}

template <typename Types, typename Index>
Index specialization_of(const Types& types, Index base, std::string_view name, Index none) {
  const std::string wanted = fold_for_comparison(name);
  for (std::size_t t = 0; t < types.size(); ++t) {
    Index root = static_cast<Index>(t);
    while (root != none && types[root].exchange.empty()) root = types[root].base;
    if (root != base || static_cast<Index>(t) == base) continue;
    bool match = fold_for_comparison(types[t].id) == wanted;
    for (const auto& [language, label] : types[t].label.texts) match = match || fold_for_comparison(label) == wanted;
    if (match) return static_cast<Index>(t);
  }
  return none;
}

}  // namespace

ExchangeType exchange_element_type(const Metamodel& mm, TypeIndex type, std::string_view language) {
  return exchange_type(mm.element_types, type, kNoType, language);
}

ExchangeType exchange_relationship_type(const Metamodel& mm, RelationshipIndex type, std::string_view language) {
  return exchange_type(mm.relationship_types, type, kNoRelationship, language);
}

ExchangeTypes::ExchangeTypes(const Metamodel& mm) : mm_(mm) {
  for (TypeIndex t = 0; t < mm.element_types.size(); ++t) {
    if (!mm.element_types[t].exchange.empty()) elements_.try_emplace(mm.element_types[t].exchange, t);
  }
  // A plain `junction` and `and-junction` both write AndJunction: it reads back as and-junction.
  for (TypeIndex t = 0; t < mm.element_types.size(); ++t) {
    const ElementType& type = mm.element_types[t];
    if (!type.exchange.empty() && type.base != kNoType) elements_[type.exchange] = t;
  }
  for (RelationshipIndex r = 0; r < mm.relationship_types.size(); ++r) {
    if (!mm.relationship_types[r].exchange.empty()) relationships_.try_emplace(mm.relationship_types[r].exchange, r);
  }
}

TypeIndex ExchangeTypes::element(std::string_view name) const {
  const auto it = elements_.find(name);
  return it == elements_.end() ? kNoType : it->second;
}

RelationshipIndex ExchangeTypes::relationship(std::string_view name) const {
  const auto it = relationships_.find(name);
  return it == relationships_.end() ? kNoRelationship : it->second;
}

namespace {

template <typename Map>
std::string hint(const Map& names, std::string_view name) {
  std::vector<std::string_view> candidates;
  for (const auto& [n, index] : names) candidates.push_back(n);
  return did_you_mean(name, candidates);
}

}  // namespace

std::string ExchangeTypes::element_hint(std::string_view name) const { return hint(elements_, name); }
std::string ExchangeTypes::relationship_hint(std::string_view name) const { return hint(relationships_, name); }

TypeIndex ExchangeTypes::element_specialization(TypeIndex base, std::string_view name) const {
  return specialization_of(mm_.element_types, base, name, kNoType);
}

RelationshipIndex ExchangeTypes::relationship_specialization(RelationshipIndex base, std::string_view name) const {
  return specialization_of(mm_.relationship_types, base, name, kNoRelationship);
}

}  // namespace kaava::interop
