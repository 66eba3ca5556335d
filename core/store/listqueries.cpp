#include "listqueries.h"

#include "cachedatabase.h"
#include "cacheworkers.h"
#include "listindexes.h"
#include "searchindex.h"
#include "searchquery.h"
#include "sqlitestatement.h"
#include "storesql.h"
#include "unwrittenchanges.h"

#include <QCoreApplication>
#include <QPromise>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace {

int askStop(void *stop)
{
    return (*static_cast<const std::function<bool()> *>(stop))() ? 1 : 0;
}

MailError searchFailed(const QString &detail)
{
    return MailError(MailError::Kind::Storage,
                     QCoreApplication::translate("ListQueries", "Cannot search the cache"), detail);
}

// The newest limit messages of every folder that match search, read over db (after the
// search index is brought up to date); condition narrows the rows further (no values).
StoreResult<QList<MessageRecord>> searchAllOver(QSqlDatabase &db, const SearchQuery &search,
                                                int limit, const QString &condition = {},
                                                const QString &flags = QStringLiteral("flags"))
{
    const QString match = search.ftsMatch();
    QSqlQuery sql(db);
    sql.setForwardOnly(true);
    // Two ways to the newest matches. Walking the messages newest first reads about limit /
    // density rows, density being the share of messages that match: cheap when matches are
    // common, and the only way when there are no words. Reading each match by its row id and
    // sorting them reads every match once: cheap when they are few. Each condition besides
    // the words (flags, dates, attachments) is taken to keep a quarter of the messages.
    bool walkByDate = true;
    if (!match.isEmpty()) {
        sql.prepare(QStringLiteral("SELECT COUNT(*), (SELECT max(id) FROM messages) FROM"
                                   " messages_fts WHERE messages_fts MATCH ?"));
        sql.bindValue(0, match);
        if (!sql.exec() || !sql.next())
            return searchFailed(sql.lastError().text());
        const double matches = sql.value(0).toDouble();
        const double density = matches / std::max(1.0, sql.value(1).toDouble())
                               * std::pow(0.25, search.conditionCount());
        walkByDate = density > 0 && double(limit) / density < matches;
        sql.finish();
    }
    const bool ok = sql.prepare(
            QStringLiteral("SELECT uid, modseq, flags, keywords, internal_date, sent_date, size,"
                           " subject, from_name, from_address, message_id, has_attachments,"
                           " folder_id FROM messages")
            + (walkByDate ? QStringLiteral(" INDEXED BY messages_by_recency") : QString())
            + QStringLiteral(" WHERE 1")
            + (match.isEmpty() ? QString()
                               : QStringLiteral(" AND id IN (SELECT rowid FROM messages_fts"
                                                " WHERE messages_fts MATCH ?)"))
            + search.sqlConditions(flags) + condition
            + QStringLiteral(" ORDER BY sort_date DESC, id DESC LIMIT ?"));
    QVariantList values;
    if (!match.isEmpty())
        values.append(match);
    values += search.sqlValues();
    values.append(limit);
    for (int i = 0; ok && i < values.size(); ++i)
        sql.bindValue(i, values.at(i));
    if (!ok || !sql.exec())
        return searchFailed(sql.lastError().text());
    QList<MessageRecord> result;
    while (sql.next())
        result.append(StoreSql::listRecord(sql, sql.value(12).toLongLong()));
    if (sql.lastError().isValid())
        return searchFailed(sql.lastError().text());
    return result;
}

QString sortColumn(MessageQuery::SortKey key)
{
    switch (key) {
    case MessageQuery::SortKey::Date:
        return QStringLiteral("sort_date");
    case MessageQuery::SortKey::Sender:
        return QStringLiteral("sort_sender");
    case MessageQuery::SortKey::Subject:
        return QStringLiteral("sort_subject");
    case MessageQuery::SortKey::Size:
        return QStringLiteral("size");
    }
    return QStringLiteral("sort_date");
}

