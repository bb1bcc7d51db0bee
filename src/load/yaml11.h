#pragma once
/// YAML 1.1's readings of plain values, which kaava (YAML 1.2, text where
/// text is expected) does not share: the ambiguous-value rule warns of them.

#include <string>
#include <string_view>

namespace kaava {

/// What a YAML 1.1 tool makes of a plain value that kaava reads as text
/// ("false" for `no`, "an octal number" for `010`), or "" when all agree.
std::string yaml11_reading(std::string_view v);

}  // namespace kaava
