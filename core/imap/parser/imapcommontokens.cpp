#include "imapcommontokens.h"

#include <iterator>

namespace {

// In lower case: types, subtypes, encodings, dispositions and parameter names.
const QByteArray loweredTokens[] = {
        QByteArrayLiteral("text"),         QByteArrayLiteral("plain"),
        QByteArrayLiteral("html"),         QByteArrayLiteral("multipart"),
        QByteArrayLiteral("mixed"),        QByteArrayLiteral("alternative"),
        QByteArrayLiteral("related"),      QByteArrayLiteral("signed"),
        QByteArrayLiteral("report"),       QByteArrayLiteral("application"),
        QByteArrayLiteral("octet-stream"), QByteArrayLiteral("pdf"),
        QByteArrayLiteral("image"),        QByteArrayLiteral("png"),
        QByteArrayLiteral("jpeg"),         QByteArrayLiteral("gif"),
        QByteArrayLiteral("message"),      QByteArrayLiteral("rfc822"),
        QByteArrayLiteral("calendar"),     QByteArrayLiteral("csv"),
        QByteArrayLiteral("7bit"),         QByteArrayLiteral("8bit"),
        QByteArrayLiteral("base64"),       QByteArrayLiteral("quoted-printable"),
        QByteArrayLiteral("binary"),       QByteArrayLiteral("attachment"),
        QByteArrayLiteral("inline"),       QByteArrayLiteral("charset"),
        QByteArrayLiteral("name"),         QByteArrayLiteral("filename"),
        QByteArrayLiteral("boundary"),     QByteArrayLiteral("format"),
        QByteArrayLiteral("delsp"),        QByteArrayLiteral("type"),
        QByteArrayLiteral("start"),        QByteArrayLiteral("protocol"),
        QByteArrayLiteral("micalg"),       QByteArrayLiteral("size"),
};

// As sent: the common parameter values.
const QByteArray exactTokens[] = {
        QByteArrayLiteral("utf-8"),        QByteArrayLiteral("UTF-8"),
        QByteArrayLiteral("us-ascii"),     QByteArrayLiteral("US-ASCII"),
        QByteArrayLiteral("iso-8859-1"),   QByteArrayLiteral("ISO-8859-1"),
        QByteArrayLiteral("windows-1252"), QByteArrayLiteral("flowed"),
        QByteArrayLiteral("yes"),          QByteArrayLiteral("no"),
};

const QByteArray partNumbers[] = {
        QByteArrayLiteral("1"), QByteArrayLiteral("2"), QByteArrayLiteral("3"),
        QByteArrayLiteral("4"), QByteArrayLiteral("5"), QByteArrayLiteral("6"),
        QByteArrayLiteral("7"), QByteArrayLiteral("8"), QByteArrayLiteral("9"),
};

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

} // namespace

QByteArray ImapCommonTokens::lowered(QByteArrayView text)
{
    if (text.isEmpty())
        return QByteArray();
    for (const QByteArray &token : loweredTokens) {
        if (token.size() != text.size())
            continue;
        qsizetype i = 0;
        while (i < text.size() && asciiLower(text.at(i)) == token.at(i))
            ++i;
        if (i == text.size())
            return token;
    }
    return text.toByteArray().toLower();
}

QByteArray ImapCommonTokens::exact(QByteArrayView text)
{
    if (text.isEmpty())
        return QByteArray();
    for (const QByteArray &token : exactTokens) {
        if (token == text)
            return token;
    }
    return text.toByteArray();
}

QByteArray ImapCommonTokens::partNumber(const QByteArray &prefix, qsizetype index)
{
    const QByteArray n = index < qsizetype(std::size(partNumbers)) ? partNumbers[index]
                                                                   : QByteArray::number(index + 1);
    if (prefix.isEmpty())
        return n;
    QByteArray number = prefix;
    number += '.';
    number += n;
    return number;
}
