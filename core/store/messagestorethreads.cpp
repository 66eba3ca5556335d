// MessageStore: threaded lists, by In-Reply-To within a folder.

#include "messagestore.h"
#include "messagestore_p.h"

namespace {

QString threadOrderBy(const MessageQuery &query)
{
    QString column;
    switch (query.sortKey) {
    case MessageQuery::SortKey::Date:
        column = QStringLiteral("messages.sort_date");
        break;
    case MessageQuery::SortKey::Sender:
        column = QStringLiteral("messages.sort_sender");
        break;
    case MessageQuery::SortKey::Subject:
        column = QStringLiteral("messages.sort_subject");
        break;
    case MessageQuery::SortKey::Size:
        column = QStringLiteral("messages.size");
        break;
    }
    const QString direction = query.order == Qt::AscendingOrder ? QStringLiteral(" ASC")
                                                                : QStringLiteral(" DESC");
    return QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", messages.uid")
           + direction;
}

// The list columns and the number of direct replies; the outer table is named "messages" as
// in MessageStore::listQuery(), which adds the folder and the search filter.
const QString threadColumns = QStringLiteral(
        "SELECT messages.uid, messages.modseq, messages.flags, messages.keywords,"
        " messages.internal_date, messages.sent_date, messages.size, messages.subject,"
        " messages.from_name, messages.from_address, messages.message_id,"
        " messages.has_attachments,"
        " CASE WHEN length(messages.message_id) > 0 THEN (SELECT COUNT(*) FROM messages c"
        " WHERE c.folder_id = messages.folder_id AND c.in_reply_to = messages.message_id"
        " AND c.uid <> messages.uid) ELSE 0 END");

// A message whose In-Reply-To names another message of the folder is not a root.
const QString isRoot = QStringLiteral(
        " AND NOT (length(messages.in_reply_to) > 0 AND EXISTS (SELECT 1 FROM messages p"
        " WHERE p.folder_id = messages.folder_id AND p.message_id = messages.in_reply_to"
        " AND p.uid <> messages.uid))");

} // namespace

StoreResult<QList<ThreadRow>> MessageStore::readThreadRows(QSqlQuery *sql, qint64 folderId)
{
    if (!sql->exec())
        return failed(QStringLiteral("Cannot read the threads of a folder"), *sql);
    QList<ThreadRow> result;
    while (sql->next()) {
        ThreadRow row;
        row.message = StoreSql::listRecord(*sql, folderId);
        row.replyCount = sql->value(12).toInt();
        result.append(std::move(row));
    }
    sql->finish();
    return result;
}

StoreResult<int> MessageStore::countThreadRoots(const MessageQuery &query)
{
    if (MailError error = ensureThreadIndexes())
        return error;
    MailError error;
    QSqlQuery *sql = listQuery(query, QStringLiteral("SELECT COUNT(*)"), isRoot, &error);
    if (!sql)
        return error;
    if (!sql->exec() || !sql->next())
        return failed(QStringLiteral("Cannot count the threads of a folder"), *sql);
    const int count = sql->value(0).toInt();
    sql->finish();
    return count;
}

StoreResult<QList<ThreadRow>> MessageStore::fetchThreadRoots(const MessageQuery &query, int offset,
                                                             int limit)
{
    MailError error;
    QSqlQuery *sql = listQuery(query, threadColumns,
                               isRoot + threadOrderBy(query) + QStringLiteral(" LIMIT ? OFFSET ?"),
                               &error);
    if (!sql)
        return error;
    const int next = ftsQuery(query.searchText).isEmpty() ? 1 : 2;
    sql->bindValue(next, limit);
    sql->bindValue(next + 1, offset);
    return readThreadRows(sql, query.folderId);
}

StoreResult<QList<ThreadRow>> MessageStore::fetchReplies(qint64 folderId,
                                                         const QByteArray &messageId,
                                                         quint32 parentUid)
{
    if (messageId.isEmpty())
        return QList<ThreadRow>();
    MailError error;
    // Compared column to column, whatever type the writer gave the ids.
    QSqlQuery *sql = prepared(threadColumns
                                      + QStringLiteral(" FROM messages WHERE folder_id = ?"
                                                       " AND in_reply_to = (SELECT message_id"
                                                       " FROM messages WHERE folder_id = ?"
                                                       " AND uid = ?) AND uid <> ?"
                                                       " ORDER BY sort_date ASC, uid ASC"),
                              &error);
    if (!sql)
        return error;
    sql->bindValue(0, folderId);
    sql->bindValue(1, folderId);
    sql->bindValue(2, parentUid);
    sql->bindValue(3, parentUid);
    return readThreadRows(sql, folderId);
}
