#include "messagetable.h"

#include "cachedatabase.h"
#include "cachetransaction.h"
#include "sqlitestatement.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

// OR IGNORE rather than ON CONFLICT DO NOTHING: with no constraint that can abort and no insert
// trigger (schema 7), SQLite opens no statement savepoint for the insert, which would otherwise
// record every page the row touches. Every NOT NULL column is always bound a value, so the only
// constraint that can fire is UNIQUE (folder_id, uid): the row exists, and the update below
// runs instead.
const char insertMessageSql[]
        = "INSERT OR IGNORE INTO messages (modseq, flags, keywords, internal_date, sent_date,"
          " sort_date, size, subject, from_name, from_address, to_text, cc_text, message_id,"
          " in_reply_to, refs, has_attachments, sort_subject, sort_sender, structure, folder_id,"
          " uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// A record without a body structure keeps the one already stored.
const char updateMessageSql[]
        = "UPDATE messages SET modseq = ?, flags = ?, keywords = ?, internal_date = ?,"
          " sent_date = ?, sort_date = ?, size = ?, subject = ?, from_name = ?, from_address = ?,"
          " to_text = ?, cc_text = ?, message_id = ?, in_reply_to = ?, refs = ?,"
          " has_attachments = ?, sort_subject = ?, sort_sender = ?,"
          " structure = IFNULL(?, structure) WHERE folder_id = ? AND uid = ?";

// The insert and update statements above take the same values in the same order.
void bindMessage(SqliteStatement *query, qint64 folderId, const MessageRecord &m)
{
    const QDateTime date = m.displayDate();
    const auto bindDate = [query](int index, const QDateTime &dateTime) {
        if (dateTime.isValid())
            query->bindInt64(index, dateTime.toMSecsSinceEpoch());
        else
            query->bindNull(index);
    };
    query->bindInt64(1, qint64(m.modSeq));
    query->bindInt64(2, m.flags.toInt());
    query->bindText(3, m.keywords);
    bindDate(4, m.internalDate);
    bindDate(5, m.sentDate);
    query->bindInt64(6, date.isValid() ? date.toMSecsSinceEpoch() : qint64(0));
    query->bindInt64(7, m.size);
    query->bindText(8, m.subject);
    query->bindText(9, m.fromName);
    query->bindText(10, m.fromAddress);
    query->bindText(11, m.to);
    query->bindText(12, m.cc);
    query->bindBlob(13, m.messageId);
    query->bindBlob(14, m.inReplyTo);
    query->bindBlob(15, m.references);
    query->bindInt64(16, m.hasAttachments ? 1 : 0);
    query->bindCaseFoldedText(17, StoreSql::subjectSortText(m.subject));
    query->bindCaseFoldedText(18, StoreSql::senderSortText(m.fromName, m.fromAddress));
    if (m.bodyStructure.isEmpty())
        query->bindNull(19);
    else
        query->bindBlob(19, m.bodyStructure);
    query->bindInt64(20, folderId);
    query->bindInt64(21, m.uid);
}

} // namespace

MessageTable::MessageTable(CacheDatabase &db)
    : m_db(db)
{ }

MailError MessageTable::upsert(qint64 folderId, const QList<MessageRecord> &messages,
                               QList<quint32> *added, QList<quint32> *changed)
{
    // The writes of a synchronisation: straight on SQLite (see SqliteStatement).
    MailError error;
    SqliteStatement *insert = m_db.sqliteStatement(insertMessageSql, &error);
    SqliteStatement *update = insert ? m_db.sqliteStatement(updateMessageSql, &error) : nullptr;
    if (!update)
        return error;
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    for (const MessageRecord &message : messages) {
        bindMessage(insert, folderId, message);
        if (!insert->exec())
            return m_db.failed(QCoreApplication::translate("MessageTable",
                                                           "Cannot store message %1")
                                       .arg(message.uid),
                               *insert);
        if (insert->changes() == 1) {
            added->append(message.uid);
        } else {
            bindMessage(update, folderId, message);
            if (!update->exec()) {
                return m_db.failed(QCoreApplication::translate("MessageTable",
                                                               "Cannot store message %1")
                                           .arg(message.uid),
                                   *update);
            }
            changed->append(message.uid);
        }
    }
    return transaction.commit();
}

