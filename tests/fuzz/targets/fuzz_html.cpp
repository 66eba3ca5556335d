// Feeds arbitrary text to the HTML sanitizer, with remote content blocked and allowed. Besides
// crashes it checks what the sanitizer promises: with remote content blocked nothing remote is
// kept, and its output, sanitized again, has nothing left to block.

#include "mime/htmlsanitizer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    HtmlSanitizer blocking;
    const HtmlSanitizer::Result blocked = blocking.sanitize(html);
    if (!blocked.remoteUrls.isEmpty() || blocked.blockedUrls.size() > blocked.blockedCount)
        std::abort();
    const HtmlSanitizer::Result again = blocking.sanitize(blocked.html);
    if (again.blockedCount != 0)
        std::abort();

    HtmlSanitizer allowing;
    allowing.setAllowRemoteContent(true);
    const HtmlSanitizer::Result allowed = allowing.sanitize(html);
    if (allowed.blockedCount != 0)
        std::abort();

    (void) HtmlSanitizer::decodeEntities(html);
    (void) HtmlSanitizer::classifyUrl(html.first(qMin(html.size(), qsizetype(512))));
    return 0;
}
