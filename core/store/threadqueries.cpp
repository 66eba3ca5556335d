#include "threadqueries.h"

#include "cachedatabase.h"
#include "cacheworkers.h"
#include "listindexes.h"
#include "listqueries.h"
#include "searchindex.h"
#include "searchquery.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QHash>
#include <QPromise>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

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

// The list columns and, for a thread's root, the number of other messages of its
// conversation; the outer table is named "messages" as in ListQueries::listQuery(), which adds
// the folder and the search filter.
const QString threadColumns = QStringLiteral(
        "SELECT messages.uid, messages.modseq, messages.flags, messages.keywords,"
        " messages.internal_date, messages.sent_date, messages.size, messages.subject,"
        " messages.from_name, messages.from_address, messages.message_id,"
        " messages.has_attachments,"
        " (SELECT COUNT(*) FROM messages c WHERE c.folder_id = messages.folder_id"
        " AND c.thread_key = messages.thread_key AND c.uid <> messages.uid)");

// A root: a message without any id, or the root row of a conversation that joins no other one
// (its key is not the Message-ID of a message filed under another key). The root row is the
// message the key names (the lowest UID of its copies), or the conversation's lowest UID when
// that message is not here. (The unary + keeps SQLite on the Message-ID index: on the UID index
// it would walk the folder.)
const QString isRoot = QStringLiteral(
        " AND (messages.thread_key IS NULL OR ("
        "NOT EXISTS (SELECT 1 FROM messages p WHERE p.folder_id = messages.folder_id"
        " AND p.message_id = messages.thread_key AND p.thread_key IS NOT messages.thread_key)"
        " AND ((messages.message_id = messages.thread_key"
        " AND NOT EXISTS (SELECT 1 FROM messages d WHERE d.folder_id = messages.folder_id"
        " AND d.message_id = messages.thread_key AND +d.uid < messages.uid))"
        " OR (NOT EXISTS (SELECT 1 FROM messages r WHERE r.folder_id = messages.folder_id"
        " AND r.message_id = messages.thread_key)"
        " AND messages.uid = (SELECT MIN(o.uid) FROM messages o"
        " WHERE o.folder_id = messages.folder_id AND o.thread_key = messages.thread_key)))))");

// Every message of the conversation keyed by the first value, in the folder given by the second
// and third, with the keys that join it (each key once, so each message once), oldest first:
// the list columns, then In-Reply-To, References and the key.
const QString threadMembers = QStringLiteral(
        "WITH RECURSIVE keys(k) AS (SELECT ? UNION SELECT m.message_id FROM messages m"
        " JOIN keys ON m.folder_id = ? AND m.thread_key = keys.k"
        " WHERE length(m.message_id) > 0)"
        " SELECT m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.sent_date, m.size,"
        " m.subject, m.from_name, m.from_address, m.message_id, m.has_attachments,"
        " m.in_reply_to, m.refs, m.thread_key"
        " FROM keys CROSS JOIN messages m ON m.folder_id = ? AND m.thread_key = keys.k"
        " ORDER BY m.sort_date ASC, m.uid ASC");

// The UIDs of threadMembers' messages, in no order.
const QString conversationUids = QStringLiteral(
        "WITH RECURSIVE keys(k) AS (SELECT ? UNION SELECT m.message_id FROM messages m"
        " JOIN keys ON m.folder_id = ? AND m.thread_key = keys.k"
        " WHERE length(m.message_id) > 0)"
        " SELECT m.uid FROM keys"
        " CROSS JOIN messages m ON m.folder_id = ? AND m.thread_key = keys.k");

// A thread root's UID and whether its conversation has other messages, walked along the key
// index, whose keys SQLite then need not compute row by row.
const QString rootColumns = QStringLiteral(
        "SELECT messages.uid, EXISTS (SELECT 1 FROM messages c"
        " WHERE c.folder_id = messages.folder_id AND c.thread_key = messages.thread_key"
        " AND c.uid <> messages.uid)");
const QString rootSource = QStringLiteral("messages INDEXED BY messages_by_thread_key");

QList<ThreadRoot> readRoots(QSqlQuery *sql)
{
    QList<ThreadRoot> roots;
    while (sql->next())
        roots.append(ThreadRoot {sql->value(0).toUInt(), sql->value(1).toBool()});
    return roots;
}

// Runs on a worker thread: a connection of its own to the cache at path, for this query only.
StoreResult<QList<ThreadRoot>> readRootsApart(const QString &path, const QString &sql,
                                              const QVariantList &values)
{
    StoreResult<QList<ThreadRoot>> result = QList<ThreadRoot>();
    CacheDatabase::withOwnConnection(path, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        // The first time, building the indexes takes a while too: here, not on the caller's
        // thread. The caller's writes wait for it through SQLite's busy timeout.
        bool ok = db.isOpen();
        for (const QString &statement : ListIndexes::threadIndexStatements())
            ok = ok && query.exec(statement);
        ok = ok && query.prepare(sql);
        for (int i = 0; ok && i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (ok && query.exec())
            result = readRoots(&query);
        else
            result = MailError(MailError::Kind::Storage,
                               QCoreApplication::translate("ThreadQueries",
                                                           "Cannot read the threads of a folder"),
                               db.isOpen() ? query.lastError().text() : db.lastError().text());
    });
    return result;
}

