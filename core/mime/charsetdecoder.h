#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Turns bytes in a declared charset into text. Knows the aliases real mail uses, treats
// ISO-8859-1 and US-ASCII as windows-1252 (as every reader does), and falls back to UTF-8 or
// windows-1252 when the declared charset is unknown or the bytes do not follow it.
class CharsetDecoder
{
public:
    // The name to hand to QStringDecoder for a declared charset (lower case, aliases
    // resolved). Empty when the charset is not known.
    static QByteArray canonicalName(QByteArrayView charset);
    static bool isKnown(QByteArrayView charset);

    // Decodes bytes that claim to be in charset. usedFallback, when given, tells whether the
    // declared charset was unusable and a fallback decoded the text.
    static QString decode(QByteArrayView bytes, QByteArrayView charset,
                          bool *usedFallback = nullptr);

    // Bytes without a declared charset: UTF-8 when they are valid UTF-8, else windows-1252.
    static QString decodeUndeclared(QByteArrayView bytes);

    static bool isValidUtf8(QByteArrayView bytes);
    static bool isAscii(QByteArrayView bytes);
};
