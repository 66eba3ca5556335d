#pragma once

// The time limits of the tests that guard against work growing faster than the input (a
// quadratic rescan shows as orders of magnitude, not as a few percent). Code built with
// AddressSanitizer (HERON_SANITIZERS) runs several times slower, so there each limit stretches
// by this factor.
#if defined(__SANITIZE_ADDRESS__)
#define HERON_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HERON_TEST_SANITIZED 1
#endif
#endif

namespace TestTiming {
#ifdef HERON_TEST_SANITIZED
inline constexpr int factor = 10;
#else
inline constexpr int factor = 1;
#endif
} // namespace TestTiming
