#pragma once

#include "imaptask.h"

#include "imap/parser/imapfetch.h"
#include "imap/parser/uidset.h"

// UID STORE of flags: add, remove or replace, one command per range run that fits a line
// (ImapTask::sendPerPiece()). Silent by default; with CONDSTORE enabled and
// setUnchangedSince(), messages changed on the server meanwhile are left alone and reported by
// modified() (RFC 7162 MODIFIED), so the caller can merge instead of overwriting.
class ImapStoreTask : public ImapTask
{
    Q_OBJECT
public:
    enum class Mode { Add, Remove, Replace };
    enum class State { Idle, Storing, Done, Failed };

    ImapStoreTask(ImapConnection *connection, const UidSet &uids, Mode mode,
                  const QList<QByteArray> &flags, QObject *parent = nullptr);

    void setUnchangedSince(quint64 modSeq) { m_unchangedSince = modSeq; }

    State state() const { return m_state; }
    const UidSet &modified() const { return m_modified; }
    // FETCH lines the server sent back (new MODSEQ values under CONDSTORE).
    const QList<ImapFetch> &updates() const { return m_updates; }
    // How many UID STORE commands it took (one per piece of a long sequence set).
    int commandCount() const { return m_commands; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    UidSet m_uids;
    Mode m_mode;
    QList<QByteArray> m_flags;
    quint64 m_unchangedSince = 0;
    UidSet m_modified;
    QList<ImapFetch> m_updates;
    int m_commands = 0;
};
