#pragma once

#include "imaptask.h"

// Fetches one body part (or the whole message with an empty section) of one message by UID:
// BODY.PEEK[section]<offset.length>, or BINARY.PEEK when binary decoding is asked for and the
// server has BINARY (RFC 3516), in which case data() is already transfer-decoded.
//
// The task succeeds only with the section's bytes, which may be none when the server sent ""
// or {0}. It fails when the server refused the command (isRefused(), e.g. BINARY's
// UNKNOWN-CTE), when the tagged OK came without the section (the message is gone) or with NIL
// for it (isMissing() for both), and, with setMailbox(), when another mailbox than the
// message's is selected as the command is sent: nothing is fetched then.
class ImapFetchPartTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Fetching, Done, Failed };

    ImapFetchPartTask(ImapConnection *connection, quint32 uid, const QByteArray &section,
                      QObject *parent = nullptr);

    void setRange(qint64 offset, qint64 length);
    void setPreferBinary(bool binary) { m_preferBinary = binary; }
    // The mailbox the message is in, as the connection names the selected one.
    void setMailbox(const QByteArray &wireName) { m_mailbox = wireName; }

    State state() const { return m_state; }
    // The section's bytes. A large one went to a file as it arrived (with a spool directory in
    // the connection's settings): data() reads that back into memory, spoolFile() names it.
    QByteArray data() const { return m_spool.isNull() ? m_data : m_spool.readAll(); }
    SpoolFile spoolFile() const { return m_spool; }
    bool isBinary() const { return m_binary; }
    // The server answered NIL for the section, or nothing at all (the message vanished).
    bool isMissing() const { return m_missing; }
    // The server answered the command with NO or BAD.
    bool isRefused() const { return m_refused; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    quint32 m_uid;
    QByteArray m_section;
    QByteArray m_mailbox;
    qint64 m_offset = -1;
    qint64 m_length = -1;
    bool m_preferBinary = false;
    bool m_binary = false;
    bool m_missing = true;
    bool m_received = false;
    bool m_refused = false;
    QByteArray m_data;
    SpoolFile m_spool;
};