MailError MessageTable::updateFlags(qint64 folderId, const QList<FlagUpdate> &updates,
                                    QList<quint32> *changed)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE messages SET flags = ?, keywords = ?,"
                                                    " modseq = CASE WHEN ? > 0 THEN ? ELSE modseq"
                                                    " END WHERE folder_id = ? AND uid = ?"),
                                     &error);
    if (!query)
        return error;
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    for (const FlagUpdate &update : updates) {
        query->bindValue(0, int(update.flags.toInt()));
        query->bindValue(1, StoreSql::text(update.keywords));
        query->bindValue(2, qint64(update.modSeq));
        query->bindValue(3, qint64(update.modSeq));
        query->bindValue(4, folderId);
        query->bindValue(5, update.uid);
        if (!query->exec()) {
            return m_db.failed(QCoreApplication::translate("MessageTable",
                                                           "Cannot store the flags of message %1")
                                       .arg(update.uid),
                               *query);
        }
        if (query->numRowsAffected() == 1)
            changed->append(update.uid);
    }
    return transaction.commit();
}

MailError MessageTable::updateSizes(qint64 folderId, const QHash<quint32, qint64> &sizes,
                                    QList<quint32> *changed)
{
    MailError error;
    QSqlQuery *query
            = m_db.prepared(QStringLiteral(
                                    "UPDATE messages SET size = ? WHERE folder_id = ? AND uid = ?"),
                            &error);
    if (!query)
        return error;
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it) {
        query->bindValue(0, it.value());
        query->bindValue(1, folderId);
        query->bindValue(2, it.key());
        if (!query->exec()) {
            return m_db.failed(QCoreApplication::translate("MessageTable",
                                                           "Cannot store the size of message %1")
                                       .arg(it.key()),
                               *query);
        }
        if (query->numRowsAffected() == 1)
            changed->append(it.key());
    }
    return transaction.commit();
}

MailError MessageTable::changeFlags(qint64 folderId, const QList<quint32> &uids,
                                    MessageRecord::Flags add, MessageRecord::Flags remove,
                                    QList<quint32> *changed)
{
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    if (MailError error = writeFlags(folderId, uids, add, remove, changed))
        return error;
    return transaction.commit();
}

MailError MessageTable::writeFlags(qint64 folderId, const QList<quint32> &uids,
                                   MessageRecord::Flags add, MessageRecord::Flags remove,
                                   QList<quint32> *changed)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE messages SET flags = (flags | ?) & ~?"
                                                    " WHERE folder_id = ? AND uid = ?"),
                                     &error);
    if (!query)
        return error;
    for (quint32 uid : uids) {
        query->bindValue(0, int(add.toInt()));
        query->bindValue(1, int(remove.toInt()));
        query->bindValue(2, folderId);
        query->bindValue(3, uid);
        if (!query->exec()) {
            return m_db.failed(QCoreApplication::translate("MessageTable",
                                                           "Cannot change the flags of message %1")
                                       .arg(uid),
                               *query);
        }
        if (query->numRowsAffected() == 1)
            changed->append(uid);
    }
    return {};
}

MailError MessageTable::remove(qint64 folderId, const QList<quint32> &uids, QList<quint32> *removed)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("DELETE FROM messages"
                                                    " WHERE folder_id = ? AND uid = ?"),
                                     &error);
    if (!query)
        return error;
    for (quint32 uid : uids) {
        query->bindValue(0, folderId);
        query->bindValue(1, uid);
        if (!query->exec())
            return m_db.failed(QCoreApplication::translate("MessageTable",
                                                           "Cannot remove message %1")
                                       .arg(uid),
                               *query);
        if (query->numRowsAffected() == 1)
            removed->append(uid);
    }
    return {};
}

