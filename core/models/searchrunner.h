#pragma once

#include "common/mailerror.h"
#include "store/messagequery.h"

#include <QList>
#include <QObject>

#include <functional>
#include <memory>

class MessageStore;

// Reads the rows of a list query (a search) on a worker thread, over a connection of its own
// to the cache, so that the window never waits for it. The newest query wins: start()
// interrupts the query running before it, and whatever an older query still hands over after
// that is dropped. The rows of the current query arrive in order, in batches as they are read
// (found(), the first batch small, for the first screen), then finished().
class SearchRunner : public QObject
{
    Q_OBJECT

public:
    explicit SearchRunner(QObject *parent = nullptr);
    ~SearchRunner() override; // interrupts the running query; nothing arrives afterwards

    // Reads query's UIDs in its order from store (a cache in memory is read at once, its
    // answer still arriving through the event loop).
    void start(MessageStore *store, const MessageQuery &query);
    // Interrupts the running query; nothing more arrives from it.
    void cancel();
    bool isRunning() const { return m_running; }
    // Batches of older queries that arrived after a newer query started, and were dropped.
    int droppedBatches() const { return m_dropped; }

    // For tests: called on the worker with the query before each batch of its rows is handed
    // over (a test may hold an older query's answer back until a newer one is shown).
    using DeliveryHook = std::function<void(const MessageQuery &query)>;
    void setDeliveryHook(DeliveryHook hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void found(const QList<quint32> &uids);
    void finished(const MailError &error);

private:
    struct Receiver;
    struct Run;
    void onBatch(quint64 run, const QList<quint32> &uids);
    void onEnd(quint64 run, const MailError &error);

    std::shared_ptr<Receiver> m_receiver;
    std::shared_ptr<Run> m_run;
    quint64 m_generation = 0;
    bool m_running = false;
    int m_dropped = 0;
    DeliveryHook m_hook;
};
