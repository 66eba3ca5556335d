#include "imapframer.h"

#include <cstring>

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
        for (qsizetype &end : m_ready)
            end -= m_start;
        m_start = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
    scan();
}

void ImapFramer::scan()
{
    const qsizetype size = m_buffer.size();
    qsizetype responseStart = m_ready.isEmpty() ? m_start : m_ready.last();
    while (m_scan < size && !hasError()) {
        if (m_literalOwed > 0) {
            const qint64 take = std::min<qint64>(m_literalOwed, size - m_scan);
            m_scan += qsizetype(take);
            m_literalOwed -= take;
            if (m_literalOwed == 0)
                m_lineStart = m_scan;
            continue;
        }
        const char *data = m_buffer.constData();
        const void *found = std::memchr(data + m_scan, '\n', size_t(size - m_scan));
        if (!found) {
            m_scan = size;
            if (m_scan - m_lineStart > m_limits.maxLineLength)
                setError(QStringLiteral("IMAP response line exceeds %1 bytes")
                                 .arg(m_limits.maxLineLength));
            break;
        }
        const qsizetype newline = static_cast<const char *>(found) - data;
        m_scan = newline + 1;
        if (newline - m_lineStart > m_limits.maxLineLength) {
            setError(QStringLiteral("IMAP response line exceeds %1 bytes")
                             .arg(m_limits.maxLineLength));
            break;
        }
        // Does the line end with a literal announcement: "{" digits ["+"] "}" [CR] LF?
        qsizetype end = newline;
        if (end > m_lineStart && data[end - 1] == '\r')
            --end;
        bool literal = false;
        qint64 literalSize = 0;
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
                if (digits > 18) {
                    setError(QStringLiteral("IMAP literal size is out of range"));
                    break;
                }
                for (qsizetype i = p + 1; i < digitsEnd; ++i)
                    literalSize = literalSize * 10 + (data[i] - '0');
            }
        }
        if (literal) {
            if (literalSize > m_limits.maxLiteralSize) {
                setError(QStringLiteral("IMAP literal of %1 bytes exceeds the limit of %2")
                                 .arg(literalSize)
                                 .arg(m_limits.maxLiteralSize));
                break;
            }
            if (qint64(m_scan - responseStart) + literalSize > m_limits.maxResponseSize) {
                setError(QStringLiteral("IMAP response exceeds %1 bytes")
                                 .arg(m_limits.maxResponseSize));
                break;
            }
            m_literalOwed = literalSize;
            m_lineStart = m_scan;
            continue;
        }
        if (m_scan - responseStart > m_limits.maxResponseSize) {
            setError(QStringLiteral("IMAP response exceeds %1 bytes").arg(m_limits.maxResponseSize));
            break;
        }
        m_ready.append(m_scan);
        responseStart = m_scan;
        m_lineStart = m_scan;
    }
}

ImapFramer::Status ImapFramer::next(QByteArray *response)
{
    if (!m_ready.isEmpty()) {
        const qsizetype end = m_ready.takeFirst();
        *response = m_buffer.sliced(m_start, end - m_start);
        m_start = end;
        if (m_start == m_buffer.size() && m_literalOwed == 0) {
            m_buffer.clear();
            m_scan -= m_start;
            m_lineStart -= m_start;
            m_start = 0;
        }
        return Status::Response;
    }
    return hasError() ? Status::Error : Status::NeedMore;
}
