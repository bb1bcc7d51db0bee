#include "render/band_layout.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace kaava {

std::vector<std::vector<std::uint32_t>> band_rows(const Model& model, const ViewContent& content,
                                                  const std::vector<std::vector<std::uint32_t>>& bands,
                                                  std::size_t min_width, std::size_t max_width) {
  std::vector<bool> drawn(model.relationships().size(), false);
  for (std::uint32_t r : content.relationships) drawn[r] = true;
  std::vector<std::vector<std::uint32_t>> rows;
  std::vector<std::uint32_t> level(model.elements().size(), 0);
  enum : std::uint8_t { outside, waiting, on_path, done };
  std::vector<std::uint8_t> state(model.elements().size(), outside);
  std::function<void(std::uint32_t)> visit = [&](std::uint32_t e) {
    state[e] = on_path;
    for (std::uint32_t r : model.incoming(e)) {
      const std::uint32_t s = model.relationship(r).source.index;
      if (!drawn[r] || s == e || (state[s] != waiting && state[s] != done)) continue;  // another band, or a cycle
      if (state[s] == waiting) visit(s);
      level[e] = std::max(level[e], level[s] + 1);
    }
    state[e] = done;
  };
  for (const std::vector<std::uint32_t>& nodes : bands) {
    for (std::uint32_t e : nodes) state[e] = waiting;
    for (std::uint32_t e : nodes) {
      if (state[e] == waiting) visit(e);
    }
    for (std::uint32_t e : nodes) state[e] = outside;
    // A row per level, wrapped at `width`. A band whose levels would make
    // it much taller than full rows would (a long chain) gets full rows in
    // the order of the levels instead: every row an edge crosses costs the
    // layout a node of its own.
    std::size_t width = std::max(min_width, static_cast<std::size_t>(std::ceil(std::sqrt(2.0 * nodes.size()))));
    if (max_width > 0) width = std::min(width, max_width);
    std::vector<std::uint32_t> order = nodes;
    std::ranges::stable_sort(order, [&](std::uint32_t a, std::uint32_t b) { return level[a] < level[b]; });
    std::vector<std::vector<std::uint32_t>> by_level;
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i == 0 || level[order[i]] != level[order[i - 1]] || by_level.back().size() == width) by_level.emplace_back();
      by_level.back().push_back(order[i]);
    }
    const std::size_t full = (order.size() + width - 1) / width;
    if (by_level.size() <= std::max<std::size_t>(4, 2 * full)) {
      rows.insert(rows.end(), by_level.begin(), by_level.end());
      continue;
    }
    for (std::size_t i = 0; i < order.size(); i += width) {
      rows.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(i),
                        order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), i + width)));
    }
  }
  return rows;
}

void order_rows(std::vector<std::vector<std::uint32_t>>* rows,
                const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges) {
  std::uint32_t n = 0;
  for (const auto& row : *rows) {
    for (std::uint32_t v : row) n = std::max(n, v + 1);
  }
  std::vector<std::uint32_t> row_of(n, kNone);
  for (std::size_t k = 0; k < rows->size(); ++k) {
    for (std::uint32_t v : (*rows)[k]) row_of[v] = static_cast<std::uint32_t>(k);
  }
  std::vector<std::vector<std::uint32_t>> neighbours(n);
  for (const auto& [a, b] : edges) {
    if (a >= n || b >= n || row_of[a] == kNone || row_of[b] == kNone || row_of[a] == row_of[b]) continue;
    neighbours[a].push_back(b);
    neighbours[b].push_back(a);
  }
  // A node's place is the middle of its slot, as a fraction of its row's
  // width, so that rows of different lengths compare.
  std::vector<double> at(n, 0);
  const auto measure = [&] {
    for (const auto& row : *rows) {
      for (std::size_t i = 0; i < row.size(); ++i)
        at[row[i]] = (static_cast<double>(i) + 0.5) / static_cast<double>(row.size());
    }
    double length = 0;
    for (const auto& [a, b] : edges) {
      if (a < n && b < n && row_of[a] != kNone && row_of[b] != kNone) length += std::abs(at[a] - at[b]);
    }
    return length;
  };
  double best = measure();
  std::vector<std::vector<std::uint32_t>> kept = *rows;
  std::vector<double> key(n, 0);
  constexpr int k_sweeps = 12;
  for (int sweep = 0; sweep < k_sweeps; ++sweep) {
    const bool down = sweep % 2 == 0;
    for (std::size_t j = 0; j < rows->size(); ++j) {
      std::vector<std::uint32_t>& row = (*rows)[down ? j : rows->size() - 1 - j];
      // Towards the rows already swept this time (all of them on the
      // first sweep down), nearer rows weighing more.
      for (std::uint32_t v : row) {
        double sum = 0, weight = 0;
        for (std::uint32_t u : neighbours[v]) {
          const bool before = down ? row_of[u] < row_of[v] : row_of[u] > row_of[v];
          if (!before && sweep > 0) continue;
          const double w =
              1.0 / static_cast<double>(row_of[u] > row_of[v] ? row_of[u] - row_of[v] : row_of[v] - row_of[u]);
          sum += w * at[u];
          weight += w;
        }
        key[v] = weight > 0 ? sum / weight : at[v];
      }
      std::ranges::stable_sort(row, [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
      for (std::size_t i = 0; i < row.size(); ++i)
        at[row[i]] = (static_cast<double>(i) + 0.5) / static_cast<double>(row.size());
    }
    if (const double length = measure(); length < best - 1e-9) {
      best = length;
      kept = *rows;
    }
  }
  *rows = std::move(kept);
}

std::vector<std::uint32_t> row_columns(std::vector<std::vector<std::uint32_t>> rows,
                                       const std::vector<std::pair<std::uint32_t, std::uint32_t>>& edges,
                                       std::size_t n) {
  order_rows(&rows, edges);
  std::vector<std::uint32_t> column(n, kNone);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] < n) column[row[i]] = static_cast<std::uint32_t>(i);
    }
  }
  return column;
}

