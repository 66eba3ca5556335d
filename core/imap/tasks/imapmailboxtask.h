#pragma once

#include "imaptask.h"

// The one-command mailbox operations: CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, and
// UNSELECT (RFC 3691: leaves the selected mailbox without expunging; no name). Names are raw
// wire names (encode a display name with ImapCommandBuilder::encodeMailboxName()). A CREATE of
// a mailbox that already exists succeeds when the server says ALREADYEXISTS.
class ImapMailboxTask : public ImapTask
{
    Q_OBJECT
public:
    enum class Operation { Create, Delete, Rename, Subscribe, Unsubscribe, Unselect };
    enum class State { Idle, Running, Done, Failed };

    ImapMailboxTask(ImapConnection *connection, Operation operation, const QByteArray &mailbox,
                    const QByteArray &newName = {}, QObject *parent = nullptr);

    State state() const { return m_state; }
    Operation operation() const { return m_operation; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    Operation m_operation;
    QByteArray m_mailbox;
    QByteArray m_newName;
};
