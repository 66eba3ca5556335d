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
        workers->setMaxThreadCount(qMax(2, QThread::idealThreadCount()));
    }
    return workers;
}

} // namespace CacheWorkers
