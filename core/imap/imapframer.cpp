#include "imapframer.h"

#include <cstring>
#include <QCoreApplication>

ImapFramer::ImapFramer()
    : ImapFramer(Limits())
{ }

ImapFramer::ImapFramer(Limits limits)
    : m_limits(limits)
{ }

void ImapFramer::reset()
{
    m_buffer.clear();
    m_start = m_scan = m_lineStart = 0;
    m_literalOwed = 0;
    m_discardOwed = 0;
    m_truncating = false;
    m_lastTruncated = false;
    m_ready.clear();
    m_error = MailError();
}

void ImapFramer::setError(const QString &message)
{
    m_error = MailError(MailError::Kind::Limit, message);
}

void ImapFramer::feed(QByteArrayView bytes)
{
    if (hasError() || bytes.isEmpty())
        return;
    // Drop consumed bytes once they dominate the buffer: amortised linear.
    if (m_start > 0 && m_start >= m_buffer.size() / 2) {
        m_buffer.remove(0, m_start);
        m_scan -= m_start;
        m_lineStart -= m_start;
        for (Ready &ready : m_ready)
            ready.end -= m_start;
        m_start = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
    scan();
}

bool ImapFramer::isBodySectionLiteral(qsizetype brace) const
{
    // section-text: "BODY[...]" or "BINARY[...]", with an origin "<n>" for a partial fetch,
    // then SP and the literal (or literal8 "~{n}"); or RFC822, RFC822.HEADER, RFC822.TEXT.
    const char *data = m_buffer.constData();
    qsizetype i = brace - 1;
    if (i >= m_lineStart && data[i] == '~')
        --i;
    while (i >= m_lineStart && data[i] == ' ')
        --i;
    if (i < m_lineStart)
        return false;
    if (data[i] == '>') {
        --i;
        while (i >= m_lineStart && data[i] >= '0' && data[i] <= '9')
            --i;
        if (i < m_lineStart || data[i] != '<')
            return false;
        --i;
    }
    if (i >= m_lineStart && data[i] == ']')
        return true;
    qsizetype wordStart = i;
    while (wordStart >= m_lineStart && data[wordStart] != ' ' && data[wordStart] != '(')
        --wordStart;
    const QByteArrayView word(data + wordStart + 1, i - wordStart);
    for (const char *name : {"RFC822", "RFC822.HEADER", "RFC822.TEXT"}) {
        if (word.compare(QByteArrayView(name), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void ImapFramer::scan()
{
    qsizetype responseStart = m_ready.isEmpty() ? m_start : m_ready.last().end;
    while (m_scan < m_buffer.size() && !hasError()) {
        const qsizetype size = m_buffer.size();
        if (m_literalOwed > 0) {
            const qint64 take = std::min<qint64>(m_literalOwed, size - m_scan);
            m_scan += qsizetype(take);
            m_literalOwed -= take;
            if (m_literalOwed == 0)
                m_lineStart = m_scan;
            continue;
        }
        if (m_discardOwed > 0) {
            // The rest of a cut literal: dropped as it arrives, never kept.
            const qint64 take = std::min<qint64>(m_discardOwed, size - m_scan);
            m_buffer.remove(m_scan, qsizetype(take));
            m_discardOwed -= take;
            continue;
        }
        const char *data = m_buffer.constData();
        const void *found = std::memchr(data + m_scan, '\n', size_t(size - m_scan));
        if (!found) {
            m_scan = size;
            if (m_scan - m_lineStart > m_limits.maxLineLength)
                setError(QCoreApplication::translate("ImapFramer",
                                                     "IMAP response line exceeds %1 bytes")
                                 .arg(m_limits.maxLineLength));
            break;
        }
        const qsizetype newline = static_cast<const char *>(found) - data;
        m_scan = newline + 1;
        if (newline - m_lineStart > m_limits.maxLineLength) {
            setError(
                    QCoreApplication::translate("ImapFramer", "IMAP response line exceeds %1 bytes")
                            .arg(m_limits.maxLineLength));
            break;
        }
        // Does the line end with a literal announcement: "{" digits ["+"] "}" [CR] LF?
        qsizetype end = newline;
        if (end > m_lineStart && data[end - 1] == '\r')
            --end;
        bool literal = false;
        qint64 literalSize = 0;
        qsizetype brace = -1;
        if (end > m_lineStart && data[end - 1] == '}') {
            qsizetype p = end - 2;
            if (p >= m_lineStart && data[p] == '+')
                --p;
            const qsizetype digitsEnd = p + 1;
            while (p >= m_lineStart && data[p] >= '0' && data[p] <= '9')
                --p;
            const qsizetype digits = digitsEnd - (p + 1);
            if (p >= m_lineStart && data[p] == '{' && digits > 0) {
                literal = true;
                brace = p;
                if (digits > 18) {
                    setError(QCoreApplication::translate("ImapFramer",
                                                         "IMAP literal size is out of range"));
                    break;
                }
                for (qsizetype i = p + 1; i < digitsEnd; ++i)
                    literalSize = literalSize * 10 + (data[i] - '0');
            }
        }
        if (literal) {
            const bool body = isBodySectionLiteral(brace);
            const qint64 cap = body ? m_limits.maxLiteralSize : m_limits.maxFieldLiteralSize;
            qint64 keep = literalSize;
            if (literalSize > cap && !body && m_limits.cutFieldLiterals) {
                // Announce only what is kept; the parser sees a shorter, whole literal.
                keep = cap;
                const QByteArray announcement = '{' + QByteArray::number(keep) + '}';
                m_buffer.replace(brace, end - brace, announcement);
                m_scan += announcement.size() - (end - brace);
                m_discardOwed = literalSize - keep;
                m_truncating = true;
            } else if (literalSize > cap) {
                setError(QCoreApplication::translate(
                                 "ImapFramer", "IMAP literal of %1 bytes exceeds the limit of %2")
                                 .arg(literalSize)
                                 .arg(cap));
                break;
            }
            if (qint64(m_scan - responseStart) + keep > m_limits.maxResponseSize) {
                setError(QCoreApplication::translate("ImapFramer", "IMAP response exceeds %1 bytes")
                                 .arg(m_limits.maxResponseSize));
                break;
            }
            m_literalOwed = keep;
            m_lineStart = m_scan;
            continue;
        }
        if (m_scan - responseStart > m_limits.maxResponseSize) {
            setError(QCoreApplication::translate("ImapFramer", "IMAP response exceeds %1 bytes")
                             .arg(m_limits.maxResponseSize));
            break;
        }
        m_ready.append({m_scan, m_truncating});
        m_truncating = false;
        responseStart = m_scan;
        m_lineStart = m_scan;
    }
}

ImapFramer::Status ImapFramer::next(QByteArray *response)
{
    if (!m_ready.isEmpty()) {
        const Ready ready = m_ready.takeFirst();
        *response = m_buffer.sliced(m_start, ready.end - m_start);
        m_lastTruncated = ready.truncated;
        m_start = ready.end;
        if (m_start == m_buffer.size() && m_literalOwed == 0 && m_discardOwed == 0) {
            m_buffer.clear();
            m_scan -= m_start;
            m_lineStart -= m_start;
            m_start = 0;
        }
        return Status::Response;
    }
    return hasError() ? Status::Error : Status::NeedMore;
}
