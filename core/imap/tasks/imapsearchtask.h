#pragma once

#include "imaptask.h"

#include "imap/parser/uidset.h"

#include <functional>

// UID SEARCH with criteria given as ready IMAP syntax (e.g. "UNSEEN", "SINCE 1-Feb-2026",
// "MODSEQ 1234"). Uses RETURN (ALL) when the server has ESEARCH (RFC 4731), the answer then
// being one compact set instead of a list of every UID.
class ImapSearchTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Searching, Done, Failed };

    ImapSearchTask(ImapConnection *connection, const QByteArray &criteria,
                   QObject *parent = nullptr);
    // Criteria that need quoting or literals (text to search for): written by criteria into
    // the command after RETURN (ALL), "CHARSET UTF-8" included where the text needs it.
    using CriteriaWriter = std::function<void(ImapCommandBuilder &)>;
    ImapSearchTask(ImapConnection *connection, CriteriaWriter criteria, QObject *parent = nullptr);

    State state() const { return m_state; }
    const UidSet &uids() const { return m_uids; }
    // HIGHESTMODSEQ of the matches when the criteria used MODSEQ (CONDSTORE).
    quint64 modSeq() const { return m_modSeq; }
    bool usedESearch() const { return m_esearch; }

protected:
    void run() override;

private:
    State m_state = State::Idle;
    QByteArray m_criteria;
    CriteriaWriter m_writer;
    UidSet m_uids;
    quint64 m_modSeq = 0;
    bool m_esearch = false;
};
