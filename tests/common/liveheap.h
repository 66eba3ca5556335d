#pragma once

#include <QtGlobal>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HERON_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HERON_TEST_ASAN 1
#endif

#ifdef HERON_TEST_ASAN
// From the sanitizer runtime (GCC does not ship its allocator_interface.h).
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#else
#include <malloc.h>
#endif

// Bytes the process holds in live heap blocks: unlike the resident size, this does not count
// freed memory the allocator keeps (AddressSanitizer's quarantine keeps a lot).
inline qint64 liveHeapBytes()
{
#ifdef HERON_TEST_ASAN
    return qint64(__sanitizer_get_current_allocated_bytes());
#else
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#endif
}
