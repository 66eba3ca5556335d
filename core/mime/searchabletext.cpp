#include "searchabletext.h"

#include "htmlsanitizer.h"
#include "htmltokenizer.h"
#include "messagecontent.h"

QString SearchableText::of(const MimePart &message)
{
    const MessageContent content = MessageContent::fromMessage(message);
    QString text;
    for (const MessageContent::Body &body : content.bodies()) {
        if (body.kind == MessageContent::Body::Kind::Html)
            text += fromHtml(body.text);
        else
            text += body.text;
        text += QLatin1Char('\n');
    }
    for (const MessageContent::Attachment &attachment : content.attachments()) {
        if (!attachment.fileName.isEmpty())
            text += attachment.fileName + QLatin1Char('\n');
    }
    return text;
}

QString SearchableText::fromHtml(QStringView html)
{
    QString text;
    text.reserve(html.size() / 2);
    HtmlTokenizer tokenizer(html);
    for (HtmlTokenizer::Token token = tokenizer.next();
         token.kind != HtmlTokenizer::Token::Kind::End; token = tokenizer.next()) {
        switch (token.kind) {
        case HtmlTokenizer::Token::Kind::Text:
        case HtmlTokenizer::Token::Kind::Cdata:
            text += HtmlSanitizer::decodeEntities(token.text);
            break;
        case HtmlTokenizer::Token::Kind::StartTag:
            // What a script or a style says is no word of the message.
            if (token.text.compare(QLatin1String("script"), Qt::CaseInsensitive) == 0
                || token.text.compare(QLatin1String("style"), Qt::CaseInsensitive) == 0) {
                tokenizer.rawText(token.text);
            }
            text += QLatin1Char(' '); // <br>, <p>, <td> separate words
            break;
        case HtmlTokenizer::Token::Kind::EndTag:
            text += QLatin1Char(' ');
            break;
        case HtmlTokenizer::Token::Kind::End:
            break;
        }
    }
    return text;
}
