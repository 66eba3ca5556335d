#include "searchindex.h"

#include "cachedatabase.h"
#include "cachetransaction.h"
#include "searchquery.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace {

const QString pendingWhere = QStringLiteral(
        " FROM messages WHERE id > (SELECT indexed_through FROM fts_state)");

// The header columns as the index holds them: folded, the sender's name with the address, and
// the To with the Cc recipients.
// clang-format off
const char foldedHeaders[] = HERON_SEARCH_FOLD("subject") ", "
                             HERON_SEARCH_FOLD("from_name || ' ' || from_address") ", "
                             HERON_SEARCH_FOLD("to_text || ' ' || cc_text");
// clang-format on

const QString indexChunkSql = QStringLiteral("INSERT INTO messages_fts"
                                             " (rowid, subject, sender, recipients) SELECT id, ")
                              + QString::fromUtf8(foldedHeaders) + pendingWhere
                              + QStringLiteral(" ORDER BY id LIMIT ?");

const QString raiseWatermarkSql = QStringLiteral("UPDATE fts_state SET indexed_through"
                                                 " = IFNULL((SELECT MAX(id) FROM (SELECT id")
                                  + pendingWhere
                                  + QStringLiteral(" ORDER BY id LIMIT ?)), indexed_through)");

} // namespace

SearchIndex::SearchIndex(CacheDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SearchIndex::indexChunk);
}

QString SearchIndex::ftsQuery(const QString &text)
{
    return SearchQuery::parse(text).ftsMatch();
}

StoreResult<int> SearchIndex::pendingRows()
{
    const StoreResult<QVariant> value = m_db.scalar(QStringLiteral("SELECT COUNT(*)")
                                                    + pendingWhere);
    if (!value)
        return value.error();
    return value.value().toInt();
}

MailError SearchIndex::indexPending(int maxRows)
{
    MailError error;
    QSqlQuery *any = m_db.prepared(QStringLiteral("SELECT EXISTS (SELECT 1") + pendingWhere
                                           + QLatin1Char(')'),
                                   &error);
    QSqlQuery *index = any ? m_db.prepared(indexChunkSql, &error) : nullptr;
    QSqlQuery *raise = index ? m_db.prepared(raiseWatermarkSql, &error) : nullptr;
    if (!raise)
        return error;
    if (!any->exec() || !any->next())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot read the search index's backlog"),
                           *any);
    const bool pending = any->value(0).toBool();
    any->finish();
    if (!pending)
        return {};
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    // SQLite reads a negative LIMIT as no limit.
    const int limit = maxRows < 0 ? -1 : maxRows;
    index->bindValue(0, limit);
    raise->bindValue(0, limit);
    if (!index->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot update the search index"),
                           *index);
    if (!raise->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot update the search index"),
                           *raise);
    return transaction.commit();
}

MailError SearchIndex::indexBody(qint64 folderId, quint32 uid, const QString &text)
{
    MailError error;
    QSqlQuery *row = m_db.prepared(QStringLiteral("SELECT id, id > (SELECT indexed_through FROM"
                                                  " fts_state) FROM messages"
                                                  " WHERE folder_id = ? AND uid = ?"),
                                   &error);
    QSqlQuery *body = row ? m_db.prepared(QStringLiteral("UPDATE messages_fts SET body = ?"
                                                         " WHERE rowid = ?"),
                                          &error)
                          : nullptr;
    QSqlQuery *mark = body ? m_db.prepared(QStringLiteral("INSERT OR IGNORE INTO indexed_bodies"
                                                          " (id) VALUES (?)"),
                                           &error)
                           : nullptr;
    if (!mark)
        return error;
    row->bindValue(0, folderId);
    row->bindValue(1, uid);
    if (!row->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot index the text of a message"),
                           *row);
    if (!row->next())
        return {}; // the message went meanwhile
    const qint64 id = row->value(0).toLongLong();
    const bool pending = row->value(1).toBool();
    row->finish();
    // The body joins the message's row of the index: that row is made first.
    if (pending) {
        if (MailError indexError = indexPending())
            return indexError;
    }
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    body->bindValue(0, SearchQuery::fold(QStringView(text).left(maxBodyChars)));
    body->bindValue(1, id);
    if (!body->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot index the text of a message"),
                           *body);
    mark->bindValue(0, id);
    if (!mark->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot index the text of a message"),
                           *mark);
    return transaction.commit();
}

StoreResult<bool> SearchIndex::isBodyIndexed(qint64 folderId, quint32 uid)
{
    const StoreResult<QVariant> value
            = m_db.scalar(QStringLiteral(
                                  "SELECT EXISTS (SELECT 1 FROM messages m JOIN indexed_bodies b"
                                  " ON b.id = m.id WHERE m.folder_id = ? AND m.uid = ?)"),
                          {folderId, uid});
    if (!value)
        return value.error();
    return value.value().toBool();
}

StoreResult<QList<quint32>> SearchIndex::uidsWithoutBody(qint64 folderId, int limit)
{
    MailError error;
    QSqlQuery *query
            = m_db.prepared(QStringLiteral(
                                    "SELECT uid FROM messages WHERE folder_id = ? AND id NOT IN"
                                    " (SELECT id FROM indexed_bodies) ORDER BY uid DESC LIMIT ?"),
                            &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, limit < 0 ? -1 : limit);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("SearchIndex",
                                                       "Cannot list the messages without text"),
                           *query);
    QList<quint32> uids;
    while (query->next())
        uids.append(query->value(0).toUInt());
    query->finish();
    return uids;
}

StoreResult<int> SearchIndex::countWithoutBody(qint64 folderId)
{
    const StoreResult<QVariant> value
            = m_db.scalar(QStringLiteral(
                                  "SELECT COUNT(*) FROM messages WHERE folder_id = ? AND id NOT IN"
                                  " (SELECT id FROM indexed_bodies)"),
                          {folderId});
    if (!value)
        return value.error();
    return value.value().toInt();
}

StoreResult<bool> SearchIndex::hasMessagesWithoutBody(qint64 folderId)
{
    const StoreResult<QVariant> value = m_db.scalar(
            QStringLiteral("SELECT EXISTS (SELECT 1 FROM messages WHERE folder_id = ? AND id NOT IN"
                           " (SELECT id FROM indexed_bodies))"),
            {folderId});
    if (!value)
        return value.error();
    return value.value().toBool();
}

void SearchIndex::setBackgroundIndexing(bool enabled)
{
    m_background = enabled;
    if (!enabled)
        m_timer.stop();
    else
        schedule();
}

void SearchIndex::schedule()
{
    if (m_background && m_db.isOpen())
        m_timer.start(idleDelayMs);
}

void SearchIndex::postpone()
{
    if (m_timer.isActive())
        schedule();
}

void SearchIndex::stop()
{
    m_timer.stop();
}

void SearchIndex::indexChunk()
{
    if (MailError error = indexPending(chunkRows))
        return; // logged by failed(); the next write or search tries again
    const StoreResult<int> left = pendingRows();
    if (left && left.value() > 0) {
        m_timer.start(0);
        return;
    }
    if (!left)
        return;
    // A large backlog is typically the end of a first synchronisation: the pages it went
    // through are not needed any more.
    m_db.releaseMemory();
    Q_EMIT caughtUp();
}
