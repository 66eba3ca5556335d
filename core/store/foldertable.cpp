#include "foldertable.h"

#include "cachedatabase.h"
#include "storesql.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

const QString folderColumns = QStringLiteral(
        "id, path, delimiter, attributes, special_use, subscribed, uid_validity, uid_next,"
        " highest_modseq, exists_count, unseen_count, keep_offline");

FolderRecord folderFromQuery(const QSqlQuery &query)
{
    FolderRecord folder;
    folder.id = query.value(0).toLongLong();
    folder.path = query.value(1).toString();
    const QString delimiter = query.value(2).toString();
    folder.delimiter = delimiter.isEmpty() ? QChar() : delimiter.at(0);
    folder.attributes = query.value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    folder.specialUse = FolderRecord::SpecialUse(query.value(4).toInt());
    folder.subscribed = query.value(5).toBool();
    folder.uidValidity = query.value(6).toUInt();
    folder.uidNext = query.value(7).toUInt();
    folder.highestModSeq = query.value(8).toULongLong();
    folder.exists = query.value(9).toUInt();
    folder.unseen = query.value(10).toUInt();
    folder.keepOffline = query.value(11).toBool();
    return folder;
}

} // namespace

FolderTable::FolderTable(CacheDatabase &db)
    : m_db(db)
{ }

StoreResult<qint64> FolderTable::upsert(const FolderRecord &folder)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(
            QStringLiteral("INSERT INTO folders (path, delimiter, attributes, special_use,"
                           " subscribed) VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                           " delimiter = excluded.delimiter, attributes = excluded.attributes,"
                           " special_use = excluded.special_use,"
                           " subscribed = excluded.subscribed"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folder.path);
    query->bindValue(1, StoreSql::text(folder.delimiter.isNull() ? QString()
                                                                 : QString(folder.delimiter)));
    query->bindValue(2, StoreSql::text(folder.attributes.join(QLatin1Char(' '))));
    query->bindValue(3, int(folder.specialUse));
    query->bindValue(4, folder.subscribed);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot store the folder %1")
                                   .arg(folder.path),
                           *query);
    query->finish();
    const StoreResult<FolderRecord> stored = folderByPath(folder.path);
    if (!stored)
        return stored.error();
    return stored.value().id;
}

MailError FolderTable::updateState(const FolderRecord &folder)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(
            QStringLiteral("UPDATE folders SET uid_validity = ?, uid_next = ?, highest_modseq = ?,"
                           " exists_count = ?, unseen_count = ? WHERE id = ?"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folder.uidValidity);
    query->bindValue(1, folder.uidNext);
    query->bindValue(2, qint64(folder.highestModSeq));
    query->bindValue(3, folder.exists);
    query->bindValue(4, folder.unseen);
    query->bindValue(5, folder.id);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable",
                                                       "Cannot store the state of a folder"),
                           *query);
    if (query->numRowsAffected() != 1) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("FolderTable",
                                                     "No folder with id %1 in the cache")
                                 .arg(folder.id));
    }
    return {};
}

StoreResult<QList<FolderRecord>> FolderTable::folders()
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT ") + folderColumns
                                             + QStringLiteral(" FROM folders ORDER BY path"),
                                     &error);
    if (!query)
        return error;
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable",
                                                       "Cannot read the folder list"),
                           *query);
    QList<FolderRecord> result;
    while (query->next())
        result.append(folderFromQuery(*query));
    query->finish();
    return result;
}

StoreResult<FolderRecord> FolderTable::folder(qint64 folderId)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT ") + folderColumns
                                             + QStringLiteral(" FROM folders WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot read a folder"),
                           *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("FolderTable",
                                                     "No folder with id %1 in the cache")
                                 .arg(folderId));
    }
    const FolderRecord result = folderFromQuery(*query);
    query->finish();
    return result;
}

StoreResult<FolderRecord> FolderTable::folderByPath(const QString &path)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT ") + folderColumns
                                             + QStringLiteral(" FROM folders WHERE path = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, path);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot read a folder"),
                           *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("FolderTable", "No folder %1 in the cache")
                                 .arg(path));
    }
    const FolderRecord result = folderFromQuery(*query);
    query->finish();
    return result;
}

MailError FolderTable::resetState(qint64 folderId, quint32 newUidValidity)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE folders SET uid_validity = ?,"
                                                    " uid_next = 0, highest_modseq = 0"
                                                    " WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, newUidValidity);
    query->bindValue(1, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot reset a folder"),
                           *query);
    return {};
}

MailError FolderTable::setKeepOffline(qint64 folderId, bool keep)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE folders SET keep_offline = ?"
                                                    " WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, keep ? 1 : 0);
    query->bindValue(1, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot change a folder"),
                           *query);
    return {};
}

MailError FolderTable::setPath(qint64 folderId, const QString &path)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE folders SET path = ? WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, path);
    query->bindValue(1, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable",
                                                       "Cannot rename the folder to %1")
                                   .arg(path),
                           *query);
    return {};
}

MailError FolderTable::setSubscribed(qint64 folderId, bool subscribed)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("UPDATE folders SET subscribed = ?"
                                                    " WHERE id = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, subscribed ? 1 : 0);
    query->bindValue(1, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot change a folder"),
                           *query);
    return {};
}

MailError FolderTable::remove(qint64 folderId)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("DELETE FROM folders WHERE id = ?"), &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("FolderTable", "Cannot remove a folder"),
                           *query);
    return {};
}
