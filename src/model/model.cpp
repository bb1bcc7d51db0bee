#include "model/model.h"

#include <algorithm>
#include <array>
#include <thread>
#include <tuple>

#include <fmt/format.h>
#include <xxhash.h>

#include "util/text.h"

namespace kaava {

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front())) return false;
  return std::ranges::all_of(id, [&](char c) { return lower_or_digit(c) || c == '.' || c == '_' || c == '-'; });
}

std::string_view LocalizedText::get(std::string_view language) const {
  for (const auto& [lang, text] : texts) {
    if (lang == language) return text;
  }
  return texts.empty() ? std::string_view() : texts.front().second;
}

namespace {

/// Runs `each(begin, end)` over [0, n) in two halves at once when n is
/// large enough to be worth a thread (the steps below touch every
/// relationship; a large model has hundreds of thousands).
template <typename Each>
void in_halves(std::size_t n, Each each) {
  constexpr std::size_t k_worth_a_thread = 20000;
  if (n < k_worth_a_thread) {
    each(std::size_t{0}, n);
    return;
  }
  std::thread other([&] { each(n / 2, n); });
  each(std::size_t{0}, n / 2);
  other.join();
}

/// Fills a compressed-row index from (element, item) pairs, keeping the
/// items of each element in the order given.
template <typename Each>
void build_index(std::size_t elements, std::vector<std::uint32_t>& starts, std::vector<std::uint32_t>& items,
                 Each each) {
  starts.assign(elements + 1, 0);
  each([&](std::uint32_t e, std::uint32_t) { ++starts[e + 1]; });
  for (std::size_t i = 1; i < starts.size(); ++i) starts[i] += starts[i - 1];
  items.resize(starts.back());
  std::vector<std::uint32_t> next(starts.begin(), starts.end() - 1);
  each([&](std::uint32_t e, std::uint32_t item) { items[next[e]++] = item; });
}

/// Orders relationships that share their ends by what they say, then by
/// where they are written: the same order whatever else moves.
bool content_before(const Relationship& a, const Relationship& b) {
  if (a.name.texts != b.name.texts) return a.name.texts < b.name.texts;
  if (a.description.texts != b.description.texts) return a.description.texts < b.description.texts;
  auto property_less = [](const Property& x, const Property& y) {
    return std::tie(x.key, x.value) < std::tie(y.key, y.value);
  };
  auto property_equal = [](const Property& x, const Property& y) {
    return std::tie(x.key, x.value) == std::tie(y.key, y.value);
  };
  if (!std::ranges::equal(a.properties, b.properties, property_equal)) {
    return std::ranges::lexicographical_compare(a.properties, b.properties, property_less);
  }
  if (!std::ranges::equal(a.attributes, b.attributes, property_equal)) {
    return std::ranges::lexicographical_compare(a.attributes, b.attributes, property_less);
  }
  if (a.tags != b.tags) return a.tags < b.tags;
  return std::tie(a.at.file, a.at.line, a.at.column) < std::tie(b.at.file, b.at.line, b.at.column);
}

}  // namespace

