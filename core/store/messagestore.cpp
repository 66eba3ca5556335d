#include "messagestore.h"

#include "backgroundread.h"
#include "cachetransaction.h"
#include "messagestoreprivate.h"
#include "sqlitestatement.h"

#include <optional>

MessageStore::MessageStore(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    connect(&d->search, &SearchIndex::caughtUp, this, &MessageStore::ftsIndexCaughtUp);
}

MessageStore::~MessageStore()
{
    close();
}

MailError MessageStore::open(const QString &path)
{
    close();
    // A store closed in the middle of a large write lacks the indexes that write dropped: like
    // any sort index, each is built again when a list first needs it.
    if (MailError error = d->db.open(path))
        return error;
    if (!d->unwritten.install(SqliteStatement::handle(d->db.connection()))) {
        d->db.close();
        return MailError(MailError::Kind::Storage, tr("Cannot open the cache %1").arg(path));
    }
    return {};
}

void MessageStore::close()
{
    // A removal stopped half way leaves rows that the next synchronisation removes, a flag
    // change flags that the server's replace.
    d->stopWrites(0);
    d->workers.waitForDone();
    d->writes.clear();
    d->search.stop();
    d->indexes.reset();
    d->db.close();
}

bool MessageStore::isOpen() const
{
    return d->db.isOpen();
}

MailError MessageStore::checkIntegrity()
{
    return d->db.checkIntegrity();
}

QString MessageStore::path() const
{
    return d->db.path();
}

QString MessageStore::connectionName() const
{
    return d->db.connectionName();
}

// Folders

StoreResult<qint64> MessageStore::upsertFolder(const FolderRecord &folder)
{
    const StoreResult<qint64> id = d->folders.upsert(folder);
    if (id)
        Q_EMIT foldersChanged();
    return id;
}

MailError MessageStore::updateFolderState(const FolderRecord &folder)
{
    if (MailError error = d->folders.updateState(folder))
        return error;
    Q_EMIT foldersChanged();
    return {};
}

StoreResult<QList<FolderRecord>> MessageStore::folders()
{
    return d->folders.folders();
}

StoreResult<FolderRecord> MessageStore::folder(qint64 folderId)
{
    return d->folders.folder(folderId);
}

StoreResult<FolderRecord> MessageStore::folderByPath(const QString &path)
{
    return d->folders.folderByPath(path);
}

MailError MessageStore::resetFolder(qint64 folderId, quint32 newUidValidity)
{
    return clearFolder(folderId, [this, folderId, newUidValidity] {
        return d->folders.resetState(folderId, newUidValidity);
    });
}

MailError MessageStore::removeFolder(qint64 folderId)
{
    return clearFolder(folderId, [this, folderId] { return d->folders.remove(folderId); });
}

MailError MessageStore::renameFolder(qint64 folderId, const QString &newPath)
{
    const StoreResult<FolderRecord> renamed = d->folders.folder(folderId);
    if (!renamed)
        return renamed.error();
    const FolderRecord &folder = renamed.value();
    const StoreResult<QList<FolderRecord>> all = d->folders.folders();
    if (!all)
        return all.error();
    QList<std::pair<qint64, QString>> paths = {{folderId, newPath}};
    if (!folder.delimiter.isNull()) {
        const QString prefix = folder.path + folder.delimiter;
        for (const FolderRecord &other : all.value()) {
            if (other.id != folderId && other.path.startsWith(prefix))
                paths.append({other.id, newPath + folder.delimiter + other.path.mid(prefix.size())});
        }
    }
    MailError error;
    {
        CacheTransaction transaction(d->db);
        error = transaction.error();
        for (const auto &[id, path] : std::as_const(paths)) {
            if (!error)
                error = d->folders.setPath(id, path);
        }
        if (!error)
            error = transaction.commit();
    }
    if (error)
        return error;
    Q_EMIT foldersChanged();
    return {};
}

MailError MessageStore::setFolderSubscribed(qint64 folderId, bool subscribed)
{
    if (MailError error = d->folders.setSubscribed(folderId, subscribed))
        return error;
    Q_EMIT foldersChanged();
    return {};
}

MailError MessageStore::clearFolder(qint64 folderId, const std::function<MailError()> &finish)
{
    // New messages may take the UIDs of those a worker writes.
    d->stopWrites(folderId);
    QStringList files;
    MailError error;
    {
        CacheTransaction transaction(d->db);
        error = transaction.error();
        if (!error)
            error = d->messages.clearFolder(folderId);
        if (!error)
            error = d->parts.clearFolder(folderId, &files);
        if (!error)
            error = finish();
        if (!error)
            error = transaction.commit();
    }
    if (error)
        return error;
    BodyPartCache::removeFiles(files);
    Q_EMIT folderCleared(folderId);
    Q_EMIT foldersChanged();
    return {};
}

