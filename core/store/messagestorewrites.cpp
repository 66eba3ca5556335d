// MessageStore: the changes of many messages at a time, written on a worker (BackgroundWrite)
// while the store already answers as if they were written (UnwrittenChanges), and the writes of
// the store's own thread that meet them.
#include "messagestore.h"

#include "cachetransaction.h"
#include "messagestoreprivate.h"

#include <QFutureWatcher>
#include <QPromise>

namespace {

// From this many messages on, a removal or a flag change is written on a worker
// (BackgroundWrite): deleting a message's row, its index entries and its words takes about a
// tenth of a millisecond, changing its flags a few hundredths.
constexpr qsizetype backgroundWriteMinimum = 200;

} // namespace

void MessageStore::Private::stopWrites(qint64 folderId)
{
    for (const Write &write : std::as_const(writes)) {
        if (folderId == 0 || write.job->folderId() == folderId)
            write.job->stop();
    }
    unwritten.forget(folderId);
}

void MessageStore::Private::keep(qint64 folderId, BackgroundWrite::Kind kind,
                                 const QList<quint32> &uids)
{
    for (const Write &write : std::as_const(writes)) {
        if (write.job->folderId() == folderId && write.job->kind() == kind)
            write.job->keep(uids);
    }
}

MailError MessageStore::Private::takeBack(qint64 folderId, const QList<quint32> &uids, bool settle,
                                          bool show)
{
    if (show && unwritten.hidesIn(folderId)) {
        const QList<quint32> shown = unwritten.hiddenAmong(folderId, uids);
        keep(folderId, BackgroundWrite::Kind::Remove, shown);
        unwritten.reveal(folderId, shown);
    }
    if (!unwritten.changesFlagsIn(folderId))
        return {};
    QList<quint32> pending;
    for (quint32 uid : uids) {
        if (!unwritten.flagChangesOf(folderId, uid).isEmpty())
            pending.append(uid);
    }
    if (pending.isEmpty())
        return {};
    // Kept first: a worker's transaction that began before writes the same again.
    keep(folderId, BackgroundWrite::Kind::Flags, pending);
    if (settle) {
        CacheTransaction transaction(db);
        if (transaction.error())
            return transaction.error();
        for (quint32 uid : std::as_const(pending)) {
            for (const UnwrittenChanges::FlagChange &change :
                 unwritten.flagChangesOf(folderId, uid)) {
                QList<quint32> changed;
                if (MailError error = messages.writeFlags(folderId, {uid}, change.add,
                                                          change.remove, &changed))
                    return error;
            }
        }
        if (MailError error = transaction.commit())
            return error;
    }
    unwritten.releaseFlags(folderId, pending);
    return {};
}

MailError MessageStore::updateFlags(qint64 folderId, const QList<FlagUpdate> &updates)
{
    if (updates.isEmpty())
        return {};
    if (d->unwritten.changesFlagsIn(folderId)) {
        // The server's flags replace the changes still to write.
        QList<quint32> uids;
        for (const FlagUpdate &update : updates)
            uids.append(update.uid);
        if (MailError error = d->takeBack(folderId, uids, false, false))
            return error;
    }
    QList<quint32> changed;
    if (MailError error = d->messages.updateFlags(folderId, updates, &changed))
        return error;
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::updateSizes(qint64 folderId, const QHash<quint32, qint64> &sizes)
{
    QList<quint32> changed;
    if (MailError error = d->messages.updateSizes(folderId, sizes, &changed))
        return error;
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::changeFlags(qint64 folderId, const QList<quint32> &uids,
                                    MessageRecord::Flags add, MessageRecord::Flags remove)
{
    if (uids.isEmpty())
        return {};
    if (uids.size() >= backgroundWriteMinimum && isFile()) {
        // Readers see the change at once; the rows change on a worker.
        auto job = std::make_shared<BackgroundWrite>(path(), folderId, uids, add, remove);
        d->unwritten.changeFlags(job->id(), folderId, uids, add, remove);
        writeInBackground(job);
        Q_EMIT messagesChanged(folderId, uids);
        return {};
    }
    // After the changes still to write on the same messages.
    if (MailError error = d->takeBack(folderId, uids, true, false))
        return error;
    QList<quint32> changed;
    if (MailError error = d->messages.changeFlags(folderId, uids, add, remove, &changed))
        return error;
    if (!changed.isEmpty())
        Q_EMIT messagesChanged(folderId, changed);
    return {};
}

MailError MessageStore::removeMessages(qint64 folderId, const QList<quint32> &uids)
{
    if (uids.isEmpty())
        return {};
    if (uids.size() >= backgroundWriteMinimum && isFile()) {
        // Readers see the removal at once; the rows go on a worker.
        Q_EMIT messagesAboutToBeRemoved(folderId, uids);
        d->unwritten.hide(folderId, uids);
        writeInBackground(std::make_shared<BackgroundWrite>(path(), folderId, uids));
        Q_EMIT messagesRemoved(folderId, uids);
        return {};
    }
    Q_EMIT messagesAboutToBeRemoved(folderId, uids);
    QList<quint32> removed;
    QStringList files;
    MailError error;
    {
        CacheTransaction transaction(d->db);
        error = transaction.error();
        if (!error)
            error = d->messages.remove(folderId, uids, &removed);
        if (!error)
            error = d->parts.remove(folderId, uids, &files);
        if (!error)
            error = transaction.commit();
    }
    if (error)
        removed.clear();
    else
        BodyPartCache::removeFiles(files);
    Q_EMIT messagesRemoved(folderId, removed);
    return error;
}

void MessageStore::writeInBackground(const std::shared_ptr<BackgroundWrite> &job)
{
    auto promise = std::make_shared<QPromise<MailError>>();
    promise->start();
    const Private::Write write {job, promise->future()};
    d->writes.append(write);
    auto *watcher = new QFutureWatcher<MailError>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        const MailError error = watcher->result();
        d->writes.removeIf([&job](const Private::Write &w) { return w.job == job; });
        if (job->kind() == BackgroundWrite::Kind::Remove)
            d->unwritten.reveal(job->folderId(), job->uids());
        else
            d->unwritten.dropFlagChange(job->id());
        if (error) {
            // The cache shows again as it is.
            Q_EMIT backgroundWriteFailed(error);
            Q_EMIT folderCleared(job->folderId());
        }
        if (d->writes.isEmpty())
            Q_EMIT backgroundWritesFinished();
    });
    watcher->setFuture(write.done);
    d->workers.start([job, promise] {
        promise->addResult(job->run());
        promise->finish();
    });
}

bool MessageStore::hasBackgroundWrites() const
{
    return !d->writes.isEmpty();
}

bool MessageStore::isRemovalPending(qint64 folderId, quint32 uid) const
{
    return d->unwritten.isHidden(folderId, uid);
}

void MessageStore::applyPendingChanges(QList<MessageRecord> *records) const
{
    if (!d->unwritten.hidesAny() && !d->unwritten.changesAnyFlags())
        return;
    records->removeIf([this](const MessageRecord &record) {
        return d->unwritten.isHidden(record.folderId, record.uid);
    });
    for (MessageRecord &record : *records)
        d->unwritten.apply(&record);
}
