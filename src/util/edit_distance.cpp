#include "util/edit_distance.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace kaava {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max_distance) return max_distance + 1;
  // Three rows: two back for transpositions; on the stack for names (no
  // allocation: suggestions try every id of a large model).
  constexpr std::size_t k_on_stack = 160;
  std::size_t stack[3][k_on_stack];
  std::vector<std::size_t> heap;
  std::size_t *prev2 = stack[0], *prev = stack[1], *cur = stack[2];
  if (m + 1 > k_on_stack) {
    heap.resize(3 * (m + 1));
    prev2 = heap.data();
    prev = prev2 + m + 1;
    cur = prev + m + 1;
  }
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

bool skipped(char c) { return c == '-' || c == '_' || c == ' '; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (!skipped(c)) out.push_back(lower(c));
  }
  return out;
}

/// How many characters `s` and `folded` share at the start once `s` is
/// folded, and how long `s` is folded; no allocation.
std::pair<std::size_t, std::size_t> folded_prefix(std::string_view s, std::string_view folded) {
  std::size_t common = 0, length = 0;
  bool same = true;
  for (char c : s) {
    if (skipped(c)) continue;
    if (same && length < folded.size() && lower(c) == folded[length]) {
      ++common;
    } else {
      same = false;
    }
    ++length;
  }
  return {common, length};
}

}  // namespace

std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  // Suggestions are for typos in names, not for pages of text: the
  // distance costs |word| x |candidate| per candidate.
  constexpr std::size_t k_longest = 128;
  if (word.empty() || word.size() > k_longest) return {};
  const std::string folded = fold(word);
  for (std::string_view c : candidates) {
    const auto [common, length] = folded_prefix(c, folded);
    if (c != word && common == folded.size() && length == folded.size()) return c;
  }
  // Allow about one typo per four characters, at most three.
  const std::size_t limit = std::clamp<std::size_t>((word.size() + 2) / 4, 1, 3);
  std::string_view best;
  std::size_t best_distance = limit + 1;
  // Which characters occur (folded to 64 classes): an edit changes at most
  // two of them, so a candidate whose set differs in more than 2 x limit
  // cannot be close, and costs no distance.
  auto classes = [](std::string_view t) {
    std::uint64_t bits = 0;
    for (char ch : t) bits |= std::uint64_t{1} << (static_cast<unsigned char>(ch) & 63u);
    return bits;
  };
  const std::uint64_t word_classes = classes(word);
  for (std::string_view c : candidates) {
    if (c == word || c.size() > k_longest) continue;
    const std::size_t length_gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (length_gap > limit ||
        static_cast<std::size_t>(std::popcount(classes(c) ^ word_classes)) > 2 * limit) {
      continue;
    }
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
    const auto [common, length] = folded_prefix(c, folded);
    const std::size_t longer = std::max(folded.size(), length);
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
    if (c == word || folded_prefix(c, folded).first != folded.size()) continue;
    if (!only.empty()) return {};
    only = c;
  }
  return only;
}

std::size_t suggestion_budget(std::size_t candidates, std::size_t most) {
  return std::clamp<std::size_t>(4'000'000 / std::max<std::size_t>(1, candidates), std::min<std::size_t>(20, most), most);
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