// Messages

MailError MessageStore::upsertMessages(qint64 folderId, const QList<MessageRecord> &messages)
{
    if (messages.isEmpty())
        return {};
    if (d->unwritten.hidesIn(folderId) || d->unwritten.changesFlagsIn(folderId)) {
        // Written again, as the server has them (after a move it refused).
        QList<quint32> uids;
        for (const MessageRecord &message : messages)
            uids.append(message.uid);
        if (MailError error = d->takeBack(folderId, uids, false, true))
            return error;
    }
    QList<quint32> added;
    QList<quint32> changed;
    if (MailError error = d->messages.upsert(folderId, messages, &added, &changed))
        return error;
    if (!added.isEmpty()) {
        d->search.schedule();
        Q_EMIT messagesAdded(folderId, added);
    }
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

StoreResult<MessageRecord> MessageStore::message(qint64 folderId, quint32 uid)
{
    if (d->unwritten.isHidden(folderId, uid))
        return MailError(MailError::Kind::Storage, tr("Message %1 is not cached").arg(uid));
    StoreResult<MessageRecord> result = d->messages.message(folderId, uid);
    if (result && d->unwritten.changesAnyFlags()) {
        MessageRecord record = std::move(result).value();
        d->unwritten.apply(&record);
        return record;
    }
    return result;
}

StoreResult<QList<quint32>> MessageStore::uids(qint64 folderId)
{
    return d->unwritten.withoutHidden(folderId, d->messages.uids(folderId));
}

QFuture<StoreResult<QList<quint32>>> MessageStore::uidsInBackground(qint64 folderId)
{
    // Those cached by now: a synchronisation may add others before the worker reads.
    const StoreResult<std::pair<quint32, quint32>> bounds = uidBounds(folderId);
    if (!bounds || d->db.isInMemory() || !d->db.isOpen())
        return QtFuture::makeReadyFuture(uids(folderId));
    return BackgroundRead::uids(path(), folderId, bounds.value().second,
                                d->unwritten.folderOnly(folderId));
}

StoreResult<std::pair<quint32, quint32>> MessageStore::uidBounds(qint64 folderId)
{
    return d->messages.uidBounds(folderId);
}

StoreResult<quint64> MessageStore::highestModSeq(qint64 folderId)
{
    return d->messages.highestModSeq(folderId);
}

StoreResult<int> MessageStore::messageCount(qint64 folderId)
{
    return d->lists.count(MessageQuery {folderId, {}, {}, {}});
}

StoreResult<int> MessageStore::unseenCount(qint64 folderId)
{
    const QStringList conditions = d->unwritten.unreadConditions(folderId);
    // The counts of the same state, whatever a worker commits between them.
    std::optional<CacheTransaction> snapshot;
    if (conditions.size() > 1)
        snapshot.emplace(d->db, CacheTransaction::Mode::Read);
    int unread = 0;
    for (const QString &condition : conditions) {
        const StoreResult<int> count = d->messages.count(folderId, condition);
        if (!count)
            return count;
        unread += count.value();
    }
    return unread;
}

StoreResult<FolderCounts> MessageStore::folderCounts(qint64 folderId)
{
    const StoreResult<int> unread = unseenCount(folderId);
    if (!unread)
        return unread.error();
    const StoreResult<int> messages = messageCount(folderId);
    if (!messages)
        return messages.error();
    return FolderCounts {unread.value(), messages.value()};
}

QFuture<StoreResult<FolderCounts>> MessageStore::folderCountsInBackground(qint64 folderId)
{
    if (d->db.isInMemory() || !d->db.isOpen())
        return QtFuture::makeReadyFuture(folderCounts(folderId)); // no file for a worker
    return BackgroundRead::counts(path(), folderId, d->unwritten.folderOnly(folderId));
}

QFuture<StoreResult<int>> MessageStore::messageCountInBackground(qint64 folderId)
{
    if (d->db.isInMemory() || !d->db.isOpen())
        return QtFuture::makeReadyFuture(messageCount(folderId));
    return BackgroundRead::messageCount(path(), folderId, d->unwritten.folderOnly(folderId));
}

StoreResult<QHash<qint64, int>> MessageStore::messageCounts()
{
    if (!d->unwritten.hidesAny())
        return d->messages.messageCounts();
    return d->messages.countByFolder(d->unwritten.hiddenCondition());
}

StoreResult<QList<std::pair<qint64, quint32>>> MessageStore::findByMessageId(
        const QByteArray &messageId)
{
    return d->messages.findByMessageId(messageId);
}

StoreResult<QList<quint32>> MessageStore::search(qint64 folderId, const QString &text)
{
    return d->lists.search(folderId, text);
}

StoreResult<QList<MessageRecord>> MessageStore::searchAll(const QString &text, int limit)
{
    return d->lists.searchAll(text, limit);
}

QFuture<StoreResult<QList<MessageRecord>>> MessageStore::searchAllInBackground(const QString &text,
                                                                               int limit)
{
    return d->lists.searchAllInBackground(text, limit);
}

MailError MessageStore::indexBody(qint64 folderId, quint32 uid, const QString &text)
{
    return d->search.indexBody(folderId, uid, text);
}

StoreResult<bool> MessageStore::isBodyIndexed(qint64 folderId, quint32 uid)
{
    return d->search.isBodyIndexed(folderId, uid);
}

StoreResult<QList<quint32>> MessageStore::uidsWithoutBody(qint64 folderId, int limit)
{
    return d->unwritten.withoutHidden(folderId, d->search.uidsWithoutBody(folderId, limit));
}

StoreResult<int> MessageStore::countWithoutBody(qint64 folderId)
{
    return d->search.countWithoutBody(folderId);
}

StoreResult<bool> MessageStore::hasMessagesWithoutBody(qint64 folderId)
{
    return d->search.hasMessagesWithoutBody(folderId);
}

MailError MessageStore::setKeepOffline(qint64 folderId, bool keep)
{
    if (MailError error = d->folders.setKeepOffline(folderId, keep))
        return error;
    Q_EMIT foldersChanged();
    return {};
}

// Body parts

MailError MessageStore::storeBodyPart(qint64 folderId, quint32 uid, const QByteArray &section,
                                      const QByteArray &data)
{
    return d->parts.store(folderId, uid, section, data);
}

MailError MessageStore::storeBodyPartFile(qint64 folderId, quint32 uid, const QByteArray &section,
                                          const QString &filePath)
{
    return d->parts.storeFile(folderId, uid, section, filePath);
}

StoreResult<BodyPartRecord> MessageStore::bodyPart(qint64 folderId, quint32 uid,
                                                   const QByteArray &section)
{
    return d->parts.part(folderId, uid, section);
}

// The journal of changes for the server

StoreResult<qint64> MessageStore::addPendingOperation(const PendingOperation &operation)
{
    return d->journal.add(operation);
}

StoreResult<QList<PendingOperation>> MessageStore::pendingOperations(int limit)
{
    return d->journal.operations(limit);
}

StoreResult<int> MessageStore::pendingOperationCount()
{
    return d->journal.count();
}

MailError MessageStore::removePendingOperation(qint64 id)
{
    return d->journal.remove(id);
}

// Messages on their way to another account

StoreResult<QList<qint64>> MessageStore::addTransfers(const QList<TransferRecord> &records)
{
    return d->transfers.add(records);
}

StoreResult<QList<TransferRecord>> MessageStore::transfers()
{
    return d->transfers.transfers();
}

MailError MessageStore::setTransferStage(qint64 id, TransferRecord::Stage stage,
                                         const QByteArray &messageId)
{
    return d->transfers.setStage(id, stage, messageId);
}

MailError MessageStore::removeTransfer(qint64 id)
{
    return d->transfers.remove(id);
}

// Lists

StoreResult<int> MessageStore::countMessages(const MessageQuery &query)
{
    return d->lists.count(query);
}

StoreResult<QList<MessageRecord>> MessageStore::fetchMessages(const MessageQuery &query, int offset,
                                                              int limit)
{
    return d->lists.fetch(query, offset, limit);
}

QFuture<StoreResult<QList<MessageRecord>>> MessageStore::fetchMessagesInBackground(
        const MessageQuery &query, int offset, int limit)
{
    using Result = StoreResult<QList<MessageRecord>>;
    if (MailError error = prepareQuery(query))
        return QtFuture::makeReadyFuture(Result(error));
    if (!isFile())
        return QtFuture::makeReadyFuture(fetchMessages(query, offset, limit));
    return BackgroundRead::window(path(), query, offset, limit,
                                  d->unwritten.folderOnly(query.folderId));
}

StoreResult<QList<MessageRecord>> MessageStore::fetchMessagesAfter(const MessageQuery &query,
                                                                   quint32 afterUid, int limit)
{
    return d->lists.fetchAfter(query, afterUid, limit);
}

StoreResult<int> MessageStore::messagePosition(const MessageQuery &query, quint32 uid)
{
    return d->lists.position(query, uid);
}

StoreResult<QHash<quint32, int>> MessageStore::messagePositions(const MessageQuery &query,
                                                                const QList<quint32> &uids)
{
    return d->lists.positions(query, uids);
}

bool MessageStore::sortsBefore(const MessageRecord &a, const MessageRecord &b,
                               const MessageQuery &query)
{
    return ListQueries::sortsBefore(a, b, query);
}

// Threads

StoreResult<QList<ThreadRoot>> MessageStore::threadRoots(const MessageQuery &query)
{
    return d->threads.roots(query);
}

StoreResult<QHash<quint32, MessageRecord>> MessageStore::fetchMessagesByUid(
        qint64 folderId, const QList<quint32> &uids)
{
    return d->lists.fetchUids(folderId, uids);
}

StoreResult<QList<quint32>> MessageStore::queryUids(const MessageQuery &query)
{
    return d->lists.uidsInOrder(query);
}

MailError MessageStore::prepareQuery(const MessageQuery &query)
{
    return d->lists.prepare(query);
}

MailError MessageStore::readQueryUidsApart(const QString &path, const MessageQuery &query,
                                           const std::function<bool()> &stop,
                                           const std::function<void(QList<quint32> &&)> &deliver)
{
    return ListQueries::readUidsApart(path, query, stop, deliver);
}

bool MessageStore::isFile() const
{
    return d->db.isOpen() && !d->db.isInMemory();
}

QFuture<StoreResult<QList<ThreadRoot>>> MessageStore::threadRootsInBackground(
        const MessageQuery &query)
{
    return d->threads.rootsInBackground(query);
}

StoreResult<QHash<quint32, ThreadRow>> MessageStore::threadRows(qint64 folderId,
                                                                const QList<quint32> &uids)
{
    StoreResult<QHash<quint32, ThreadRow>> result = d->threads.rows(folderId, uids);
    if (!result || !d->unwritten.changesFlagsIn(folderId))
        return result;
    QHash<quint32, ThreadRow> rows = std::move(result).value();
    for (ThreadRow &row : rows)
        d->unwritten.apply(&row.message);
    return rows;
}

StoreResult<QList<ThreadRow>> MessageStore::fetchReplies(qint64 folderId, quint32 parentUid)
{
    StoreResult<QList<ThreadRow>> result = d->threads.replies(folderId, parentUid);
    if (!result || (!d->unwritten.changesFlagsIn(folderId) && !d->unwritten.hidesIn(folderId)))
        return result;
    QList<ThreadRow> rows = std::move(result).value();
    rows.removeIf(
            [&](const ThreadRow &row) { return d->unwritten.isHidden(folderId, row.message.uid); });
    for (ThreadRow &row : rows)
        d->unwritten.apply(&row.message);
    return rows;
}

StoreResult<int> MessageStore::conversationSize(qint64 folderId, quint32 uid)
{
    StoreResult<QList<quint32>> uids = d->threads.conversation(folderId, uid);
    if (!uids)
        return uids.error();
    QList<quint32> shown = std::move(uids).value();
    if (d->unwritten.hidesIn(folderId))
        shown.removeIf([&](quint32 member) { return d->unwritten.isHidden(folderId, member); });
    return int(shown.size());
}

// The indexes that serve reading only

bool MessageStore::hasSortIndex(MessageQuery::SortKey key)
{
    return d->indexes.hasSortIndex(key);
}

QFuture<MailError> MessageStore::sortIndexInBackground(MessageQuery::SortKey key)
{
    return d->indexes.sortIndexInBackground(key);
}

MailError MessageStore::deferListIndexes()
{
    return d->indexes.defer();
}

MailError MessageStore::restoreListIndexes()
{
    return d->indexes.restore();
}

bool MessageStore::listIndexesDeferred() const
{
    return d->indexes.isDeferred();
}

// Full-text index

QString MessageStore::ftsQuery(const QString &text)
{
    return SearchIndex::ftsQuery(text);
}

StoreResult<int> MessageStore::pendingFtsRows()
{
    return d->search.pendingRows();
}

MailError MessageStore::indexPendingFts(int maxRows)
{
    return d->search.indexPending(maxRows);
}

void MessageStore::setBackgroundFtsIndexing(bool enabled)
{
    d->search.setBackgroundIndexing(enabled);
}

void MessageStore::postponeFtsIndexing()
{
    d->search.postpone();
}

void MessageStore::releaseMemory()
{
    d->db.releaseMemory();
}

qint64 MessageStore::setMaxValueSize(int bytes)
{
    return d->db.setMaxValueSize(bytes);
}
