#pragma once

#include "imaptask.h"

#include "imap/parser/uidset.h"

// Removes messages marked \Deleted from the selected mailbox: UID EXPUNGE of the given UIDs
// when the server has UIDPLUS. Without UIDPLUS a plain EXPUNGE would also remove every message
// another client marked \Deleted, so the task first asks which messages are marked
// (UID SEARCH DELETED) and expunges only when they are all among the given UIDs; otherwise it
// leaves the given messages marked \Deleted and reports withheld(). Without UIDs it expunges
// every deleted message, as asked.
class ImapExpungeTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, CheckingDeleted, Expunging, Done, Failed };

    explicit ImapExpungeTask(ImapConnection *connection, const UidSet &uids = {},
                             QObject *parent = nullptr);

    State state() const { return m_state; }
    const QList<quint32> &expunged() const { return m_expunged; } // message numbers
    const UidSet &vanished() const { return m_vanished; } // with QRESYNC
    // The messages stayed marked \Deleted: other messages were marked too, and the server has
    // no UID EXPUNGE to spare them.
    bool withheld() const { return m_withheld; }
    // Messages marked \Deleted that were not among the given UIDs (when withheld()).
    const UidSet &othersDeleted() const { return m_othersDeleted; }
    // How many EXPUNGE commands it took (UID EXPUNGE: one per piece of a long sequence set).
    int commandCount() const { return m_commands; }

protected:
    void run() override;

private:
    void checkDeleted();
    void expunge(bool byUid);

    State m_state = State::Idle;
    UidSet m_uids;
    QList<quint32> m_expunged;
    UidSet m_vanished;
    UidSet m_othersDeleted;
    bool m_withheld = false;
    int m_commands = 0;
};
