#include "imapcommandbuilder.h"

#include <QStringDecoder>

ImapCommandBuilder::ImapCommandBuilder(Options options)
    : m_options(options)
{ }

void ImapCommandBuilder::separate()
{
    if (m_needSpace)
        m_parts.last() += ' ';
    m_needSpace = true;
}

ImapCommandBuilder &ImapCommandBuilder::atom(QByteArrayView atom)
{
    separate();
    m_parts.last() += atom;
    return *this;
}

ImapCommandBuilder &ImapCommandBuilder::number(quint64 n)
{
    return atom(QByteArray::number(n));
}

ImapCommandBuilder &ImapCommandBuilder::raw(QByteArrayView bytes)
{
    return atom(bytes);
}

bool ImapCommandBuilder::isAtom(QByteArrayView bytes)
{
    // ASTRING-CHAR = ATOM-CHAR / "]"; ATOM-CHAR excludes ( ) { SP CTL % * " \ and 8-bit.
    if (bytes.isEmpty())
        return false;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f)
            return false;
        switch (c) {
        case '(':
        case ')':
        case '{':
        case '%':
        case '*':
        case '"':
        case '\\':
            return false;
        default:
            break;
        }
    }
    return !(bytes.size() == 3 && bytes.toByteArray().toUpper() == "NIL");
}

bool ImapCommandBuilder::fitsQuoted(QByteArrayView bytes) const
{
    if (bytes.size() > 1000)
        return false;
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\0' || c == '\r' || c == '\n')
            return false;
        if (u >= 0x80 && !m_options.utf8Accept)
            return false;
    }
    return true;
}

QByteArray ImapCommandBuilder::quoted(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size() + 2);
    out += '"';
    for (char c : bytes) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '"';
    return out;
}

ImapCommandBuilder &ImapCommandBuilder::astring(QByteArrayView bytes)
{
    if (isAtom(bytes))
        return atom(bytes);
    return string(bytes);
}

ImapCommandBuilder &ImapCommandBuilder::string(QByteArrayView bytes)
{
    if (fitsQuoted(bytes))
        return atom(quoted(bytes));
    return literal(bytes);
}

ImapCommandBuilder &ImapCommandBuilder::literal(QByteArrayView bytes, bool binary)
{
    separate();
    const bool nonSync = m_options.literalMode == LiteralMode::NonSynchronizing
                         || (m_options.literalMode == LiteralMode::NonSynchronizingUpTo4k
                             && bytes.size() <= 4096);
    QByteArray &current = m_parts.last();
    if (binary)
        current += '~';
    current += '{' + QByteArray::number(bytes.size()) + (nonSync ? "+}\r\n" : "}\r\n");
    if (nonSync) {
        current += bytes;
    } else {
        m_parts.append(bytes.toByteArray());
    }
    return *this;
}

ImapCommandBuilder &ImapCommandBuilder::fileLiteral(QByteArrayView prefix, const QString &path,
                                                    qint64 fileSize)
{
    separate();
    const qint64 size = prefix.size() + fileSize;
    const bool nonSync = m_options.literalMode == LiteralMode::NonSynchronizing
                         || (m_options.literalMode == LiteralMode::NonSynchronizingUpTo4k
                             && size <= 4096);
    m_parts.last() += '{' + QByteArray::number(size) + (nonSync ? "+}\r\n" : "}\r\n");
    if (nonSync)
        m_parts.last() += prefix;
    else
        m_parts.append(prefix.toByteArray());
    m_fileLiteral = {m_parts.size() - 1, m_parts.last().size(), path, fileSize};
    return *this;
}

ImapCommandBuilder &ImapCommandBuilder::mailbox(const QString &name)
{
    if (m_options.utf8Accept)
        return astring(name.toUtf8());
    return astring(encodeMailboxName(name));
}

ImapCommandBuilder &ImapCommandBuilder::sequenceSet(const UidSet &set)
{
    return atom(set.toString());
}

ImapCommandBuilder &ImapCommandBuilder::beginList()
{
    separate();
    m_parts.last() += '(';
    m_needSpace = false;
    return *this;
}

ImapCommandBuilder &ImapCommandBuilder::endList()
{
    m_parts.last() += ')';
    m_needSpace = true;
    return *this;
}

ImapCommand ImapCommandBuilder::build() const
{
    QList<QByteArray> parts = m_parts;
    parts.last() += "\r\n";
    ImapCommand command(std::move(parts));
    command.setFileLiteral(m_fileLiteral);
    return command;
}

namespace {

const char base64Chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64Value(char c)
{
    for (int i = 0; i < 64; ++i) {
        if (base64Chars[i] == c)
            return i;
    }
    return -1;
}

} // namespace

QByteArray ImapCommandBuilder::encodeMailboxName(const QString &name)
{
    // Printable US-ASCII except '&' stands for itself; '&' is "&-"; other characters are
    // UTF-16 in modified base64 ('/' written ','), between '&' and '-'.
    QByteArray out;
    QList<char16_t> pending;
    auto flush = [&]() {
        if (pending.isEmpty())
            return;
        out += '&';
        quint32 bits = 0;
        int bitCount = 0;
        for (char16_t unit : std::as_const(pending)) {
            bits = (bits << 16) | unit;
            bitCount += 16;
            while (bitCount >= 6) {
                bitCount -= 6;
                out += base64Chars[(bits >> bitCount) & 0x3f];
            }
        }
        if (bitCount > 0)
            out += base64Chars[(bits << (6 - bitCount)) & 0x3f];
        out += '-';
        pending.clear();
    };
    for (QChar ch : name) {
        const char16_t u = ch.unicode();
        if (u >= 0x20 && u <= 0x7e) {
            flush();
            if (u == '&')
                out += "&-";
            else
                out += char(u);
        } else {
            pending.append(u);
        }
    }
    flush();
    return out;
}

QString ImapCommandBuilder::decodeMailboxName(QByteArrayView name, bool utf8Accept)
{
    if (utf8Accept)
        return QString::fromUtf8(name);
    QString out;
    bool valid = true;
    for (qsizetype i = 0; i < name.size() && valid; ++i) {
        const char c = name.at(i);
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            valid = false;
            break;
        }
        if (c != '&') {
            out += QLatin1Char(c);
            continue;
        }
        const qsizetype end = name.indexOf('-', i + 1);
        if (end < 0) {
            valid = false;
            break;
        }
        if (end == i + 1) {
            out += QLatin1Char('&');
            i = end;
            continue;
        }
        quint32 bits = 0;
        int bitCount = 0;
        QString chunk;
        for (qsizetype k = i + 1; k < end; ++k) {
            const int v = base64Value(name.at(k));
            if (v < 0) {
                valid = false;
                break;
            }
            bits = (bits << 6) | quint32(v);
            bitCount += 6;
            if (bitCount >= 16) {
                bitCount -= 16;
                chunk += QChar(char16_t((bits >> bitCount) & 0xffff));
            }
        }
        // Leftover bits must be zero padding, and the chunk must hold whole UTF-16 text.
        if (!valid || (bits & ((1u << bitCount) - 1)) != 0 || chunk.isEmpty())
            valid = false;
        out += chunk;
        i = end;
    }
    if (!valid)
        return QString::fromUtf8(name);
    return out;
}
