// Feeds arbitrary text to HtmlToPlainText, which writes the text/plain alternative of composed
// HTML. Besides crashes it checks that markup never becomes text: every "<" in the plain text
// is one the input's text said (after its character references are decoded), or one that
// opens a link's address ("text <url>"), or one inside such an address or an image's alt text.
// A tag, a script or a style sheet of the input leaves no "<" behind.

#include "mime/htmlsanitizer.h"
#include "mime/htmltokenizer.h"
#include "mime/htmltoplaintext.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString html = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString plain = HtmlToPlainText::convert(html);

    qsizetype allowed = 0;
    HtmlTokenizer tokenizer(html);
    using Kind = HtmlTokenizer::Token::Kind;
    for (HtmlTokenizer::Token token = tokenizer.next(); token.kind != Kind::End;
         token = tokenizer.next()) {
        if (token.kind == Kind::Text) {
            allowed += HtmlSanitizer::decodeEntities(token.text).count(u'<');
        } else if (token.kind == Kind::StartTag) {
            // Read as the writer reads it: these elements' content is raw text, none of it shown.
            for (const char16_t *raw :
                 {u"script", u"style", u"title", u"textarea", u"xmp", u"noscript", u"template"}) {
                if (token.text.compare(QStringView(raw), Qt::CaseInsensitive) == 0)
                    tokenizer.rawText(token.text);
            }
            if (token.text.compare(u"a", Qt::CaseInsensitive) == 0)
                ++allowed; // "text <url>"
            for (const HtmlTokenizer::Attribute &attribute : token.attributes) {
                if (attribute.name.compare(u"href", Qt::CaseInsensitive) == 0
                    || attribute.name.compare(u"alt", Qt::CaseInsensitive) == 0)
                    allowed += HtmlSanitizer::decodeEntities(attribute.value).count(u'<');
            }
        }
    }
    if (plain.count(u'<') > allowed)
        std::abort();
    return 0;
}