// The message ids of a References header, oldest first.
QList<QByteArray> messageIds(const QByteArray &header)
{
    QList<QByteArray> ids;
    qsizetype from = 0;
    while ((from = header.indexOf('<', from)) >= 0) {
        const qsizetype to = header.indexOf('>', from);
        if (to < 0)
            break;
        ids.append(header.mid(from, to - from + 1));
        from = to + 1;
    }
    if (ids.isEmpty())
        ids = header.simplified().split(' ');
    ids.removeAll(QByteArray());
    return ids;
}

struct ThreadMember
{
    ThreadRow row;
    QByteArray inReplyTo;
    QByteArray references;
    QByteArray key;
};

// Who answers whom inside one conversation: each message hangs under the last message of its
// References that is here, else under its In-Reply-To, else under the root; a loop in the
// headers is cut at the root. Returns the parent index of each member (-1 for the root).
QList<int> threadParents(const QList<ThreadMember> &members, qsizetype root)
{
    // A Message-ID names the root, else its first copy.
    QHash<QByteArray, int> byId;
    byId.insert(members.at(root).row.message.messageId, int(root));
    for (int i = 0; i < members.size(); ++i) {
        const QByteArray &messageId = members.at(i).row.message.messageId;
        if (!messageId.isEmpty() && !byId.contains(messageId))
            byId.insert(messageId, i);
    }
    QList<int> parents(members.size(), int(root));
    parents[root] = -1;
    for (int i = 0; i < members.size(); ++i) {
        if (i == root)
            continue;
        QList<QByteArray> candidates = messageIds(members.at(i).references);
        candidates.append(members.at(i).inReplyTo);
        for (auto id = candidates.crbegin(); id != candidates.crend(); ++id) {
            const int found = byId.value(*id, -1);
            if (found >= 0 && found != i) {
                parents[i] = found;
                break;
            }
        }
    }
    for (int i = 0; i < members.size(); ++i) {
        int at = i;
        for (qsizetype steps = 0; at >= 0 && at != root && steps <= members.size(); ++steps)
            at = parents.at(at);
        if (at != root && i != root)
            parents[i] = int(root);
    }
    return parents;
}

} // namespace

ThreadQueries::ThreadQueries(CacheDatabase &db, ListQueries &lists, ListIndexes &indexes,
                             SearchIndex &search)
    : m_db(db)
    , m_lists(lists)
    , m_indexes(indexes)
    , m_search(search)
{ }

StoreResult<QList<ThreadRoot>> ThreadQueries::roots(const MessageQuery &query)
{
    if (MailError error = m_indexes.ensureThreadIndexes())
        return error;
    MailError error;
    QSqlQuery *sql = m_lists.listQuery(query, rootColumns, isRoot + threadOrderBy(query), &error,
                                       rootSource);
    if (!sql)
        return error;
    if (!sql->exec())
        return m_db.failed(QCoreApplication::translate("ThreadQueries",
                                                       "Cannot read the threads of a folder"),
                           *sql);
    QList<ThreadRoot> roots = readRoots(sql);
    sql->finish();
    return roots;
}

QFuture<StoreResult<QList<ThreadRoot>>> ThreadQueries::rootsInBackground(const MessageQuery &query)
{
    using Result = StoreResult<QList<ThreadRoot>>;
    auto promise = std::make_shared<QPromise<Result>>();
    QFuture<Result> future = promise->future();
    promise->start();
    MailError error = m_db.isOpen() ? MailError() : m_db.notOpen();
    if (!error && !SearchQuery::parse(query.searchText).ftsMatch().isEmpty())
        error = m_search.indexPending();
    if (error || m_db.isInMemory()) {
        promise->addResult(error ? Result(error) : roots(query));
        promise->finish();
        return future;
    }
    const QString sql = ListQueries::listSql(query, rootColumns, isRoot + threadOrderBy(query),
                                             rootSource);
    CacheWorkers::start([promise, path = m_db.path(), sql, values = ListQueries::listValues(query)] {
        promise->addResult(readRootsApart(path, sql, values));
        promise->finish();
    });
    return future;
}

