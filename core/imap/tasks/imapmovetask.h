#pragma once

#include "imaptask.h"

#include "imap/parser/uidset.h"

#include <utility>

// Moves messages by UID from the selected mailbox to another one: UID MOVE (RFC 6851) when
// offered; else UID COPY, UID STORE +FLAGS.SILENT (\Deleted), and the originals are expunged
// by an ImapExpungeTask: UID EXPUNGE with UIDPLUS; without it a plain EXPUNGE only when no other
// message is marked \Deleted, else the originals stay marked \Deleted in the source and
// withheld() says so (othersDeleted() names the other marked messages).
// uidMapping() gives source -> destination UIDs when the server reports COPYUID.
class ImapMoveTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State {
        Idle,
        Moving,
        Copying,
        MarkingDeleted,
        Expunging, // the originals, by an ImapExpungeTask
        Done,
        Failed
    };

    ImapMoveTask(ImapConnection *connection, const UidSet &uids, const QByteArray &destination,
                 QObject *parent = nullptr);

    State state() const { return m_state; }
    quint32 destinationUidValidity() const { return m_destinationUidValidity; }
    const QList<std::pair<quint32, quint32>> &uidMapping() const { return m_mapping; }
    // Message numbers the server expunged from the source mailbox, in the order reported.
    const QList<quint32> &expunged() const { return m_expunged; }
    const UidSet &vanished() const { return m_vanished; }
    // Copied, but the originals stay marked \Deleted (see above).
    bool withheld() const { return m_withheld; }
    // Messages marked \Deleted that were not among the moved ones (when withheld()).
    const UidSet &othersDeleted() const { return m_othersDeleted; }
    // How many commands it took: one per piece of a long sequence set and step
    // (ImapTask::sendPerPiece()), the expunge's included.
    int commandCount() const { return m_commands; }

protected:
    void run() override;

private:
    void copy();
    void markDeleted();
    void expunge();
    bool collect(const ImapResponse &response);
    void takeCopyUid(const ImapResponseCode &code);
    bool check(const ImapCommandResult &result);

    State m_state = State::Idle;
    UidSet m_uids;
    QByteArray m_destination;
    quint32 m_destinationUidValidity = 0;
    QList<std::pair<quint32, quint32>> m_mapping;
    QList<quint32> m_expunged;
    UidSet m_vanished;
    UidSet m_othersDeleted;
    bool m_withheld = false;
    int m_commands = 0;
};
