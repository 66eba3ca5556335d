#pragma once

#include "flagupdate.h"
#include "messagerecord.h"
#include "storeresult.h"

#include <QHash>
#include <QList>

#include <utility>

class CacheDatabase;

// The messages table: envelopes, flags and body structures by folder and UID.
//
// The writes that stand alone are one transaction each, whatever the size of the batch, and
// tell which UIDs they touched; those that go with other tables' writes (removals) run inside
// the caller's transaction.
class MessageTable
{
public:
    explicit MessageTable(CacheDatabase &db);

    // Inserts new messages and updates known ones; a record without a body structure keeps the
    // one stored. added and changed receive the UIDs of each kind.
    MailError upsert(qint64 folderId, const QList<MessageRecord> &messages, QList<quint32> *added,
                     QList<quint32> *changed);
    // Flags from the server; changed receives the UIDs that are cached.
    MailError updateFlags(qint64 folderId, const QList<FlagUpdate> &updates,
                          QList<quint32> *changed);
    // RFC822.SIZE from the server, by UID, for messages cached without it; changed receives
    // the UIDs that are cached.
    MailError updateSizes(qint64 folderId, const QHash<quint32, qint64> &sizes,
                          QList<quint32> *changed);
    // A local change: adds and removes flags on the given messages.
    MailError changeFlags(qint64 folderId, const QList<quint32> &uids, MessageRecord::Flags add,
                          MessageRecord::Flags remove, QList<quint32> *changed);
    // The same inside the caller's transaction.
    MailError writeFlags(qint64 folderId, const QList<quint32> &uids, MessageRecord::Flags add,
                         MessageRecord::Flags remove, QList<quint32> *changed);

    // Inside the caller's transaction; removed receives the UIDs that were cached.
    MailError remove(qint64 folderId, const QList<quint32> &uids, QList<quint32> *removed);
    // Inside the caller's transaction: every message of the folder.
    MailError clearFolder(qint64 folderId);

    StoreResult<MessageRecord> message(qint64 folderId, quint32 uid);
    StoreResult<QList<quint32>> uids(qint64 folderId); // ascending
    StoreResult<std::pair<quint32, quint32>> uidBounds(qint64 folderId);
    StoreResult<quint64> highestModSeq(qint64 folderId);
    StoreResult<QHash<qint64, int>> messageCounts(); // folder id -> cached, folders with any
    // The messages of a folder that meet conditions (" AND ..." each, without values), and the
    // same by folder for the folders with any.
    StoreResult<int> count(qint64 folderId, const QString &conditions);
    StoreResult<QHash<qint64, int>> countByFolder(const QString &conditions);
    // Where the message with that Message-ID is cached: (folder id, UID) pairs.
    StoreResult<QList<std::pair<qint64, quint32>>> findByMessageId(const QByteArray &messageId);

private:
    StoreResult<QHash<qint64, int>> countsByFolder(const QString &sql);

    CacheDatabase &m_db;
};
