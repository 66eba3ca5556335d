#include "transferencoding.h"
#include "mime/hexdigit.h"

namespace {

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62; // "-" and "_": the URL-safe alphabet, seen from some webmail
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

} // namespace

TransferEncoding::Kind TransferEncoding::fromHeader(QByteArrayView value)
{
    const QByteArray v = value.trimmed().toByteArray().toLower();
    if (v == "quoted-printable")
        return Kind::QuotedPrintable;
    if (v == "base64")
        return Kind::Base64;
    if (v == "8bit")
        return Kind::EightBit;
    if (v == "binary")
        return Kind::Binary;
    return Kind::SevenBit;
}

QByteArray TransferEncoding::headerValue(Kind kind)
{
    switch (kind) {
    case Kind::SevenBit:
        return "7bit";
    case Kind::EightBit:
        return "8bit";
    case Kind::Binary:
        return "binary";
    case Kind::QuotedPrintable:
        return "quoted-printable";
    case Kind::Base64:
        return "base64";
    }
    return "7bit";
}

QByteArray TransferEncoding::decode(QByteArrayView body, Kind kind)
{
    switch (kind) {
    case Kind::QuotedPrintable:
        return decodeQuotedPrintable(body);
    case Kind::Base64:
        return decodeBase64(body);
    case Kind::SevenBit:
    case Kind::EightBit:
    case Kind::Binary:
        break;
    }
    return body.toByteArray();
}

QByteArray TransferEncoding::decodeBase64(QByteArrayView body)
{
    QByteArray out;
    out.reserve(body.size() * 3 / 4 + 3);
    quint32 bits = 0;
    int count = 0; // sextets in the current quantum
    for (char c : body) {
        if (c == '=') {
            // Padding ends the quantum: keep the whole bytes it carries, then start afresh.
            if (count == 2) {
                out.append(char((bits >> 4) & 0xff));
            } else if (count == 3) {
                out.append(char((bits >> 10) & 0xff));
                out.append(char((bits >> 2) & 0xff));
            }
            bits = 0;
            count = 0;
            continue;
        }
        const int v = base64Value(c);
        if (v < 0)
            continue;
        bits = (bits << 6) | quint32(v);
        if (++count == 4) {
            out.append(char((bits >> 16) & 0xff));
            out.append(char((bits >> 8) & 0xff));
            out.append(char(bits & 0xff));
            bits = 0;
            count = 0;
        }
    }
    if (count == 2) {
        out.append(char((bits >> 4) & 0xff));
    } else if (count == 3) {
        out.append(char((bits >> 10) & 0xff));
        out.append(char((bits >> 2) & 0xff));
    }
    return out;
}

QByteArray TransferEncoding::decodeQuotedPrintable(QByteArrayView body)
{
    QByteArray out;
    out.reserve(body.size());
    const qsizetype n = body.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = body.at(i);
        if (c == '=') {
            // Soft line break: "=" then optional blanks, then CRLF or LF (or the end).
            qsizetype j = i + 1;
            while (j < n && isBlank(body.at(j)))
                ++j;
            if (j == n) {
                i = j;
                continue;
            }
            if (body.at(j) == '\n' || (body.at(j) == '\r' && j + 1 < n && body.at(j + 1) == '\n')) {
                i = j + (body.at(j) == '\r' ? 2 : 1);
                continue;
            }
            if (i + 2 < n && hexDigitValue(body.at(i + 1)) >= 0
                && hexDigitValue(body.at(i + 2)) >= 0) {
                out.append(char(hexDigitValue(body.at(i + 1)) * 16 + hexDigitValue(body.at(i + 2))));
                i += 3;
                continue;
            }
            out.append(c); // malformed escape: pass through
            ++i;
            continue;
        }
        if (isBlank(c)) {
            // Trailing blanks before a line end were added in transport: drop them.
            qsizetype j = i;
            while (j < n && isBlank(body.at(j)))
                ++j;
            if (j == n || body.at(j) == '\n' || body.at(j) == '\r') {
                i = j;
                continue;
            }
            out.append(body.sliced(i, j - i).toByteArray());
            i = j;
            continue;
        }
        out.append(c);
        ++i;
    }
    return out;
}

QByteArray TransferEncoding::encodeBase64Lines(QByteArrayView data)
{
    QByteArray out;
    out.reserve((data.size() + 2) / 3 * 4 + data.size() / 57 * 2 + 2);
    for (qsizetype pos = 0; pos < data.size(); pos += 57) {
        out += data.sliced(pos, qMin(qsizetype(57), data.size() - pos)).toByteArray().toBase64();
        out += "\r\n";
    }
    return out;
}

QByteArray TransferEncoding::encodeQuotedPrintable(QByteArrayView text)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(text.size() + text.size() / 8);
    qsizetype lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype lineEnd = text.indexOf("\r\n", lineStart);
        const bool last = lineEnd < 0;
        if (last)
            lineEnd = text.size();
        const QByteArrayView line = text.sliced(lineStart, lineEnd - lineStart);
        qsizetype column = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const char c = line.at(i);
            const auto u = static_cast<uchar>(c);
            const bool atLineEnd = i + 1 == line.size();
            bool escape = u >= 0x7f || (u < 0x20 && c != '\t') || c == '=';
            if (isBlank(c) && atLineEnd)
                escape = true;
            if (i == 0 && c == '.')
                escape = true;
            if (i == 0 && c == 'F' && line.startsWith("From "))
                escape = true;
            const int width = escape ? 3 : 1;
            // Keep room for the "=" of a soft break unless this is the line's last char.
            if (column + width > (atLineEnd ? 76 : 75)) {
                out += "=\r\n";
                column = 0;
            }
            if (escape) {
                out += '=';
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
            column += width;
        }
        if (last)
            break;
        out += "\r\n";
        lineStart = lineEnd + 2;
    }
    return out;
}
