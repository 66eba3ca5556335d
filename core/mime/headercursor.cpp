#include "headercursor.h"

bool HeaderCursor::consume(char c)
{
    if (atEnd() || peek() != c)
        return false;
    ++m_pos;
    return true;
}

void HeaderCursor::skipWhitespace()
{
    while (!atEnd() && isWhitespace(peek()))
        ++m_pos;
}

void HeaderCursor::skipCfws(QByteArray *lastComment)
{
    for (;;) {
        skipWhitespace();
        if (peek() != '(')
            return;
        const QByteArray comment = readComment();
        if (lastComment)
            *lastComment = comment;
    }
}

QByteArray HeaderCursor::readComment()
{
    QByteArray out;
    if (!consume('('))
        return out;
    int depth = 1;
    while (!atEnd()) {
        const char c = m_data.at(m_pos++);
        if (c == '\\' && !atEnd()) {
            out.append(m_data.at(m_pos++));
        } else if (c == '(') {
            ++depth;
            out.append(c);
        } else if (c == ')') {
            if (--depth == 0)
                break;
            out.append(c);
        } else if (c == '\r' || c == '\n') {
            continue;
        } else {
            out.append(c);
        }
    }
    return out;
}

QByteArray HeaderCursor::readQuotedString()
{
    QByteArray out;
    if (!consume('"'))
        return out;
    while (!atEnd()) {
        const char c = m_data.at(m_pos++);
        if (c == '"')
            break;
        if (c == '\\' && !atEnd()) {
            out.append(m_data.at(m_pos++));
        } else if (c == '\r' || c == '\n') {
            continue; // folding inside the quotes: the CRLF goes, the WSP stays
        } else {
            out.append(c);
        }
    }
    return out;
}

bool HeaderCursor::isAtext(char c)
{
    const auto u = static_cast<uchar>(c);
    if (u >= 0x80)
        return true;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '/':
    case '=':
    case '?':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
        return true;
    default:
        return false;
    }
}

bool HeaderCursor::isTokenChar(char c)
{
    const auto u = static_cast<uchar>(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '<':
    case '>':
    case '@':
    case ',':
    case ';':
    case ':':
    case '\\':
    case '"':
    case '/':
    case '[':
    case ']':
    case '?':
    case '=':
        return false;
    default:
        return true;
    }
}

QByteArray HeaderCursor::readAtom(QByteArrayView extra)
{
    const qsizetype start = m_pos;
    while (!atEnd() && (isAtext(peek()) || extra.contains(peek())))
        ++m_pos;
    return m_data.sliced(start, m_pos - start).toByteArray();
}

QByteArray HeaderCursor::readToken()
{
    const qsizetype start = m_pos;
    while (!atEnd() && isTokenChar(peek()))
        ++m_pos;
    return m_data.sliced(start, m_pos - start).toByteArray();
}
