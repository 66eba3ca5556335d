#include "cacheworkers.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

namespace CacheWorkers {

QThreadPool *pool()
{
    static QPointer<QThreadPool> workers;
    if (!workers) {
        workers = new QThreadPool(QCoreApplication::instance());
        // One more than the cores: a window a view waits for (BackgroundRead::window())
        // need not wait for two counts of a million rows to end.
        workers->setMaxThreadCount(qMax(2, QThread::idealThreadCount()) + 1);
    }
    return workers;
}

} // namespace CacheWorkers
