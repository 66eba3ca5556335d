#include "imaplexer.h"

#include <vector>

namespace {

bool isAtomByte(char c, bool stopAtBracket)
{
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '{':
    case '"':
        return false;
    case ']':
        return !stopAtBracket;
    default:
        return true;
    }
}

} // namespace

ImapLexer::ImapLexer(QByteArrayView input)
    : m_input(input)
{ }

void ImapLexer::fail(const QByteArray &message)
{
    if (m_error.isEmpty())
        m_error = message + " at offset " + QByteArray::number(m_pos);
}

bool ImapLexer::atLineEnd() const
{
    if (m_pos >= m_input.size())
        return true;
    const char c = m_input.at(m_pos);
    return c == '\n' || (c == '\r' && m_pos + 1 < m_input.size() && m_input.at(m_pos + 1) == '\n');
}

bool ImapLexer::skipSpace()
{
    if (!ok() || peek() != ' ')
        return false;
    while (peek() == ' ')
        ++m_pos;
    return true;
}

bool ImapLexer::consume(char c)
{
    if (!ok() || m_pos >= m_input.size() || m_input.at(m_pos) != c)
        return false;
    ++m_pos;
    return true;
}

bool ImapLexer::consumeText(QByteArrayView text)
{
    if (!ok() || !m_input.sliced(m_pos).startsWith(text))
        return false;
    m_pos += text.size();
    return true;
}

QByteArray ImapLexer::readAtom(bool stopAtBracket)
{
    return readAtomView(stopAtBracket).toByteArray();
}

QByteArrayView ImapLexer::readAtomView(bool stopAtBracket)
{
    if (!ok())
        return QByteArrayView();
    const qsizetype start = m_pos;
    // Plain atom bytes first, over local variables; sections take the loop below.
    const char *data = m_input.data();
    const qsizetype size = m_input.size();
    qsizetype end = m_pos;
    while (end < size && data[end] != '[' && isAtomByte(data[end], stopAtBracket))
        ++end;
    m_pos = end;
    while (m_pos < m_input.size()) {
        const char c = m_input.at(m_pos);
        if (c == '[') {
            // A section: everything up to the matching ']' belongs to the atom.
            int depth = 0;
            while (m_pos < m_input.size()) {
                const char d = m_input.at(m_pos);
                if (d == '\r' || d == '\n' || d == '\0')
                    break;
                ++m_pos;
                if (d == '[')
                    ++depth;
                else if (d == ']' && --depth == 0)
                    break;
            }
            if (depth != 0) {
                fail("unterminated section");
                return QByteArrayView();
            }
            if (peek() == '<') {
                const qsizetype close = m_input.indexOf('>', m_pos);
                if (close < 0) {
                    fail("unterminated partial range");
                    return QByteArrayView();
                }
                m_pos = close + 1;
            }
            continue;
        }
        if (!isAtomByte(c, stopAtBracket))
            break;
        ++m_pos;
    }
    if (m_pos == start) {
        if (m_pos < m_input.size() && m_input.at(m_pos) == '\0')
            fail("NUL byte outside a literal");
        else
            fail("expected an atom");
        return QByteArrayView();
    }
    return m_input.sliced(start, m_pos - start);
}

