// MessageStore: counts, searches and the windows item models read.

#include "messagestore.h"
#include "messagestore_p.h"

#include <QSet>

#include <algorithm>

namespace {

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

QString MessageStore::ftsQuery(const QString &text)
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

StoreResult<QVariant> MessageStore::scalar(const QString &sql, const QVariantList &values)
{
    MailError error;
    QSqlQuery *query = prepared(sql, &error);
    if (!query)
        return error;
    for (int i = 0; i < values.size(); ++i)
        query->bindValue(i, values.at(i));
    if (!query->exec())
        return failed(QStringLiteral("Cannot read the cache"), *query);
    const QVariant value = query->next() ? query->value(0) : QVariant();
    query->finish();
    return value;
}

QString MessageStore::listSql(const MessageQuery &query, const QString &select, const QString &tail,
                              const QString &source)
{
    QString sql = select + QStringLiteral(" FROM ") + source
                  + QStringLiteral(" WHERE folder_id = ?");
    if (!ftsQuery(query.searchText).isEmpty())
        sql += QStringLiteral(" AND id IN (SELECT rowid FROM messages_fts"
                              " WHERE messages_fts MATCH ?)");
    return sql + tail;
}

QVariantList MessageStore::listValues(const MessageQuery &query)
{
    const QString match = ftsQuery(query.searchText);
    return match.isEmpty() ? QVariantList {query.folderId} : QVariantList {query.folderId, match};
}

QSqlQuery *MessageStore::listQuery(const MessageQuery &query, const QString &select,
                                   const QString &tail, MailError *error, const QString &source)
{
    // A search sees every cached message: what the idle-time indexing has not reached yet is
    // indexed now.
    if (!ftsQuery(query.searchText).isEmpty()) {
        if (MailError indexError = indexPendingFts()) {
            *error = indexError;
            return nullptr;
        }
    }
    if (MailError indexError = ensureSortIndex(query.sortKey)) {
        *error = indexError;
        return nullptr;
    }
    QSqlQuery *result = prepared(listSql(query, select, tail, source), error);
    if (!result)
        return nullptr;
    const QVariantList values = listValues(query);
    for (int i = 0; i < values.size(); ++i)
        result->bindValue(i, values.at(i));
    return result;
}

StoreResult<MessageRecord> MessageStore::message(qint64 folderId, quint32 uid)
{
    MailError error;
    QSqlQuery *query = prepared(
            QStringLiteral("SELECT m.modseq, m.flags, m.keywords, m.internal_date, m.sent_date,"
                           " m.size, m.subject, m.from_name, m.from_address, m.to_text, m.cc_text,"
                           " m.message_id, m.in_reply_to, m.refs, m.has_attachments, m.structure"
                           " FROM messages m WHERE m.folder_id = ? AND m.uid = ?"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, uid);
    if (!query->exec())
        return failed(QStringLiteral("Cannot read message %1").arg(uid), *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QStringLiteral("Message %1 is not cached").arg(uid));
    }
    MessageRecord m;
    m.folderId = folderId;
    m.uid = uid;
    m.modSeq = query->value(0).toULongLong();
    m.flags = MessageRecord::Flags::fromInt(query->value(1).toInt());
    m.keywords = query->value(2).toString();
    m.internalDate = StoreSql::toDateTime(query->value(3));
    m.sentDate = StoreSql::toDateTime(query->value(4));
    m.size = query->value(5).toLongLong();
    m.subject = query->value(6).toString();
    m.fromName = query->value(7).toString();
    m.fromAddress = query->value(8).toString();
    m.to = query->value(9).toString();
    m.cc = query->value(10).toString();
    m.messageId = query->value(11).toByteArray();
    m.inReplyTo = query->value(12).toByteArray();
    m.references = query->value(13).toByteArray();
    m.hasAttachments = query->value(14).toBool();
    m.bodyStructure = query->value(15).toByteArray();
    query->finish();
    return m;
}

StoreResult<QList<quint32>> MessageStore::uids(qint64 folderId)
{
    MailError error;
    QSqlQuery *query
            = prepared(QStringLiteral("SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid"),
                       &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return failed(QStringLiteral("Cannot read the UIDs of a folder"), *query);
    QList<quint32> result;
    while (query->next())
        result.append(query->value(0).toUInt());
    query->finish();
    return result;
}

StoreResult<quint64> MessageStore::highestModSeq(qint64 folderId)
{
    const StoreResult<QVariant> value
            = scalar(QStringLiteral("SELECT MAX(modseq) FROM messages WHERE folder_id = ?"),
                     {folderId});
    if (!value)
        return value.error();
    return value.value().toULongLong();
}

StoreResult<int> MessageStore::messageCount(qint64 folderId)
{
    return countMessages(MessageQuery {folderId, {}, {}, {}});
}

StoreResult<int> MessageStore::unseenCount(qint64 folderId)
{
    const StoreResult<QVariant> value = scalar(
            QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = ? AND (flags & 1) = 0"),
            {folderId});
    if (!value)
        return value.error();
    return value.value().toInt();
}

StoreResult<QHash<qint64, int>> MessageStore::countsByFolder(const QString &sql)
{
    MailError error;
    QSqlQuery *query = prepared(sql, &error);
    if (!query)
        return error;
    if (!query->exec())
        return failed(QStringLiteral("Cannot count the messages of the folders"), *query);
    QHash<qint64, int> result;
    while (query->next())
        result.insert(query->value(0).toLongLong(), query->value(1).toInt());
    query->finish();
    return result;
}

StoreResult<QHash<qint64, int>> MessageStore::unseenCounts()
{
    return countsByFolder(QStringLiteral("SELECT folder_id, COUNT(*) FROM messages"
                                         " WHERE (flags & 1) = 0 GROUP BY folder_id"));
}

StoreResult<QHash<qint64, int>> MessageStore::messageCounts()
{
    return countsByFolder(
            QStringLiteral("SELECT folder_id, COUNT(*) FROM messages GROUP BY folder_id"));
}

StoreResult<QList<quint32>> MessageStore::search(qint64 folderId, const QString &text)
{
    MessageQuery query;
    query.folderId = folderId;
    query.searchText = text;
    if (ftsQuery(text).isEmpty())
        return QList<quint32>();
    MailError error;
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT uid"), QStringLiteral(" ORDER BY uid"),
                               &error);
    if (!sql)
        return error;
    if (!sql->exec())
        return failed(QStringLiteral("Cannot search the cache"), *sql);
    QList<quint32> result;
    while (sql->next())
        result.append(sql->value(0).toUInt());
    sql->finish();
    return result;
}

StoreResult<int> MessageStore::countMessages(const MessageQuery &query)
{
    MailError error;
    // Counted through the narrowest index, that of UNIQUE (folder_id, uid): SQLite would
    // otherwise walk the date order's, whose wider entries fill the page cache for nothing.
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT COUNT(*)"), QString(), &error,
                               QStringLiteral("messages INDEXED BY sqlite_autoindex_messages_1"));
    if (!sql)
        return error;
    if (!sql->exec() || !sql->next())
        return failed(QStringLiteral("Cannot count the messages of a folder"), *sql);
    const int count = sql->value(0).toInt();
    sql->finish();
    return count;
}

