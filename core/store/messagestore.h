#pragma once

#include "bodypartrecord.h"
#include "flagupdate.h"
#include "foldercounts.h"
#include "folderrecord.h"
#include "messagequery.h"
#include "messagerecord.h"
#include "pendingoperation.h"
#include "searchindex.h"
#include "storeresult.h"
#include "threadroot.h"
#include "threadrow.h"
#include "transferrecord.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>
#include <utility>

class BackgroundWrite;
// The local cache of one account: one SQLite database (WAL, synchronous=NORMAL) holding the
// folder list, message envelopes and flags, body structures, fetched body parts and a full-text
// index over subject, sender, recipients and the text of cached bodies.
//
// A store and its connection belong to the thread that opened it.
//
// Every write is one transaction, whatever the size of the batch. Change signals are emitted
// synchronously, after the commit (or, for messagesAboutToBeRemoved, before the delete), so
// that item models can compute row positions against a known state of the database. The
// exception are removals and flag changes of many messages (removeMessages(), changeFlags()):
// they are told at once and written on a worker in many short transactions, while every read
// of the store already gives the state after them (UnwrittenChanges).
//
// The store is the face the rest of the core sees: each responsibility lives in a class of its
// own over one CacheDatabase (FolderTable, MessageTable, BodyPartCache, OperationJournal,
// ListQueries, ThreadQueries, SearchIndex, ListIndexes); the store delegates to them, runs the
// writes that span several tables in one CacheTransaction, and tells of every change.
class MessageStore : public QObject
{
    Q_OBJECT

public:
    explicit MessageStore(QObject *parent = nullptr);
    ~MessageStore() override;

    // Opens or creates the database at path and migrates it to the latest schema.
    MailError open(const QString &path);
    void close();
    bool isOpen() const;
    // Runs SQLite's quick_check over the whole file; slow on large caches, meant for a start
    // after a crash or for a "repair cache" action. Damage is reported as a Storage error.
    MailError checkIntegrity();
    QString path() const;
    QString connectionName() const;

    // Folders
    // Inserts or updates the folder with this path. Only what LIST tells is written (delimiter,
    // attributes, special use, subscription); the synchronisation state of an existing folder
    // is kept. Returns the folder's id.
    StoreResult<qint64> upsertFolder(const FolderRecord &folder);
    // Writes uidValidity, uidNext, highestModSeq, exists and unseen of folder.id.
    MailError updateFolderState(const FolderRecord &folder);
    MailError removeFolder(qint64 folderId);
    // The folder and the folders below it (their paths starting with its path and delimiter)
    // take newPath in place of its path, in one transaction; their messages, bodies and
    // synchronisation state stay. Fails, changing nothing, when a new path is taken.
    MailError renameFolder(qint64 folderId, const QString &newPath);
    MailError setFolderSubscribed(qint64 folderId, bool subscribed);
    StoreResult<QList<FolderRecord>> folders();
    StoreResult<FolderRecord> folder(qint64 folderId);
    StoreResult<FolderRecord> folderByPath(const QString &path);
    // UIDVALIDITY changed: every cached message of the folder is dropped.
    MailError resetFolder(qint64 folderId, quint32 newUidValidity);

    // Messages
    MailError upsertMessages(qint64 folderId, const QList<MessageRecord> &messages);
    MailError updateFlags(qint64 folderId, const QList<FlagUpdate> &updates);
    // RFC822.SIZE of messages cached without it, by UID.
    MailError updateSizes(qint64 folderId, const QHash<quint32, qint64> &sizes);
    // A local change: adds and removes flags on the given messages.
    MailError changeFlags(qint64 folderId, const QList<quint32> &uids, MessageRecord::Flags add,
                          MessageRecord::Flags remove);
    // EXPUNGE or VANISHED, or a local move or deletion. Many messages at a time are deleted on
    // a worker (BackgroundRemoval), while the store already answers as if they were gone:
    // messagesRemoved() comes at once, and every read of the store leaves them out
    // (HiddenMessages), but for searches and threads read on workers.
    MailError removeMessages(qint64 folderId, const QList<quint32> &uids);
    // Whether a worker still writes for the store; backgroundWritesFinished() tells when none
    // does any more.
    bool hasBackgroundWrites() const;
    // What reads on workers' own connections cannot know, for their answers: whether a message
    // is removed while a worker deletes it, and the records as the store's reads give them
    // (those removed left out, flags as changed).
    bool isRemovalPending(qint64 folderId, quint32 uid) const;
    void applyPendingChanges(QList<MessageRecord> *records) const;

