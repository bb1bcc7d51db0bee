#include "catch.h"

#include <algorithm>
#include <cmath>

#include "render/band_layout.h"
#include "render/row_placement.h"

using namespace kaava;

TEST_CASE("rows are ordered so that related nodes line up", "[render]") {
  // 0 1 above 2 3, with 0-3 and 1-2: one of the rows turns round.
  std::vector<std::vector<std::uint32_t>> rows = {{0, 1}, {2, 3}};
  order_rows(&rows, {{0, 3}, {1, 2}});
  REQUIRE(rows.size() == 2);
  const bool top_kept = rows[0] == std::vector<std::uint32_t>{0, 1};
  const bool bottom_turned = rows[1] == std::vector<std::uint32_t>{3, 2};
  CHECK(top_kept == bottom_turned);
  // Already uncrossed: left alone; edges within a row or to unknown nodes do not count.
  rows = {{0, 1}, {2, 3}};
  order_rows(&rows, {{0, 2}, {1, 3}, {2, 3}, {7, 0}});
  REQUIRE(rows[1] == std::vector<std::uint32_t>{2, 3});
}

TEST_CASE("rows are placed without overlaps, each node near its neighbours", "[render]") {
  RowPlan plan;
  plan.rows = {{0, 1, 2}, {3}, {4, 5}};
  plan.width = {100, 60, 100, 80, 120, 120};
  plan.height = {36, 36, 36, 50, 36, 36};
  plan.band = {0, 0, 1};
  plan.edges = {{2, 3}, {3, 5}};
  const auto at = place_in_rows(plan);
  REQUIRE(at.size() == 6);
  for (const auto& row : plan.rows) {
    for (std::size_t i = 1; i < row.size(); ++i) {
      const std::uint32_t a = row[i - 1], b = row[i];
      CHECK(at[b].first - at[a].first >= (plan.width[a] + plan.width[b]) / 2);  // in order, apart
      CHECK(at[a].second == at[b].second);                                      // one row, one line
    }
  }
  // Node 3 hangs under 2 and above 5, so it lines up with them.
  CHECK(std::abs(at[3].first - at[2].first) < 1);
  CHECK(std::abs(at[5].first - at[3].first) < 1);
  // Rows go downwards, and a new band stands further off than a row.
  CHECK(at[0].second > at[3].second);
  CHECK(at[3].second > at[4].second);
  CHECK(at[3].second - at[4].second > at[0].second - at[3].second);
  // Nothing left of or below Graphviz's origin.
  for (std::size_t v = 0; v < at.size(); ++v) {
    CHECK(at[v].first - plan.width[v] / 2 >= -1e-9);
    CHECK(at[v].second - plan.height[v] / 2 >= -1e-9);
  }
}
