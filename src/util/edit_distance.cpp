#include "util/edit_distance.h"

#include <algorithm>
#include <vector>

namespace kaava {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max_distance) return max_distance + 1;
  // Three rows: two back for transpositions.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, prev2[j - 2] + 1);
      }
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max_distance + 1);
}

namespace {

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace

std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  // Suggestions are for typos in names, not for pages of text: the
  // distance costs |word| x |candidate| per candidate.
  constexpr std::size_t k_longest = 128;
  if (word.empty() || word.size() > k_longest) return {};
  const std::string folded = fold(word);
  for (std::string_view c : candidates) {
    if (c != word && fold(c) == folded) return c;
  }
  // Allow about one typo per four characters, at most three.
  const std::size_t limit = std::clamp<std::size_t>((word.size() + 2) / 4, 1, 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  for (std::string_view c : candidates) {
    if (c == word || c.size() > k_longest) continue;
    const std::size_t d = edit_distance(word, c, limit);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (!best.empty() || folded.size() < 3) return best;
  // Another form of the same word (`direction` for `directed`): the one
  // candidate that shares a stem of two thirds of both and five letters.
  std::string_view stem;
  for (std::string_view c : candidates) {
    const std::string other = fold(c);
    const auto [a, b] = std::ranges::mismatch(folded, other);
    const auto common = static_cast<std::size_t>(a - folded.begin());
    const std::size_t longer = std::max(folded.size(), other.size());
    if (c == word || common < 5 || 3 * common < 2 * longer) continue;
    if (!stem.empty()) {
      stem = {};
      break;
    }
    stem = c;
  }
  if (!stem.empty()) return stem;
  // A word cut short (`warn`, `js`): the one candidate it begins.
  std::string_view only;
  for (std::string_view c : candidates) {
    if (c == word || !fold(c).starts_with(folded)) continue;
    if (!only.empty()) return {};
    only = c;
  }
  return only;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string_view match = closest_match(word, candidates);
  if (match.empty()) return {};
  std::string out = " (did you mean '";
  out += match;
  out += "'?)";
  return out;
}

}  // namespace kaava
