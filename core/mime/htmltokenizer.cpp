#include "htmltokenizer.h"

namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

} // namespace

HtmlTokenizer::Token HtmlTokenizer::next()
{
    while (m_pos < m_in.size()) {
        if (m_in[m_pos] != u'<')
            return text();
        const QChar second = m_pos + 1 < m_in.size() ? m_in[m_pos + 1] : QChar();
        if (isAsciiLetter(second)) {
            m_pos += 1;
            return tag(Token::Kind::StartTag);
        }
        const QStringView rest = m_in.mid(m_pos);
        if (second == u'/' && rest.size() > 2 && isAsciiLetter(rest[2])) {
            m_pos += 2;
            return tag(Token::Kind::EndTag);
        } else if (rest.startsWith(u"<!--")) {
            skipPast(u"-->", m_pos + 2);
        } else if (rest.startsWith(u"<![CDATA[")) {
            const qsizetype start = m_pos + 9;
            skipPast(u"]]>", start);
            Token t;
            t.kind = Token::Kind::Cdata;
            t.text = m_in.mid(start, qMax<qsizetype>(0, m_pos - 3 - start));
            return t;
        } else if (second == u'!' || second == u'?') {
            skipPast(u">", m_pos + 2);
        } else {
            Token t;
            t.kind = Token::Kind::Text;
            t.text = m_in.mid(m_pos, 1);
            ++m_pos;
            return t;
        }
    }
    return {};
}

QStringView HtmlTokenizer::rawText(QStringView name)
{
    const qsizetype start = m_pos;
    while (m_pos < m_in.size()) {
        const qsizetype lt = m_in.indexOf(u"</", m_pos);
        if (lt < 0)
            break;
        const QStringView candidate = m_in.mid(lt + 2, name.size());
        const qsizetype after = lt + 2 + name.size();
        if (candidate.compare(name, Qt::CaseInsensitive) == 0
            && (after >= m_in.size() || isBlank(m_in[after]) || m_in[after] == u'>'
                || m_in[after] == u'/')) {
            m_pos = lt;
            const QStringView content = m_in.mid(start, lt - start);
            skipPast(u">", lt);
            return content;
        }
        m_pos = lt + 2;
    }
    m_pos = m_in.size();
    return m_in.mid(start);
}

void HtmlTokenizer::skipPast(QStringView terminator, qsizetype from)
{
    const qsizetype at = m_in.indexOf(terminator, from);
    m_pos = at < 0 ? m_in.size() : at + terminator.size();
}

HtmlTokenizer::Token HtmlTokenizer::text()
{
    qsizetype end = m_in.indexOf(u'<', m_pos);
    if (end < 0)
        end = m_in.size();
    Token t;
    t.kind = Token::Kind::Text;
    t.text = m_in.mid(m_pos, end - m_pos);
    m_pos = end;
    return t;
}

void HtmlTokenizer::skipBlanks()
{
    while (!atEnd() && isBlank(m_in[m_pos]))
        ++m_pos;
}

// After "<" or "</": the name, attributes, up to and including ">". A tag cut off by the end
// of the input is dropped.
HtmlTokenizer::Token HtmlTokenizer::tag(Token::Kind kind)
{
    Token t;
    t.kind = kind;
    const qsizetype nameStart = m_pos;
    while (!atEnd() && !isBlank(m_in[m_pos]) && m_in[m_pos] != u'/' && m_in[m_pos] != u'>')
        ++m_pos;
    t.text = m_in.mid(nameStart, m_pos - nameStart);
    for (;;) {
        while (!atEnd() && (isBlank(m_in[m_pos]) || m_in[m_pos] == u'/'))
            ++m_pos;
        if (atEnd())
            return {};
        if (m_in[m_pos] == u'>') {
            ++m_pos;
            return t;
        }
        const qsizetype attrStart = m_pos;
        ++m_pos; // the first character may be anything, even "="
        while (!atEnd() && !isBlank(m_in[m_pos]) && m_in[m_pos] != u'/' && m_in[m_pos] != u'>'
               && m_in[m_pos] != u'=')
            ++m_pos;
        Attribute attr;
        attr.name = m_in.mid(attrStart, m_pos - attrStart);
        skipBlanks();
        if (!atEnd() && m_in[m_pos] == u'=') {
            ++m_pos;
            skipBlanks();
            if (atEnd())
                return {};
            const QChar quote = m_in[m_pos];
            if (quote == u'"' || quote == u'\'') {
                const qsizetype close = m_in.indexOf(quote, m_pos + 1);
                if (close < 0)
                    return {};
                attr.value = m_in.mid(m_pos + 1, close - m_pos - 1);
                m_pos = close + 1;
            } else {
                const qsizetype valueStart = m_pos;
                while (!atEnd() && !isBlank(m_in[m_pos]) && m_in[m_pos] != u'>')
                    ++m_pos;
                attr.value = m_in.mid(valueStart, m_pos - valueStart);
            }
        }
        if (kind == Token::Kind::StartTag)
            t.attributes.append(attr);
    }
}