QString orderBy(const MessageQuery &query)
{
    const QString direction = query.order == Qt::AscendingOrder ? QStringLiteral(" ASC")
                                                                : QStringLiteral(" DESC");
    // arg() rather than a QStringBuilder chain: gcc 12 at -O2 reports a false -Warray-bounds
    // inside QStringBuilder for the chain.
    return QStringLiteral(" ORDER BY %1%2, uid%2").arg(sortColumn(query.sortKey), direction);
}

} // namespace

ListQueries::ListQueries(CacheDatabase &db, SearchIndex &search, ListIndexes &indexes,
                         const UnwrittenChanges &unwritten)
    : m_db(db)
    , m_search(search)
    , m_indexes(indexes)
    , m_unwritten(unwritten)
{ }

bool ListQueries::sortsBefore(const MessageRecord &a, const MessageRecord &b,
                              const MessageQuery &query)
{
    // The sort columns as they are written (MessageTable); text compares as SQLite's BINARY
    // collation does, byte by byte in UTF-8.
    const auto date = [](const MessageRecord &m) {
        const QDateTime d = m.displayDate();
        return d.isValid() ? d.toMSecsSinceEpoch() : qint64(0);
    };
    int order = 0;
    switch (query.sortKey) {
    case MessageQuery::SortKey::Date:
        order = date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : 0;
        break;
    case MessageQuery::SortKey::Size:
        order = a.size < b.size ? -1 : a.size > b.size ? 1 : 0;
        break;
    case MessageQuery::SortKey::Sender:
        order = StoreSql::senderSortKey(a.fromName, a.fromAddress)
                        .toUtf8()
                        .compare(StoreSql::senderSortKey(b.fromName, b.fromAddress).toUtf8());
        break;
    case MessageQuery::SortKey::Subject:
        order = StoreSql::subjectSortKey(a.subject).toUtf8().compare(
                StoreSql::subjectSortKey(b.subject).toUtf8());
        break;
    }
    if (order == 0)
        order = a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
    return query.order == Qt::AscendingOrder ? order < 0 : order > 0;
}

QString ListQueries::listSql(const MessageQuery &query, const QString &select, const QString &tail,
                             const QString &source, const QString &condition, const QString &flags)
{
    QString sql = select + QStringLiteral(" FROM ") + source
                  + QStringLiteral(" WHERE folder_id = ?") + condition;
    const SearchQuery search = SearchQuery::parse(query.searchText);
    if (!search.ftsMatch().isEmpty())
        sql += QStringLiteral(" AND id IN (SELECT rowid FROM messages_fts"
                              " WHERE messages_fts MATCH ?)");
    return sql + search.sqlConditions(flags) + tail;
}

QVariantList ListQueries::listValues(const MessageQuery &query)
{
    const SearchQuery search = SearchQuery::parse(query.searchText);
    QVariantList values {query.folderId};
    const QString match = search.ftsMatch();
    if (!match.isEmpty())
        values.append(match);
    return values + search.sqlValues();
}

QSqlQuery *ListQueries::listQuery(const MessageQuery &query, const QString &select,
                                  const QString &tail, MailError *error, const QString &source)
{
    if (MailError prepareError = prepare(query)) {
        *error = prepareError;
        return nullptr;
    }
    QSqlQuery *result = m_db.prepared(listSql(query, select, tail, source,
                                              m_unwritten.hiddenCondition(query.folderId),
                                              m_unwritten.flagsExpression(query.folderId)),
                                      error);
    if (!result)
        return nullptr;
    const QVariantList values = listValues(query);
    for (int i = 0; i < values.size(); ++i)
        result->bindValue(i, values.at(i));
    return result;
}

StoreResult<QList<quint32>> ListQueries::search(qint64 folderId, const QString &text)
{
    MessageQuery query;
    query.folderId = folderId;
    query.searchText = text;
    if (SearchQuery::parse(text).isEmpty())
        return QList<quint32>();
    return selectUids(query, QStringLiteral(" ORDER BY uid"));
}

