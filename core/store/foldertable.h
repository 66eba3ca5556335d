#pragma once

#include "folderrecord.h"
#include "storeresult.h"

#include <QList>

class CacheDatabase;

// The folders table: what LIST tells of each folder and its synchronisation state.
class FolderTable
{
public:
    explicit FolderTable(CacheDatabase &db);

    // Inserts or updates the folder with this path. Only what LIST tells is written (delimiter,
    // attributes, special use, subscription); the synchronisation state of an existing folder
    // is kept. Returns the folder's id.
    StoreResult<qint64> upsert(const FolderRecord &folder);
    // Writes uidValidity, uidNext, highestModSeq, exists and unseen of folder.id.
    MailError updateState(const FolderRecord &folder);
    StoreResult<QList<FolderRecord>> folders();
    StoreResult<FolderRecord> folder(qint64 folderId);
    StoreResult<FolderRecord> folderByPath(const QString &path);

    // Inside the caller's transaction, which drops the folder's messages too: a new
    // UIDVALIDITY and no synchronisation state.
    MailError resetState(qint64 folderId, quint32 newUidValidity);
    MailError setKeepOffline(qint64 folderId, bool keep);
    // The folder's path becomes path; its messages and state stay.
    MailError setPath(qint64 folderId, const QString &path);
    MailError setSubscribed(qint64 folderId, bool subscribed);
    // Inside the caller's transaction, which drops the folder's messages too.
    MailError remove(qint64 folderId);

private:
    CacheDatabase &m_db;
};
