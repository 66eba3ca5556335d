#include "operationjournal.h"

#include "cachedatabase.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

QString joinUids(const QList<quint32> &uids)
{
    QStringList parts;
    parts.reserve(uids.size());
    for (quint32 uid : uids)
        parts.append(QString::number(uid));
    return parts.join(QLatin1Char(','));
}

QList<quint32> splitUids(const QString &text)
{
    QList<quint32> uids;
    for (QStringView part : QStringView(text).split(QLatin1Char(','), Qt::SkipEmptyParts))
        uids.append(part.toUInt());
    return uids;
}

} // namespace

OperationJournal::OperationJournal(CacheDatabase &db)
    : m_db(db)
{ }

StoreResult<qint64> OperationJournal::add(const PendingOperation &operation)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(
            QStringLiteral("INSERT INTO pending_operations (kind, folder_id, uids, add_flags,"
                           " remove_flags, target_folder_id, special_use, append_flags, message)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, int(operation.kind));
    query->bindValue(1, operation.folderId);
    query->bindValue(2, StoreSql::text(joinUids(operation.uids)));
    query->bindValue(3, int(operation.addFlags));
    query->bindValue(4, int(operation.removeFlags));
    query->bindValue(5, operation.targetFolderId);
    query->bindValue(6, int(operation.specialUse));
    query->bindValue(7, StoreSql::text(QString::fromUtf8(operation.appendFlags.join(' '))));
    query->bindValue(8, operation.message.isNull() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                   : QVariant(operation.message));
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("OperationJournal",
                                                       "Cannot keep a change for the server"),
                           *query);
    const qint64 id = query->lastInsertId().toLongLong();
    query->finish();
    return id;
}

StoreResult<int> OperationJournal::count()
{
    const StoreResult<QVariant> value = m_db.scalar(
            QStringLiteral("SELECT COUNT(*) FROM pending_operations"));
    if (!value)
        return value.error();
    return value.value().toInt();
}

StoreResult<QList<PendingOperation>> OperationJournal::operations(int limit)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT id, kind, folder_id, uids, add_flags,"
                                                    " remove_flags, target_folder_id, special_use,"
                                                    " append_flags, message FROM pending_operations"
                                                    " ORDER BY id LIMIT ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, limit);
    if (!query->exec())
        return m_db
                .failed(QCoreApplication::translate("OperationJournal",
                                                    "Cannot read the changes kept for the server"),
                        *query);
    QList<PendingOperation> operations;
    while (query->next()) {
        PendingOperation operation;
        operation.id = query->value(0).toLongLong();
        operation.kind = PendingOperation::Kind(query->value(1).toInt());
        operation.folderId = query->value(2).toLongLong();
        operation.uids = splitUids(query->value(3).toString());
        operation.addFlags = MessageRecord::Flags(query->value(4).toInt());
        operation.removeFlags = MessageRecord::Flags(query->value(5).toInt());
        operation.targetFolderId = query->value(6).toLongLong();
        operation.specialUse = FolderRecord::SpecialUse(query->value(7).toInt());
        operation.appendFlags = query->value(8).toString().toUtf8().split(' ');
        operation.appendFlags.removeAll(QByteArray());
        operation.message = query->value(9).toByteArray();
        operations.append(operation);
    }
    query->finish();
    return operations;
}

MailError OperationJournal::remove(qint64 id)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("DELETE FROM pending_operations WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, id);
    if (!query->exec())
        return m_db
                .failed(QCoreApplication::translate("OperationJournal",
                                                    "Cannot remove a change kept for the server"),
                        *query);
    query->finish();
    return {};
}