Model Model::assemble(std::vector<ModelFragment>&& fragments, const Metamodel& metamodel, const ViewSelector& shown) {
  Model m;
  std::size_t elements = 0, relationships = 0, views = 0;
  for (const ModelFragment& f : fragments) {
    elements += f.elements.size();
    relationships += f.relationships.size();
    views += f.views.size();
  }
  m.elements_.reserve(elements);
  m.relationships_.reserve(relationships);
  m.views_.reserve(views);
  m.pieces_.reserve(fragments.size());
  m.buffers_.reserve(2);
  // Relationships are moved on a thread of their own while the elements
  // are moved here: the two vectors are apart.
  auto move_relationships = [&] {
    std::uint32_t offset = 0;
    for (ModelFragment& f : fragments) {
      for (Relationship& r : f.relationships) {
        if (r.source.index != kNone) r.source.index += offset;
        if (r.target.index != kNone) r.target.index += offset;
        m.relationships_.push_back(std::move(r));
      }
      offset += static_cast<std::uint32_t>(f.elements.size());
    }
  };
  std::thread relationships_moved;
  if (relationships >= 20000) {
    relationships_moved = std::thread(move_relationships);
  } else {
    move_relationships();
  }
  std::uint32_t relationship = 0;
  for (ModelFragment& f : fragments) {
    const auto offset = static_cast<std::uint32_t>(m.elements_.size());
    m.pieces_.push_back({f.file, offset, relationship, static_cast<std::uint32_t>(m.views_.size()),
                         std::move(f.buffers), f.misspelt_mentions, f.text_hash});
    relationship += static_cast<std::uint32_t>(f.relationships.size());
    for (Element& e : f.elements) {
      if (e.parent != kNone) e.parent += offset;
      m.elements_.push_back(std::move(e));
    }
    for (View& v : f.views) m.views_.push_back(std::move(v));
    m.misspelt_mentions_.insert(m.misspelt_mentions_.end(), f.misspelt_mentions.begin(), f.misspelt_mentions.end());
  }
  if (relationships_moved.joinable()) relationships_moved.join();
  fragments.clear();
  std::ranges::sort(m.misspelt_mentions_);
  m.misspelt_mentions_.erase(std::unique(m.misspelt_mentions_.begin(), m.misspelt_mentions_.end()),
                             m.misspelt_mentions_.end());
  m.index_ids();
  m.index_relationships();
  m.derive_relationship_ids(metamodel);
  m.resolve_relationship_ends();
  if (shown) m.index_views(shown);
  return m;
}

std::size_t Model::IdHash::operator()(std::string_view id) const noexcept {
  return static_cast<std::size_t>(XXH3_64bits(id.data(), id.size()));
}

void Model::index_ids() {
  index_.reserve(elements_.size());
  first_.resize(elements_.size());
  for (std::size_t i = 0; i < elements_.size(); ++i) {
    first_[i] = index_.emplace(elements_[i].id, static_cast<std::uint32_t>(i)).first->second;
    if (first_[i] != i) defined_again_.push_back(first_[i]);
  }
  std::ranges::sort(defined_again_);
  defined_again_.erase(std::unique(defined_again_.begin(), defined_again_.end()), defined_again_.end());
  // An invalid id (app.työpaikka) is also found as the id its invalid-id
  // finding suggests (app.tyopaikka): references already written that way
  // keep their relationships, and nothing else is reported for one mistake.
  for (std::size_t i = 0; i < elements_.size(); ++i) {
    if (elements_[i].valid_id) continue;
    std::string fixed = ascii_id(elements_[i].id);
    if (fixed.empty() || !is_valid_id(fixed) || index_.contains(fixed)) continue;
    index_.emplace(fixed_ids_.emplace_back(std::move(fixed)), static_cast<std::uint32_t>(i));
  }
  // Only the ends' indexes change here, and the index is only read.
  in_halves(relationships_.size(), [this](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      Relationship& r = relationships_[i];
      if (r.source.index == kNone) r.source.index = find(r.source.id);
      if (r.target.index == kNone) r.target.index = find(r.target.id);
    }
  });
  for (std::size_t i = 0; i < relationships_.size(); ++i) {
    if (relationships_[i].id_written) relationship_index_.emplace(relationships_[i].id, static_cast<std::uint32_t>(i));
  }
  for (std::size_t i = 0; i < views_.size(); ++i) view_index_.emplace(views_[i].id, static_cast<std::uint32_t>(i));
}

void Model::resolve_relationship_ends() {
  for (std::size_t i = 0; i < relationships_.size(); ++i) {
    for (Reference* end : {&relationships_[i].source, &relationships_[i].target}) {
      if (end->index != kNone || end->id.empty()) continue;
      const std::uint32_t r = find_relationship(end->id);
      if (r != kNone && r != i) end->relationship = r;
    }
  }
}

