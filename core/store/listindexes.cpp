#include "listindexes.h"

#include "cachedatabase.h"
#include "cachetransaction.h"
#include "cacheworkers.h"
#include "storeschema.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

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

ListIndexes::ListIndexes(CacheDatabase &db)
    : m_db(db)
{ }

const QStringList &ListIndexes::threadIndexStatements()
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

bool ListIndexes::hasSortIndex(MessageQuery::SortKey key)
{
    const QString name = sortIndexName(key);
    if (name.isEmpty() || m_sortIndexes.contains(name))
        return true;
    if (!m_db.isOpen())
        return false;
    const StoreResult<QVariant> found
            = m_db.scalar(QStringLiteral(
                                  "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"),
                          {name});
    if (!found || found.value().isNull())
        return false;
    m_sortIndexes.insert(name);
    return true;
}

QFuture<MailError> ListIndexes::sortIndexInBackground(MessageQuery::SortKey key)
{
    auto promise = std::make_shared<QPromise<MailError>>();
    QFuture<MailError> future = promise->future();
    promise->start();
    if (hasSortIndex(key) || !m_db.isOpen() || m_db.isInMemory()) {
        promise->addResult(m_db.isOpen() ? ensureSortIndex(key) : m_db.notOpen());
        promise->finish();
        return future;
    }
    CacheWorkers::start([promise, path = m_db.path(), name = sortIndexName(key)] {
        MailError error;
        CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
            error = db.isOpen() ? StoreSchema::createListIndexes(db, {name})
                                : MailError(MailError::Kind::Storage,
                                            QCoreApplication::translate("ListIndexes",
                                                                        "Cannot sort the list"),
                                            db.lastError().text());
        });
        promise->addResult(error);
        promise->finish();
    });
    return future;
}

MailError ListIndexes::ensureSortIndex(MessageQuery::SortKey key)
{
    const QString name = sortIndexName(key);
    if (name.isEmpty() || m_sortIndexes.contains(name))
        return {};
    if (!m_db.isOpen())
        return m_db.notOpen();
    // Made during a bulk write too: found by scanning, every window of the list would sort
    // the whole folder. The writes keep it up from then on.
    if (MailError error = StoreSchema::createListIndexes(m_db.connection(), {name}))
        return error;
    m_sortIndexes.insert(name);
    return {};
}

MailError ListIndexes::ensureThreadIndexes()
{
    if (!m_db.isOpen())
        return m_db.notOpen();
    // Threads shown during a bulk write need their indexes at once (found by scanning, each
    // row would look through the whole folder); they are kept up from then on.
    if (m_deferred)
        m_threadIndexesDeferred = true;
    for (const QString &sql : threadIndexStatements()) {
        if (MailError error
            = m_db.exec(sql, QCoreApplication::translate("ListIndexes",
                                                         "Cannot prepare the cache for threads")))
            return error;
    }
    return {};
}

MailError ListIndexes::defer()
{
    if (!m_db.isOpen())
        return m_db.notOpen();
    if (m_deferred)
        return {};
    QSqlQuery query(m_db.connection());
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'")))
        return m_db.failed(QCoreApplication::translate("ListIndexes",
                                                       "Cannot read the cache's indexes"),
                           query);
    QStringList existing;
    while (query.next())
        existing.append(query.value(0).toString());
    query.finish();
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    bool threads = false;
    QStringList dropped;
    for (const QString &name : StoreSchema::listIndexNames() + threadIndexNames) {
        if (!existing.contains(name))
            continue;
        if (!query.exec(QStringLiteral("DROP INDEX ") + name))
            return m_db.failed(QCoreApplication::translate("ListIndexes",
                                                           "Cannot change the cache's indexes"),
                               query);
        if (threadIndexNames.contains(name))
            threads = true;
        else
            dropped.append(name);
    }
    if (MailError error = transaction.commit())
        return error;
    m_deferredIndexes = dropped;
    m_sortIndexes.clear();
    m_deferred = true;
    m_threadIndexesDeferred = threads;
    return {};
}

MailError ListIndexes::restore()
{
    if (!m_db.isOpen())
        return m_db.notOpen();
    if (!m_deferred)
        return {};
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    if (MailError error = StoreSchema::createListIndexes(m_db.connection(), m_deferredIndexes))
        return error;
    if (m_threadIndexesDeferred) {
        for (const QString &sql : threadIndexStatements()) {
            if (MailError error
                = m_db.exec(sql,
                            QCoreApplication::translate("ListIndexes",
                                                        "Cannot prepare the cache for threads")))
                return error;
        }
    }
    if (MailError error = transaction.commit())
        return error;
    for (const QString &name : std::as_const(m_deferredIndexes))
        m_sortIndexes.insert(name);
    m_deferredIndexes.clear();
    m_deferred = false;
    m_threadIndexesDeferred = false;
    return {};
}

void ListIndexes::reset()
{
    m_deferred = false;
    m_threadIndexesDeferred = false;
    m_deferredIndexes.clear();
    m_sortIndexes.clear();
}