    StoreResult<MessageRecord> message(qint64 folderId, quint32 uid);
    StoreResult<QList<quint32>> uids(qint64 folderId); // ascending
    // The same read on a worker (BackgroundRead), with the changes still to write as they are
    // now, and no message cached after this call. Messages removed meanwhile are still named.
    QFuture<StoreResult<QList<quint32>>> uidsInBackground(qint64 folderId);
    // The lowest and highest cached UID of a folder, (0, 0) when it has none; without reading
    // the rows between them.
    StoreResult<std::pair<quint32, quint32>> uidBounds(qint64 folderId);
    StoreResult<quint64> highestModSeq(qint64 folderId);
    StoreResult<int> messageCount(qint64 folderId);
    StoreResult<int> unseenCount(qint64 folderId);
    StoreResult<QHash<qint64, int>> messageCounts(); // folder id -> cached, folders with any
    // messageCount() and unseenCount() of the folder.
    StoreResult<FolderCounts> folderCounts(qint64 folderId);
    // The same counted on a worker, over a connection of its own (BackgroundRead), with the
    // changes still to write as they are now: a later change may have come by the time it
    // answers.
    QFuture<StoreResult<FolderCounts>> folderCountsInBackground(qint64 folderId);
    // messageCount() the same way.
    QFuture<StoreResult<int>> messageCountInBackground(qint64 folderId);
    // Where the message with that Message-ID ("<...>") is cached: (folder id, UID) pairs.
    StoreResult<QList<std::pair<qint64, quint32>>> findByMessageId(const QByteArray &messageId);
    // UIDs of the messages of the folder that match what a user typed (SearchQuery: words
    // in subject, sender, recipients or an indexed body, and from:, is:unread, ...), ascending.
    StoreResult<QList<quint32>> search(qint64 folderId, const QString &text);
    // The same over every folder: the matching messages, newest first, at most limit.
    StoreResult<QList<MessageRecord>> searchAll(const QString &text, int limit);
    // The same on a worker thread (ListQueries::searchAllInBackground()).
    QFuture<StoreResult<QList<MessageRecord>>> searchAllInBackground(const QString &text, int limit);
    // The text of a message's bodies joins the search index (SearchIndex::indexBody()).
    MailError indexBody(qint64 folderId, quint32 uid, const QString &text);
    StoreResult<bool> isBodyIndexed(qint64 folderId, quint32 uid);
    // The messages of a folder whose body is not indexed yet, highest UID first (all when
    // limit is negative), and how many there are.
    StoreResult<QList<quint32>> uidsWithoutBody(qint64 folderId, int limit = -1);
    StoreResult<int> countWithoutBody(qint64 folderId);
    // Whether any message of the folder lacks its body in the index; stops at the first.
    StoreResult<bool> hasMessagesWithoutBody(qint64 folderId);
    // Whether the folder's messages are kept for offline use (FolderRecord::keepOffline).
    MailError setKeepOffline(qint64 folderId, bool keep);

    // Body parts
    MailError storeBodyPart(qint64 folderId, quint32 uid, const QByteArray &section,
                            const QByteArray &data);
    MailError storeBodyPartFile(qint64 folderId, quint32 uid, const QByteArray &section,
                                const QString &filePath);
    StoreResult<BodyPartRecord> bodyPart(qint64 folderId, quint32 uid, const QByteArray &section);

