#include "orderedchanges.h"

#include <QFutureWatcher>

OrderedChanges::OrderedChanges(QObject *parent)
    : QObject(parent)
{ }

void OrderedChanges::add(QFuture<Uids> uids, Change change)
{
    m_waiting.push_back(Waiting {uids, std::move(change)});
    if (!uids.isFinished()) {
        auto *watcher = new QFutureWatcher<Uids>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            runReady();
        });
        watcher->setFuture(uids);
    }
    runReady();
}

void OrderedChanges::runReady()
{
    // A change may ask for another; that one waits until this loop reaches it.
    if (m_running)
        return;
    m_running = true;
    while (!m_waiting.empty() && m_waiting.front().uids.isFinished()) {
        Waiting next = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (next.uids.resultCount() > 0) // none when the worker was cancelled at exit
            next.change(next.uids.result());
    }
    m_running = false;
}
