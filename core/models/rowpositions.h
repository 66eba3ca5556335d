#pragma once

#include "models/searchrunner.h"
#include "store/messagequery.h"

#include <QList>
#include <QObject>

class MessageStore;

// The UID of every step-th row of a large list, read in the list's order on a worker: a window
// far down the list is then read on from the nearest of them (MessageStore::fetchMessagesAfter())
// instead of through an OFFSET, which skips up to a million index entries on the window's
// thread when a scroll bar is dragged to the middle of a million messages.
//
// The positions hold only while the list is as it was read: its owner forgets them at every
// change that can move a row.
class RowPositions : public QObject
{
    Q_OBJECT

public:
    static constexpr int step = 512;

    explicit RowPositions(QObject *parent = nullptr);

    // Reads the positions of query's rows, which are to be rows many: a read that finds
    // another number of rows (the cache changed meanwhile) is not used.
    void start(MessageStore *store, const MessageQuery &query, int rows);
    void forget();
    bool isReading() const { return m_reader.isRunning(); }
    bool isReady() const { return m_ready; }
    // For the row offset: the UID of the last row of the step before it, and how many rows
    // after that one it comes; false when the positions are not known, or offset is in the
    // first step.
    bool anchorFor(int offset, quint32 *uid, int *skip) const;

private:
    void onFound(const QList<quint32> &uids);
    void onFinished(const MailError &error);

    SearchRunner m_reader;
    QList<quint32> m_uids; // of rows step - 1, 2 * step - 1, ...
    int m_read = 0;
    int m_expected = 0;
    bool m_ready = false;
};