namespace {

const QString windowColumns = QStringLiteral(
        "SELECT uid, modseq, flags, keywords, internal_date, sent_date, size, subject, from_name,"
        " from_address, message_id, has_attachments");

} // namespace

MessageRecord StoreSql::listRecord(const QSqlQuery &sql, qint64 folderId)
{
    MessageRecord m;
    m.folderId = folderId;
    m.uid = sql.value(0).toUInt();
    m.modSeq = sql.value(1).toULongLong();
    m.flags = MessageRecord::Flags::fromInt(sql.value(2).toInt());
    m.keywords = sql.value(3).toString();
    m.internalDate = toDateTime(sql.value(4));
    m.sentDate = toDateTime(sql.value(5));
    m.size = sql.value(6).toLongLong();
    m.subject = sql.value(7).toString();
    m.fromName = sql.value(8).toString();
    m.fromAddress = sql.value(9).toString();
    m.messageId = sql.value(10).toByteArray();
    m.hasAttachments = sql.value(11).toBool();
    return m;
}

StoreResult<QList<MessageRecord>> MessageStore::readWindow(QSqlQuery *sql, qint64 folderId,
                                                           int limit)
{
    if (!sql->exec())
        return failed(QStringLiteral("Cannot read the messages of a folder"), *sql);
    QList<MessageRecord> result;
    result.reserve(limit);
    while (sql->next()) {
        result.append(StoreSql::listRecord(*sql, folderId));
    }
    sql->finish();
    return result;
}

