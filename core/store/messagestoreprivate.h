#pragma once

#include "backgroundwrite.h"
#include "bodypartcache.h"
#include "cachedatabase.h"
#include "foldertable.h"
#include "listindexes.h"
#include "listqueries.h"
#include "messagestore.h"
#include "messagetable.h"
#include "operationjournal.h"
#include "searchindex.h"
#include "threadqueries.h"
#include "transferjournal.h"
#include "unwrittenchanges.h"

#include <QFuture>
#include <QList>
#include <QThreadPool>

#include <memory>

// The parts of a MessageStore, shared by its source files.
struct MessageStore::Private
{
    CacheDatabase db;
    FolderTable folders {db};
    MessageTable messages {db};
    BodyPartCache parts {db};
    OperationJournal journal {db};
    TransferJournal transfers {db};
    ListIndexes indexes {db};
    SearchIndex search {db};
    UnwrittenChanges unwritten;
    ListQueries lists {db, search, indexes, unwritten};
    ThreadQueries threads {db, lists, indexes, search};
    // The workers' writes, one at a time and in order: a later change of the same messages
    // must land after an earlier one.
    QThreadPool workers;
    struct Write
    {
        std::shared_ptr<BackgroundWrite> job;
        QFuture<MailError> done;
    };
    QList<Write> writes; // oldest first

    Private() { workers.setMaxThreadCount(1); }
    // Stops the writes of the folder (all when folderId is 0) after their current transaction
    // and forgets their changes, for a write that changes what they would write.
    void stopWrites(qint64 folderId);
    // The messages leave the workers' changes, for this thread writes them now: removed ones
    // are shown again when show is true (written again); those with flag changes still to
    // write have them written here first when settle is true (a change by the user that
    // follows), else lose them (the server's flags).
    MailError takeBack(qint64 folderId, const QList<quint32> &uids, bool settle, bool show);
    void keep(qint64 folderId, BackgroundWrite::Kind kind, const QList<quint32> &uids);
};
