#pragma once
/// Edit distance and "did you mean" suggestions.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace kaava {

/// Optimal string alignment distance (insertions, deletions, substitutions
/// and transpositions of adjacent characters), bytewise. Stops early and
/// returns max_distance + 1 once the distance is known to exceed it.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t max_distance = 64);

/// The candidate closest to `word`, or an empty view when none is close
/// enough to be a likely typo. Case, '-', '_' and spaces are ignored first,
/// so "ApplicationComponent" suggests "application-component". A word of
/// three or more characters that begins exactly one candidate suggests it
/// ("warn": "warning").
std::string_view closest_match(std::string_view word, std::span<const std::string_view> candidates);

/// How many words to find suggestions for among `candidates` (each one
/// tries them all): `most` in a small model, fewer in a large one, never
/// under 20.
std::size_t suggestion_budget(std::size_t candidates, std::size_t most);

/// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace kaava
