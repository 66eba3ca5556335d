#pragma once

#include "smtpreply.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// Splits a server byte stream into SMTP replies, incrementally. Feed bytes as they arrive with
// addData(); next() returns each complete reply, NeedMore when the reply is still incomplete, or
// Error on bytes that do not follow the reply grammar. Work is proportional to the new bytes:
// each byte is looked at once, complete lines are parsed once.
//
// Lenient where servers are: bare LF line ends, a final line of just the code ("250").
class SmtpReplyParser
{
public:
    enum class Status { NeedMore, Reply, Error };
    struct Result
    {
        Status status = Status::NeedMore;
        SmtpReply reply;
        QString error;
    };

    static constexpr qsizetype DefaultMaxLineLength = 64 * 1024;
    static constexpr int DefaultMaxLines = 1000;

    void addData(QByteArrayView bytes);
    Result next();

    // Drops every byte not yet returned as a reply (used after STARTTLS is accepted) and clears
    // an error state.
    void clear();
    // Bytes received but not part of a returned reply.
    qsizetype pendingBytes() const { return m_buffer.size() - m_pos; }
    bool hasError() const { return !m_error.isEmpty(); }

    void setMaxLineLength(qsizetype bytes) { m_maxLineLength = bytes; }

    // Parses one whole reply text (lines with CRLF); for tests and one-off use.
    static Result parse(QByteArrayView bytes);

private:
    Result fail(const QString &error);
    Result finishReply();

    QByteArray m_buffer;
    qsizetype m_pos = 0; // start of the first line not consumed yet
    qsizetype m_scan = 0; // where the search for the next LF resumes
    int m_code = 0;
    QList<QByteArray> m_lines;
    QString m_error;
    qsizetype m_maxLineLength = DefaultMaxLineLength;
};
