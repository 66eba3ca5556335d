#include "foldercounter.h"

#include "messagestore.h"

#include <QFutureWatcher>

FolderCounter::FolderCounter(MessageStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{ }

void FolderCounter::recount(qint64 folderId, int knownMessages)
{
    if (!m_store)
        return;
    if (knownMessages >= backgroundMinimum) {
        countInBackground(folderId);
        return;
    }
    ++m_countedHere[folderId];
    const StoreResult<FolderCounts> counts = m_store->folderCounts(folderId);
    if (counts)
        Q_EMIT counted(folderId, counts.value());
    else
        Q_EMIT failed(counts.error());
}

void FolderCounter::countInBackground(qint64 folderId)
{
    if (m_counting.contains(folderId)) {
        m_countAgain.insert(folderId);
        return;
    }
    m_counting.insert(folderId);
    const quint64 countedBefore = m_countedHere.value(folderId);
    using Counts = StoreResult<FolderCounts>;
    auto *watcher = new QFutureWatcher<Counts>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, folderId, countedBefore] {
        watcher->deleteLater();
        m_counting.remove(folderId);
        const Counts counts = watcher->result();
        // Given even when the folder changed meanwhile: the count that follows corrects it.
        if (m_countedHere.value(folderId) == countedBefore) {
            if (counts)
                Q_EMIT counted(folderId, counts.value());
            else
                Q_EMIT failed(counts.error());
        }
        if (m_countAgain.remove(folderId))
            recount(folderId, counts ? counts.value().messages : backgroundMinimum);
    });
    watcher->setFuture(m_store->folderCountsInBackground(folderId));
}