void Model::index_relationships() {
  const std::size_t n = elements_.size();
  auto ends = [&](bool source) {
    return [&, source](auto add) {
      for (std::size_t i = 0; i < relationships_.size(); ++i) {
        const std::uint32_t e = source ? relationships_[i].source.index : relationships_[i].target.index;
        if (e != kNone) add(e, static_cast<std::uint32_t>(i));
      }
    };
  };
  build_index(n, outgoing_.starts, outgoing_.items, ends(true));
  build_index(n, incoming_.starts, incoming_.items, ends(false));
  build_index(n, children_.starts, children_.items, [&](auto add) {
    for (std::size_t i = 0; i < n; ++i) {
      if (elements_[i].parent != kNone) add(elements_[i].parent, static_cast<std::uint32_t>(i));
    }
  });
}

void Model::derive_relationship_ids(const Metamodel& mm) {
  const std::size_t n = relationships_.size();
  auto type_id = [&](const Relationship& r) -> std::string_view {
    return r.type < mm.relationship_types.size() ? std::string_view(mm.relationship_types[r.type].id)
                                                 : std::string_view("relationship");
  };
  // Group the relationships without an id of their own by their source's
  // id (so an element defined twice is one group), then number those with
  // the same type and target.
  std::vector<std::uint32_t> ordinal(n, 1);
  std::vector<std::uint32_t> group_starts, group_items;
  const auto groups = static_cast<std::uint32_t>(elements_.size() + 1);  // the last: sources that name no element
  // Each element's group: the first element with its id.
  std::vector<std::uint32_t> canonical(elements_.size(), kNone);
  for (const Relationship& r : relationships_) {
    const std::uint32_t e = r.source.index;
    if (!r.id_written && e != kNone && canonical[e] == kNone) canonical[e] = first_[e];
  }
  build_index(groups, group_starts, group_items, [&](auto add) {
    for (std::size_t i = 0; i < n; ++i) {
      const Relationship& r = relationships_[i];
      if (r.id_written) continue;
      const std::uint32_t e = r.source.index == kNone ? kNone : canonical[r.source.index];
      add(e == kNone ? groups - 1 : e, static_cast<std::uint32_t>(i));
    }
  });
  // Groups are apart: each half of them is numbered on its own thread.
  in_halves(groups, [&](std::size_t first, std::size_t last) {
    for (std::size_t g = first; g < last; ++g) {
      const auto begin = group_items.begin() + group_starts[g], end = group_items.begin() + group_starts[g + 1];
      if (end - begin < 2) continue;
      auto ends_of = [&](std::uint32_t i) {
        const Relationship& r = relationships_[i];
        return std::tuple(r.source.id, r.type, r.target.id);
      };
      std::sort(begin, end, [&](std::uint32_t a, std::uint32_t b) {
        const auto ka = ends_of(a), kb = ends_of(b);
        return ka != kb ? ka < kb : content_before(relationships_[a], relationships_[b]);
      });
      for (auto it = begin + 1; it != end; ++it) {
        if (ends_of(*it) == ends_of(*(it - 1))) ordinal[*it] = ordinal[*(it - 1)] + 1;
      }
    }
  });
  // A buffer per half: "source:type:target", and ":N" after the first.
  std::array<std::shared_ptr<std::string>, 2> arenas{std::make_shared<std::string>(),
                                                     std::make_shared<std::string>()};
  in_halves(n, [&](std::size_t begin, std::size_t end) {
    std::string& arena = *arenas[begin == 0 ? 0 : 1];
    std::size_t total = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const Relationship& r = relationships_[i];
      if (r.id_written) continue;
      total += r.source.id.size() + type_id(r).size() + r.target.id.size() + 2;
      if (ordinal[i] > 1) total += 1 + fmt::formatted_size("{}", ordinal[i]);
    }
    arena.reserve(total);  // exact: the views taken below stay valid
    for (std::size_t i = begin; i < end; ++i) {
      Relationship& r = relationships_[i];
      if (r.id_written) continue;
      const std::size_t start = arena.size();
      arena += r.source.id;
      arena += ':';
      arena += type_id(r);
      arena += ':';
      arena += r.target.id;
      if (ordinal[i] > 1) fmt::format_to(std::back_inserter(arena), ":{}", ordinal[i]);
      r.id = std::string_view(arena.data() + start, arena.size() - start);
    }
  });
  for (auto& arena : arenas) {
    if (!arena->empty()) buffers_.push_back(std::move(arena));
  }
}

