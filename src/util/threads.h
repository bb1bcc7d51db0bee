#pragma once
/// How many threads this process has now (Linux: /proc/self/task). A fork
/// is safe only from a process with one: a lock another thread holds at
/// that moment (the allocator's, fontconfig's) stays held in the child.

#include <cstddef>

namespace kaava {

/// The threads of this process; 0 when it cannot tell.
std::size_t thread_count();

/// Waits up to `ms` milliseconds for this process to have one thread
/// (libraries start short-lived ones: pango initialises fontconfig on a
/// thread of its own). True when it has one.
bool wait_until_alone(int ms);

}  // namespace kaava
