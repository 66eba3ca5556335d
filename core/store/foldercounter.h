#pragma once

#include "common/mailerror.h"
#include "foldercounts.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class MessageStore;

// Counts a store's folders again as they change. A folder that held many messages at its last
// count is counted on a worker (MessageStore::folderCountsInBackground()): in a folder of a
// million, counting takes longer than a frame of the window. One count runs per folder at a
// time; a change meanwhile is counted again once it answers.
class FolderCounter : public QObject
{
    Q_OBJECT
public:
    explicit FolderCounter(MessageStore *store, QObject *parent = nullptr);

    // counted() follows, at once or from the worker. knownMessages: the folder's messages as
    // the caller last knew them, which decide where it is counted.
    void recount(qint64 folderId, int knownMessages);

    // From this many messages on, a folder is counted on a worker.
    static constexpr int backgroundMinimum = 20000;

Q_SIGNALS:
    void counted(qint64 folderId, const FolderCounts &counts);
    void failed(const MailError &error);

private:
    void countInBackground(qint64 folderId);

    QPointer<MessageStore> m_store;
    QSet<qint64> m_counting;
    QSet<qint64> m_countAgain;
    // Per folder, the counts made on this thread: a worker's answer from before one is older.
    QHash<qint64, quint64> m_countedHere;
};
