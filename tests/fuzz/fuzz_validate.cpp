// libFuzzer target: `make fuzz` builds it with clang and runs it.
#include <cstddef>
#include <cstdint>

#include "fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  kaava::fuzz::check_one(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