    // The journal of changes the server has not confirmed yet (OperationJournal), oldest
    // first. Adding returns the operation's id.
    StoreResult<qint64> addPendingOperation(const PendingOperation &operation);
    // The oldest limit of them, all when limit is negative.
    StoreResult<QList<PendingOperation>> pendingOperations(int limit = -1);
    StoreResult<int> pendingOperationCount();
    MailError removePendingOperation(qint64 id);

    // The messages being copied or moved to another account (TransferJournal), oldest first.
    StoreResult<QList<qint64>> addTransfers(const QList<TransferRecord> &records);
    StoreResult<QList<TransferRecord>> transfers();
    MailError setTransferStage(qint64 id, TransferRecord::Stage stage, const QByteArray &messageId);
    MailError removeTransfer(qint64 id);

    // Lists: the rows of a query, in its order, read a window at a time. Records from
    // fetchMessages() carry the list columns only (no recipients, references or structure).
    StoreResult<int> countMessages(const MessageQuery &query);
    StoreResult<QList<MessageRecord>> fetchMessages(const MessageQuery &query, int offset,
                                                    int limit);
    // The same read on a worker, over a connection of its own (BackgroundRead::window()), with
    // the changes still to write as they are now; at once for a cache in memory.
    QFuture<StoreResult<QList<MessageRecord>>> fetchMessagesInBackground(const MessageQuery &query,
                                                                         int offset, int limit);
    // The limit rows that follow the message afterUid in the query's order: reading on from a
    // known row walks the index instead of skipping an OFFSET.
    StoreResult<QList<MessageRecord>> fetchMessagesAfter(const MessageQuery &query,
                                                         quint32 afterUid, int limit);
    // The row of uid in the query's order; -1 when the query does not contain it.
    StoreResult<int> messagePosition(const MessageQuery &query, quint32 uid);
    // The rows of the given UIDs in the query's order (absent ones are left out).
    StoreResult<QHash<quint32, int>> messagePositions(const MessageQuery &query,
                                                      const QList<quint32> &uids);

    // The list columns of the given UIDs of a folder, by UID (absent ones are left out).
    StoreResult<QHash<quint32, MessageRecord>> fetchMessagesByUid(qint64 folderId,
                                                                  const QList<quint32> &uids);
    // The UIDs of the query's rows in its order, read on this thread.
    StoreResult<QList<quint32>> queryUids(const MessageQuery &query);
    // A list read on a worker thread (a search of a large folder): prepareQuery() brings the
    // search index up to date and makes the query order's index, here; readQueryUidsApart(),
    // called on the worker with this store's path(), then reads the UIDs of the query's rows in
    // its order over a connection of its own, in batches as they come (the first small, for
    // the first screen), and ends at once, interrupting SQLite, when stop() answers true
    // (ListQueries::readUidsApart()).
    MailError prepareQuery(const MessageQuery &query);
    static MailError readQueryUidsApart(const QString &path, const MessageQuery &query,
                                        const std::function<bool()> &stop,
                                        const std::function<void(QList<quint32> &&)> &deliver);
    // Whether the cache is a file other connections can open (not a database in memory).
    bool isFile() const;

    // Threads by References and In-Reply-To within the folder (ThreadQueries). A
    // root is the first message of a conversation that is in the folder. threadRoots() lists
    // them all in the query's order and filter, UIDs only, so a view can lay out every row;
    // threadRows() reads the list columns of some of them, with how many other messages their
    // conversation has.
    // Replies are the messages that answer parentUid, the last message of their References
    // that is in the folder (else their In-Reply-To, else the root), oldest first, each with
    // its number of direct replies; so a missing message in the middle loses no one.
    // The first call creates the indexes threads need, so a cache that never shows threads
    // does not maintain them on every write.
    StoreResult<QList<ThreadRoot>> threadRoots(const MessageQuery &query);
    // The same, read on a worker thread over a connection of its own: a large folder's roots
    // (and the first time, the thread indexes) take longer than a view may wait. Rows not in
    // the search index yet are indexed here first when the query searches.
    QFuture<StoreResult<QList<ThreadRoot>>> threadRootsInBackground(const MessageQuery &query);
    StoreResult<QHash<quint32, ThreadRow>> threadRows(qint64 folderId, const QList<quint32> &uids);
    StoreResult<QList<ThreadRow>> fetchReplies(qint64 folderId, quint32 parentUid);
    // How many messages uid's conversation has here, uid included, in one query.
    StoreResult<int> conversationSize(qint64 folderId, quint32 uid);

