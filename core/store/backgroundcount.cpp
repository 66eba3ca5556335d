#include "backgroundcount.h"

#include "cachedatabase.h"
#include "sqlitestatement.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>

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

// count(db, folderId, changes) on a worker, over a connection of its own with the changes'
// functions installed.
template<typename T, typename Count>
QFuture<StoreResult<T>> onWorker(const QString &path, qint64 folderId, UnwrittenChanges changes,
                                 Count count)
{
    using Result = StoreResult<T>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    auto own = std::make_shared<UnwrittenChanges>(std::move(changes));
    QThreadPool::globalInstance()->start([promise, path, folderId, own, count] {
        CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
            if (!db.isOpen()) {
                promise->addResult(Result(countFailed(db.lastError().text())));
                return;
            }
            if (!own->install(SqliteStatement::handle(db))) {
                promise->addResult(Result(countFailed(QString())));
                return;
            }
            promise->addResult(count(db, folderId, *own));
        });
        promise->finish();
    });
    return future;
}

} // namespace

namespace BackgroundCount {

QFuture<StoreResult<FolderCounts>> start(const QString &path, qint64 folderId,
                                         UnwrittenChanges changes)
{
    return onWorker<FolderCounts>(path, folderId, std::move(changes), &countBoth);
}

QFuture<StoreResult<int>> messages(const QString &path, qint64 folderId, UnwrittenChanges changes)
{
    return onWorker<int>(path, folderId, std::move(changes), &countMessages);
}

} // namespace BackgroundCount
