#include "render/row_placement.h"

#include "render/graphviz_read.h"

#include <graphviz/cgraph.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

namespace kaava {

namespace {

// Gaps between nodes, in points: beside each other, between rows, and
// between rows of two bands (room for the band's border and its name).
constexpr std::uint32_t kBandNone = 0xFFFFFFFF;
constexpr double k_beside = 26, k_row_gap = 44, k_band_gap = 70;

/// Moves the nodes of one row as near `want` as their order and the gaps
/// between them allow (least squares, weighted: a pool-adjacent-violators
/// pass over the nodes' offsets from a packed row).
void fit_row(const std::vector<std::uint32_t>& row, const RowPlan& plan, const std::vector<double>& want,
             const std::vector<double>& weight, std::vector<double>* x) {
  const std::size_t m = row.size();
  std::vector<double> offset(m, 0);
  for (std::size_t i = 1; i < m; ++i) {
    offset[i] = offset[i - 1] + (plan.width[row[i - 1]] + plan.width[row[i]]) / 2 + k_beside;
  }
  struct Block {
    double sum, weight;
    std::size_t count;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < m; ++i) {
    const double w = weight[row[i]];
    blocks.push_back({w * (want[row[i]] - offset[i]), w, 1});
    while (blocks.size() > 1 && blocks[blocks.size() - 2].sum / blocks[blocks.size() - 2].weight >=
                                    blocks.back().sum / blocks.back().weight) {
      const Block last = blocks.back();
      blocks.pop_back();
      blocks.back().sum += last.sum;
      blocks.back().weight += last.weight;
      blocks.back().count += last.count;
    }
  }
  std::size_t i = 0;
  for (const Block& b : blocks) {
    for (std::size_t j = 0; j < b.count; ++j, ++i) (*x)[row[i]] = b.sum / b.weight + offset[i];
  }
}

}  // namespace

std::vector<std::pair<double, double>> place_in_rows(const RowPlan& plan) {
  const std::size_t n = plan.width.size();
  std::vector<std::uint32_t> row_of(n, 0);
  for (std::size_t k = 0; k < plan.rows.size(); ++k) {
    for (std::uint32_t v : plan.rows[k]) row_of[v] = static_cast<std::uint32_t>(k);
  }
  std::vector<std::vector<std::uint32_t>> neighbours(n);
  for (const auto& [a, b] : plan.edges) {
    if (a >= n || b >= n || row_of[a] == row_of[b]) continue;
    neighbours[a].push_back(b);
    neighbours[b].push_back(a);
  }
  std::vector<double> x(n, 0), y(n, 0), want(n, 0), weight(n, 1);
  // Rows top to bottom; each row first packed about the middle.
  double top = 0;
  for (std::size_t k = 0; k < plan.rows.size(); ++k) {
    const std::vector<std::uint32_t>& row = plan.rows[k];
    double tallest = 0, length = 0;
    for (std::uint32_t v : row) {
      tallest = std::max(tallest, plan.height[v]);
      length += plan.width[v] + k_beside;
    }
    if (k > 0) {
      double above = 0;
      for (std::uint32_t v : plan.rows[k - 1]) above = std::max(above, plan.height[v]);
      const bool new_band = k < plan.band.size() && plan.band[k] != plan.band[k - 1];
      top -= above / 2 + (new_band ? k_band_gap : k_row_gap) + tallest / 2;
    }
    double left = -length / 2;
    for (std::uint32_t v : row) {
      x[v] = left + plan.width[v] / 2;
      y[v] = top;
      left += plan.width[v] + k_beside;
    }
  }
  // Sweeps down and up: each node towards the mean of its neighbours
  // (nearer rows weigh more); a node without any holds its place lightly.
  constexpr int k_sweeps = 8;
  for (int sweep = 0; sweep < k_sweeps; ++sweep) {
    const bool down = sweep % 2 == 0;
    for (std::size_t j = 0; j < plan.rows.size(); ++j) {
      const std::vector<std::uint32_t>& row = plan.rows[down ? j : plan.rows.size() - 1 - j];
      for (std::uint32_t v : row) {
        double sum = 0, total = 0;
        for (std::uint32_t u : neighbours[v]) {
          const double w = 1.0 / std::abs(static_cast<double>(row_of[u]) - static_cast<double>(row_of[v]));
          sum += w * x[u];
          total += w;
        }
        want[v] = total > 0 ? sum / total : x[v];
        weight[v] = total > 0 ? 1 : 0.05;
      }
      fit_row(row, plan, want, weight, &x);
    }
  }
  // Graphviz's origin: nothing left of or below it.
  double x0 = 0, y0 = 0;
  bool first = true;
  for (std::size_t v = 0; v < n; ++v) {
    if (!first && x[v] - plan.width[v] / 2 >= x0 && y[v] - plan.height[v] / 2 >= y0) continue;
    x0 = first ? x[v] - plan.width[v] / 2 : std::min(x0, x[v] - plan.width[v] / 2);
    y0 = first ? y[v] - plan.height[v] / 2 : std::min(y0, y[v] - plan.height[v] / 2);
    first = false;
  }
  std::vector<std::pair<double, double>> at(n);
  for (std::size_t v = 0; v < n; ++v) at[v] = {x[v] - x0, y[v] - y0};
  return at;
}

bool place_rows(GVC_t* gvc, Agraph_t* g, const std::string& text, std::vector<double>* widths) {
  // The nodes' sizes: Graphviz measures them in a copy without edges
  // (laid out in one rank, which takes no time).
  Agraph_t* sizes = read_dot(text);
  if (sizes == nullptr) return false;
  for (Agnode_t* n = agfstnode(sizes); n != nullptr; n = agnxtnode(sizes, n)) {
    for (Agedge_t* e = agfstout(sizes, n); e != nullptr;) {
      Agedge_t* next = agnxtout(sizes, e);
      agdeledge(sizes, e);
      e = next;
    }
  }
  if (gvLayout(gvc, sizes, "dot") != 0) return false;
  RowPlan plan;
  std::vector<Agnode_t*> nodes;
  std::map<Agnode_t*, std::uint32_t> index;
  std::map<std::pair<long, long>, std::uint32_t> slots;  // (row, column) -> node
  std::vector<std::uint32_t> unplaced;
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    Agnode_t* measured = agnode(sizes, agnameof(n), 0);
    if (measured == nullptr) return false;
    const auto v = static_cast<std::uint32_t>(nodes.size());
    nodes.push_back(n);
    index[n] = v;
    plan.width.push_back(ND_width(measured) * 72);
    plan.height.push_back(ND_height(measured) * 72);
    const char* row = agget(n, const_cast<char*>("kaava_row"));
    const char* column = agget(n, const_cast<char*>("kaava_col"));
    if (row == nullptr || *row == '\0') {
      unplaced.push_back(v);
    } else {
      slots[{std::strtol(row, nullptr, 10), column == nullptr ? 0 : std::strtol(column, nullptr, 10)}] = v;
    }
  }
  long current = -1;
  for (const auto& [slot, v] : slots) {
    if (slot.first != current) {
      plan.rows.emplace_back();
      const char* band = agget(nodes[v], const_cast<char*>("kaava_band"));
      plan.band.push_back(band == nullptr ? 0 : static_cast<std::uint32_t>(std::strtoul(band, nullptr, 10)));
      current = slot.first;
    }
    plan.rows.back().push_back(v);
  }
  if (!unplaced.empty()) {
    plan.rows.push_back(unplaced);
    plan.band.push_back(kBandNone);
  }
  for (Agnode_t* n = agfstnode(g); n != nullptr; n = agnxtnode(g, n)) {
    for (Agedge_t* e = agfstout(g, n); e != nullptr; e = agnxtout(g, e)) {
      plan.edges.emplace_back(index[agtail(e)], index[aghead(e)]);
    }
  }
  const std::vector<std::pair<double, double>> at = place_in_rows(plan);
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    const std::string pos = fmt::format("{:.2f},{:.2f}", at[v].first, at[v].second);
    agsafeset(nodes[v], const_cast<char*>("pos"), const_cast<char*>(pos.c_str()), const_cast<char*>(""));
  }
  *widths = std::move(plan.width);
  return true;
}

}  // namespace kaava