StoreResult<QList<MessageRecord>> ListQueries::searchAll(const QString &text, int limit)
{
    const SearchQuery search = SearchQuery::parse(text);
    if (search.isEmpty())
        return QList<MessageRecord>();
    if (!search.ftsMatch().isEmpty()) {
        if (MailError error = m_search.indexPending())
            return error;
    }
    StoreResult<QList<MessageRecord>> found = searchAllOver(m_db.connection(), search, limit,
                                                            m_unwritten.hiddenCondition(),
                                                            m_unwritten.flagsExpression());
    if (found && m_unwritten.changesAnyFlags()) {
        QList<MessageRecord> records = std::move(found).value();
        for (MessageRecord &record : records)
            m_unwritten.apply(&record);
        return records;
    }
    return found;
}

QFuture<StoreResult<QList<MessageRecord>>> ListQueries::searchAllInBackground(const QString &text,
                                                                              int limit)
{
    using Result = StoreResult<QList<MessageRecord>>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    const SearchQuery search = SearchQuery::parse(text);
    MailError error = m_db.isOpen() ? MailError() : m_db.notOpen();
    if (!error && !search.ftsMatch().isEmpty())
        error = m_search.indexPending();
    if (error || search.isEmpty() || m_db.isInMemory()) {
        promise->addResult(error ? Result(error) : searchAll(text, limit));
        promise->finish();
        return future;
    }
    CacheWorkers::start([promise, path = m_db.path(), search, limit] {
        CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
            if (!db.isOpen()) {
                promise->addResult(searchFailed(db.lastError().text()));
                return;
            }
            const std::function<bool()> stop = [&promise] {
                return promise->isCanceled();
            };
            sqlite3 *handle = SqliteStatement::handle(db);
            if (handle)
                sqlite3_progress_handler(handle, 1000, &askStop,
                                         const_cast<void *>(static_cast<const void *>(&stop)));
            Result found = searchAllOver(db, search, limit);
            if (handle)
                sqlite3_progress_handler(handle, 0, nullptr, nullptr);
            if (!stop())
                promise->addResult(std::move(found));
        });
        promise->finish();
    });
    return future;
}

StoreResult<int> ListQueries::count(const MessageQuery &query)
{
    MailError error;
    // Counted through the narrowest index, that of UNIQUE (folder_id, uid): SQLite would
    // otherwise walk the date order's, whose wider entries fill the page cache for nothing.
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT COUNT(*)"), QString(), &error,
                               QStringLiteral("messages INDEXED BY sqlite_autoindex_messages_1"));
    if (!sql)
        return error;
    if (!sql->exec() || !sql->next())
        return m_db.failed(QCoreApplication::translate("ListQueries",
                                                       "Cannot count the messages of a folder"),
                           *sql);
    const int count = sql->value(0).toInt();
    sql->finish();
    return count;
}

namespace {

const QString windowColumns = QStringLiteral(
        "SELECT uid, modseq, flags, keywords, internal_date, sent_date, size, subject, from_name,"
        " from_address, message_id, has_attachments");

QString readFailedText()
{
    return QCoreApplication::translate("ListQueries", "Cannot read the messages of a folder");
}

QList<MessageRecord> readRecords(QSqlQuery &sql, qint64 folderId, int limit,
                                 const UnwrittenChanges &unwritten)
{
    QList<MessageRecord> result;
    result.reserve(limit);
    while (sql.next()) {
        result.append(StoreSql::listRecord(sql, folderId));
        unwritten.apply(&result.last());
    }
    return result;
}

} // namespace

StoreResult<QList<MessageRecord>> ListQueries::readWindow(QSqlQuery *sql, qint64 folderId, int limit)
{
    if (!sql->exec())
        return m_db.failed(readFailedText(), *sql);
    QList<MessageRecord> result = readRecords(*sql, folderId, limit, m_unwritten);
    sql->finish();
    return result;
}

