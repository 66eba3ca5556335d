#pragma once

#include "messagerecord.h"
#include "storeresult.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

struct sqlite3;

// The changes of many messages at a time that the store already reports while a worker still
// writes them (BackgroundWrite): messages removed, and flags added or removed. The reads of the
// store's own connection take them into account, so that every reader sees a change at once
// and the same rows before, during and after the worker's writes:
// - removed messages are left out through the SQL function heron_hidden(folder_id, uid);
// - flags are read through heron_flags(folder_id, uid, flags) in conditions, and flags() on
//   the records read.
// Applying a flag change twice changes nothing, so rows the worker already wrote read right.
//
// Belongs to the store's thread, as the connection the functions are installed on.
class UnwrittenChanges
{
public:
    // Removed messages
    void hide(qint64 folderId, const QList<quint32> &uids);
    void reveal(qint64 folderId, const QList<quint32> &uids);
    bool hidesAny() const { return !m_hidden.isEmpty(); }
    bool hidesIn(qint64 folderId) const { return m_hidden.contains(folderId); }
    bool isHidden(qint64 folderId, quint32 uid) const;
    // The hidden ones among uids, in their order.
    QList<quint32> hiddenAmong(qint64 folderId, const QList<quint32> &uids) const;
    // The UIDs of a folder that are not hidden, in their order.
    StoreResult<QList<quint32>> withoutHidden(qint64 folderId,
                                              StoreResult<QList<quint32>> uids) const;

    // Flag changes, each known by the id its worker has.
    struct FlagChange
    {
        MessageRecord::Flags add;
        MessageRecord::Flags remove;
    };
    void changeFlags(quint64 id, qint64 folderId, const QList<quint32> &uids,
                     MessageRecord::Flags add, MessageRecord::Flags remove);
    void dropFlagChange(quint64 id);
    // The messages leave every flag change of the folder: written since, or gone.
    void releaseFlags(qint64 folderId, const QList<quint32> &uids);
    bool changesFlagsIn(qint64 folderId) const;
    bool changesAnyFlags() const { return !m_flagChanges.isEmpty(); }
    // Whether a change of the folder (of any folder, for 0) removes any of flags.
    bool removesAny(qint64 folderId, MessageRecord::Flags flags) const;
    // The changes still to write on a message, oldest first.
    QList<FlagChange> flagChangesOf(qint64 folderId, quint32 uid) const;
    MessageRecord::Flags flags(qint64 folderId, quint32 uid, MessageRecord::Flags stored) const;
    // The record with its flags as flags() gives them.
    void apply(MessageRecord *record) const;

    // Forgets every change of the folder (all when folderId is 0).
    void forget(qint64 folderId);
    // A copy with the changes of the folder alone, for a reader on another connection.
    UnwrittenChanges folderOnly(qint64 folderId) const;

    // " AND NOT heron_hidden(folder_id, uid)" for a query of the folder (of every folder when
    // folderId is 0) while some of its messages are hidden, else nothing: to append to a
    // WHERE clause over the messages table.
    QString hiddenCondition(qint64 folderId = 0) const;
    // What to read in place of the flags column in such a clause.
    QString flagsExpression(qint64 folderId = 0) const;
    // The conditions under which a message of the folder (of any folder, for 0) counts as
    // unread, to append to such a clause: one query per condition, their counts added up.
    QStringList unreadConditions(qint64 folderId = 0) const;
    // Makes the functions known to a connection; this object must outlive it.
    bool install(sqlite3 *db);

private:
    struct Flags
    {
        quint64 id = 0;
        qint64 folderId = 0;
        FlagChange change;
        QList<quint32> uids; // ascending; shared with the copies for workers (folderOnly())
    };

    // Per folder, the hidden UIDs, ascending.
    QHash<qint64, QList<quint32>> m_hidden;
    // Oldest first.
    QList<Flags> m_flagChanges;
};
