#include "load/yaml11.h"

namespace kaava {

std::string yaml11_reading(std::string_view v) {
  static constexpr std::string_view k_true[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"};
  static constexpr std::string_view k_false[] = {"n", "N", "no", "No", "NO", "off", "Off", "OFF"};
  for (std::string_view w : k_true) {
    if (v == w) return "true";
  }
  for (std::string_view w : k_false) {
    if (v == w) return "false";
  }
  auto digits = [](std::string_view s, std::string_view allowed) {
    return !s.empty() && s.find_first_not_of(allowed) == std::string_view::npos;
  };
  if (v.size() > 1 && v[0] == '0' && digits(v.substr(1), "01234567")) return "an octal number";
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') && digits(v.substr(2), "0123456789abcdefABCDEF")) {
    return "a hexadecimal number";
  }
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'b' || v[1] == 'o')) {
    if (digits(v.substr(2), v[1] == 'b' ? "01" : "01234567")) return "a number";
  }
  // Base 60: 1:30 is 90.
  const std::size_t colon = v.find(':');
  if (colon != std::string_view::npos && colon > 0 && digits(v.substr(0, colon), "0123456789") &&
      digits(v.substr(colon + 1), "0123456789:") && v.back() != ':') {
    return "a number in base 60";
  }
  return {};
}

}  // namespace kaava