MailError ListQueries::readFailed(const QString &detail)
{
    return MailError(MailError::Kind::Storage, readFailedText(), detail);
}

StoreResult<QList<MessageRecord>> ListQueries::fetchOver(QSqlDatabase &db,
                                                         const MessageQuery &query, int offset,
                                                         int limit,
                                                         const UnwrittenChanges &unwritten)
{
    QSqlQuery sql(db);
    sql.setForwardOnly(true);
    bool ok = sql.prepare(
            listSql(query, windowColumns, orderBy(query) + QStringLiteral(" LIMIT ? OFFSET ?"),
                    QStringLiteral("messages"), unwritten.hiddenCondition(query.folderId),
                    unwritten.flagsExpression(query.folderId)));
    const QVariantList values = listValues(query) + QVariantList {limit, offset};
    for (int i = 0; ok && i < values.size(); ++i)
        sql.bindValue(i, values.at(i));
    if (!ok || !sql.exec())
        return readFailed(sql.lastError().text());
    QList<MessageRecord> result = readRecords(sql, query.folderId, limit, unwritten);
    if (sql.lastError().isValid())
        return readFailed(sql.lastError().text());
    return result;
}

StoreResult<QList<MessageRecord>> ListQueries::fetch(const MessageQuery &query, int offset,
                                                     int limit)
{
    MailError error;
    QSqlQuery *sql = listQuery(query, windowColumns,
                               orderBy(query) + QStringLiteral(" LIMIT ? OFFSET ?"), &error);
    if (!sql)
        return error;
    const int next = int(listValues(query).size());
    sql->bindValue(next, limit);
    sql->bindValue(next + 1, offset);
    return readWindow(sql, query.folderId, limit);
}

StoreResult<QList<MessageRecord>> ListQueries::fetchAfter(const MessageQuery &query,
                                                          quint32 afterUid, int limit)
{
    const QString column = sortColumn(query.sortKey);
    const QString comparison = query.order == Qt::AscendingOrder ? QStringLiteral(" > ")
                                                                 : QStringLiteral(" < ");
    MailError error;
    QSqlQuery *sql = listQuery(query, windowColumns,
                               QStringLiteral(" AND (") + column + QStringLiteral(", uid)")
                                       + comparison + QStringLiteral("(SELECT ") + column
                                       + QStringLiteral(", uid FROM messages WHERE folder_id = ?"
                                                        " AND uid = ?)")
                                       + orderBy(query) + QStringLiteral(" LIMIT ?"),
                               &error);
    if (!sql)
        return error;
    const int next = int(listValues(query).size());
    sql->bindValue(next, query.folderId);
    sql->bindValue(next + 1, afterUid);
    sql->bindValue(next + 2, limit);
    return readWindow(sql, query.folderId, limit);
}

