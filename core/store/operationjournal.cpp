#include "operationjournal.h"

#include "cachedatabase.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

// The UIDs in their order, each run of consecutive ones as "first:last", counting down when
// first is the higher (Select All of a million messages, in whichever order the list showed
// them, is a few bytes, not seven megabytes): "7,9,100:250,3,40:31".
QString joinUids(const QList<quint32> &uids)
{
    QString text;
    for (qsizetype i = 0; i < uids.size();) {
        qsizetype last = i;
        if (i + 1 < uids.size() && uids.at(i) < 0xFFFFFFFFu && uids.at(i + 1) == uids.at(i) + 1) {
            while (last + 1 < uids.size() && uids.at(last) < 0xFFFFFFFFu
                   && uids.at(last + 1) == uids.at(last) + 1)
                ++last;
        } else {
            while (last + 1 < uids.size() && uids.at(last) > 0
                   && uids.at(last + 1) == uids.at(last) - 1)
                ++last;
        }
        if (!text.isEmpty())
            text += QLatin1Char(',');
        text += QString::number(uids.at(i));
        if (last > i)
            text += QLatin1Char(':') + QString::number(uids.at(last));
        i = last + 1;
    }
    return text;
}

QList<quint32> splitUids(const QString &text)
{
    QList<quint32> uids;
    for (QStringView part : QStringView(text).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype colon = part.indexOf(QLatin1Char(':'));
        if (colon < 0) {
            uids.append(part.toUInt());
            continue;
        }
        const quint32 first = part.left(colon).toUInt();
        const quint32 last = part.mid(colon + 1).toUInt();
        if (first <= last) {
            for (quint64 uid = first; uid <= last; ++uid)
                uids.append(quint32(uid));
        } else {
            for (qint64 uid = first; uid >= qint64(last); --uid)
                uids.append(quint32(uid));
        }
    }
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
                           " remove_flags, target_folder_id, special_use, append_flags, message,"
                           " message_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
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
    query->bindValue(9, operation.messageFile.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                                        : QVariant(operation.messageFile));
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
                                                    " append_flags, message, message_file"
                                                    " FROM pending_operations"
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
        operation.messageFile = query->value(10).toString();
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
