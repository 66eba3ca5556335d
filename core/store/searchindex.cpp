#include "searchindex.h"

#include "cachedatabase.h"
#include "cachetransaction.h"

#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

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

SearchIndex::SearchIndex(CacheDatabase &db, QObject *parent)
    : QObject(parent)
    , m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SearchIndex::indexChunk);
}

QString SearchIndex::ftsQuery(const QString &text)
{
    const QStringList words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QStringList terms;
    for (const QString &word : words) {
        // Only words with something the tokenizer keeps: a phrase of punctuation alone is not
        // a valid FTS5 term.
        if (std::none_of(word.begin(), word.end(), [](QChar c) { return c.isLetterOrNumber(); }))
            continue;
        QString quoted = word;
        quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
        terms.append(QLatin1Char('"') + quoted + QLatin1String("\"*"));
    }
    return terms.join(QLatin1Char(' '));
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
        return m_db.failed(QStringLiteral("Cannot read the search index's backlog"), *any);
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
        return m_db.failed(QStringLiteral("Cannot update the search index"), *index);
    if (!raise->exec())
        return m_db.failed(QStringLiteral("Cannot update the search index"), *raise);
    return transaction.commit();
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