StoreResult<int> ListQueries::position(const MessageQuery &query, quint32 uid)
{
    const QString column = sortColumn(query.sortKey);
    const SearchQuery search = SearchQuery::parse(query.searchText);
    const int next = int(listValues(query).size());
    // The message's own row first, found by its UID alone: where a search is on, whether the
    // message matches is asked of that row (and of the index by row id), instead of listing
    // every match.
    MessageQuery own = query;
    own.searchText.clear();
    MailError error;
    QSqlQuery *key = listQuery(own, QStringLiteral("SELECT ") + column + QStringLiteral(", id"),
                               QStringLiteral(" AND uid = ?"), &error);
    if (!key)
        return error;
    key->bindValue(1, uid);
    if (!key->exec())
        return m_db.failed(QCoreApplication::translate("ListQueries",
                                                       "Cannot find a message's row"),
                           *key);
    if (!key->next())
        return -1;
    const QVariant sortValue = key->value(0);
    const qint64 rowId = key->value(1).toLongLong();
    key->finish();
    if (!search.isEmpty()) {
        const QString fts = search.ftsMatch();
        if (!fts.isEmpty()) {
            if (MailError indexError = m_search.indexPending())
                return indexError;
        }
        QSqlQuery *match = m_db.prepared(
                QStringLiteral("SELECT 1 FROM messages WHERE id = ?")
                        + search.sqlConditions(m_unwritten.flagsExpression(query.folderId))
                        + (fts.isEmpty() ? QString()
                                         : QStringLiteral(" AND EXISTS (SELECT 1 FROM messages_fts"
                                                          " WHERE messages_fts MATCH ?"
                                                          " AND rowid = ?)")),
                &error);
        if (!match)
            return error;
        QVariantList values = QVariantList {rowId} + search.sqlValues();
        if (!fts.isEmpty())
            values += QVariantList {fts, rowId};
        for (int i = 0; i < values.size(); ++i)
            match->bindValue(i, values.at(i));
        if (!match->exec())
            return m_db.failed(QCoreApplication::translate("ListQueries",
                                                           "Cannot find a message's row"),
                               *match);
        const bool matches = match->next();
        match->finish();
        if (!matches)
            return -1;
    }

    const QString comparison = query.order == Qt::AscendingOrder ? QStringLiteral(" < ")
                                                                 : QStringLiteral(" > ");
    QSqlQuery *count = listQuery(query, QStringLiteral("SELECT COUNT(*)"),
                                 QStringLiteral(" AND (") + column + QStringLiteral(", uid)")
                                         + comparison + QStringLiteral("(?, ?)"),
                                 &error);
    if (!count)
        return error;
    count->bindValue(next, sortValue);
    count->bindValue(next + 1, uid);
    if (!count->exec() || !count->next())
        return m_db.failed(QCoreApplication::translate("ListQueries",
                                                       "Cannot find a message's row"),
                           *count);
    const int position = count->value(0).toInt();
    count->finish();
    return position;
}

StoreResult<QHash<quint32, int>> ListQueries::positions(const MessageQuery &query,
                                                        const QList<quint32> &uids)
{
    QHash<quint32, int> result;
    // A few UIDs: one indexed count each. Many: one walk through the sorted index.
    if (uids.size() <= 16) {
        for (quint32 uid : uids) {
            const StoreResult<int> row = position(query, uid);
            if (!row)
                return row.error();
            if (row.value() >= 0)
                result.insert(uid, row.value());
        }
        return result;
    }
    MailError error;
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT uid"), orderBy(query), &error);
    if (!sql)
        return error;
    return readPositions(sql, QSet<quint32>(uids.begin(), uids.end()));
}

StoreResult<QHash<quint32, int>> ListQueries::readPositions(QSqlQuery *sql, QSet<quint32> wanted)
{
    if (!sql->exec())
        return m_db.failed(QCoreApplication::translate("ListQueries",
                                                       "Cannot find the rows of messages"),
                           *sql);
    QHash<quint32, int> result;
    for (int row = 0; !wanted.isEmpty() && sql->next(); ++row) {
        const quint32 uid = sql->value(0).toUInt();
        if (wanted.remove(uid))
            result.insert(uid, row);
    }
    sql->finish();
    return result;
}

StoreResult<QHash<quint32, MessageRecord>> ListQueries::fetchUids(qint64 folderId,
                                                                  const QList<quint32> &uids)
{
    QHash<quint32, MessageRecord> result;
    if (uids.isEmpty())
        return result;
    QStringList list;
    list.reserve(uids.size());
    for (quint32 uid : uids)
        list.append(QString::number(uid));
    QSqlQuery sql(m_db.connection());
    if (!sql.exec(windowColumns + QStringLiteral(" FROM messages WHERE folder_id = ")
                  + QString::number(folderId) + QStringLiteral(" AND uid IN (")
                  + list.join(QLatin1Char(',')) + QLatin1Char(')')
                  + m_unwritten.hiddenCondition(folderId))) {
        return m_db.failed(QCoreApplication::translate("ListQueries",
                                                       "Cannot read the messages of a folder"),
                           sql);
    }
    result.reserve(uids.size());
    while (sql.next()) {
        MessageRecord record = StoreSql::listRecord(sql, folderId);
        m_unwritten.apply(&record);
        result.insert(record.uid, std::move(record));
    }
    return result;
}

