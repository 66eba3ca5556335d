// MessageStore: the indexes that serve reading only, and how a large write goes without them.
//
// Every index of the messages table costs a B-tree insert per new row, at a place its key
// decides: for sort keys like sender or subject, a random page, and each commit writes every
// page its rows touched. These indexes are therefore made only once a list needs them, and a
// first synchronisation of a large folder drops those that exist, writes the rows, and builds
// each index again in one sorted pass.

#include "messagestore.h"
#include "messagestore_p.h"
#include "storeschema.h"

#include <QPromise>
#include <QSqlError>
#include <QThreadPool>

#include <memory>

const QStringList &StoreSql::threadIndexStatements()
{
    // Made on first use by the threaded list (ensureThreadIndexes()).
    static const QStringList statements = {
            QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_message_id"
                           " ON messages (folder_id, message_id)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS messages_by_thread_key"
                           " ON messages (folder_id, thread_key, uid)"),
    };
    return statements;
}

namespace {

const QStringList threadIndexNames = {
        QStringLiteral("messages_by_message_id"),
        QStringLiteral("messages_by_thread_key"),
};

QString sortIndexName(MessageQuery::SortKey key)
{
    switch (key) {
    case MessageQuery::SortKey::Date:
        return {}; // always there
    case MessageQuery::SortKey::Sender:
        return QStringLiteral("messages_by_sender");
    case MessageQuery::SortKey::Subject:
        return QStringLiteral("messages_by_subject");
    case MessageQuery::SortKey::Size:
        return QStringLiteral("messages_by_size");
    }
    return {};
}

} // namespace

bool MessageStore::hasSortIndex(MessageQuery::SortKey key)
{
    const QString name = sortIndexName(key);
    if (name.isEmpty() || d->sortIndexes.contains(name))
        return true;
    if (!isOpen())
        return false;
    const StoreResult<QVariant> found
            = scalar(QStringLiteral(
                             "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"),
                     {name});
    if (!found || found.value().isNull())
        return false;
    d->sortIndexes.insert(name);
    return true;
}

QFuture<MailError> MessageStore::sortIndexInBackground(MessageQuery::SortKey key)
{
    auto promise = std::make_shared<QPromise<MailError>>();
    QFuture<MailError> future = promise->future();
    promise->start();
    if (hasSortIndex(key) || !isOpen() || d->path == QLatin1String(":memory:")) {
        promise->addResult(isOpen() ? ensureSortIndex(key) : notOpen());
        promise->finish();
        return future;
    }
    QThreadPool::globalInstance()->start([promise, path = d->path, name = sortIndexName(key)] {
        MailError error;
        StoreSql::withOwnConnection(path, [&](QSqlDatabase &db) {
            error = db.isOpen() ? StoreSchema::createListIndexes(db, {name})
                                : MailError(MailError::Kind::Storage,
                                            QStringLiteral("Cannot sort the list"),
                                            db.lastError().text());
        });
        promise->addResult(error);
        promise->finish();
    });
    return future;
}

MailError MessageStore::ensureSortIndex(MessageQuery::SortKey key)
{
    const QString name = sortIndexName(key);
    if (name.isEmpty() || d->sortIndexes.contains(name))
        return {};
    if (!isOpen())
        return notOpen();
    // Made during a bulk write too: found by scanning, every window of the list would sort
    // the whole folder. The writes keep it up from then on.
    if (MailError error = StoreSchema::createListIndexes(d->db, {name}))
        return error;
    d->sortIndexes.insert(name);
    return {};
}

MailError MessageStore::ensureThreadIndexes()
{
    if (!isOpen())
        return notOpen();
    // Threads shown during a bulk write need their indexes at once (found by scanning, each
    // row would look through the whole folder); they are kept up from then on.
    if (d->listIndexesDeferred)
        d->threadIndexesDeferred = true;
    for (const QString &sql : StoreSql::threadIndexStatements()) {
        QSqlQuery query(d->db);
        if (!query.exec(sql))
            return failed(QStringLiteral("Cannot prepare the cache for threads"), query);
    }
    return {};
}

MailError MessageStore::deferListIndexes()
{
    if (!isOpen())
        return notOpen();
    if (d->listIndexesDeferred)
        return {};
    QSqlQuery query(d->db);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'")))
        return failed(QStringLiteral("Cannot read the cache's indexes"), query);
    QStringList existing;
    while (query.next())
        existing.append(query.value(0).toString());
    query.finish();
    if (MailError error = begin())
        return error;
    bool threads = false;
    QStringList dropped;
    for (const QString &name : StoreSchema::listIndexNames() + threadIndexNames) {
        if (!existing.contains(name))
            continue;
        if (!query.exec(QStringLiteral("DROP INDEX ") + name)) {
            const MailError error = failed(QStringLiteral("Cannot change the cache's indexes"),
                                           query);
            d->db.rollback();
            return error;
        }
        if (threadIndexNames.contains(name))
            threads = true;
        else
            dropped.append(name);
    }
    if (MailError error = commit())
        return error;
    d->deferredListIndexes = dropped;
    d->sortIndexes.clear();
    d->listIndexesDeferred = true;
    d->threadIndexesDeferred = threads;
    return {};
}

MailError MessageStore::restoreListIndexes()
{
    if (!isOpen())
        return notOpen();
    if (!d->listIndexesDeferred)
        return {};
    if (MailError error = begin())
        return error;
    MailError error = StoreSchema::createListIndexes(d->db, d->deferredListIndexes);
    const QStringList &threadIndexes = StoreSql::threadIndexStatements();
    for (qsizetype i = 0; !error && d->threadIndexesDeferred && i < threadIndexes.size(); ++i) {
        QSqlQuery query(d->db);
        if (!query.exec(threadIndexes.at(i)))
            error = failed(QStringLiteral("Cannot prepare the cache for threads"), query);
    }
    if (!error)
        error = commit();
    else
        d->db.rollback();
    if (error)
        return error;
    for (const QString &name : std::as_const(d->deferredListIndexes))
        d->sortIndexes.insert(name);
    d->deferredListIndexes.clear();
    d->listIndexesDeferred = false;
    d->threadIndexesDeferred = false;
    return {};
}

bool MessageStore::listIndexesDeferred() const
{
    return d->listIndexesDeferred;
}