StoreResult<QList<MessageRecord>> MessageStore::fetchMessages(const MessageQuery &query, int offset,
                                                              int limit)
{
    MailError error;
    QSqlQuery *sql = listQuery(query, windowColumns,
                               orderBy(query) + QStringLiteral(" LIMIT ? OFFSET ?"), &error);
    if (!sql)
        return error;
    const int next = ftsQuery(query.searchText).isEmpty() ? 1 : 2;
    sql->bindValue(next, limit);
    sql->bindValue(next + 1, offset);
    return readWindow(sql, query.folderId, limit);
}

StoreResult<QList<MessageRecord>> MessageStore::fetchMessagesAfter(const MessageQuery &query,
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
    const int next = ftsQuery(query.searchText).isEmpty() ? 1 : 2;
    sql->bindValue(next, query.folderId);
    sql->bindValue(next + 1, afterUid);
    sql->bindValue(next + 2, limit);
    return readWindow(sql, query.folderId, limit);
}

StoreResult<int> MessageStore::messagePosition(const MessageQuery &query, quint32 uid)
{
    const QString column = sortColumn(query.sortKey);
    const int next = ftsQuery(query.searchText).isEmpty() ? 1 : 2;
    MailError error;
    QSqlQuery *key = listQuery(query, QStringLiteral("SELECT ") + column,
                               QStringLiteral(" AND uid = ?"), &error);
    if (!key)
        return error;
    key->bindValue(next, uid);
    if (!key->exec())
        return failed(QStringLiteral("Cannot find a message's row"), *key);
    if (!key->next())
        return -1;
    const QVariant sortValue = key->value(0);
    key->finish();

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
        return failed(QStringLiteral("Cannot find a message's row"), *count);
    const int position = count->value(0).toInt();
    count->finish();
    return position;
}

StoreResult<QHash<quint32, int>> MessageStore::messagePositions(const MessageQuery &query,
                                                                const QList<quint32> &uids)
{
    QHash<quint32, int> result;
    // A few UIDs: one indexed count each. Many: one walk through the sorted index.
    if (uids.size() <= 16) {
        for (quint32 uid : uids) {
            const StoreResult<int> position = messagePosition(query, uid);
            if (!position)
                return position.error();
            if (position.value() >= 0)
                result.insert(uid, position.value());
        }
        return result;
    }
    MailError error;
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT uid"), orderBy(query), &error);
    if (!sql)
        return error;
    return readPositions(sql, QSet<quint32>(uids.begin(), uids.end()));
}

StoreResult<QHash<quint32, int>> MessageStore::readPositions(QSqlQuery *sql, QSet<quint32> wanted)
{
    if (!sql->exec())
        return failed(QStringLiteral("Cannot find the rows of messages"), *sql);
    QHash<quint32, int> result;
    for (int row = 0; !wanted.isEmpty() && sql->next(); ++row) {
        const quint32 uid = sql->value(0).toUInt();
        if (wanted.remove(uid))
            result.insert(uid, row);
    }
    sql->finish();
    return result;
}