QByteArray ImapLexer::readQuoted()
{
    // quoted = DQUOTE *QUOTED-CHAR DQUOTE, with \" and \\ escapes. Most strings have no
    // escape: they are copied in one piece.
    ++m_pos;
    const qsizetype start = m_pos;
    // Most strings: one scan over local variables to the closing quote.
    const char *data = m_input.data();
    const qsizetype size = m_input.size();
    qsizetype end = start;
    while (end < size) {
        const char c = data[end];
        if (c == '"' || c == '\\' || c == '\r' || c == '\n' || c == '\0')
            break;
        ++end;
    }
    if (end < size && data[end] == '"') {
        m_pos = end + 1;
        // An empty string stays a null QByteArray, as it always was here.
        return end > start ? QByteArray(data + start, end - start) : QByteArray();
    }
    QByteArray out;
    bool escaped = false;
    while (m_pos < m_input.size()) {
        char c = m_input.at(m_pos);
        if (c == '"') {
            // An empty string stays a null QByteArray, as it always was here.
            if (!escaped && m_pos > start)
                out = m_input.sliced(start, m_pos - start).toByteArray();
            ++m_pos;
            return out;
        }
        if (c == '\r' || c == '\n' || c == '\0') {
            fail("CR, LF or NUL inside a quoted string");
            return QByteArray();
        }
        if (c == '\\') {
            if (!escaped) {
                escaped = true;
                out = m_input.sliced(start, m_pos - start).toByteArray();
            }
            if (++m_pos >= m_input.size())
                break;
            c = m_input.at(m_pos);
            if (c == '\r' || c == '\n' || c == '\0') {
                fail("CR, LF or NUL inside a quoted string");
                return QByteArray();
            }
        }
        if (escaped)
            out += c;
        ++m_pos;
    }
    fail("unterminated quoted string");
    return QByteArray();
}

QByteArray ImapLexer::readLiteral()
{
    // literal = "{" number ["+"] "}" CRLF *CHAR8 ; literal8 has a leading "~".
    if (peek() == '~')
        ++m_pos;
    ++m_pos; // '{'
    quint64 size = 0;
    int digits = 0;
    while (m_pos < m_input.size() && m_input.at(m_pos) >= '0' && m_input.at(m_pos) <= '9') {
        if (++digits > 18) {
            fail("literal size too large");
            return QByteArray();
        }
        size = size * 10 + quint64(m_input.at(m_pos) - '0');
        ++m_pos;
    }
    if (digits == 0) {
        fail("literal without a size");
        return QByteArray();
    }
    consume('+');
    if (!consume('}')) {
        fail("malformed literal announcement");
        return QByteArray();
    }
    consume('\r');
    if (!consume('\n')) {
        fail("literal announcement not followed by a line end");
        return QByteArray();
    }
    if (size > quint64(m_input.size() - m_pos)) {
        fail("literal longer than the response");
        return QByteArray();
    }
    const QByteArray data = m_input.sliced(m_pos, qsizetype(size)).toByteArray();
    m_pos += qsizetype(size);
    return data;
}

bool ImapLexer::readPlainQuoted(QByteArrayView *out)
{
    if (!ok() || peek() != '"')
        return false;
    const char *data = m_input.data();
    const qsizetype size = m_input.size();
    const qsizetype start = m_pos + 1;
    qsizetype end = start;
    while (end < size) {
        const char c = data[end];
        if (c == '"')
            break;
        if (c == '\\' || c == '\r' || c == '\n' || c == '\0')
            return false;
        ++end;
    }
    if (end >= size)
        return false;
    *out = m_input.sliced(start, end - start);
    m_pos = end + 1;
    return true;
}

bool ImapLexer::readPlainNumber(quint64 *out)
{
    const char first = peek();
    if (first < '0' || first > '9')
        return false;
    const QByteArrayView digits = readAtomView();
    return ok() && ImapValue::parseNumber(digits, out);
}

bool ImapLexer::readNString(QByteArray *out)
{
    if (!ok())
        return false;
    const char c = peek();
    if (c == '"') {
        QByteArray s = readQuoted();
        if (!ok())
            return false;
        *out = std::move(s);
        return true;
    }
    if (c == '{' || (c == '~' && m_pos + 1 < m_input.size() && m_input.at(m_pos + 1) == '{')) {
        QByteArray s = readLiteral();
        if (!ok())
            return false;
        *out = std::move(s);
        return true;
    }
    if (readNil()) {
        *out = QByteArray();
        return true;
    }
    return false;
}

