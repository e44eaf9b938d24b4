#pragma once

// Counts heap allocations made by this process while a counter is armed.
//
// alloccount.cpp replaces malloc, calloc and realloc for the whole program (glibc allows a program
// to define them; Qt's containers allocate with malloc, and libstdc++'s operator new calls malloc),
// forwarding to glibc's own __libc_* functions. Nothing else changes: it only counts.

#include <cstdint>

namespace QInflux::Bench {

/// Counts the allocations (malloc, calloc, and realloc that may move) made by any thread from its
/// construction until count() or its destruction. Not nestable.
class AllocationCounter
{
public:
    AllocationCounter();
    ~AllocationCounter();
    AllocationCounter(const AllocationCounter &) = delete;
    AllocationCounter &operator=(const AllocationCounter &) = delete;

    /// Allocations so far; stops counting.
    std::int64_t count();

    /// Whether the replacement is linked in and counts (checked once with a real malloc).
    static bool works();

private:
    bool m_armed = true;
};

} // namespace QInflux::Bench
