#include "csstokenizer.h"

namespace {

constexpr char32_t endOfInput = 0xFFFFFFFF;

bool isHexDigit(char32_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

int hexValue(char32_t c)
{
    if (c >= u'0' && c <= u'9')
        return int(c - u'0');
    if (c >= u'a' && c <= u'f')
        return int(c - u'a' + 10);
    return int(c - u'A' + 10);
}

bool isDigit(char32_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isNewline(char32_t c)
{
    return c == u'\n' || c == u'\r' || c == u'\f';
}

bool isWhitespace(char32_t c)
{
    return isNewline(c) || c == u' ' || c == u'\t';
}

// Section 4.2: ident-start code point (letters, "_", non-ASCII) and ident code point.
bool isIdentStart(char32_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_'
           || (c >= 0x80 && c != endOfInput);
}

bool isIdentChar(char32_t c)
{
    return isIdentStart(c) || isDigit(c) || c == u'-';
}

bool isNonPrintable(char32_t c)
{
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
}

void appendCodePoint(QString *out, char32_t c)
{
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        c = 0xFFFD;
    if (QChar::requiresSurrogates(c)) {
        out->append(QChar(QChar::highSurrogate(c)));
        out->append(QChar(QChar::lowSurrogate(c)));
    } else {
        out->append(QChar(char16_t(c)));
    }
}

} // namespace

// The code point at pos (a surrogate pair read as one), or endOfInput.
char32_t CssTokenizer::at(qsizetype pos) const
{
    if (pos >= m_css.size())
        return endOfInput;
    const QChar c = m_css[pos];
    if (c.isHighSurrogate() && pos + 1 < m_css.size() && m_css[pos + 1].isLowSurrogate())
        return QChar::surrogateToUcs4(c, m_css[pos + 1]);
    return c.unicode();
}

// How many UTF-16 units the code point at pos takes.
static qsizetype widthOf(char32_t c)
{
    return QChar::requiresSurrogates(c) ? 2 : 1;
}

qsizetype CssTokenizer::lineBreakLength(qsizetype pos) const
{
    if (at(pos) == u'\r' && at(pos + 1) == u'\n')
        return 2;
    return isNewline(at(pos)) ? 1 : 0;
}

// Section 4.3.8: a backslash not followed by a line break.
bool CssTokenizer::isValidEscape(qsizetype pos) const
{
    return at(pos) == u'\\' && !isNewline(at(pos + 1)) && at(pos + 1) != endOfInput;
}

// Section 4.3.9: would an ident sequence start here?
bool CssTokenizer::startsIdent(qsizetype pos) const
{
    const char32_t c = at(pos);
    if (c == u'-') {
        const char32_t next = at(pos + 1);
        return isIdentStart(next) || next == u'-' || isValidEscape(pos + 1);
    }
    if (isIdentStart(c))
        return true;
    return isValidEscape(pos);
}

// Section 4.3.10: would a number start here?
bool CssTokenizer::startsNumber(qsizetype pos) const
{
    char32_t c = at(pos);
    if (c == u'+' || c == u'-') {
        ++pos;
        c = at(pos);
    }
    if (isDigit(c))
        return true;
    return c == u'.' && isDigit(at(pos + 1));
}

// Section 4.3.7, m_pos just past the backslash.
char32_t CssTokenizer::consumeEscape()
{
    const char32_t c = at(m_pos);
    if (c == endOfInput)
        return 0xFFFD;
    if (!isHexDigit(c)) {
        m_pos += widthOf(c);
        return c;
    }
    char32_t value = 0;
    for (int n = 0; n < 6 && isHexDigit(at(m_pos)); ++n)
        value = value * 16 + char32_t(hexValue(at(m_pos++)));
    if (isWhitespace(at(m_pos)))
        m_pos += lineBreakLength(m_pos) ? lineBreakLength(m_pos) : 1;
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
        return 0xFFFD;
    return value;
}

// Section 4.3.11.
QString CssTokenizer::consumeName()
{
    QString name;
    for (;;) {
        const char32_t c = at(m_pos);
        if (isIdentChar(c)) {
            appendCodePoint(&name, c);
            m_pos += widthOf(c);
        } else if (isValidEscape(m_pos)) {
            ++m_pos;
            appendCodePoint(&name, consumeEscape());
        } else {
            return name;
        }
    }
}

// Section 4.3.12 (the value is not needed: the source text is what is kept).
void CssTokenizer::consumeNumber()
{
    if (at(m_pos) == u'+' || at(m_pos) == u'-')
        ++m_pos;
    while (isDigit(at(m_pos)))
        ++m_pos;
    if (at(m_pos) == u'.' && isDigit(at(m_pos + 1))) {
        m_pos += 2;
        while (isDigit(at(m_pos)))
            ++m_pos;
    }
    const char32_t e = at(m_pos);
    if (e == u'e' || e == u'E') {
        qsizetype k = m_pos + 1;
        if (at(k) == u'+' || at(k) == u'-')
            ++k;
        if (isDigit(at(k))) {
            m_pos = k;
            while (isDigit(at(m_pos)))
                ++m_pos;
        }
    }
}

// Section 4.3.3.
CssTokenizer::Token CssTokenizer::consumeNumeric(qsizetype start)
{
    consumeNumber();
    if (startsIdent(m_pos)) {
        const QString unit = consumeName();
        return make(Token::Kind::Dimension, start, unit);
    }
    if (at(m_pos) == u'%') {
        ++m_pos;
        return make(Token::Kind::Percentage, start);
    }
    return make(Token::Kind::Number, start);
}

// Section 4.3.4.
CssTokenizer::Token CssTokenizer::consumeIdentLike(qsizetype start)
{
    const QString name = consumeName();
    if (name.compare(QLatin1StringView("url"), Qt::CaseInsensitive) == 0 && at(m_pos) == u'(') {
        ++m_pos;
        qsizetype k = m_pos;
        while (isWhitespace(at(k)) && isWhitespace(at(k + 1)))
            ++k;
        const char32_t c = at(k);
        const char32_t afterSpace = isWhitespace(c) ? at(k + 1) : c;
        if (afterSpace == u'"' || afterSpace == u'\'') {
            m_pos = k;
            return make(Token::Kind::Function, start, name);
        }
        return consumeUrl(start);
    }
    if (at(m_pos) == u'(') {
        ++m_pos;
        return make(Token::Kind::Function, start, name);
    }
    return make(Token::Kind::Ident, start, name);
}

// Section 4.3.5, m_pos just past the opening quote.
CssTokenizer::Token CssTokenizer::consumeString(qsizetype start, char32_t quote)
{
    QString value;
    for (;;) {
        const char32_t c = at(m_pos);
        if (c == endOfInput)
            return make(Token::Kind::String, start, value); // parse error, still a string
        if (c == quote) {
            ++m_pos;
            return make(Token::Kind::String, start, value);
        }
        if (isNewline(c))
            return make(Token::Kind::BadString, start, value); // the line break is not its
        if (c == u'\\') {
            if (at(m_pos + 1) == endOfInput) {
                ++m_pos;
                continue;
            }
            if (const qsizetype n = lineBreakLength(m_pos + 1)) {
                m_pos += 1 + n; // an escaped line break continues the string
                continue;
            }
            ++m_pos;
            appendCodePoint(&value, consumeEscape());
            continue;
        }
        appendCodePoint(&value, c);
        m_pos += widthOf(c);
    }
}

// Section 4.3.6, m_pos just past "url(".
CssTokenizer::Token CssTokenizer::consumeUrl(qsizetype start)
{
    QString value;
    while (isWhitespace(at(m_pos)))
        ++m_pos;
    for (;;) {
        const char32_t c = at(m_pos);
        if (c == u')') {
            ++m_pos;
            return make(Token::Kind::Url, start, value);
        }
        if (c == endOfInput)
            return make(Token::Kind::Url, start, value); // parse error, still a url
        if (isWhitespace(c)) {
            while (isWhitespace(at(m_pos)))
                ++m_pos;
            if (at(m_pos) == u')' || at(m_pos) == endOfInput) {
                if (at(m_pos) == u')')
                    ++m_pos;
                return make(Token::Kind::Url, start, value);
            }
            consumeBadUrlRemnants();
            return make(Token::Kind::BadUrl, start, value);
        }
        if (c == u'"' || c == u'\'' || c == u'(' || isNonPrintable(c)) {
            consumeBadUrlRemnants();
            return make(Token::Kind::BadUrl, start, value);
        }
        if (c == u'\\') {
            if (isValidEscape(m_pos)) {
                ++m_pos;
                appendCodePoint(&value, consumeEscape());
                continue;
            }
            consumeBadUrlRemnants();
            return make(Token::Kind::BadUrl, start, value);
        }
        appendCodePoint(&value, c);
        m_pos += widthOf(c);
    }
}

// Section 4.3.14.
void CssTokenizer::consumeBadUrlRemnants()
{
    for (;;) {
        const char32_t c = at(m_pos);
        if (c == endOfInput)
            return;
        if (c == u')') {
            ++m_pos;
            return;
        }
        if (isValidEscape(m_pos)) {
            ++m_pos;
            consumeEscape();
            continue;
        }
        m_pos += widthOf(c);
    }
}

CssTokenizer::Token CssTokenizer::make(Token::Kind kind, qsizetype start, const QString &value) const
{
    Token token;
    token.kind = kind;
    token.start = start;
    token.end = m_pos;
    token.value = value;
    return token;
}

// Section 4.3.1.
CssTokenizer::Token CssTokenizer::next()
{
    const qsizetype start = m_pos;
    const char32_t c = at(m_pos);
    if (c == endOfInput)
        return make(Token::Kind::End, start);
    if (c == u'/' && at(m_pos + 1) == u'*') {
        const qsizetype close = m_css.indexOf(u"*/", m_pos + 2);
        m_pos = close < 0 ? m_css.size() : close + 2;
        return make(Token::Kind::Comment, start);
    }
    if (isWhitespace(c)) {
        while (isWhitespace(at(m_pos)))
            ++m_pos;
        return make(Token::Kind::Whitespace, start);
    }
    if (c == u'"' || c == u'\'') {
        ++m_pos;
        return consumeString(start, c);
    }
    if (c == u'#') {
        if (isIdentChar(at(m_pos + 1)) || isValidEscape(m_pos + 1)) {
            ++m_pos;
            return make(Token::Kind::Hash, start, consumeName());
        }
    } else if (c == u'+' || c == u'.') {
        if (startsNumber(m_pos))
            return consumeNumeric(start);
    } else if (c == u'-') {
        if (startsNumber(m_pos))
            return consumeNumeric(start);
        if (at(m_pos + 1) == u'-' && at(m_pos + 2) == u'>') {
            m_pos += 3;
            return make(Token::Kind::Cdc, start);
        }
        if (startsIdent(m_pos))
            return consumeIdentLike(start);
    } else if (c == u'<') {
        if (m_css.sliced(m_pos).startsWith(u"<!--")) {
            m_pos += 4;
            return make(Token::Kind::Cdo, start);
        }
    } else if (c == u'@') {
        if (startsIdent(m_pos + 1)) {
            ++m_pos;
            return make(Token::Kind::AtKeyword, start, consumeName());
        }
    } else if (c == u'\\') {
        if (isValidEscape(m_pos))
            return consumeIdentLike(start);
    } else if (isDigit(c)) {
        return consumeNumeric(start);
    } else if (isIdentStart(c)) {
        return consumeIdentLike(start);
    } else {
        Token::Kind kind = Token::Kind::Delim;
        switch (c) {
        case u'(':
            kind = Token::Kind::OpenParen;
            break;
        case u')':
            kind = Token::Kind::CloseParen;
            break;
        case u'[':
            kind = Token::Kind::OpenSquare;
            break;
        case u']':
            kind = Token::Kind::CloseSquare;
            break;
        case u'{':
            kind = Token::Kind::OpenCurly;
            break;
        case u'}':
            kind = Token::Kind::CloseCurly;
            break;
        case u':':
            kind = Token::Kind::Colon;
            break;
        case u';':
            kind = Token::Kind::Semicolon;
            break;
        case u',':
            kind = Token::Kind::Comma;
            break;
        default:
            break;
        }
        m_pos += widthOf(c);
        QString value;
        if (kind == Token::Kind::Delim)
            appendCodePoint(&value, c);
        return make(kind, start, value);
    }
    // A delim: "#", "+", ".", "-", "<", "@" or "\" that starts nothing else.
    m_pos += widthOf(c);
    QString value;
    appendCodePoint(&value, c);
    return make(Token::Kind::Delim, start, value);
}
