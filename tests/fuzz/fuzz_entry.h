#pragma once
/// One fuzz input: a model file, loaded, validated, reported in every
/// format and drawn as DOT. Aborts when an output breaks its own rules.

#include <string_view>

namespace kaava::fuzz {

void check_one(std::string_view input);

}  // namespace kaava::fuzz
