#include "peakheap.h"

#include "liveheap.h"

#include <atomic>
#include <cerrno>
#include <cstddef>

namespace {

std::atomic<qint64> live {0};
std::atomic<qint64> highest {0};

void raisePeak(qint64 now)
{
    qint64 seen = highest.load(std::memory_order_relaxed);
    while (now > seen && !highest.compare_exchange_weak(seen, now, std::memory_order_relaxed)) { }
}

} // namespace

#ifdef HERON_TEST_ASAN

extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*)(const volatile void *, size_t),
                                                         void (*)(const volatile void *));

namespace {

void onMalloc(const volatile void *, size_t)
{
    raisePeak(qint64(__sanitizer_get_current_allocated_bytes()));
}

const bool hooked = [] {
    __sanitizer_install_malloc_and_free_hooks(onMalloc, nullptr);
    return true;
}();

} // namespace

qint64 PeakHeap::current()
{
    return qint64(__sanitizer_get_current_allocated_bytes());
}

#else

#include <malloc.h>

extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *pointer, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
void __libc_free(void *pointer);
}

namespace {

void *counted(void *pointer)
{
    if (pointer)
        raisePeak(live.fetch_add(qint64(malloc_usable_size(pointer)), std::memory_order_relaxed)
                  + qint64(malloc_usable_size(pointer)));
    return pointer;
}

} // namespace

extern "C" {

void *malloc(size_t size)
{
    return counted(__libc_malloc(size));
}

void *calloc(size_t count, size_t size)
{
    return counted(__libc_calloc(count, size));
}

void free(void *pointer)
{
    if (pointer)
        live.fetch_sub(qint64(malloc_usable_size(pointer)), std::memory_order_relaxed);
    __libc_free(pointer);
}

void *realloc(void *pointer, size_t size)
{
    const qint64 before = pointer ? qint64(malloc_usable_size(pointer)) : 0;
    void *moved = __libc_realloc(pointer, size);
    if (moved) {
        const qint64 after = qint64(malloc_usable_size(moved));
        raisePeak(live.fetch_add(after - before, std::memory_order_relaxed) + after - before);
    } else if (size == 0 && pointer) {
        live.fetch_sub(before, std::memory_order_relaxed); // realloc(p, 0) freed it
    }
    return moved;
}

void *memalign(size_t alignment, size_t size)
{
    return counted(__libc_memalign(alignment, size));
}

void *aligned_alloc(size_t alignment, size_t size)
{
    return counted(__libc_memalign(alignment, size));
}

int posix_memalign(void **result, size_t alignment, size_t size)
{
    void *pointer = counted(__libc_memalign(alignment, size));
    if (!pointer)
        return ENOMEM;
    *result = pointer;
    return 0;
}

void *valloc(size_t size)
{
    return counted(__libc_memalign(4096, size));
}

} // extern "C"

qint64 PeakHeap::current()
{
    return live.load(std::memory_order_relaxed);
}

#endif

qint64 PeakHeap::peak()
{
    return qMax(highest.load(std::memory_order_relaxed), current());
}

void PeakHeap::reset()
{
    highest.store(current(), std::memory_order_relaxed);
}
