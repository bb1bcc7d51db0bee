// Catch2 v2 needs a translation unit that defines main; v3 links its own
// (Catch2::Catch2WithMain), and tests/CMakeLists.txt leaves this file out.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