std::vector<std::vector<std::uint32_t>> sequence_columns(const Model& model, const Metamodel& mm,
                                                         const ViewContent& content, RelationshipIndex chain,
                                                         const std::function<bool(std::uint32_t)>& leaf) {
  if (chain == kNoRelationship) return {};
  std::vector<std::uint32_t> stages;
  for (std::uint32_t r : content.relationships) {
    const Relationship& rel = model.relationship(r);
    if (!mm.relationship_is_a(rel.type, chain)) continue;
    for (std::uint32_t e : {rel.source.index, rel.target.index}) {
      if (leaf(e) && std::ranges::find(stages, e) == stages.end()) stages.push_back(e);
    }
  }
  if (stages.size() < 2) return {};
  std::vector<bool> placed(model.elements().size(), false);
  for (std::uint32_t e : stages) placed[e] = true;
  std::vector<std::vector<std::uint32_t>> columns;
  for (std::uint32_t stage : stages) {
    std::vector<std::uint32_t>& column = columns.emplace_back(1, stage);
    for (std::uint32_t r : model.incoming(stage)) {
      const std::uint32_t s = model.relationship(r).source.index;
      if (!content.shows(s) || placed[s] || !leaf(s) || !std::ranges::binary_search(content.relationships, r)) {
        continue;
      }
      placed[s] = true;
      column.push_back(s);
    }
  }
  return columns;
}

Stagger::Stagger(const Model& model, const ViewContent& content, const std::function<bool(std::uint32_t)>& top) {
  const std::size_t n = model.elements().size();
  degree_.assign(n, 0);
  for (std::uint32_t i : content.relationships) {
    ++degree_[model.relationship(i).source.index];
    ++degree_[model.relationship(i).target.index];
  }
  leaves_of_.assign(n, 0);
  staggered_.assign(n, 0);
  std::vector<std::uint32_t> in(n, 0);
  for (std::uint32_t i : content.relationships) {
    const std::uint32_t s = model.relationship(i).source.index, t = model.relationship(i).target.index;
    if (degree_[s] == 1 && degree_[t] > 1) ++leaves_of_[t];
    if (degree_[t] == 1 && degree_[s] > 1) ++leaves_of_[s];
    ++in[t];
  }
  source_turn_.assign(n, kNone);
  std::uint32_t sources = 0;
  for (std::uint32_t e : content.elements) {
    if (in[e] == 0 && degree_[e] > 0 && top(e)) source_turn_[e] = sources++;
  }
  sources_ = sources >= 2 * k_from;
}

std::uint32_t Stagger::minlen(std::uint32_t s, std::uint32_t t) {
  const std::uint32_t hub = degree_[s] == 1 ? t : degree_[t] == 1 ? s : kNone;
  if (hub != kNone && degree_[hub] > 1 && leaves_of_[hub] >= k_from) return 1 + staggered_[hub]++ % 3;
  if (sources_ && source_turn_[s] != kNone) return 1 + source_turn_[s] % 3;
  return 0;
}

}  // namespace kaava
