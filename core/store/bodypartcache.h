#pragma once

#include "bodypartrecord.h"
#include "storeresult.h"

#include <QList>
#include <QStringList>

class CacheDatabase;
class QVariant;

// The fetched body parts of messages, by folder, UID and IMAP section: each kept either inline
// in the database or in a file of its own whose path the database holds.
class BodyPartCache
{
public:
    explicit BodyPartCache(CacheDatabase &db);

    MailError store(qint64 folderId, quint32 uid, const QByteArray &section, const QByteArray &data);
    MailError storeFile(qint64 folderId, quint32 uid, const QByteArray &section,
                        const QString &filePath);
    StoreResult<BodyPartRecord> part(qint64 folderId, quint32 uid, const QByteArray &section);

    // Inside the caller's transaction, with the messages: the parts of the given messages, or
    // of every message of a folder. files receives the part files to delete once the
    // transaction commits (removeFiles()).
    MailError remove(qint64 folderId, const QList<quint32> &uids, QStringList *files);
    MailError clearFolder(qint64 folderId, QStringList *files);
    static void removeFiles(const QStringList &files);

private:
    MailError write(qint64 folderId, quint32 uid, const QByteArray &section, const QVariant &data,
                    const QVariant &filePath);

    CacheDatabase &m_db;
};
