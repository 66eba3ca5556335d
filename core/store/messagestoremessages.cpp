// MessageStore: writing and reading messages.

#include "messagestore.h"
#include "messagestore_p.h"

#include "common/logging.h"

#include <QFile>
#include <QSqlError>

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
    if (!isOpen())
        return notOpen();
    // The writes of a synchronisation: straight on SQLite (see SqliteStatement).
    SqliteStatement *insert = &d->insertMessage;
    SqliteStatement *update = &d->updateMessage;
    if (!insert->isPrepared()) {
        sqlite3 *handle = SqliteStatement::handle(d->db);
        if (!insert->prepare(handle, insertMessageSql)
            || !update->prepare(handle, updateMessageSql)) {
            const MailError error(MailError::Kind::Storage,
                                  QStringLiteral("Cannot prepare a cache query"),
                                  handle ? insert->errorText() : QStringLiteral("No SQLite handle"));
            insert->finalize();
            update->finalize();
            return error;
        }
    }
    if (MailError beginError = begin())
        return beginError;

    const auto fail = [this](const QString &what, const SqliteStatement *statement) {
        const MailError error(MailError::Kind::Storage, what, statement->errorText());
        qCWarning(lcStore) << what << error.serverText();
        d->db.rollback();
        return error;
    };
    QList<quint32> added;
    QList<quint32> changed;
    for (const MessageRecord &message : messages) {
        bindMessage(insert, folderId, message);
        if (!insert->exec())
            return fail(QStringLiteral("Cannot store message %1").arg(message.uid), insert);
        if (insert->changes() == 1) {
            added.append(message.uid);
        } else {
            bindMessage(update, folderId, message);
            if (!update->exec())
                return fail(QStringLiteral("Cannot store message %1").arg(message.uid), update);
            changed.append(message.uid);
        }
    }
    if (MailError commitError = commit())
        return commitError;
    if (!added.isEmpty()) {
        scheduleFtsIndexing();
        Q_EMIT messagesAdded(folderId, added);
    }
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
    QSqlQuery *parts = message ? prepared(QStringLiteral("DELETE FROM body_parts"
                                                         " WHERE folder_id = ? AND uid = ?"),
                                          &error)
                               : nullptr;
    if (!parts)
        return error;
    for (QSqlQuery *query : {files, message, parts}) {
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
