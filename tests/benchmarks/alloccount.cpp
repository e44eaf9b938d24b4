#include "alloccount.h"

#include <QByteArray>

#include <atomic>
#include <cstddef>
#include <cstdlib>

// glibc's own allocator entry points (exported by libc.so.6 for programs that replace malloc).
extern "C" {
void *__libc_malloc(std::size_t size);
void *__libc_calloc(std::size_t count, std::size_t size);
void *__libc_realloc(void *pointer, std::size_t size);
}

namespace {

std::atomic<bool> s_counting{false};
std::atomic<std::int64_t> s_allocations{0};

inline void counted()
{
    if (s_counting.load(std::memory_order_relaxed))
        s_allocations.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

extern "C" {

void *malloc(std::size_t size) noexcept
{
    counted();
    return __libc_malloc(size);
}

void *calloc(std::size_t count, std::size_t size) noexcept
{
    counted();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, std::size_t size) noexcept
{
    // realloc may grow in place; it is counted all the same, as a call that may allocate.
    counted();
    return __libc_realloc(pointer, size);
}

} // extern "C"

namespace QInflux::Bench {

AllocationCounter::AllocationCounter()
{
    s_allocations.store(0, std::memory_order_relaxed);
    s_counting.store(true, std::memory_order_seq_cst);
}

AllocationCounter::~AllocationCounter()
{
    if (m_armed)
        s_counting.store(false, std::memory_order_seq_cst);
}

std::int64_t AllocationCounter::count()
{
    s_counting.store(false, std::memory_order_seq_cst);
    m_armed = false;
    return s_allocations.load(std::memory_order_relaxed);
}

bool AllocationCounter::works()
{
    AllocationCounter counter;
    // volatile: the compiler may not elide the pair
    void *volatile p = std::malloc(64);
    std::free(p);
    // and inside Qt: QByteArray allocates with malloc from libQt6Core
    QByteArray bytes;
    bytes.reserve(100);
    return counter.count() == 2;
}

} // namespace QInflux::Bench
