#pragma once

class QThreadPool;

// The threads of the cache's long reads on workers: counts, searches, sort indexes, threads,
// the UIDs of a whole folder. They have a pool of their own because Qt's painting waits for
// threads of QThreadPool::globalInstance(): a count of a million messages there held a window's
// painting for a third of a second.
namespace CacheWorkers {

// Belongs to the application (QCoreApplication), which waits for its tasks when it goes.
QThreadPool *pool();

} // namespace CacheWorkers