    // A large write (the first synchronisation of a big folder) drops the indexes that serve
    // reading only and whose keys come in random order: those of the sender, subject and size
    // orders that a list was sorted by, and those of threads (ListIndexes). Rows
    // are then written without a B-tree insert per index, and restoreListIndexes() builds each
    // of them again in one pass. Meanwhile every query still answers, by scanning. A store
    // closed before the restore (a crash, a quit) builds each missing index when first needed.
    // The sender, subject and size orders have an index each, made the first time a list is
    // read in that order. hasSortIndex() says whether that is done; sortIndexInBackground()
    // makes it on a worker thread, for a large folder whose first sort would otherwise hold
    // up the caller (the caller's writes meanwhile wait through SQLite's busy timeout).
    bool hasSortIndex(MessageQuery::SortKey key);
    QFuture<MailError> sortIndexInBackground(MessageQuery::SortKey key);

    MailError deferListIndexes();
    MailError restoreListIndexes();
    bool listIndexesDeferred() const;

    // The FTS5 query for what a user typed: each word a quoted prefix term.
    static QString ftsQuery(const QString &text);
    // Whether a comes before b in a list sorted as query sorts (key, then UID), exactly as the
    // store's queries order rows: for merging the lists of several stores.
    static bool sortsBefore(const MessageRecord &a, const MessageRecord &b,
                            const MessageQuery &query);

    // Full-text index. A written message enters the index later, not inside the write: in
    // chunks on the store's thread once no write came for ftsIdleDelayMs, and all at once
    // before any search, so searches always see every cached message.
    static constexpr int ftsIdleDelayMs = SearchIndex::idleDelayMs;
    static constexpr int ftsChunkRows = SearchIndex::chunkRows;
    // Messages written but not indexed yet.
    StoreResult<int> pendingFtsRows();
    // Indexes up to maxRows pending messages, oldest first (all of them when negative).
    MailError indexPendingFts(int maxRows = -1);
    // Turns the idle-time indexing on (the default) or off; searches index what they need
    // either way.
    void setBackgroundFtsIndexing(bool enabled);
    // Pushes the idle-time indexing back as a write would: for a writer about to write more.
    void postponeFtsIndexing();
    // Gives the pages SQLite keeps in memory back to the system; done after the idle-time
    // indexing caught up, which is typically the end of a large first synchronisation.
    void releaseMemory();
    // See CacheDatabase::setMaxValueSize(): how long one field of a row may be, while open.
    qint64 setMaxValueSize(int bytes);

Q_SIGNALS:
    void foldersChanged();
    void messagesAdded(qint64 folderId, const QList<quint32> &uids);
    void messagesChanged(qint64 folderId, const QList<quint32> &uids);
    void messagesAboutToBeRemoved(qint64 folderId, const QList<quint32> &uids);
    void messagesRemoved(qint64 folderId, const QList<quint32> &uids);
    void folderCleared(qint64 folderId);
    // The idle-time indexing has caught up with every written message.
    void ftsIndexCaughtUp();
    void backgroundWritesFinished();
    // A write on a worker failed; what it did not write shows again (folderCleared()).
    void backgroundWriteFailed(const MailError &error);

private:
    struct Private;
    // Drops the folder's messages and parts, then finish() in the same transaction; the part
    // files go after the commit, and folderCleared() and foldersChanged() tell.
    MailError clearFolder(qint64 folderId, const std::function<MailError()> &finish);
    void writeInBackground(const std::shared_ptr<BackgroundWrite> &job);

    std::unique_ptr<Private> d;
};
