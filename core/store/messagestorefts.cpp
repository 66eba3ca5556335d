// MessageStore: the deferred full-text index.
//
// Inserting a message does not touch the index: the rows above the watermark
// fts_state.indexed_through (schema version 7) are tokenized here, in chunks, when the store is
// idle or when a search needs them. A cold synchronisation of a large folder thus writes rows
// at the speed of the table and its indexes, and the search index catches up right after.

#include "messagestore.h"
#include "messagestore_p.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

const QString pendingWhere = QStringLiteral(
        " FROM messages WHERE id > (SELECT indexed_through FROM fts_state)");

const QString indexChunkSql
        = QStringLiteral("INSERT INTO messages_fts"
                         " (rowid, subject, from_name, from_address, to_text, cc_text)"
                         " SELECT id, subject, from_name, from_address, to_text, cc_text")
          + pendingWhere + QStringLiteral(" ORDER BY id LIMIT ?");

const QString raiseWatermarkSql = QStringLiteral("UPDATE fts_state SET indexed_through"
                                                 " = IFNULL((SELECT MAX(id) FROM (SELECT id")
                                  + pendingWhere
                                  + QStringLiteral(" ORDER BY id LIMIT ?)), indexed_through)");

} // namespace

StoreResult<int> MessageStore::pendingFtsRows()
{
    const StoreResult<QVariant> value = scalar(QStringLiteral("SELECT COUNT(*)") + pendingWhere, {});
    if (!value)
        return value.error();
    return value.value().toInt();
}

MailError MessageStore::indexPendingFts(int maxRows)
{
    MailError error;
    QSqlQuery *any = prepared(QStringLiteral("SELECT EXISTS (SELECT 1") + pendingWhere
                                      + QLatin1Char(')'),
                              &error);
    QSqlQuery *index = any ? prepared(indexChunkSql, &error) : nullptr;
    QSqlQuery *raise = index ? prepared(raiseWatermarkSql, &error) : nullptr;
    if (!raise)
        return error;
    if (!any->exec() || !any->next())
        return failed(QStringLiteral("Cannot read the search index's backlog"), *any);
    const bool pending = any->value(0).toBool();
    any->finish();
    if (!pending)
        return {};
    if (MailError beginError = begin())
        return beginError;
    // SQLite reads a negative LIMIT as no limit.
    const int limit = maxRows < 0 ? -1 : maxRows;
    index->bindValue(0, limit);
    raise->bindValue(0, limit);
    if (!index->exec()) {
        d->db.rollback();
        return failed(QStringLiteral("Cannot update the search index"), *index);
    }
    if (!raise->exec()) {
        d->db.rollback();
        return failed(QStringLiteral("Cannot update the search index"), *raise);
    }
    return commit();
}

void MessageStore::setBackgroundFtsIndexing(bool enabled)
{
    d->backgroundFts = enabled;
    if (!enabled)
        d->ftsTimer.stop();
    else
        scheduleFtsIndexing();
}

void MessageStore::postponeFtsIndexing()
{
    if (d->ftsTimer.isActive())
        scheduleFtsIndexing();
}

void MessageStore::scheduleFtsIndexing()
{
    // Every write pushes the indexing back: a synchronisation in progress is not slowed down.
    if (d->backgroundFts && isOpen())
        d->ftsTimer.start(ftsIdleDelayMs);
}

void MessageStore::indexFtsChunk()
{
    if (MailError error = indexPendingFts(ftsChunkRows))
        return; // logged by failed(); the next write or search tries again
    const StoreResult<int> left = pendingFtsRows();
    if (left && left.value() > 0) {
        d->ftsTimer.start(0);
        return;
    }
    if (!left)
        return;
    // A large backlog is typically the end of a first synchronisation: the pages it went
    // through are not needed any more.
    releaseMemory();
    Q_EMIT ftsIndexCaughtUp();
}

void MessageStore::releaseMemory()
{
    if (!isOpen())
        return;
    QSqlQuery query(d->db);
    if (!query.exec(QStringLiteral("PRAGMA shrink_memory")))
        failed(QStringLiteral("Cannot release the cache's memory"), query);
#ifdef __GLIBC__
    // SQLite's pages are small heap blocks: freed, they stay resident in the middle of the heap
    // until the allocator is asked to hand whole free pages back.
    malloc_trim(0);
#endif
}
