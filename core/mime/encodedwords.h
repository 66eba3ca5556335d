#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// RFC 2047 encoded words ("=?charset?B?...?=") in unstructured headers and phrases.
class EncodedWords
{
public:
    // Decodes a header value: unfolds it, decodes every encoded word (B or Q, charset with an
    // optional RFC 2231 language), drops the whitespace between adjacent encoded words, joins
    // the bytes of adjacent words in the same charset before decoding them (so a multi-byte
    // character split across two words survives), and reads raw 8-bit text as UTF-8 or
    // windows-1252 (RFC 6532). Malformed words are kept as they are.
    static QString decode(QByteArrayView value);
    // *out += decode(value), with no string in between for plain ASCII.
    static void appendDecoded(QString *out, QByteArrayView value);

    // Whether text can go into a header as it is (printable ASCII, no "=?", no word longer
    // than what fits on a line).
    static bool needsEncoding(QStringView text);

    // Encodes text as a list of UTF-8 encoded words, each at most maxWordLength characters
    // long (the first one at most firstWordLength), split on character boundaries. The
    // words are meant to be joined by a single space (which decoding drops). The Q encoding
    // is chosen for mostly-ASCII text, B otherwise; Q uses only the characters RFC 2047
    // section 5 (3) allows in phrases, so the words fit in display names too.
    static QList<QByteArray> encode(QStringView text, int firstWordLength = 75,
                                    int maxWordLength = 75);

    // An unstructured header value (Subject): printable ASCII words stay as they are, runs of
    // words that need it become encoded words. CR and LF become spaces.
    static QByteArray encodeUnstructured(QStringView text, int firstWordLength = 75);
};
