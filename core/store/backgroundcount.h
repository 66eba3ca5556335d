#pragma once

#include "foldercounts.h"
#include "storeresult.h"
#include "unwrittenchanges.h"

#include <QFuture>
#include <QString>

// Counts a folder's messages on a worker thread, over a connection of its own to the cache
// file, through a copy of the changes still to write (UnwrittenChanges): in a folder of a
// million messages, counting takes longer than a frame of the window.
namespace BackgroundCount {

// The messages and the unread ones, as the folder list shows them.
QFuture<StoreResult<FolderCounts>> start(const QString &path, qint64 folderId,
                                         UnwrittenChanges changes);
// The messages alone, as a list of the whole folder shows them.
QFuture<StoreResult<int>> messages(const QString &path, qint64 folderId, UnwrittenChanges changes);

} // namespace BackgroundCount
