#pragma once

#include "imaptask.h"

#include "imap/parser/imapmailboxstatus.h"

// STATUS of one mailbox (RFC 3501 6.3.10): MESSAGES, UNSEEN and UIDNEXT, with HIGHESTMODSEQ
// where CONDSTORE is offered (RFC 7162). Not meant for the selected mailbox (RFC 3501 advises
// against it); its counts come with the selection.
class ImapStatusTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Requesting, Done, Failed };

    // mailbox: the name as sent (FolderSync::wireName()).
    ImapStatusTask(ImapConnection *connection, const QByteArray &mailbox, QObject *parent = nullptr);

    State state() const { return m_state; }
    QByteArray mailbox() const { return m_mailbox; }
    // The server's answer; its fields are empty when the answer never came.
    const ImapMailboxStatus &status() const { return m_status; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    QByteArray m_mailbox;
    ImapMailboxStatus m_status;
};
