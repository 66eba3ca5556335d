#pragma once

#include "common/mailerror.h"
#include "store/messagequery.h"
#include "store/messagerecord.h"
#include "store/storeresult.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>

class MessageStore;

// The windows of a list whose read through an OFFSET would hold the window's thread for longer
// than a frame, read on a worker (MessageStore::fetchMessagesInBackground()) one at a time, the
// rows a view painted last first: dragging a scroll bar over a million rows reads the windows
// it stops at, not every window it passed.
//
// The windows asked for within one round (a view's paint) are read next, in the order asked,
// then those of the round before that are not read yet (a paint of part of the view does not
// ask for every window the view shows); those of older rounds are dropped.
class WindowReader : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        int window = 0; // the list's own number for it
        MessageQuery query;
        int offset = 0;
        int limit = 0;
        bool reversed = false; // query reads the window backwards: its rows come reversed
    };

    explicit WindowReader(MessageStore *store, QObject *parent = nullptr);

    void beginRound();
    void ask(const Request &request);
    void endRound(); // starts the first read asked for, unless one runs
    // The list changed: the windows asked for are dropped, as is the one being read.
    void forget();
    int reads() const { return m_reads; } // windows read since creation

Q_SIGNALS:
    // In the list's order.
    void windowRead(int window, const QList<MessageRecord> &rows);
    void errorOccurred(const MailError &error);

private:
    void startNext();
    void onRead();

    QPointer<MessageStore> m_store;
    QList<Request> m_asked; // not read yet, newest round first
    QList<Request> m_round;
    QList<Request> m_lastRound;
    int m_reading = -1; // the window being read, -1 for none
    bool m_readingReversed = false;
    bool m_readingDropped = false;
    int m_reads = 0;
    QFutureWatcher<StoreResult<QList<MessageRecord>>> m_watcher;
};
