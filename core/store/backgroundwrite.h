#pragma once

#include "common/mailerror.h"
#include "messagerecord.h"

#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <atomic>

// A change of many of a folder's messages written to the cache on a worker thread, over a
// connection of its own: the deletion of a whole folder moved to the Trash, or flags added or
// removed on all of it. A few milliseconds per transaction, then a pause, so that the store's
// thread, which writes too, never waits long for the cache. Meanwhile the store shows the change
// to its readers (UnwrittenChanges).
//
// The store's thread may take messages out of the change (keep()) before it writes them itself,
// and stop() the rest; both take effect from the next transaction, which checks them once it
// holds the cache's write lock, so that nothing the store writes after calling them is undone.
class BackgroundWrite
{
public:
    enum class Kind {
        Remove, // the messages and their cached parts
        Flags,
    };

    BackgroundWrite(const QString &path, qint64 folderId, const QList<quint32> &uids);
    BackgroundWrite(const QString &path, qint64 folderId, const QList<quint32> &uids,
                    MessageRecord::Flags add, MessageRecord::Flags remove);

    // Tells the writes apart in UnwrittenChanges.
    quint64 id() const { return m_id; }
    Kind kind() const { return m_kind; }
    qint64 folderId() const { return m_folderId; }
    const QList<quint32> &uids() const { return m_uids; }

    void keep(const QList<quint32> &uids);
    void stop();

    // On the worker thread: writes in transactions of about transactionMs; for a removal, the
    // parts' files go after each commit.
    MailError run();

    static constexpr int transactionMs = 4;

private:
    bool isKept(quint32 uid);

    const quint64 m_id;
    const Kind m_kind;
    const QString m_path;
    const qint64 m_folderId;
    const QList<quint32> m_uids;
    const MessageRecord::Flags m_add;
    const MessageRecord::Flags m_remove;
    std::atomic<bool> m_stopped {false};
    QMutex m_mutex;
    QSet<quint32> m_kept;
};
