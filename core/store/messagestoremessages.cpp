// MessageStore: writing and reading messages.

#include "messagestore.h"
#include "messagestore_p.h"

#include <QFile>
#include <QSqlError>

namespace {

const QString insertMessageSql = QStringLiteral(
        "INSERT INTO messages (modseq, flags, keywords, internal_date, sent_date, sort_date, size,"
        " subject, from_name, from_address, to_text, cc_text, message_id, in_reply_to, refs,"
        " has_attachments, sort_subject, sort_sender, folder_id, uid)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (folder_id, uid) DO NOTHING");

const QString updateMessageSql = QStringLiteral(
        "UPDATE messages SET modseq = ?, flags = ?, keywords = ?, internal_date = ?,"
        " sent_date = ?, sort_date = ?, size = ?, subject = ?, from_name = ?, from_address = ?,"
        " to_text = ?, cc_text = ?, message_id = ?, in_reply_to = ?, refs = ?,"
        " has_attachments = ?, sort_subject = ?, sort_sender = ? WHERE folder_id = ? AND uid = ?");

const QString upsertStructureSql = QStringLiteral(
        "INSERT INTO message_structure (folder_id, uid, data) VALUES (?, ?, ?)"
        " ON CONFLICT (folder_id, uid) DO UPDATE SET data = excluded.data");

// The insert and update statements above take the same values in the same order.
void bindMessage(QSqlQuery *query, qint64 folderId, const MessageRecord &m)
{
    const QDateTime date = m.displayDate();
    query->bindValue(0, qint64(m.modSeq));
    query->bindValue(1, int(m.flags.toInt()));
    query->bindValue(2, StoreSql::text(m.keywords));
    query->bindValue(3, StoreSql::fromDateTime(m.internalDate));
    query->bindValue(4, StoreSql::fromDateTime(m.sentDate));
    query->bindValue(5, date.isValid() ? date.toMSecsSinceEpoch() : qint64(0));
    query->bindValue(6, m.size);
    query->bindValue(7, StoreSql::text(m.subject));
    query->bindValue(8, StoreSql::text(m.fromName));
    query->bindValue(9, StoreSql::text(m.fromAddress));
    query->bindValue(10, StoreSql::text(m.to));
    query->bindValue(11, StoreSql::text(m.cc));
    query->bindValue(12, m.messageId);
    query->bindValue(13, m.inReplyTo);
    query->bindValue(14, m.references);
    query->bindValue(15, m.hasAttachments);
    query->bindValue(16, StoreSql::text(StoreSql::subjectSortKey(m.subject)));
    query->bindValue(17, StoreSql::text(StoreSql::senderSortKey(m.fromName, m.fromAddress)));
    query->bindValue(18, folderId);
    query->bindValue(19, m.uid);
}

void removeFiles(const QStringList &paths)
{
    for (const QString &path : paths)
        QFile::remove(path);
}

} // namespace

