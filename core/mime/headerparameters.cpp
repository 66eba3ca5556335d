#include "headerparameters.h"
#include "mime/hexdigit.h"

#include "charsetdecoder.h"
#include "encodedwords.h"
#include "headercursor.h"

namespace {

struct Section
{
    QByteArray bytes;
    bool extended = false;
};

QByteArray percentDecode(QByteArrayView in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == '%' && i + 2 < in.size() && hexDigitValue(in.at(i + 1)) >= 0
            && hexDigitValue(in.at(i + 2)) >= 0) {
            out.append(char(hexDigitValue(in.at(i + 1)) * 16 + hexDigitValue(in.at(i + 2))));
            i += 2;
        } else {
            out.append(in.at(i));
        }
    }
    return out;
}

// value = token / quoted-string, leniently: an unquoted value that is not a clean token
// runs to the next ";" (with spaces or tspecials inside, as broken mailers write them).
QByteArray readValue(HeaderCursor &cur, bool *quoted)
{
    cur.skipCfws();
    *quoted = false;
    if (cur.peek() == '"') {
        *quoted = true;
        return cur.readQuotedString();
    }
    const qsizetype start = cur.position();
    const QByteArray token = cur.readToken();
    const qsizetype afterToken = cur.position();
    cur.skipWhitespace();
    if (cur.atEnd() || cur.peek() == ';' || cur.peek() == '(') {
        cur.setPosition(afterToken);
        return token;
    }
    cur.setPosition(start);
    while (!cur.atEnd() && cur.peek() != ';')
        cur.advance();
    return cur.data().sliced(start, cur.position() - start).trimmed().toByteArray();
}

} // namespace

// content = type "/" subtype *(";" parameter)      (RFC 2045 section 5.1)
// parameter = attribute "=" value                   (RFC 2231: attribute may end in "*",
//             "*N" or "*N*" for charsets and continuations)
HeaderParameters HeaderParameters::parse(QByteArrayView headerValue)
{
    HeaderParameters result;
    HeaderCursor cur(headerValue);
    cur.skipCfws();
    const qsizetype start = cur.position();
    while (!cur.atEnd() && cur.peek() != ';' && cur.peek() != '(')
        cur.advance();
    QByteArray value = cur.data().sliced(start, cur.position() - start).toByteArray();
    value = value.simplified().toLower();
    value.replace(" ", "");
    result.m_value = value;

    QMap<QByteArray, QMap<int, Section>> sections; // RFC 2231 pieces per parameter
    QMap<QByteArray, QByteArray> plain;
    while (!cur.atEnd()) {
        cur.skipCfws();
        if (cur.consume(';'))
            continue;
        QByteArray attribute;
        while (!cur.atEnd() && cur.peek() != '=' && cur.peek() != ';') {
            attribute.append(cur.peek());
            cur.advance();
        }
        attribute = attribute.trimmed().toLower();
        if (!cur.consume('=')) {
            continue; // an attribute without a value is ignored
        }
        bool quoted = false;
        const QByteArray raw = readValue(cur, &quoted);
        if (attribute.isEmpty())
            continue;

        const qsizetype star = attribute.indexOf('*');
        if (star < 0) {
            if (!plain.contains(attribute))
                plain.insert(attribute, raw);
            continue;
        }
        const QByteArray name = attribute.left(star);
        QByteArray rest = attribute.mid(star + 1); // "", "0", "0*", "1"...
        Section section;
        int index = 0;
        if (rest.isEmpty()) {
            section.extended = true; // name*=charset'lang'value
        } else {
            if (rest.endsWith('*')) {
                section.extended = true;
                rest.chop(1);
            }
            bool ok = false;
            index = rest.toInt(&ok);
            if (!ok || index < 0 || index > 999)
                continue;
        }
        section.bytes = raw;
        if (!sections[name].contains(index))
            sections[name].insert(index, section);
    }

    for (auto it = sections.cbegin(); it != sections.cend(); ++it) {
        QByteArray charset;
        QByteArray bytes;
        int expected = 0;
        for (auto s = it.value().cbegin(); s != it.value().cend(); ++s) {
            if (s.key() != expected)
                break; // a gap ends the value (RFC 2231 section 3)
            ++expected;
            QByteArray piece = s.value().bytes;
            if (s.value().extended) {
                if (s.key() == 0) {
                    // charset'language'value; tolerate a missing language part
                    const qsizetype q1 = piece.indexOf('\'');
                    const qsizetype q2 = q1 < 0 ? -1 : piece.indexOf('\'', q1 + 1);
                    if (q2 >= 0) {
                        charset = piece.left(q1);
                        piece = piece.mid(q2 + 1);
                    }
                }
                bytes += percentDecode(piece);
            } else {
                bytes += piece;
            }
        }
        result.m_parameters.insert(it.key(), CharsetDecoder::decode(bytes, charset));
    }
    for (auto it = plain.cbegin(); it != plain.cend(); ++it) {
        if (!result.m_parameters.contains(it.key()))
            result.m_parameters.insert(it.key(), EncodedWords::decode(it.value()));
    }
    return result;
}

