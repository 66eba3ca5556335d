#pragma once

#include "imaptask.h"

#include "imap/parser/imapfetch.h"
#include "imap/parser/uidset.h"

#include <functional>

// UID FETCH of message metadata in batches: UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE
// BODYSTRUCTURE, plus MODSEQ when CONDSTORE is enabled. With setChangedSince() (CONDSTORE) only
// messages changed since that modseq come back; setItems() asks for less (see Items).
// Batches are pipelined; batchFetched() reports each batch as it completes, in order.
//
// A batch takes only the FETCH responses that answer it: its UIDs, with the items it asked
// for. A flag change the server pushes meanwhile, even for a message of the batch, is left to
// the connection's unsolicited fetchReceived(); a copy of that message already collected takes
// the new flags, so the batch never carries older flags than the push.
class ImapFetchMetadataTask : public ImapTask
{
    Q_OBJECT
public:
    enum class State { Idle, Fetching, Done, Failed };
    enum class Items {
        Metadata,
        // All of it but RFC822.SIZE, which a server may take long to compute the first time
        // (Dovecot's Maildir reads the whole folder's UID list for it).
        MetadataWithoutSize,
        Flags, // UID FLAGS [MODSEQ]
        Size, // UID RFC822.SIZE
    };

    ImapFetchMetadataTask(ImapConnection *connection, const UidSet &uids, QObject *parent = nullptr);

    void setBatchSize(quint64 size) { m_batchSize = size ? size : 1; }
    void setChangedSince(quint64 modSeq) { m_changedSince = modSeq; }
    void setItems(Items items) { m_items = items; }
    // The set names message sequence numbers, not UIDs (FETCH, not UID FETCH).
    void setSequenceNumbers(bool sequenceNumbers) { m_sequenceNumbers = sequenceNumbers; }
    // Keep every message in messages() (default true); turn off for huge mailboxes and use
    // batchFetched() instead.
    void setKeepResults(bool keep) { m_keep = keep; }

    // Where the messages go instead of batchFetched(): each is handed over as its response is
    // read, so that a large synchronisation turns it into its own record at once and frees it
    // while it is still in the cache, rather than queueing a batch of them. batchFetched() then
    // carries no messages and only tells that a batch is complete. Flag changes the server
    // pushes meanwhile are the connection's unsolicited fetchReceived() alone: the receiver
    // applies them to whatever it has not stored yet.
    using Sink = std::function<void(ImapFetch &&message)>;
    void setSink(Sink sink) { m_sink = std::move(sink); }

    State state() const { return m_state; }
    const QList<ImapFetch> &messages() const { return m_messages; }
    int batchCount() const { return m_batchCount; }

Q_SIGNALS:
    void batchFetched(const QList<ImapFetch> &messages);
    // A batch's command completed successfully. Unlike batchFetched() and finished(), it is
    // emitted at once, while the connection is still reading what came after: a slot may send
    // further commands, so the server has work before the client catches up, and must do
    // nothing slow.
    void batchAnswered();

protected:
    void run() override;

private:
    State m_state = State::Idle;
    UidSet m_uids;
    quint64 m_batchSize = 250;
    quint64 m_changedSince = 0;
    Items m_items = Items::Metadata;
    bool m_sequenceNumbers = false;
    bool m_keep = true;
    int m_batchCount = 0;
    int m_pending = 0;
    QList<ImapFetch> m_messages;
    Sink m_sink;
};
