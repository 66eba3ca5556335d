#pragma once

#include <functional>

class QThreadPool;

// The threads of the cache's long reads on workers: counts, searches, sort indexes, threads,
// the UIDs of a whole folder. They have a pool of their own because Qt's painting waits for
// threads of QThreadPool::globalInstance(): a count of a million messages there held a window's
// painting for a third of a second.
namespace CacheWorkers {

// Belongs to the application (QCoreApplication), which waits for its tasks when it goes.
QThreadPool *pool();

// Runs task in the pool, ahead of queued tasks of a lower priority. Its thread yields to the
// window's: on Linux its nice value is raised, so that a worker busy making an index does not
// hold the window's thread off a core (on two cores, two such workers did, 20–30 ms at a time,
// whenever another program ran too).
void start(std::function<void()> task, int priority = 0);

} // namespace CacheWorkers
