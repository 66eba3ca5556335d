#include "searchrunner.h"

#include "store/cacheworkers.h"
#include "store/messagestore.h"

#include <QMetaObject>

#include <atomic>
#include <mutex>

// What the workers reach of the runner: it, while it lives.
struct SearchRunner::Receiver
{
    std::mutex mutex;
    SearchRunner *runner = nullptr;

    template<typename Call>
    void post(Call call)
    {
        const std::lock_guard lock(mutex);
        if (runner)
            QMetaObject::invokeMethod(
                    runner, [r = runner, call] { call(r); }, Qt::QueuedConnection);
    }
};

struct SearchRunner::Run
{
    quint64 generation = 0;
    std::atomic<bool> stopped {false};
};

SearchRunner::SearchRunner(QObject *parent)
    : QObject(parent)
    , m_receiver(std::make_shared<Receiver>())
{
    m_receiver->runner = this;
}

SearchRunner::~SearchRunner()
{
    cancel();
    const std::lock_guard lock(m_receiver->mutex);
    m_receiver->runner = nullptr;
}

void SearchRunner::cancel()
{
    if (m_run)
        m_run->stopped = true;
    m_run.reset();
    ++m_generation;
    m_running = false;
}

void SearchRunner::start(MessageStore *store, const MessageQuery &query)
{
    cancel();
    auto run = std::make_shared<Run>();
    run->generation = m_generation;
    m_run = run;
    m_running = true;
    const quint64 generation = m_generation;
    std::shared_ptr<Receiver> receiver = m_receiver;
    const auto end = [receiver, generation](const MailError &error) {
        receiver->post([generation, error](SearchRunner *r) { r->onEnd(generation, error); });
    };
    const auto deliver = [receiver, generation, hook = m_hook, query](QList<quint32> &&uids) {
        if (hook)
            hook(query);
        receiver->post([generation, batch = std::move(uids)](SearchRunner *r) {
            r->onBatch(generation, batch);
        });
    };
    if (!store || !store->isOpen()) {
        end(MailError());
        return;
    }
    if (MailError error = store->prepareQuery(query)) {
        end(error);
        return;
    }
    if (!store->isFile()) {
        StoreResult<QList<quint32>> uids = store->queryUids(query);
        if (uids.isOk() && !uids.value().isEmpty())
            deliver(std::move(uids).value());
        end(uids.error());
        return;
    }
    CacheWorkers::start([run, path = store->path(), query, deliver, end] {
        const MailError error = MessageStore::readQueryUidsApart(
                path, query, [&run] { return run->stopped.load(); }, deliver);
        end(error);
    });
}

void SearchRunner::onBatch(quint64 run, const QList<quint32> &uids)
{
    if (run != m_generation) {
        ++m_dropped;
        return;
    }
    Q_EMIT found(uids);
}

void SearchRunner::onEnd(quint64 run, const MailError &error)
{
    if (run != m_generation)
        return;
    m_running = false;
    m_run.reset();
    Q_EMIT finished(error);
}