StoreResult<QHash<quint32, ThreadRow>> ThreadQueries::rows(qint64 folderId,
                                                           const QList<quint32> &uids)
{
    QHash<quint32, ThreadRow> result;
    if (uids.isEmpty())
        return result;
    QStringList list;
    list.reserve(uids.size());
    for (quint32 uid : uids)
        list.append(QString::number(uid));
    QSqlQuery sql(m_db.connection());
    if (!sql.exec(threadColumns + QStringLiteral(" FROM messages WHERE folder_id = ")
                  + QString::number(folderId) + QStringLiteral(" AND uid IN (")
                  + list.join(QLatin1Char(',')) + QLatin1Char(')'))) {
        return m_db.failed(QCoreApplication::translate("ThreadQueries",
                                                       "Cannot read the threads of a folder"),
                           sql);
    }
    while (sql.next()) {
        ThreadRow row;
        row.message = StoreSql::listRecord(sql, folderId);
        row.replyCount = sql.value(12).toInt();
        result.insert(row.message.uid, std::move(row));
    }
    return result;
}

StoreResult<QByteArray> ThreadQueries::conversationKey(qint64 folderId, quint32 uid)
{
    // The message's key, followed to the conversation it joins.
    StoreResult<QVariant> key = m_db.scalar(
            QStringLiteral("SELECT thread_key FROM messages WHERE folder_id = ? AND uid = ?"),
            {folderId, uid});
    if (!key)
        return key.error();
    QByteArray threadKey = key.value().toByteArray();
    if (threadKey.isEmpty())
        return threadKey;
    QSet<QByteArray> seen {threadKey};
    for (;;) {
        key = m_db.scalar(QStringLiteral("SELECT thread_key FROM messages WHERE folder_id = ?"
                                         " AND message_id = ? AND thread_key IS NOT ? LIMIT 1"),
                          {folderId, threadKey, threadKey});
        if (!key)
            return key.error();
        const QByteArray joined = key.value().toByteArray();
        if (joined.isEmpty() || seen.contains(joined))
            return threadKey;
        seen.insert(joined);
        threadKey = joined;
    }
}

StoreResult<QList<quint32>> ThreadQueries::conversation(qint64 folderId, quint32 uid)
{
    const StoreResult<QByteArray> threadKey = conversationKey(folderId, uid);
    if (!threadKey)
        return threadKey.error();
    if (threadKey.value().isEmpty())
        return QList<quint32> {uid};
    MailError error;
    QSqlQuery *sql = m_db.prepared(conversationUids, &error);
    if (!sql)
        return error;
    sql->bindValue(0, threadKey.value());
    sql->bindValue(1, folderId);
    sql->bindValue(2, folderId);
    if (!sql->exec())
        return m_db.failed(QCoreApplication::translate("ThreadQueries",
                                                       "Cannot read the threads of a folder"),
                           *sql);
    QList<quint32> uids;
    while (sql->next())
        uids.append(sql->value(0).toUInt());
    sql->finish();
    return uids;
}

StoreResult<QList<ThreadRow>> ThreadQueries::replies(qint64 folderId, quint32 parentUid)
{
    const StoreResult<QByteArray> key = conversationKey(folderId, parentUid);
    if (!key)
        return key.error();
    const QByteArray threadKey = key.value();
    if (threadKey.isEmpty())
        return QList<ThreadRow>();

    MailError error;
    QSqlQuery *sql = m_db.prepared(threadMembers, &error);
    if (!sql)
        return error;
    sql->bindValue(0, threadKey);
    sql->bindValue(1, folderId);
    sql->bindValue(2, folderId);
    if (!sql->exec())
        return m_db.failed(QCoreApplication::translate("ThreadQueries",
                                                       "Cannot read the threads of a folder"),
                           *sql);
    QList<ThreadMember> members;
    qsizetype root = -1;
    qsizetype parent = -1;
    while (sql->next()) {
        ThreadMember member {{StoreSql::listRecord(*sql, folderId), 0},
                             sql->value(12).toByteArray(),
                             sql->value(13).toByteArray(),
                             sql->value(14).toByteArray()};
        const MessageRecord &m = member.row.message;
        // As isRoot chooses: the message the key names, else the lowest UID under the key.
        if (member.key == threadKey) {
            const bool named = m.messageId == threadKey;
            const bool rootNamed = root >= 0 && members.at(root).row.message.messageId == threadKey;
            const bool lower = root < 0 || m.uid < members.at(root).row.message.uid;
            if ((named && (!rootNamed || lower)) || (!named && !rootNamed && lower))
                root = members.size();
        }
        if (m.uid == parentUid)
            parent = members.size();
        members.append(std::move(member));
    }
    sql->finish();
    if (root < 0 || parent < 0)
        return QList<ThreadRow>();

    const QList<int> parents = threadParents(members, root);
    for (int parentIndex : parents) {
        if (parentIndex >= 0)
            ++members[parentIndex].row.replyCount;
    }
    QList<ThreadRow> replies;
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (parents.at(i) == parent)
            replies.append(members.at(i).row);
    }
    return replies;
}
