// Feeds arbitrary text to the CSS sanitizer as a style attribute and as a style sheet, with a
// policy that refuses every remote reference. Besides crashes it checks what the sanitizer
// promises: a style sheet's output cannot end its <style> element, no remote reference is
// kept, and the output, sanitized again, has no remote reference left to refuse.

#include "mime/csssanitizer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString css = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    int asked = 0;
    const CssSanitizer::RemotePolicy refuse = [&asked](const QString &) {
        ++asked;
        return false;
    };

    for (const CssSanitizer::Mode mode :
         {CssSanitizer::Mode::Declarations, CssSanitizer::Mode::StyleSheet}) {
        const QString once = CssSanitizer::sanitize(css, mode, refuse);
        if (mode == CssSanitizer::Mode::StyleSheet && once.contains(u'<'))
            std::abort();
        asked = 0;
        const QString twice = CssSanitizer::sanitize(once, mode, refuse);
        if (asked != 0)
            std::abort();
        (void) twice;
    }
    return 0;
}
