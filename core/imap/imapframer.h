#pragma once

#include "common/mailerror.h"
#include "common/spoolfile.h"

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
//
// Literals are told apart by what they stand for: a body section's (the literal after
// "BODY[...]", "BINARY[...]" or RFC822, RFC822.HEADER, RFC822.TEXT) may be as large as
// maxLiteralSize; any other (an ENVELOPE, FLAGS or BODYSTRUCTURE field, a mailbox name) longer
// than maxFieldLiteralSize is cut to that size as it arrives, the rest never kept, and the
// response is marked truncated: one message with a hostile field costs a few KiB, and the
// responses after it go on. The same cap applies to quoted strings outside body sections: the
// bytes past it are dropped from the line as it completes.
//
// With a spool directory set, a body section literal larger than spoolThreshold goes to a file
// there as it arrives (SpoolFile) instead of to memory: the response then holds "{0}" in its
// place, and spooledLiterals() tells where and which file, so a message of any size up to
// maxSpooledLiteralSize costs a bounded amount of memory.
class ImapFramer
{
public:
    struct Limits
    {
        qsizetype maxLineLength = 1024 * 1024; // one line between literals
        qint64 maxLiteralSize = qint64(256) * 1024 * 1024; // one body section literal
        qint64 maxFieldLiteralSize = 16 * 1024; // any other literal: longer ones are cut
        qint64 maxResponseSize = qint64(512) * 1024 * 1024; // line(s) and literals together
        // Longer field literals are cut (true) or an error (false).
        bool cutFieldLiterals = true;
        // Body section literals larger than this go to the spool directory, when one is set.
        qint64 spoolThreshold = 1024 * 1024;
        // One body section literal written to the spool directory.
        qint64 maxSpooledLiteralSize = qint64(2) * 1024 * 1024 * 1024;

        // Before the login anyone on the path may speak: nothing a greeting, a capability list
        // or a login reply needs comes near 64 KiB, and anything larger is an error.
        static Limits beforeLogin()
        {
            constexpr qsizetype Small = 64 * 1024;
            return Limits {Small, Small, Small, Small, false};
        }
    };

    enum class Status { NeedMore, Response, Error };

    // A body section literal of a response that went to a file: the response holds an empty
    // literal ("{0}") whose "{" is offset bytes from the response's start.
    struct SpooledLiteral
    {
        qsizetype offset = 0;
        SpoolFile file;
    };

    ImapFramer();
    explicit ImapFramer(Limits limits);

    void feed(QByteArrayView bytes);
    // The next complete response into *response, or NeedMore, or Error (see error()).
    Status next(QByteArray *response);
    // The response last returned by next() had a literal cut to maxFieldLiteralSize.
    bool wasTruncated() const { return m_lastTruncated; }
    // The literals of the response last returned by next() that went to the spool directory.
    QList<SpooledLiteral> spooledLiterals() const { return m_lastSpooled; }
    // Where large body section literals go from now on; empty keeps them in memory.
    void setSpoolDirectory(const QString &directory) { m_spoolDirectory = directory; }
    QString spoolDirectory() const { return m_spoolDirectory; }
    // New caps for the bytes fed from now on (the login changes them).
    void setLimits(const Limits &limits) { m_limits = limits; }
    Limits limits() const { return m_limits; }
    MailError error() const { return m_error; }
    bool hasError() const { return m_error.isError(); }
    // Bytes held that are not part of a returned response yet.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_start; }
    void reset();
    // Takes the bytes after the response last returned by next() and resets the framer (limits
    // and spool directory stay): for a link that changes encoding there (COMPRESS). False when
    // some of them were already cut, spooled or refused, so they cannot be handed back whole.
    bool takeUnframed(QByteArray *bytes);

private:
    struct Ready
    {
        qsizetype end; // exclusive
        bool truncated;
        QList<SpooledLiteral> spooled;
    };

    void scan();
    // Cuts the quoted strings of the line segment ending at lineEnd that are no body section's
    // to maxFieldLiteralSize (or fails without cutFieldLiterals); the bytes it removed.
    qsizetype capQuotedStrings(qsizetype lineEnd);
    void setError(const QString &message, MailError::Kind kind = MailError::Kind::Limit);
    void spoolFailed();
    bool isBodySectionLiteral(qsizetype brace) const;

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_start = 0; // first byte of the response being assembled
    qsizetype m_scan = 0; // bytes before this were examined
    qsizetype m_lineStart = 0; // first byte of the current line segment
    qint64 m_literalOwed = 0; // literal bytes still to come
    qint64 m_discardOwed = 0; // bytes of a cut literal still to come and to drop
    bool m_truncating = false; // the response being assembled had a literal cut
    bool m_lastTruncated = false;
    qint64 m_spoolOwed = 0; // bytes of a spooled literal still to come
    SpoolFile m_spooling; // the file they go to
    QList<SpooledLiteral> m_spooled; // of the response being assembled
    QList<SpooledLiteral> m_lastSpooled;
    QString m_spoolDirectory;
    QList<Ready> m_ready; // complete responses, in order
    MailError m_error;
};
