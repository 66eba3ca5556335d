#pragma once

#include "imaptask.h"

#include "imap/parser/imapfetch.h"
#include "imap/parser/uidset.h"

#include <optional>

// SELECT or EXAMINE a mailbox. With CONDSTORE enabled it asks for (CONDSTORE); with QRESYNC
// enabled and a known UIDVALIDITY/HIGHESTMODSEQ it resynchronises in the same round trip:
// (QRESYNC (uidvalidity modseq [known-uids])) and collects VANISHED (EARLIER) and the changed
// FETCH lines. When the UIDVALIDITY differs from the known one, uidValidityChanged() tells the
// caller that every cached UID of this mailbox is void.
class ImapSelectTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Selecting, Done, Failed };

    ImapSelectTask(ImapConnection *connection, const QByteArray &mailbox, bool readOnly = false,
                   QObject *parent = nullptr);

    // What the cache knows; enables QRESYNC and the UIDVALIDITY check.
    void setKnownState(quint32 uidValidity, quint64 highestModSeq, const UidSet &knownUids = {});

    State state() const { return m_state; }
    QByteArray mailbox() const { return m_mailbox; }
    bool isReadOnly() const { return m_resultReadOnly; }
    quint32 exists() const { return m_exists; }
    quint32 recent() const { return m_recent; }
    quint32 uidValidity() const { return m_uidValidity; }
    quint32 uidNext() const { return m_uidNext; }
    quint32 unseen() const { return m_unseen; }
    quint64 highestModSeq() const { return m_highestModSeq; }
    // A HIGHESTMODSEQ counts only from a server that advertises CONDSTORE or QRESYNC: one sent
    // unasked by a server without them is not trusted for resynchronisation.
    bool hasModSeq() const { return m_modSeqAdvertised && m_highestModSeq != 0 && !m_noModSeq; }
    QList<QByteArray> flags() const { return m_flags; }
    QList<QByteArray> permanentFlags() const { return m_permanentFlags; }
    bool uidValidityChanged() const;
    // QRESYNC results.
    const UidSet &vanished() const { return m_vanished; }
    const QList<ImapFetch> &changed() const { return m_changed; }

protected:
    void run() override;

private:
    bool collect(const ImapResponse &response);

    State m_state = State::Idle;
    QByteArray m_mailbox;
    bool m_readOnly = false;
    bool m_resultReadOnly = false;
    std::optional<quint32> m_knownUidValidity;
    quint64 m_knownModSeq = 0;
    UidSet m_knownUids;
    quint32 m_exists = 0;
    quint32 m_recent = 0;
    quint32 m_uidValidity = 0;
    quint32 m_uidNext = 0;
    quint32 m_unseen = 0;
    quint64 m_highestModSeq = 0;
    bool m_modSeqAdvertised = false;
    bool m_noModSeq = false;
    QList<QByteArray> m_flags;
    QList<QByteArray> m_permanentFlags;
    UidSet m_vanished;
    QList<ImapFetch> m_changed;
};
