#pragma once
/// yaml-cpp's exceptions as problems for people who write models: its
/// scanner messages reworded, and positions moved to where the mistake is
/// (an unclosed bracket after the last thing written, a tab where it is).

#include <string_view>

#include <yaml-cpp/exceptions.h>

#include "yaml/document.h"

namespace kaava::yaml {

/// The fatal problem for a parse that stopped with `e` in `content`.
Problem syntax_problem(const YAML::Exception& e, std::string_view content);

}  // namespace kaava::yaml
