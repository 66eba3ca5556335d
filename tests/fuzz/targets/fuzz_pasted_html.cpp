// Feeds arbitrary text to the composer's paste cleaner (PastedHtml). Besides crashes it checks
// what the cleaner promises, reading its output with the tokenizer the viewer's sanitizer uses:
// - only the structure and emphasis elements it keeps appear, never a script, a style, an
//   image, a frame, a form or an object;
// - no attribute but a link's href (to a web or mail address, nothing else: no javascript:, no
//   data:) and a numbered list's start;
// - nothing is loaded: no src, no style, no event handler anywhere.

#include "mime/htmlsanitizer.h"
#include "mime/htmltokenizer.h"
#include "mime/pastedhtml.h"

#include <cstdint>
#include <cstdlib>

namespace {

bool isKept(QStringView name)
{
    static const char *const kept[] = {"p",   "div",  "ul",    "ol",    "li",     "blockquote",
                                       "h1",  "h2",   "h3",    "h4",    "h5",     "h6",
                                       "pre", "code", "table", "thead", "tbody",  "tfoot",
                                       "tr",  "td",   "th",    "s",     "strike", "del",
                                       "sub", "sup",  "dl",    "dt",    "dd",     "br",
                                       "hr",  "a",    "b",     "i",     "u"};
    for (const char *k : kept) {
        if (name.compare(QLatin1StringView(k), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString cleaned = PastedHtml::clean(html);

    HtmlTokenizer tokenizer(cleaned);
    using Kind = HtmlTokenizer::Token::Kind;
    for (HtmlTokenizer::Token token = tokenizer.next(); token.kind != Kind::End;
         token = tokenizer.next()) {
        if (token.kind == Kind::Cdata)
            std::abort();
        if (token.kind != Kind::StartTag)
            continue;
        if (!isKept(token.text))
            std::abort();
        const bool link = token.text.compare(u"a", Qt::CaseInsensitive) == 0;
        const bool list = token.text.compare(u"ol", Qt::CaseInsensitive) == 0;
        for (const HtmlTokenizer::Attribute &attribute : token.attributes) {
            if (link && attribute.name == u"href") {
                const HtmlSanitizer::UrlKind kind = HtmlSanitizer::classifyUrl(
                        HtmlSanitizer::decodeEntities(attribute.value));
                if (kind != HtmlSanitizer::UrlKind::Remote && kind != HtmlSanitizer::UrlKind::Link)
                    std::abort();
            } else if (list && attribute.name == u"start") {
                bool number = false;
                (void) attribute.value.toInt(&number);
                if (!number)
                    std::abort();
            } else {
                std::abort();
            }
        }
    }
    return 0;
}
