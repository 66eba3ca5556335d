#include "orderedchanges.h"

#include <QFutureWatcher>

OrderedChanges::OrderedChanges(QObject *parent)
    : QObject(parent)
{ }

void OrderedChanges::add(const QList<quint32> &uids, Change change)
{
    m_waiting.push_back(
            Waiting {++m_lastId, QtFuture::makeReadyFuture(Uids(uids)), std::move(change), true});
    runReady();
}

void OrderedChanges::add(QFuture<Uids> uids, Change change)
{
    const quint64 id = ++m_lastId;
    m_waiting.push_back(Waiting {id, uids, std::move(change), false});
    // A watcher of a future already finished tells so from the event loop too.
    auto *watcher = new QFutureWatcher<Uids>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, id] {
        watcher->deleteLater();
        for (Waiting &waiting : m_waiting) {
            if (waiting.id == id)
                waiting.ready = true;
        }
        runReady();
    });
    watcher->setFuture(uids);
}

void OrderedChanges::runReady()
{
    // A change may ask for another; that one waits until this loop reaches it.
    if (m_running)
        return;
    m_running = true;
    while (!m_waiting.empty() && m_waiting.front().ready) {
        Waiting next = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (next.uids.resultCount() > 0) // none when the worker was cancelled at exit
            next.change(next.uids.result());
    }
    m_running = false;
}
