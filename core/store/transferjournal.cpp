#include "transferjournal.h"

#include "cachedatabase.h"
#include "cachetransaction.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

QString cannotKeep()
{
    return QCoreApplication::translate("TransferJournal",
                                       "Cannot keep a message to copy to another account");
}

} // namespace

TransferJournal::TransferJournal(CacheDatabase &db)
    : m_db(db)
{ }

StoreResult<QList<qint64>> TransferJournal::add(const QList<TransferRecord> &records)
{
    CacheTransaction transaction(m_db);
    if (transaction.error())
        return transaction.error();
    MailError error;
    QSqlQuery *query = m_db.prepared(
            QStringLiteral("INSERT INTO transfers (folder_id, uid, target_account, target_path,"
                           " move, stage, message_id) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            &error);
    if (!query)
        return error;
    QList<qint64> ids;
    ids.reserve(records.size());
    for (const TransferRecord &record : records) {
        query->bindValue(0, record.folderId);
        query->bindValue(1, record.uid);
        query->bindValue(2, StoreSql::text(record.targetAccountId));
        query->bindValue(3, StoreSql::text(record.targetPath));
        query->bindValue(4, record.move ? 1 : 0);
        query->bindValue(5, int(record.stage));
        query->bindValue(6, record.messageId.isNull() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                      : QVariant(record.messageId));
        if (!query->exec())
            return m_db.failed(cannotKeep(), *query);
        ids.append(query->lastInsertId().toLongLong());
    }
    query->finish();
    if (MailError commitError = transaction.commit())
        return commitError;
    return ids;
}

StoreResult<QList<TransferRecord>> TransferJournal::transfers()
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT id, folder_id, uid, target_account,"
                                                    " target_path, move, stage, message_id"
                                                    " FROM transfers ORDER BY id"),
                                     &error);
    if (!query)
        return error;
    if (!query->exec())
        return m_db.failed(
                QCoreApplication::translate("TransferJournal",
                                            "Cannot read the messages to copy to another account"),
                *query);
    QList<TransferRecord> records;
    while (query->next()) {
        TransferRecord record;
        record.id = query->value(0).toLongLong();
        record.folderId = query->value(1).toLongLong();
        record.uid = query->value(2).toUInt();
        record.targetAccountId = query->value(3).toString();
        record.targetPath = query->value(4).toString();
        record.move = query->value(5).toInt() != 0;
        record.stage = TransferRecord::Stage(query->value(6).toInt());
        record.messageId = query->value(7).toByteArray();
        records.append(record);
    }
    query->finish();
    return records;
}

MailError TransferJournal::setStage(qint64 id, TransferRecord::Stage stage,
                                    const QByteArray &messageId)
{
    MailError error;
    QSqlQuery *query
            = m_db.prepared(QStringLiteral(
                                    "UPDATE transfers SET stage = ?, message_id = ? WHERE id = ?"),
                            &error);
    if (!query)
        return error;
    query->bindValue(0, int(stage));
    query->bindValue(1, messageId.isNull() ? QVariant(QMetaType(QMetaType::QByteArray))
                                           : QVariant(messageId));
    query->bindValue(2, id);
    if (!query->exec())
        return m_db.failed(cannotKeep(), *query);
    query->finish();
    return {};
}

MailError TransferJournal::remove(qint64 id)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("DELETE FROM transfers WHERE id = ?"), &error);
    if (!query)
        return error;
    query->bindValue(0, id);
    if (!query->exec())
        return m_db.failed(cannotKeep(), *query);
    query->finish();
    return {};
}
