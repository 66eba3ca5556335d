#include "imapframer.h"

#include <QCoreApplication>

#include <cstring>
#include <utility>

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
    m_spoolOwed = 0;
    m_spooling = SpoolFile();
    m_spooled.clear();
    m_lastSpooled.clear();
    m_ready.clear();
    m_error = MailError();
}

bool ImapFramer::takeUnframed(QByteArray *bytes)
{
    bool intact = !hasError() && !m_truncating && m_discardOwed == 0 && m_spoolOwed == 0
                  && m_spooled.isEmpty();
    for (const Ready &ready : std::as_const(m_ready))
        intact = intact && !ready.truncated && ready.spooled.isEmpty();
    *bytes = intact ? m_buffer.sliced(m_start) : QByteArray();
    reset();
    return intact;
}

void ImapFramer::setError(const QString &message, MailError::Kind kind)
{
    m_error = MailError(kind, message);
}

qsizetype ImapFramer::capQuotedStrings(qsizetype lineEnd)
{
    const qint64 cap = m_limits.maxFieldLiteralSize;
    if (lineEnd - m_lineStart <= cap + 2)
        return 0; // no quoted string of the line can be longer
    char *data = m_buffer.data();
    qsizetype out = m_lineStart;
    qsizetype quoteStart = -1; // the opening quote of the string being read, or -1
    bool capped = false; // the string being read is not a body section's: it is cut at cap
    bool cutting = false; // the cap was reached: the rest of the string is dropped
    qint64 kept = 0;
    for (qsizetype in = m_lineStart; in < lineEnd; ++in) {
        const char c = data[in];
        if (quoteStart < 0) {
            if (c == '"') {
                quoteStart = out;
                // What precedes the quote was compacted to before out.
                capped = !isBodySectionLiteral(out);
                kept = 0;
                cutting = false;
            }
            data[out++] = c;
            continue;
        }
        if (c == '"') {
            quoteStart = -1;
            data[out++] = c;
            continue;
        }
        // An escape pair ("\" + one byte) is kept or dropped whole.
        const qsizetype length = c == '\\' && in + 1 < lineEnd ? 2 : 1;
        if (!capped || (!cutting && kept + length <= cap)) {
            for (qsizetype i = 0; i < length; ++i)
                data[out++] = data[in + i];
            kept += length;
        } else if (m_limits.cutFieldLiterals) {
            cutting = true;
            m_truncating = true;
        } else {
            setError(
                    QCoreApplication::translate("ImapFramer", "IMAP quoted string exceeds %1 bytes")
                            .arg(cap));
            return 0;
        }
        in += length - 1;
    }
    const qsizetype removed = lineEnd - out;
    if (removed > 0)
        m_buffer.remove(out, removed);
    return removed;
}

void ImapFramer::spoolFailed()
{
    setError(QCoreApplication::translate("ImapFramer", "Cannot write a message to the folder %1")
                     .arg(m_spoolDirectory),
             MailError::Kind::Storage);
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
        if (m_spoolOwed > 0) {
            // A spooled body section: to its file as it arrives, never kept in memory.
            const qint64 take = std::min<qint64>(m_spoolOwed, size - m_scan);
            if (!m_spooling.append(QByteArrayView(m_buffer.constData() + m_scan, take))) {
                spoolFailed();
                break;
            }
            m_buffer.remove(m_scan, qsizetype(take));
            m_spoolOwed -= take;
            if (m_spoolOwed == 0) {
                if (!m_spooling.finish()) {
                    spoolFailed();
                    break;
                }
                m_spooling = SpoolFile();
                m_lineStart = m_scan;
            }
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
        qsizetype newline = static_cast<const char *>(found) - data;
        if (newline - m_lineStart > m_limits.maxLineLength) {
            m_scan = newline + 1;
            setError(
                    QCoreApplication::translate("ImapFramer", "IMAP response line exceeds %1 bytes")
                            .arg(m_limits.maxLineLength));
            break;
        }
        newline -= capQuotedStrings(newline);
        m_scan = newline + 1;
        if (hasError())
            break;
        data = m_buffer.constData();
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
            if (body && !m_spoolDirectory.isEmpty() && literalSize > m_limits.spoolThreshold) {
                if (literalSize > m_limits.maxSpooledLiteralSize) {
                    setError(QCoreApplication::translate(
                                     "ImapFramer",
                                     "IMAP literal of %1 bytes exceeds the limit of %2")
                                     .arg(literalSize)
                                     .arg(m_limits.maxSpooledLiteralSize));
                    break;
                }
                QString reason;
                m_spooling = SpoolFile::create(m_spoolDirectory, &reason);
                if (m_spooling.isNull()) {
                    setError(QCoreApplication::translate(
                                     "ImapFramer", "Cannot keep a message in the folder %1: %2")
                                     .arg(m_spoolDirectory, reason),
                             MailError::Kind::Storage);
                    break;
                }
                // The response keeps an empty literal in its place; the bytes go to the file.
                const QByteArray announcement("{0}");
                m_buffer.replace(brace, end - brace, announcement);
                m_scan += announcement.size() - (end - brace);
                // A literal8 ("~{n}") starts at its tilde.
                const qsizetype valueStart = brace > m_lineStart && m_buffer.at(brace - 1) == '~'
                                                     ? brace - 1
                                                     : brace;
                m_spooled.append({valueStart - responseStart, m_spooling});
                m_spoolOwed = literalSize;
                m_lineStart = m_scan;
                continue;
            }
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
        m_ready.append({m_scan, m_truncating, std::exchange(m_spooled, {})});
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
        m_lastSpooled = ready.spooled;
        m_start = ready.end;
        if (m_start == m_buffer.size() && m_literalOwed == 0 && m_discardOwed == 0
            && m_spoolOwed == 0) {
            m_buffer.clear();
            m_scan -= m_start;
            m_lineStart -= m_start;
            m_start = 0;
        }
        return Status::Response;
    }
    return hasError() ? Status::Error : Status::NeedMore;
}
