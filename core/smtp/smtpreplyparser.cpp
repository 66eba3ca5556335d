#include "smtpreplyparser.h"

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Length of a leading "class.subject.detail" status code (RFC 3463), 0 if there is none.
qsizetype enhancedCodeLength(QByteArrayView text)
{
    // status-code = class "." subject "." detail; class = "2"/"4"/"5"; subject, detail = 1*3digit
    if (text.size() < 5 || (text[0] != '2' && text[0] != '4' && text[0] != '5') || text[1] != '.')
        return 0;
    qsizetype i = 2;
    for (int part = 0; part < 2; ++part) {
        const qsizetype start = i;
        while (i < text.size() && isDigit(text[i]) && i - start < 3)
            ++i;
        if (i == start)
            return 0;
        if (part == 0) {
            if (i >= text.size() || text[i] != '.')
                return 0;
            ++i;
        }
    }
    if (i < text.size() && text[i] != ' ')
        return 0;
    return i;
}

} // namespace

void SmtpReplyParser::addData(QByteArrayView bytes)
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
        m_scan = 0;
    } else if (m_pos >= 64 * 1024) {
        m_buffer.remove(0, m_pos);
        m_scan -= m_pos;
        m_pos = 0;
    }
    m_buffer.append(bytes);
}

SmtpReplyParser::Result SmtpReplyParser::next()
{
    if (hasError())
        return {Status::Error, {}, m_error};
    for (;;) {
        const qsizetype lf = m_buffer.indexOf('\n', m_scan);
        if (lf < 0) {
            m_scan = m_buffer.size();
            // The line so far; a CR at its end may be the first half of the CRLF, which does
            // not count, as it does not once the LF is there.
            qsizetype pending = m_buffer.size() - m_pos;
            if (pending > 0 && m_buffer.endsWith('\r'))
                --pending;
            if (pending > m_maxLineLength)
                return fail(QStringLiteral("reply line longer than %1 bytes").arg(m_maxLineLength));
            return {};
        }
        QByteArrayView line = QByteArrayView(m_buffer).sliced(m_pos, lf - m_pos);
        m_pos = lf + 1;
        m_scan = m_pos;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.size() > m_maxLineLength)
            return fail(QStringLiteral("reply line longer than %1 bytes").arg(m_maxLineLength));
        if (line.size() < 3 || line[0] < '2' || line[0] > '5' || !isDigit(line[1])
            || !isDigit(line[2])) {
            return fail(QStringLiteral("malformed reply line: ")
                        + QString::fromUtf8(line.first(qMin(line.size(), qsizetype(80)))));
        }
        const int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        const char separator = line.size() > 3 ? line[3] : ' ';
        if (separator != ' ' && separator != '-')
            return fail(QStringLiteral("malformed reply line: no separator after the code"));
        if (!m_lines.isEmpty() && code != m_code)
            return fail(QStringLiteral("reply code changed from %1 to %2 inside a reply")
                                .arg(m_code)
                                .arg(code));
        m_code = code;
        m_lines.append(line.size() > 4 ? line.sliced(4).toByteArray() : QByteArray());
        if (separator == ' ')
            return finishReply();
        if (m_lines.size() > DefaultMaxLines)
            return fail(QStringLiteral("reply longer than %1 lines").arg(DefaultMaxLines));
    }
}

SmtpReplyParser::Result SmtpReplyParser::finishReply()
{
    QByteArray enhanced;
    const qsizetype n = enhancedCodeLength(m_lines.constFirst());
    if (n > 0 && m_lines.constFirst().at(0) - '0' == m_code / 100) {
        enhanced = m_lines.constFirst().left(n);
        for (QByteArray &text : m_lines) {
            const qsizetype len = enhancedCodeLength(text);
            if (len > 0)
                text.remove(0, len < text.size() ? len + 1 : len);
        }
    }
    Result result {Status::Reply, SmtpReply(m_code, std::exchange(m_lines, {}), enhanced), {}};
    m_code = 0;
    return result;
}

SmtpReplyParser::Result SmtpReplyParser::fail(const QString &error)
{
    m_error = error;
    m_lines.clear();
    m_code = 0;
    return {Status::Error, {}, m_error};
}

void SmtpReplyParser::clear()
{
    m_buffer.clear();
    m_pos = 0;
    m_scan = 0;
    m_code = 0;
    m_lines.clear();
    m_error.clear();
}

SmtpReplyParser::Result SmtpReplyParser::parse(QByteArrayView bytes)
{
    SmtpReplyParser parser;
    parser.addData(bytes);
    return parser.next();
}
