#include "backgroundread.h"

#include "cachedatabase.h"
#include "cacheworkers.h"
#include "listqueries.h"
#include "sqlitestatement.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace {

MailError countFailed(const QString &detail)
{
    return MailError(MailError::Kind::Storage,
                     QCoreApplication::translate("BackgroundCount",
                                                 "Cannot count the messages of a folder"),
                     detail);
}

StoreResult<int> countWhere(QSqlDatabase &db, const QString &from, qint64 folderId,
                            const QString &conditions)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT COUNT(*) FROM ") + from
                       + QStringLiteral(" WHERE folder_id = ?") + conditions))
        return countFailed(query.lastError().text());
    query.addBindValue(folderId);
    if (!query.exec() || !query.next())
        return countFailed(query.lastError().text());
    return query.value(0).toInt();
}

StoreResult<int> countMessages(QSqlDatabase &db, qint64 folderId, const UnwrittenChanges &changes)
{
    // Through the narrowest index, as ListQueries::count() does.
    return countWhere(db, QStringLiteral("messages INDEXED BY sqlite_autoindex_messages_1"),
                      folderId, changes.hiddenCondition(folderId));
}

StoreResult<FolderCounts> countBoth(QSqlDatabase &db, qint64 folderId,
                                    const UnwrittenChanges &changes)
{
    FolderCounts counts;
    // Both counts of one state of the file, whatever a writer commits meanwhile.
    if (!db.transaction())
        return countFailed(db.lastError().text());
    for (const QString &conditions : changes.unreadConditions(folderId)) {
        const StoreResult<int> unread = countWhere(db, QStringLiteral("messages"), folderId,
                                                   conditions);
        if (!unread) {
            db.rollback();
            return unread.error();
        }
        counts.unread += unread.value();
    }
    const StoreResult<int> messages = countMessages(db, folderId, changes);
    db.rollback();
    if (!messages)
        return messages.error();
    counts.messages = messages.value();
    return counts;
}

MailError uidsFailed(const QString &detail)
{
    return MailError(MailError::Kind::Storage,
                     QCoreApplication::translate("MessageTable",
                                                 "Cannot read the UIDs of a folder"),
                     detail);
}

StoreResult<QList<quint32>> readUids(QSqlDatabase &db, qint64 folderId, quint32 highest,
                                     const UnwrittenChanges &changes)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT uid FROM messages WHERE folder_id = ? AND uid <= ?")
                       + changes.hiddenCondition(folderId) + QStringLiteral(" ORDER BY uid")))
        return uidsFailed(query.lastError().text());
    query.addBindValue(folderId);
    query.addBindValue(highest);
    if (!query.exec())
        return uidsFailed(query.lastError().text());
    QList<quint32> uids;
    while (query.next())
        uids.append(query.value(0).toUInt());
    return uids;
}

// read(db, folderId, changes) on a worker, over a connection of its own with the changes'
// functions installed; failed() names what could not be read.
template<typename T, typename Read>
QFuture<StoreResult<T>> onWorker(const QString &path, qint64 folderId, UnwrittenChanges changes,
                                 MailError (*failed)(const QString &), Read read, int priority = 0)
{
    using Result = StoreResult<T>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    auto own = std::make_shared<UnwrittenChanges>(std::move(changes));
    CacheWorkers::start(
            [promise, path, folderId, own, failed, read] {
                CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
                    if (!db.isOpen()) {
                        promise->addResult(Result(failed(db.lastError().text())));
                        return;
                    }
                    if (!own->install(SqliteStatement::handle(db))) {
                        promise->addResult(Result(failed(QString())));
                        return;
                    }
                    promise->addResult(read(db, folderId, *own));
                });
                promise->finish();
            },
            priority);
    return future;
}

} // namespace

namespace BackgroundRead {

QFuture<StoreResult<FolderCounts>> counts(const QString &path, qint64 folderId,
                                          UnwrittenChanges changes)
{
    return onWorker<FolderCounts>(path, folderId, std::move(changes), &countFailed, &countBoth);
}

QFuture<StoreResult<int>> messageCount(const QString &path, qint64 folderId,
                                       UnwrittenChanges changes)
{
    return onWorker<int>(path, folderId, std::move(changes), &countFailed, &countMessages);
}

QFuture<StoreResult<QList<quint32>>> uids(const QString &path, qint64 folderId, quint32 highest,
                                          UnwrittenChanges changes)
{
    return onWorker<QList<quint32>>(path, folderId, std::move(changes), &uidsFailed,
                                    [highest](QSqlDatabase &db, qint64 folder,
                                              const UnwrittenChanges &unwritten) {
                                        return readUids(db, folder, highest, unwritten);
                                    });
}

QFuture<StoreResult<QList<MessageRecord>>> window(const QString &path, const MessageQuery &query,
                                                  int offset, int limit, UnwrittenChanges changes)
{
    return onWorker<QList<MessageRecord>>(
            path, query.folderId, std::move(changes), &ListQueries::readFailed,
            [query, offset, limit](QSqlDatabase &db, qint64, const UnwrittenChanges &unwritten) {
                return ListQueries::fetchOver(db, query, offset, limit, unwritten);
            },
            1);
}

} // namespace BackgroundRead