MailError MessageStore::upsertMessages(qint64 folderId, const QList<MessageRecord> &messages)
{
    if (messages.isEmpty())
        return {};
    MailError error;
    QSqlQuery *insert = prepared(insertMessageSql, &error);
    QSqlQuery *update = insert ? prepared(updateMessageSql, &error) : nullptr;
    QSqlQuery *structure = update ? prepared(upsertStructureSql, &error) : nullptr;
    if (!structure)
        return error;
    if (MailError beginError = begin())
        return beginError;

    QList<quint32> added;
    QList<quint32> changed;
    for (const MessageRecord &message : messages) {
        bindMessage(insert, folderId, message);
        if (!insert->exec()) {
            d->db.rollback();
            return failed(QStringLiteral("Cannot store message %1").arg(message.uid), *insert);
        }
        if (insert->numRowsAffected() == 1) {
            added.append(message.uid);
        } else {
            bindMessage(update, folderId, message);
            if (!update->exec()) {
                d->db.rollback();
                return failed(QStringLiteral("Cannot store message %1").arg(message.uid), *update);
            }
            changed.append(message.uid);
        }
        if (!message.bodyStructure.isEmpty()) {
            structure->bindValue(0, folderId);
            structure->bindValue(1, message.uid);
            structure->bindValue(2, message.bodyStructure);
            if (!structure->exec()) {
                d->db.rollback();
                return failed(QStringLiteral("Cannot store the structure of message %1")
                                      .arg(message.uid),
                              *structure);
            }
        }
    }
    if (MailError commitError = commit())
        return commitError;
    if (!added.isEmpty())
        Q_EMIT messagesAdded(folderId, added);
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::updateFlags(qint64 folderId, const QList<FlagUpdate> &updates)
{
    if (updates.isEmpty())
        return {};
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("UPDATE messages SET flags = ?, keywords = ?,"
                                               " modseq = CASE WHEN ? > 0 THEN ? ELSE modseq END"
                                               " WHERE folder_id = ? AND uid = ?"),
                                &error);
    if (!query)
        return error;
    if (MailError beginError = begin())
        return beginError;
    QList<quint32> changed;
    for (const FlagUpdate &update : updates) {
        query->bindValue(0, int(update.flags.toInt()));
        query->bindValue(1, StoreSql::text(update.keywords));
        query->bindValue(2, qint64(update.modSeq));
        query->bindValue(3, qint64(update.modSeq));
        query->bindValue(4, folderId);
        query->bindValue(5, update.uid);
        if (!query->exec()) {
            d->db.rollback();
            return failed(QStringLiteral("Cannot store the flags of message %1").arg(update.uid),
                          *query);
        }
        if (query->numRowsAffected() == 1)
            changed.append(update.uid);
    }
    if (MailError commitError = commit())
        return commitError;
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::changeFlags(qint64 folderId, const QList<quint32> &uids,
                                    MessageRecord::Flags add, MessageRecord::Flags remove)
{
    if (uids.isEmpty())
        return {};
    MailError error;
    QSqlQuery *query = prepared(QStringLiteral("UPDATE messages SET flags = (flags | ?) & ~?"
                                               " WHERE folder_id = ? AND uid = ?"),
                                &error);
    if (!query)
        return error;
    if (MailError beginError = begin())
        return beginError;
    QList<quint32> changed;
    for (quint32 uid : uids) {
        query->bindValue(0, int(add.toInt()));
        query->bindValue(1, int(remove.toInt()));
        query->bindValue(2, folderId);
        query->bindValue(3, uid);
        if (!query->exec()) {
            d->db.rollback();
            return failed(QStringLiteral("Cannot change the flags of message %1").arg(uid), *query);
        }
        if (query->numRowsAffected() == 1)
            changed.append(uid);
    }
    if (MailError commitError = commit())
        return commitError;
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::deleteMessageRows(qint64 folderId, const QList<quint32> &uids)
{
    // Deletes inside the caller's transaction; part files go once it commits.
    MailError error;
    QSqlQuery *files = prepared(QStringLiteral(
                                        "SELECT file_path FROM body_parts WHERE"
                                        " folder_id = ? AND uid = ? AND file_path IS NOT NULL"),
                                &error);
    QSqlQuery *message = files ? prepared(QStringLiteral("DELETE FROM messages"
                                                         " WHERE folder_id = ? AND uid = ?"),
                                          &error)
                               : nullptr;
    QSqlQuery *structure = message ? prepared(QStringLiteral("DELETE FROM message_structure"
                                                             " WHERE folder_id = ? AND uid = ?"),
                                              &error)
                                   : nullptr;
    QSqlQuery *parts = structure ? prepared(QStringLiteral("DELETE FROM body_parts"
                                                           " WHERE folder_id = ? AND uid = ?"),
                                            &error)
                                 : nullptr;
    if (!parts)
        return error;
    for (QSqlQuery *query : {files, message, structure, parts}) {
        for (quint32 uid : uids) {
            query->bindValue(0, folderId);
            query->bindValue(1, uid);
            if (!query->exec())
                return failed(QStringLiteral("Cannot remove message %1").arg(uid), *query);
            if (query == files) {
                while (query->next())
                    d->pendingFileRemovals.append(query->value(0).toString());
            } else if (query == message && query->numRowsAffected() == 1) {
                d->removedUids.append(uid);
            }
        }
    }
    return {};
}

MailError MessageStore::removeMessages(qint64 folderId, const QList<quint32> &uids)
{
    if (uids.isEmpty())
        return {};
    Q_EMIT messagesAboutToBeRemoved(folderId, uids);
    d->pendingFileRemovals.clear();
    d->removedUids.clear();
    MailError error = begin();
    if (!error)
        error = deleteMessageRows(folderId, uids);
    if (!error)
        error = commit();
    else
        d->db.rollback();
    const QList<quint32> removed = error ? QList<quint32>() : d->removedUids;
    if (!error)
        removeFiles(d->pendingFileRemovals);
    d->pendingFileRemovals.clear();
    d->removedUids.clear();
    Q_EMIT messagesRemoved(folderId, removed);
    return error;
}

namespace {

// Statements that drop everything cached for one folder, in this order.
const QStringList clearFolderSql = {
        QStringLiteral("DELETE FROM messages WHERE folder_id = ?"),
        QStringLiteral("DELETE FROM message_structure WHERE folder_id = ?"),
        QStringLiteral("DELETE FROM body_parts WHERE folder_id = ?"),
};

} // namespace

MailError MessageStore::clearFolderRows(qint64 folderId)
{
    MailError error;
    QSqlQuery *files = prepared(QStringLiteral("SELECT file_path FROM body_parts WHERE"
                                               " folder_id = ? AND file_path IS NOT NULL"),
                                &error);
    if (!files)
        return error;
    files->bindValue(0, folderId);
    if (!files->exec())
        return failed(QStringLiteral("Cannot clear a folder"), *files);
    while (files->next())
        d->pendingFileRemovals.append(files->value(0).toString());
    files->finish();
    for (const QString &sql : clearFolderSql) {
        QSqlQuery *query = prepared(sql, &error);
        if (!query)
            return error;
        query->bindValue(0, folderId);
        if (!query->exec())
            return failed(QStringLiteral("Cannot clear a folder"), *query);
    }
    return {};
}

MailError MessageStore::resetFolder(qint64 folderId, quint32 newUidValidity)
{
    d->pendingFileRemovals.clear();
    MailError error = begin();
    if (!error)
        error = clearFolderRows(folderId);
    if (!error) {
        QSqlQuery *query = prepared(QStringLiteral("UPDATE folders SET uid_validity = ?,"
                                                   " uid_next = 0, highest_modseq = 0"
                                                   " WHERE id = ?"),
                                    &error);
        if (query) {
            query->bindValue(0, newUidValidity);
            query->bindValue(1, folderId);
            if (!query->exec())
                error = failed(QStringLiteral("Cannot reset a folder"), *query);
        }
    }
    if (!error)
        error = commit();
    else
        d->db.rollback();
    if (!error)
        removeFiles(d->pendingFileRemovals);
    d->pendingFileRemovals.clear();
    if (error)
        return error;
    Q_EMIT folderCleared(folderId);
    Q_EMIT foldersChanged();
    return {};
}

MailError MessageStore::removeFolder(qint64 folderId)
{
    d->pendingFileRemovals.clear();
    MailError error = begin();
    if (!error)
        error = clearFolderRows(folderId);
    if (!error) {
        QSqlQuery *query = prepared(QStringLiteral("DELETE FROM folders WHERE id = ?"), &error);
        if (query) {
            query->bindValue(0, folderId);
            if (!query->exec())
                error = failed(QStringLiteral("Cannot remove a folder"), *query);
        }
    }
    if (!error)
        error = commit();
    else
        d->db.rollback();
    if (!error)
        removeFiles(d->pendingFileRemovals);
    d->pendingFileRemovals.clear();
    if (error)
        return error;
    Q_EMIT folderCleared(folderId);
    Q_EMIT foldersChanged();
    return {};
}
