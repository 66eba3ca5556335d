#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// A command ready for the wire, without its tag. parts() holds the pieces to send: the first
// follows "<tag> "; each next piece is sent only after the server's "+" continuation (it
// starts with the bytes of a synchronising literal, or is a SASL response). Every piece ends
// with CRLF.
class ImapCommand
{
public:
    ImapCommand() = default;
    explicit ImapCommand(QList<QByteArray> parts)
        : m_parts(std::move(parts))
    { }

    const QList<QByteArray> &parts() const { return m_parts; }
    bool isEmpty() const { return m_parts.isEmpty(); }
    // The command name (first word), upper case: "UID", "SELECT", ...
    QByteArray name() const
    {
        if (m_parts.isEmpty())
            return QByteArray();
        const QByteArray &first = m_parts.first();
        qsizetype end = 0;
        while (end < first.size() && first.at(end) != ' ' && first.at(end) != '\r')
            ++end;
        return first.left(end).toUpper();
    }
    // For logs: the command with literal contents and secrets replaced.
    QByteArray redacted() const { return m_redacted.isEmpty() ? name() : m_redacted; }
    void setRedacted(QByteArray text) { m_redacted = std::move(text); }
    // A sequence set as a log shows it: its first 100 bytes, and how long it is beyond that.
    static QByteArray shortSet(const QByteArray &set)
    {
        return set.size() <= 100
                       ? set
                       : set.left(100) + "... (" + QByteArray::number(set.size()) + " bytes)";
    }

    // A literal whose bytes are read from a file while they are sent, never held whole (a
    // message of hundreds of megabytes to APPEND): they go into parts().at(part), before the
    // byte at offset of that part. part is -1 when the command has none.
    struct FileLiteral
    {
        qsizetype part = -1;
        qsizetype offset = 0;
        QString path;
        qint64 size = 0;
    };
    const FileLiteral &fileLiteral() const { return m_fileLiteral; }
    bool hasFileLiteral() const { return m_fileLiteral.part >= 0; }
    void setFileLiteral(FileLiteral literal) { m_fileLiteral = std::move(literal); }

    // A command that must not be pipelined: it waits until every earlier command completed,
    // and later commands wait until it completed (STARTTLS, authentication, SELECT, IDLE).
    bool isBarrier() const { return m_barrier; }
    void setBarrier(bool barrier) { m_barrier = barrier; }

private:
    QList<QByteArray> m_parts;
    QByteArray m_redacted;
    FileLiteral m_fileLiteral;
    bool m_barrier = false;
};
