#pragma once
// Catch2 for the unit tests, version 2 (Debian 12: one header) or 3
// (Ubuntu 24.04 and newer: a library with its own main). The tests use
// only what both versions spell the same way.

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#else
#include <catch2/catch.hpp>
#endif
