#pragma once

#include "common/mailerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// Splits the byte stream from an IMAP server into complete responses: a line plus every
// literal it announces ({n}, {n+} and the literal8 form ~{n}), and the lines that follow them.
//
// Each feed() does work proportional to the bytes it is given: the framer remembers where it
// stopped scanning and how many literal bytes it is still owed, and never rescans. Lines and
// literals over the configured caps are a Limit error; an announced size is never allocated
// ahead. After an error the framer stays failed until reset().
class ImapFramer
{
public:
    struct Limits
    {
        qsizetype maxLineLength = 1024 * 1024; // one line between literals
        qint64 maxLiteralSize = qint64(256) * 1024 * 1024; // one literal
        qint64 maxResponseSize = qint64(512) * 1024 * 1024; // line(s) and literals together
    };

    enum class Status { NeedMore, Response, Error };

    ImapFramer();
    explicit ImapFramer(Limits limits);

    void feed(QByteArrayView bytes);
    // The next complete response into *response, or NeedMore, or Error (see error()).
    Status next(QByteArray *response);
    MailError error() const { return m_error; }
    bool hasError() const { return m_error.isError(); }
    // Bytes held that are not part of a returned response yet.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_start; }
    void reset();

private:
    void scan();
    void setError(const QString &message);

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_start = 0; // first byte of the response being assembled
    qsizetype m_scan = 0; // bytes before this were examined
    qsizetype m_lineStart = 0; // first byte of the current line segment
    qint64 m_literalOwed = 0; // literal bytes still to come
    QList<qsizetype> m_ready; // ends (exclusive) of complete responses, in order
    MailError m_error;
};