bool ImapLexer::readNil()
{
    // NIL, as readValueAt() reads it: a three-letter atom.
    const char c = peek();
    if (!ok() || m_pos + 3 > m_input.size() || (c != 'N' && c != 'n'))
        return false;
    const bool ends = m_pos + 3 == m_input.size() || !isAtomByte(m_input.at(m_pos + 3), false);
    if (!ends || m_input.sliced(m_pos, 3).compare("NIL", Qt::CaseInsensitive) != 0)
        return false;
    m_pos += 3;
    return true;
}

ImapValue ImapLexer::readValue(bool stopAtBracket)
{
    return readValueAt(0, stopAtBracket);
}

ImapValue ImapLexer::readValueAt(int depth, bool stopAtBracket)
{
    if (!ok())
        return ImapValue();
    if (depth > MaxDepth) {
        fail("lists nested too deeply");
        return ImapValue();
    }
    if (atLineEnd()) {
        fail("unexpected end of line");
        return ImapValue();
    }
    const char c = peek();
    if (c == '(') {
        ++m_pos;
        // The items of every open list collect on one stack per thread; a list that closes
        // takes its own in a single allocation of the right size instead of growing a QList
        // item by item.
        thread_local std::vector<ImapValue> open;
        const size_t first = open.size();
        while (ok()) {
            while (peek() == ' ')
                ++m_pos;
            if (consume(')')) {
                QList<ImapValue> items;
                items.reserve(qsizetype(open.size() - first));
                for (size_t i = first; i < open.size(); ++i)
                    items.append(std::move(open[i]));
                open.resize(first);
                return ImapValue::list(std::move(items));
            }
            if (atLineEnd()) {
                fail("unbalanced parenthesis");
                break;
            }
            ImapValue item = readValueAt(depth + 1, false);
            open.push_back(std::move(item));
        }
        open.resize(first);
        return ImapValue();
    }
    if (c == ')') {
        fail("unexpected ')'");
        return ImapValue();
    }
    if (c == '"') {
        QByteArray s = readQuoted();
        return ok() ? ImapValue::string(std::move(s)) : ImapValue();
    }
    if (c == '{' || (c == '~' && m_pos + 1 < m_input.size() && m_input.at(m_pos + 1) == '{')) {
        QByteArray s = readLiteral();
        return ok() ? ImapValue::string(std::move(s), true) : ImapValue();
    }
    // NIL is recognised in place: it is most of the atoms of ENVELOPE and BODYSTRUCTURE, and
    // needs no copy.
    const QByteArrayView a = readAtomView(stopAtBracket);
    if (!ok())
        return ImapValue();
    if (a.size() == 3 && a.compare("NIL", Qt::CaseInsensitive) == 0)
        return ImapValue::nil();
    return ImapValue::atom(a.toByteArray());
}

QList<ImapValue> ImapLexer::readValues(bool stopAtBracket)
{
    QList<ImapValue> out;
    while (ok()) {
        while (peek() == ' ')
            ++m_pos;
        if (atLineEnd() || (stopAtBracket && peek() == ']'))
            break;
        out.append(readValueAt(0, stopAtBracket));
    }
    return out;
}

QByteArray ImapLexer::readText()
{
    if (!ok())
        return QByteArray();
    const qsizetype start = m_pos;
    while (!atLineEnd())
        ++m_pos;
    QByteArray text = m_input.sliced(start, m_pos - start).toByteArray();
    if (text.contains('\0')) {
        fail("NUL byte in text");
        return QByteArray();
    }
    return text;
}

void ImapLexer::expectLineEnd()
{
    if (!ok())
        return;
    while (peek() == ' ')
        ++m_pos;
    if (m_pos >= m_input.size()) {
        fail("missing line end");
        return;
    }
    if (!atLineEnd()) {
        fail("unexpected data before the line end");
        return;
    }
    consume('\r');
    consume('\n');
    if (m_pos != m_input.size())
        fail("data after the line end");
}
