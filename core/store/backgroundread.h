#pragma once

#include "foldercounts.h"
#include "messagequery.h"
#include "messagerecord.h"
#include "storeresult.h"
#include "unwrittenchanges.h"

#include <QFuture>
#include <QList>
#include <QString>

// Reads what a whole folder holds on a worker thread, over a connection of its own to the cache
// file, through a copy of the changes still to write (UnwrittenChanges): in a folder of a
// million messages, counting or listing them takes longer than a frame of the window.
namespace BackgroundRead {

// The messages and the unread ones, as the folder list shows them.
QFuture<StoreResult<FolderCounts>> counts(const QString &path, qint64 folderId,
                                          UnwrittenChanges changes);
// The messages alone, as a list of the whole folder shows them.
QFuture<StoreResult<int>> messageCount(const QString &path, qint64 folderId,
                                       UnwrittenChanges changes);
// The UIDs of the folder's messages up to highest, ascending.
QFuture<StoreResult<QList<quint32>>> uids(const QString &path, qint64 folderId, quint32 highest,
                                          UnwrittenChanges changes);
// A window of a list (ListQueries::fetchOver()): the limit rows of query from offset on, for a
// view that waits for them, so before the reads queued that nobody waits for.
QFuture<StoreResult<QList<MessageRecord>>> window(const QString &path, const MessageQuery &query,
                                                  int offset, int limit, UnwrittenChanges changes);

} // namespace BackgroundRead
