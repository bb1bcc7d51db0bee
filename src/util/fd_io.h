#pragma once
/// Whole reads and writes on a file descriptor (a pipe to or from a child
/// process), retried on interruption.

#include <string>
#include <string_view>

namespace kaava {

/// Writes all of `data` to `fd`. False when it cannot (the reader is gone).
bool write_all(int fd, std::string_view data);

/// Everything `fd` gives until its end.
std::string read_to_end(int fd);

}  // namespace kaava
