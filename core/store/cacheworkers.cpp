#include "cacheworkers.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace {

// How much lower than the window's thread the workers run: nice 10 weighs a tenth of nice 0.
constexpr int workerNiceness = 10;

void yieldToTheWindow()
{
#ifdef Q_OS_LINUX
    thread_local bool lowered = false;
    if (lowered)
        return;
    lowered = true;
    // Linux keeps a nice value per thread; the pool's threads start with their creator's.
    const auto self = id_t(syscall(SYS_gettid));
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        setpriority(PRIO_PROCESS, self, qMin(19, nice + workerNiceness));
#endif
}

} // namespace

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

void start(std::function<void()> task, int priority)
{
    pool()->start(
            [task = std::move(task)] {
                yieldToTheWindow();
                task();
            },
            priority);
}

} // namespace CacheWorkers
