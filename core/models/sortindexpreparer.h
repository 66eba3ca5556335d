#pragma once

#include "common/mailerror.h"
#include "store/messagequery.h"

#include <QList>
#include <QObject>

class MessageStore;

// Makes the index a list needs before it is read in a new order. The sender, subject and size
// orders get theirs on first use (MessageStore::hasSortIndex()); for a large folder that takes
// long enough to hold up the window, so it is made on a worker thread, and the list keeps its
// order until ready().
class SortIndexPreparer : public QObject
{
    Q_OBJECT

public:
    struct Folder
    {
        MessageStore *store = nullptr;
        int rows = 0; // how many messages the list shows of it
    };

    explicit SortIndexPreparer(QObject *parent = nullptr);

    // From how many rows a folder's index is made in the background (smaller ones sort at
    // once, their index made as the list reads them).
    void setBackgroundRows(int rows) { m_backgroundRows = rows; }
    // Starts making the index of key for each folder large enough that lacks it; false when
    // none needs one and the list can be sorted at once, else ready() follows.
    bool prepare(const QList<Folder> &folders, MessageQuery::SortKey key);
    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    // Every index prepare() started is made (or failed: errorOccurred() came first).
    void ready();
    void errorOccurred(const MailError &error);

private:
    int m_backgroundRows = 20000;
    int m_pending = 0;
};
