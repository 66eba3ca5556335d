#pragma once

#include "imaptask.h"

#include "common/messagesource.h"

#include <QDateTime>

// APPEND one message (RFC 5322 bytes) to a mailbox, with flags and an internal date. The
// message goes as a literal: synchronising, or LITERAL+ when offered. With UIDPLUS the new
// message's UID comes back through APPENDUID. A NO [TRYCREATE] is reported through
// needsCreate() so the caller can create the mailbox and retry.
class ImapAppendTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Appending, Done, Failed };

    ImapAppendTask(ImapConnection *connection, const QByteArray &mailbox, const QByteArray &message,
                   QObject *parent = nullptr);
    // A message in a file is read while it is sent, never whole (ImapCommand::fileLiteral()).
    ImapAppendTask(ImapConnection *connection, const QByteArray &mailbox,
                   const MessageSource &message, QObject *parent = nullptr);

    // Bytes sent in the literal before the message (a header field of the client's own).
    void setPrefix(const QByteArray &prefix) { m_prefix = prefix; }

    void setFlags(const QList<QByteArray> &flags) { m_flags = flags; }
    void setInternalDate(const QDateTime &date) { m_date = date; }

    State state() const { return m_state; }
    quint32 uidValidity() const { return m_uidValidity; }
    quint32 uid() const { return m_uid; } // 0 when the server did not say
    bool needsCreate() const { return m_tryCreate; }

    static QByteArray formatDate(const QDateTime &date);

protected:
    void run() override;

private:
    State m_state = State::Idle;
    QByteArray m_mailbox;
    MessageSource m_message;
    QByteArray m_prefix;
    QList<QByteArray> m_flags;
    QDateTime m_date;
    quint32 m_uidValidity = 0;
    quint32 m_uid = 0;
    bool m_tryCreate = false;
};
