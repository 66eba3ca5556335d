#pragma once

#include "imaptask.h"

#include "imap/parser/uidset.h"

// Removes messages marked \Deleted from the selected mailbox: UID EXPUNGE of the given UIDs
// when the server has UIDPLUS (and UIDs were given), else EXPUNGE of every deleted message.
class ImapExpungeTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Expunging, Done, Failed };

    explicit ImapExpungeTask(ImapConnection *connection, const UidSet &uids = {},
                             QObject *parent = nullptr);

    State state() const { return m_state; }
    const QList<quint32> &expunged() const { return m_expunged; } // message numbers
    const UidSet &vanished() const { return m_vanished; } // with QRESYNC

protected:
    void run() override;

private:
    State m_state = State::Idle;
    UidSet m_uids;
    QList<quint32> m_expunged;
    UidSet m_vanished;
};