MailError MessageTable::clearFolder(qint64 folderId)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("DELETE FROM messages WHERE folder_id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("MessageTable", "Cannot clear a folder"),
                           *query);
    return {};
}

StoreResult<MessageRecord> MessageTable::message(qint64 folderId, quint32 uid)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(
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
        return m_db.failed(QCoreApplication::translate("MessageTable", "Cannot read message %1")
                                   .arg(uid),
                           *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("MessageTable", "Message %1 is not cached")
                                 .arg(uid));
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

StoreResult<QList<quint32>> MessageTable::uids(qint64 folderId)
{
    MailError error;
    QSqlQuery *query
            = m_db.prepared(QStringLiteral(
                                    "SELECT uid FROM messages WHERE folder_id = ? ORDER BY uid"),
                            &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("MessageTable",
                                                       "Cannot read the UIDs of a folder"),
                           *query);
    QList<quint32> result;
    while (query->next())
        result.append(query->value(0).toUInt());
    query->finish();
    return result;
}

StoreResult<std::pair<quint32, quint32>> MessageTable::uidBounds(qint64 folderId)
{
    // Two lookups at the ends of the (folder_id, uid) index, however many rows the folder has.
    const StoreResult<QVariant> lowest
            = m_db.scalar(QStringLiteral("SELECT MIN(uid) FROM messages WHERE folder_id = ?"),
                          {folderId});
    if (!lowest)
        return lowest.error();
    const StoreResult<QVariant> highest
            = m_db.scalar(QStringLiteral("SELECT MAX(uid) FROM messages WHERE folder_id = ?"),
                          {folderId});
    if (!highest)
        return highest.error();
    return std::pair<quint32, quint32>(lowest.value().toUInt(), highest.value().toUInt());
}

StoreResult<quint64> MessageTable::highestModSeq(qint64 folderId)
{
    const StoreResult<QVariant> value
            = m_db.scalar(QStringLiteral("SELECT MAX(modseq) FROM messages WHERE folder_id = ?"),
                          {folderId});
    if (!value)
        return value.error();
    return value.value().toULongLong();
}

StoreResult<int> MessageTable::count(qint64 folderId, const QString &conditions)
{
    const StoreResult<QVariant> value
            = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = ?")
                                  + conditions,
                          {folderId});
    if (!value)
        return value.error();
    return value.value().toInt();
}

StoreResult<QList<std::pair<qint64, quint32>>> MessageTable::findByMessageId(
        const QByteArray &messageId)
{
    if (messageId.isEmpty())
        return QList<std::pair<qint64, quint32>> {};
    MailError error;
    // Folder by folder, so that the (folder_id, message_id) index answers.
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT folder_id, uid FROM messages"
                                                    " WHERE folder_id IN (SELECT id FROM folders)"
                                                    " AND message_id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, messageId);
    if (!query->exec())
        return m_db
                .failed(QCoreApplication::translate("MessageTable",
                                                    "Cannot look for a message by its Message-ID"),
                        *query);
    QList<std::pair<qint64, quint32>> found;
    while (query->next())
        found.append({query->value(0).toLongLong(), query->value(1).toUInt()});
    query->finish();
    return found;
}

StoreResult<QHash<qint64, int>> MessageTable::countsByFolder(const QString &sql)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(sql, &error);
    if (!query)
        return error;
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("MessageTable",
                                                       "Cannot count the messages of the folders"),
                           *query);
    QHash<qint64, int> result;
    while (query->next())
        result.insert(query->value(0).toLongLong(), query->value(1).toInt());
    query->finish();
    return result;
}

StoreResult<QHash<qint64, int>> MessageTable::messageCounts()
{
    return countByFolder({});
}

StoreResult<QHash<qint64, int>> MessageTable::countByFolder(const QString &conditions)
{
    return countsByFolder(QStringLiteral("SELECT folder_id, COUNT(*) FROM messages WHERE 1")
                          + conditions + QStringLiteral(" GROUP BY folder_id"));
}
