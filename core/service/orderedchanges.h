#pragma once

#include "store/storeresult.h"

#include <QFuture>
#include <QList>
#include <QObject>

#include <deque>
#include <functional>

// Changes to messages (flags, moves, deletions), each run once the UIDs it is about are known,
// in the order they were asked for. A change of a whole folder waits for a worker to read the
// folder's UIDs, as a million of them take longer than a frame of the window; the changes asked
// for after it wait behind it, so that the cache and the journal take them in the user's order.
class OrderedChanges : public QObject
{
    Q_OBJECT

public:
    using Uids = StoreResult<QList<quint32>>;
    using Change = std::function<void(const Uids &)>;

    explicit OrderedChanges(QObject *parent = nullptr);

    // UIDs known: runs change at once when nothing waits, else after the changes before it.
    void add(const QList<quint32> &uids, Change change);
    // UIDs read on a worker: runs change from the event loop once they are read, and once the
    // changes before it have run; never before this call returns.
    void add(QFuture<Uids> uids, Change change);
    bool isWaiting() const { return !m_waiting.empty(); }

private:
    void runReady();

    struct Waiting
    {
        quint64 id = 0;
        QFuture<Uids> uids;
        Change change;
        bool ready = false;
    };
    quint64 m_lastId = 0;
    std::deque<Waiting> m_waiting;
    bool m_running = false;
};
