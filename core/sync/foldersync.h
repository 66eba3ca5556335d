#pragma once

#include "common/mailerror.h"
#include "imap/parser/uidset.h"
#include "store/folderrecord.h"
#include "store/messagerecord.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

class ImapConnection;
struct ImapFetch;
class ImapFetchMetadataTask;
class ImapSelectTask;
class MessageStore;

// Brings one folder of the cache up to date with the server, on a ready connection.
//
// First open (nothing cached): learn the UID list (ESEARCH when offered), then fetch metadata
// newest first in pipelined batches, each written to the store in one transaction, so the
// newest rows are readable at once while the rest streams in. A large folder has its newest
// messages fetched by sequence number before the UID list (see setSizesLaterFrom()).
// Later opens: QRESYNC (VANISHED and changed flags arrive with SELECT), else CONDSTORE (flags
// changed since the last HIGHESTMODSEQ plus the UID list), else every message's flags plus the
// UID list; then the metadata of new messages. A changed UIDVALIDITY empties the folder's cache.
//
// The folder stays selected afterwards, so the connection can IDLE on it.
class FolderSync : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Selecting, ListingUids, FetchingFlags, FetchingNew, Done, Failed };
    Q_ENUM(State)

    FolderSync(ImapConnection *connection, MessageStore *store, qint64 folderId,
               QObject *parent = nullptr);
    ~FolderSync() override;

    // Metadata batch sizes: the first batch is small so the newest rows appear quickly.
    void setBatchSizes(int first, int rest);
    // How many metadata batches may be on the wire at once.
    void setPipelineDepth(int depth) { m_pipelineDepth = qMax(1, depth); }
    // From how many new messages on (and at least as many as the whole cache holds) the rows
    // are written without the store's list indexes, which are built again at the end.
    void setBulkWriteThreshold(int messages) { m_bulkWriteThreshold = qMax(1, messages); }
    // From how many new messages on the first batch is asked for without RFC822.SIZE, and the
    // sizes right after it: in a large folder a server may take seconds to compute the first
    // size of a session (Dovecot's Maildir reads the whole folder's UID list for it), and the
    // newest rows show without waiting for it, their sizes filled in when they come. A folder
    // seen for the first time with that many messages has its newest asked for by sequence
    // number before its UID list, which takes the server long to make as well (0.4 s for a
    // million in Dovecot).
    void setSizesLaterFrom(int messages) { m_sizesLaterFrom = qMax(1, messages); }

    void start();
    State state() const { return m_state; }
    qint64 folderId() const { return m_folderId; }
    // The server's view once done: the mailbox's wire name and its counters.
    FolderRecord folder() const { return m_folder; }
    // How the folder was resynchronised, for tests and logs: "full", "qresync", "condstore",
    // "flags".
    QByteArray method() const { return m_method; }

    // Applies a FETCH that arrived outside a synchronisation (IDLE, other commands).
    static MailError applyUnsolicitedFetch(MessageStore *store, qint64 folderId,
                                           const ImapFetch &fetch);
    // The name to send for a folder path: UTF-8 once UTF8=ACCEPT is on, else modified UTF-7.
    static QByteArray wireName(const ImapConnection *connection, const QString &path);

Q_SIGNALS:
    // Messages whose metadata is cached, of those the server has that were missing.
    void progress(qint64 done, qint64 total);
    // A message the cache cannot hold as the server sent it (a field cut on arrival, a row too
    // big to store) was kept as a placeholder row (MessageRecordFactory::placeholder()) and the
    // synchronisation went on. Emitted queued, once per message and synchronisation.
    void messageSkipped(quint32 uid, const QString &reason);
    void finished(const MailError &error);

private:
    void onSelected(ImapSelectTask *task);
    void listUids();
    void fetchNewest(quint32 exists);
    void fetchChangedFlags(const QList<quint32> &cachedUids, quint64 changedSince);
    void reconcile(const UidSet &serverUids);
    void fetchNext();
    void sendBatches();
    void fetchSizes(const UidSet &uids);
    void startFetchTask(ImapFetchMetadataTask *task);
    void takeFetched(const ImapFetch &fetch);
    void watchPushedFlags();
    void applyPushedFlags(const ImapFetch &change);
    void onBatchFetched();
    void flushUnstored();
    MailError storeOneByOne(const QList<MessageRecord> &records);
    void reportSkipped(quint32 uid, const QString &reason);
    void finish(const MailError &error);
    bool hasCachedMessages() const { return m_cachedBounds.second != 0; }
    MailError saveFolderState();
    void deferIndexesForBulkWrite(qsizetype freshCount);
    MailError restoreIndexes();

    QPointer<ImapConnection> m_connection;
    MessageStore *m_store;
    qint64 m_folderId;
    FolderRecord m_folder;
    State m_state = State::Idle;
    QByteArray m_method;
    // The cached UIDs, read only where the server's list is compared with them (not for
    // QRESYNC), and the lowest and highest of them, always known.
    QList<quint32> m_cachedUids;
    std::pair<quint32, quint32> m_cachedBounds {0, 0};
    QList<UidSet> m_toFetch; // newest first
    int m_onWire = 0; // batch commands sent and not answered yet
    int m_openTasks = 0; // batch tasks whose rows have not all been handed over yet
    int m_firstBatch = 50;
    int m_batch = 500;
    int m_pipelineDepth = 8;
    // Fetched rows not written yet, and how many are written in one transaction.
    QList<MessageRecord> m_unstored;
    int m_storeBatch = 2000;
    qint64 m_fetchTotal = 0;
    qint64 m_fetchDone = 0;
    bool m_selectResynced = false;
    int m_bulkWriteThreshold = 5000;
    int m_sizesLaterFrom = 10000;
    int m_batchesSent = 0;
    bool m_holdBatches = false; // until the first batch, without sizes, is answered
    bool m_indexesDeferred = false;
    bool m_watchingPushedFlags = false;
};
