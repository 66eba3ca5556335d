#include "sortindexpreparer.h"

#include "store/messagestore.h"

#include <QFutureWatcher>

SortIndexPreparer::SortIndexPreparer(QObject *parent)
    : QObject(parent)
{ }

bool SortIndexPreparer::prepare(const QList<Folder> &folders, MessageQuery::SortKey key)
{
    for (const Folder &folder : folders) {
        if (!folder.store || folder.rows < m_backgroundRows || folder.store->hasSortIndex(key))
            continue;
        auto *watcher = new QFutureWatcher<MailError>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            if (watcher->future().resultCount() > 0 && watcher->result())
                Q_EMIT errorOccurred(watcher->result());
            if (--m_pending == 0)
                Q_EMIT ready();
        });
        ++m_pending;
        watcher->setFuture(folder.store->sortIndexInBackground(key));
    }
    return m_pending > 0;
}
