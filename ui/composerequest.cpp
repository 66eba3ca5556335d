#include "composerequest.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// RFC 6068: percent-encoded UTF-8; '+' is a literal plus sign, not a space.
QString decodeMailtoPart(QStringView part)
{
    return QUrl::fromPercentEncoding(part.toUtf8());
}

void appendAddresses(QString &list, const QString &more)
{
    const QString trimmed = more.trimmed();
    if (trimmed.isEmpty())
        return;
    if (!list.isEmpty())
        list += u", "_s;
    list += trimmed;
}

QString normalizeNewlines(QString text)
{
    text.replace(u"\r\n"_s, u"\n"_s);
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

// Splits on `separator` outside single or double quotes. nullopt on an unterminated quote.
std::optional<QStringList> splitOutsideQuotes(QStringView text, QChar separator)
{
    QStringList parts;
    QString current;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            current += c;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            current += c;
        } else if (c == separator) {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!quote.isNull())
        return std::nullopt;
    parts.append(current);
    return parts;
}

QString unquote(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2
        && ((value.startsWith(QLatin1Char('\'')) && value.endsWith(QLatin1Char('\'')))
            || (value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))))
        return value.mid(1, value.size() - 2);
    return value;
}

QString attachmentPath(const QString &item)
{
    const QString trimmed = item.trimmed();
    if (trimmed.startsWith("file:"_L1, Qt::CaseInsensitive))
        return QUrl(trimmed).toLocalFile();
    return trimmed;
}

} // namespace

std::optional<ComposeRequest> ComposeRequest::fromMailto(const QString &url)
{
    const QString scheme = u"mailto:"_s;
    if (!url.startsWith(scheme, Qt::CaseInsensitive))
        return std::nullopt;
    const QStringView rest = QStringView(url).mid(scheme.size());
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    ComposeRequest request;
    appendAddresses(request.to, decodeMailtoPart(rest.left(question)));
    if (question < 0)
        return request;

    bool haveSubject = false;
    bool haveBody = false;
    const QStringView query = rest.mid(question + 1);
    for (const QStringView field : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = field.indexOf(QLatin1Char('='));
        const QString key = decodeMailtoPart(field.left(eq)).toLower();
        const QString value = eq < 0 ? QString() : decodeMailtoPart(field.mid(eq + 1));
        if (key == "to"_L1) {
            appendAddresses(request.to, value);
        } else if (key == "cc"_L1) {
            appendAddresses(request.cc, value);
        } else if (key == "bcc"_L1) {
            appendAddresses(request.bcc, value);
        } else if (key == "subject"_L1 && !haveSubject) {
            request.subject = value;
            haveSubject = true;
        } else if (key == "body"_L1 && !haveBody) {
            request.body = normalizeNewlines(value);
            haveBody = true;
        } else if (key == "in-reply-to"_L1) {
            request.inReplyTo = value.trimmed();
        }
        // Anything else (including "attachment") is ignored: a link must not attach files.
    }
    return request;
}

std::optional<ComposeRequest> ComposeRequest::fromComposeArgument(const QString &argument)
{
    const std::optional<QStringList> pairs = splitOutsideQuotes(argument, QLatin1Char(','));
    if (!pairs)
        return std::nullopt;
    ComposeRequest request;
    for (const QString &pair : *pairs) {
        if (pair.trimmed().isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return std::nullopt;
        const QString key = pair.left(eq).trimmed().toLower();
        const QString value = unquote(pair.mid(eq + 1));
        if (key == "to"_L1) {
            appendAddresses(request.to, value);
        } else if (key == "cc"_L1) {
            appendAddresses(request.cc, value);
        } else if (key == "bcc"_L1) {
            appendAddresses(request.bcc, value);
        } else if (key == "from"_L1) {
            request.from = value.trimmed();
        } else if (key == "subject"_L1) {
            request.subject = value;
        } else if (key == "body"_L1) {
            request.body = normalizeNewlines(value);
        } else if (key == "format"_L1) {
            request.html = value.compare("html"_L1, Qt::CaseInsensitive) == 0 || value == "1"_L1;
        } else if (key == "attachment"_L1) {
            for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString path = attachmentPath(item);
                if (!path.isEmpty())
                    request.attachments.append(path);
            }
        }
    }
    return request;
}
