#pragma once

#include <QByteArray>
#include <QByteArrayView>

// Content-Transfer-Encoding (RFC 2045 section 6): decoding tolerant of what real mail does
// wrong, and encoding for the message builder.
class TransferEncoding
{
public:
    enum class Kind { SevenBit, EightBit, Binary, QuotedPrintable, Base64 };

    // Unknown or missing values read as 7bit (the body is passed through).
    static Kind fromHeader(QByteArrayView value);
    static QByteArray headerValue(Kind kind);

    static QByteArray decode(QByteArrayView body, Kind kind);
    // Skips every byte outside the alphabet, restarts after "=" padding (concatenated
    // base64 blocks), drops a dangling incomplete quantum.
    static QByteArray decodeBase64(QByteArrayView body);
    // Soft line breaks (also with trailing blanks before the line end), lower-case hex, and
    // malformed escapes passed through as they are.
    static QByteArray decodeQuotedPrintable(QByteArrayView body);

    // Base64 in lines of 76 characters, each ending in CRLF.
    static QByteArray encodeBase64Lines(QByteArrayView data);
    // Quoted-printable of text whose lines end in CRLF: lines of at most 76 characters with
    // soft breaks, trailing blanks and a leading "From " or "." protected.
    static QByteArray encodeQuotedPrintable(QByteArrayView text);
};