bool HeaderParameters::hasParameter(QByteArrayView name) const
{
    return m_parameters.contains(name.toByteArray().toLower());
}

QString HeaderParameters::parameter(QByteArrayView name) const
{
    return m_parameters.value(name.toByteArray().toLower());
}

QByteArray HeaderParameters::quoteIfNeeded(QByteArrayView value)
{
    bool token = !value.isEmpty();
    for (char c : value) {
        if (!HeaderCursor::isTokenChar(c))
            token = false;
    }
    if (token)
        return value.toByteArray();
    QByteArray out = "\"";
    for (char c : value) {
        if (c == '\r' || c == '\n')
            continue;
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

QByteArray HeaderParameters::encodeParameter(QByteArrayView name, QStringView value,
                                             int sectionLength)
{
    QString clean = value.toString();
    clean.remove(u'\r');
    clean.remove(u'\n');
    bool ascii = true;
    for (QChar c : clean) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            ascii = false;
    }
    if (ascii && clean.size() + name.size() + 3 <= sectionLength + 10)
        return name.toByteArray() + '=' + quoteIfNeeded(clean.toLatin1());

    // attribute-char per RFC 2231: token characters except "*", "'" and "%".
    auto isAttributeChar = [](char c) {
        return HeaderCursor::isTokenChar(c) && c != '*' && c != '\'' && c != '%';
    };
    static const char hex[] = "0123456789ABCDEF";
    QList<QByteArray> pieces;
    QByteArray current = "utf-8''";
    qsizetype i = 0;
    while (i < clean.size()) {
        qsizetype len = 1;
        if (clean.at(i).isHighSurrogate() && i + 1 < clean.size())
            len = 2;
        const QByteArray bytes = clean.mid(i, len).toUtf8();
        QByteArray enc;
        for (char c : bytes) {
            if (isAttributeChar(c)) {
                enc.append(c);
            } else {
                const auto u = static_cast<uchar>(c);
                enc.append('%');
                enc.append(hex[u >> 4]);
                enc.append(hex[u & 0xf]);
            }
        }
        if (current.size() + enc.size() > sectionLength && !current.isEmpty()
            && current != "utf-8''") {
            pieces.append(current);
            current.clear();
        }
        current += enc;
        i += len;
    }
    pieces.append(current);
    if (pieces.size() == 1)
        return name.toByteArray() + "*=" + pieces.first();
    QByteArray out;
    for (qsizetype n = 0; n < pieces.size(); ++n) {
        if (n > 0)
            out += "; ";
        out += name.toByteArray() + '*' + QByteArray::number(n) + "*=" + pieces.at(n);
    }
    return out;
}
