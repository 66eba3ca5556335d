// The cache's worker threads: tasks run off the caller's thread, and their threads yield to
// the window's.
#include "store/cacheworkers.h"

#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_LINUX
int threadNice()
{
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
    return errno == 0 ? nice : -100;
}
#endif

} // namespace

class TestCacheWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tasksRunOffTheCallersThread()
    {
        std::atomic<QThread *> ranOn = nullptr;
        CacheWorkers::start([&] { ranOn = QThread::currentThread(); });
        QVERIFY(CacheWorkers::pool()->waitForDone(5000));
        QVERIFY(ranOn.load() != nullptr);
        QVERIFY(ranOn.load() != QThread::currentThread());
    }

    void workersYieldToTheWindowsThread()
    {
#ifndef Q_OS_LINUX
        QSKIP("nice values per thread are Linux's");
#else
        const int windows = threadNice();
        QVERIFY(windows > -100);
        std::atomic<int> workers = -100;
        CacheWorkers::start([&] { workers = threadNice(); });
        QVERIFY(CacheWorkers::pool()->waitForDone(5000));
        QCOMPARE(workers.load(), std::min(19, windows + 10));
        // Once: a thread that runs a second task stays where the first put it.
        CacheWorkers::start([&] { workers = threadNice(); });
        QVERIFY(CacheWorkers::pool()->waitForDone(5000));
        QCOMPARE(workers.load(), std::min(19, windows + 10));
        QCOMPARE(threadNice(), windows);
#endif
    }
};

QTEST_GUILESS_MAIN(TestCacheWorkers)
#include "tst_cacheworkers.moc"