StoreResult<QList<quint32>> ListQueries::uidsInOrder(const MessageQuery &query)
{
    return selectUids(query, orderBy(query));
}

StoreResult<QList<quint32>> ListQueries::selectUids(const MessageQuery &query, const QString &order)
{
    if (MailError error = prepare(query))
        return error;
    // On SQLite itself: QtSql's QVariant for every value doubled the time of a million rows.
    SqliteStatement sql;
    const QByteArray text = listSql(query, QStringLiteral("SELECT uid"), order,
                                    QStringLiteral("messages"),
                                    m_unwritten.hiddenCondition(query.folderId),
                                    m_unwritten.flagsExpression(query.folderId))
                                    .toUtf8();
    if (!sql.prepare(SqliteStatement::handle(m_db.connection()), text.constData()))
        return m_db.failed(QCoreApplication::translate("ListQueries", "Cannot search the cache"),
                           sql);
    const QVariantList values = listValues(query);
    for (int i = 0; i < values.size(); ++i)
        sql.bindVariant(i + 1, values.at(i));
    QList<quint32> result;
    while (sql.next())
        result.append(quint32(sql.columnInt64(0)));
    if (sql.failed())
        return m_db.failed(QCoreApplication::translate("ListQueries", "Cannot search the cache"),
                           sql);
    return result;
}

MailError ListQueries::prepare(const MessageQuery &query)
{
    if (!m_db.isOpen())
        return m_db.notOpen();
    // A search sees every cached message: what the idle-time indexing has not reached yet is
    // indexed now.
    if (!SearchQuery::parse(query.searchText).ftsMatch().isEmpty()) {
        if (MailError error = m_search.indexPending())
            return error;
    }
    return m_indexes.ensureSortIndex(query.sortKey);
}

MailError ListQueries::readUidsApart(const QString &path, const MessageQuery &query,
                                     const std::function<bool()> &stop,
                                     const std::function<void(QList<quint32> &&)> &deliver)
{
    MailError result;
    CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
        const auto failed = [&](const QString &detail) {
            result = MailError(MailError::Kind::Storage,
                               QCoreApplication::translate("ListQueries",
                                                           "Cannot search the cache"),
                               detail);
        };
        if (!db.isOpen()) {
            failed(db.lastError().text());
            return;
        }
        sqlite3 *handle = SqliteStatement::handle(db);
        if (handle) // every 1,000 virtual machine steps: about every 10 microseconds
            sqlite3_progress_handler(handle, 1000, &askStop,
                                     const_cast<void *>(static_cast<const void *>(&stop)));
        {
            QSqlQuery sql(db);
            sql.setForwardOnly(true);
            bool ok = sql.prepare(listSql(query, QStringLiteral("SELECT uid"), orderBy(query),
                                          QStringLiteral("messages")));
            const QVariantList values = listValues(query);
            for (int i = 0; ok && i < values.size(); ++i)
                sql.bindValue(i, values.at(i));
            ok = ok && sql.exec();
            int batchRows = firstBatchRows;
            QList<quint32> batch;
            batch.reserve(batchRows);
            while (ok && sql.next()) {
                batch.append(sql.value(0).toUInt());
                if (batch.size() < batchRows)
                    continue;
                if (stop())
                    break;
                deliver(std::exchange(batch, {}));
                batchRows = std::min(batchRows * 2, maxBatchRows);
                batch.reserve(batchRows);
            }
            if (stop()) {
                // Interrupted (SQLITE_INTERRUPT) or ended between batches: not an error.
            } else if (!ok || sql.lastError().isValid()) {
                failed(sql.lastError().text());
            } else if (!batch.isEmpty()) {
                deliver(std::move(batch));
            }
        }
        if (handle)
            sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    });
    return result;
}