void Model::index_views(const ViewSelector& shown) {
  std::vector<std::vector<std::uint32_t>> per_view;
  per_view.reserve(views_.size());
  for (const View& v : views_) per_view.push_back(shown(*this, v));
  build_index(elements_.size(), views_of_.starts, views_of_.items, [&](auto add) {
    for (std::size_t v = 0; v < per_view.size(); ++v) {
      for (std::uint32_t e : per_view[v]) add(e, static_cast<std::uint32_t>(v));
    }
  });
  build_index(views_.size(), shown_by_.starts, shown_by_.items, [&](auto add) {
    for (std::size_t v = 0; v < per_view.size(); ++v) {
      for (std::uint32_t e : per_view[v]) add(static_cast<std::uint32_t>(v), e);
    }
  });
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> Model::files() const {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> out;
  out.reserve(pieces_.size());
  for (const Piece& p : pieces_) out.emplace_back(p.file, p.text_hash);
  return out;
}

const char* Model::unlike(const Piece& piece, std::size_t k, const ModelFragment& fresh) const {
  const bool last = k + 1 == pieces_.size();
  const std::size_t elements = (last ? elements_.size() : pieces_[k + 1].elements) - piece.elements;
  const std::size_t relationships = (last ? relationships_.size() : pieces_[k + 1].relationships) - piece.relationships;
  const std::size_t views = (last ? views_.size() : pieces_[k + 1].views) - piece.views;
  if (fresh.elements.size() != elements || fresh.relationships.size() != relationships || fresh.views.size() != views) {
    return "other elements, relationships or views";
  }
  for (std::size_t j = 0; j < elements; ++j) {
    const Element& was = elements_[piece.elements + j];
    const Element& now = fresh.elements[j];
    if (was.id != now.id) return "another element id";
    if (!was.valid_id || !now.valid_id) return "an invalid id";
    if ((now.parent == kNone) != (was.parent == kNone) || (now.parent != kNone && now.parent + piece.elements != was.parent)) {
      return "other nesting";
    }
  }
  for (std::size_t j = 0; j < relationships; ++j) {
    const auto i = static_cast<std::uint32_t>(piece.relationships + j);
    const Relationship& was = relationships_[i];
    const Relationship& now = fresh.relationships[j];
    if (was.type != now.type || was.origin != now.origin || was.id_written != now.id_written ||
        (now.id_written && was.id != now.id) || was.source.id != now.source.id || was.target.id != now.target.id) {
      return "another relationship";
    }
    for (const auto& [w, n] : {std::pair{&was.source, &now.source}, std::pair{&was.target, &now.target}}) {
      if (n->index != kNone && n->index + piece.elements != w->index) return "another relationship end";
    }
    // A derived id's number among parallel relationships (":2") follows
    // what they say and where: one with no parallel can change.
    if (was.id_written || (!content_before(was, now) && !content_before(now, was))) continue;
    const std::uint32_t source = was.source.index;
    // (An element defined twice has parallels under each definition.)
    if (source == kNone || first_[source] != source || std::ranges::binary_search(defined_again_, source)) {
      return "a relationship whose id depends on others";
    }
    for (std::uint32_t other : outgoing(source)) {
      const Relationship& o = relationships_[other];
      if (other != i && !o.id_written && o.type == was.type && o.target.id == was.target.id) {
        return "a relationship with parallel ones";
      }
    }
  }
  for (std::size_t j = 0; j < views; ++j) {
    if (views_[piece.views + j].id != fresh.views[j].id) return "another view id";
  }
  return nullptr;
}

bool Model::patch(std::vector<ModelFragment>& changed, const ViewSelector& shown) {
  std::vector<std::size_t> at;  // each fragment's piece
  for (const ModelFragment& f : changed) {
    const auto it = std::ranges::find(pieces_, f.file, &Piece::file);
    if (it == pieces_.end()) return false;
    const auto k = static_cast<std::size_t>(it - pieces_.begin());
    if (std::ranges::find(at, k) != at.end() || unlike(*it, k, f) != nullptr) return false;
    at.push_back(k);
  }
  // The indexes' keys are views into the buffers being replaced: each key
  // that is the replaced item's moves to the new one's text.
  auto rekey = [](IdIndex& index, std::string_view key,
                  std::uint32_t item, std::string_view fresh) {
    const auto it = index.find(key);
    if (it == index.end() || it->second != item) return;
    auto node = index.extract(it);
    node.key() = fresh;
    index.insert(std::move(node));
  };
  for (std::size_t c = 0; c < changed.size(); ++c) {
    ModelFragment& f = changed[c];
    Piece& piece = pieces_[at[c]];
    for (std::size_t j = 0; j < f.elements.size(); ++j) {
      const auto i = static_cast<std::uint32_t>(piece.elements + j);
      Element& now = f.elements[j];
      if (now.parent != kNone) now.parent += piece.elements;
      rekey(index_, elements_[i].id, i, now.id);
      elements_[i] = std::move(now);
    }
    for (std::size_t j = 0; j < f.relationships.size(); ++j) {
      const auto i = static_cast<std::uint32_t>(piece.relationships + j);
      Relationship& now = f.relationships[j];
      const Relationship& was = relationships_[i];
      now.source.index = was.source.index;
      now.target.index = was.target.index;
      now.source.relationship = was.source.relationship;
      now.target.relationship = was.target.relationship;
      if (now.id_written) {
        rekey(relationship_index_, was.id, i, now.id);
      } else {
        now.id = was.id;  // derived: in the model's own buffers
      }
      relationships_[i] = std::move(now);
    }
    for (std::size_t j = 0; j < f.views.size(); ++j) {
      const auto i = static_cast<std::uint32_t>(piece.views + j);
      rekey(view_index_, views_[i].id, i, f.views[j].id);
      views_[i] = std::move(f.views[j]);
    }
    piece.buffers = std::move(f.buffers);
    piece.misspelt_mentions = std::move(f.misspelt_mentions);
    piece.text_hash = f.text_hash;
  }
  changed.clear();
  misspelt_mentions_.clear();
  for (const Piece& p : pieces_) {
    misspelt_mentions_.insert(misspelt_mentions_.end(), p.misspelt_mentions.begin(), p.misspelt_mentions.end());
  }
  std::ranges::sort(misspelt_mentions_);
  misspelt_mentions_.erase(std::unique(misspelt_mentions_.begin(), misspelt_mentions_.end()), misspelt_mentions_.end());
  if (shown) index_views(shown);
  return true;
}

std::uint32_t Model::find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? kNone : it->second;
}

std::uint32_t Model::find_relationship(std::string_view id) const {
  if (auto it = relationship_index_.find(id); it != relationship_index_.end()) return it->second;
  if (id.find(':') == std::string_view::npos) return kNone;
  // A derived id starts with its source's id: look there first.
  const std::uint32_t source = find(id.substr(0, id.find(':')));
  if (source != kNone) {
    for (std::uint32_t r : outgoing(source)) {
      if (relationships_[r].id == id) return r;
    }
  }
  for (std::size_t r = 0; r < relationships_.size(); ++r) {
    if (relationships_[r].id == id) return static_cast<std::uint32_t>(r);
  }
  return kNone;
}

std::uint32_t Model::find_view(std::string_view id) const {
  auto it = view_index_.find(id);
  return it == view_index_.end() ? kNone : it->second;
}

}  // namespace kaava
