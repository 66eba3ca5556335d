#include "bodypartcache.h"

#include "cachedatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QVariant>

BodyPartCache::BodyPartCache(CacheDatabase &db)
    : m_db(db)
{ }

MailError BodyPartCache::store(qint64 folderId, quint32 uid, const QByteArray &section,
                               const QByteArray &data)
{
    return write(folderId, uid, section, data, QVariant(QMetaType::fromType<QString>()));
}

MailError BodyPartCache::storeFile(qint64 folderId, quint32 uid, const QByteArray &section,
                                   const QString &filePath)
{
    return write(folderId, uid, section, QVariant(QMetaType::fromType<QByteArray>()), filePath);
}

// A part is kept either inline (data) or in a file (file_path); the other column is NULL.
MailError BodyPartCache::write(qint64 folderId, quint32 uid, const QByteArray &section,
                               const QVariant &data, const QVariant &filePath)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(
            QStringLiteral("INSERT INTO body_parts (folder_id, uid, section, data, file_path)"
                           " VALUES (?, ?, ?, ?, ?) ON CONFLICT (folder_id, uid, section)"
                           " DO UPDATE SET data = excluded.data,"
                           " file_path = excluded.file_path"),
            &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, uid);
    query->bindValue(2, section);
    query->bindValue(3, data);
    query->bindValue(4, filePath);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("BodyPartCache", "Cannot store a body part"),
                           *query);
    return {};
}

StoreResult<BodyPartRecord> BodyPartCache::part(qint64 folderId, quint32 uid,
                                                const QByteArray &section)
{
    MailError error;
    QSqlQuery *query = m_db.prepared(QStringLiteral("SELECT data, file_path FROM body_parts"
                                                    " WHERE folder_id = ? AND uid = ?"
                                                    " AND section = ?"),
                                     &error);
    if (!query)
        return error;
    query->bindValue(0, folderId);
    query->bindValue(1, uid);
    query->bindValue(2, section);
    if (!query->exec())
        return m_db.failed(QCoreApplication::translate("BodyPartCache", "Cannot read a body part"),
                           *query);
    if (!query->next()) {
        return MailError(MailError::Kind::Storage,
                         QCoreApplication::translate("BodyPartCache",
                                                     "Body part %1 of message %2 is not cached")
                                 .arg(QString::fromLatin1(section))
                                 .arg(uid));
    }
    BodyPartRecord part;
    part.section = section;
    part.data = query->value(0).toByteArray();
    part.filePath = query->value(1).toString();
    query->finish();
    return part;
}

MailError BodyPartCache::remove(qint64 folderId, const QList<quint32> &uids, QStringList *files)
{
    MailError error;
    QSqlQuery *paths
            = m_db.prepared(QStringLiteral("SELECT file_path FROM body_parts WHERE"
                                           " folder_id = ? AND uid = ? AND file_path IS NOT NULL"),
                            &error);
    QSqlQuery *parts = paths ? m_db.prepared(QStringLiteral("DELETE FROM body_parts"
                                                            " WHERE folder_id = ? AND uid = ?"),
                                             &error)
                             : nullptr;
    if (!parts)
        return error;
    for (QSqlQuery *query : {paths, parts}) {
        for (quint32 uid : uids) {
            query->bindValue(0, folderId);
            query->bindValue(1, uid);
            if (!query->exec())
                return m_db.failed(QCoreApplication::translate("BodyPartCache",
                                                               "Cannot remove message %1")
                                           .arg(uid),
                                   *query);
            if (query == paths) {
                while (query->next())
                    files->append(query->value(0).toString());
            }
        }
    }
    return {};
}

MailError BodyPartCache::clearFolder(qint64 folderId, QStringList *files)
{
    MailError error;
    QSqlQuery *paths = m_db.prepared(QStringLiteral("SELECT file_path FROM body_parts WHERE"
                                                    " folder_id = ? AND file_path IS NOT NULL"),
                                     &error);
    QSqlQuery *parts = paths ? m_db.prepared(QStringLiteral("DELETE FROM body_parts"
                                                            " WHERE folder_id = ?"),
                                             &error)
                             : nullptr;
    if (!parts)
        return error;
    paths->bindValue(0, folderId);
    if (!paths->exec())
        return m_db.failed(QCoreApplication::translate("BodyPartCache", "Cannot clear a folder"),
                           *paths);
    while (paths->next())
        files->append(paths->value(0).toString());
    paths->finish();
    parts->bindValue(0, folderId);
    if (!parts->exec())
        return m_db.failed(QCoreApplication::translate("BodyPartCache", "Cannot clear a folder"),
                           *parts);
    return {};
}

void BodyPartCache::removeFiles(const QStringList &files)
{
    for (const QString &path : files)
        QFile::remove(path);
}
