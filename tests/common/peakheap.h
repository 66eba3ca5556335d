#pragma once

#include <QtGlobal>

// The highest the live heap reached, followed at every allocation (not sampled): a block that
// lives for a microsecond counts. Link peakheap.cpp into the test program that uses it: without
// a sanitizer it replaces malloc and friends of the process (counting, then calling glibc's);
// under AddressSanitizer it installs the sanitizer's allocation hook.
class PeakHeap
{
public:
    // Bytes in live heap blocks now, as PeakHeap counts them.
    static qint64 current();
    // The highest current() since the last reset().
    static qint64 peak();
    // Starts a new peak from current().
    static void reset();
};
