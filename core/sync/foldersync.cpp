#include "foldersync.h"

#include "common/logging.h"
#include "imap/imapcommandbuilder.h"
#include "imap/imapconnection.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "store/messagestore.h"
#include "sync/messagerecordfactory.h"

#include <algorithm>
#include <utility>
#include <QCoreApplication>

namespace {

QList<FlagUpdate> flagUpdates(const QList<ImapFetch> &fetches)
{
    QList<FlagUpdate> updates;
    updates.reserve(fetches.size());
    for (const ImapFetch &f : fetches) {
        if (!f.uid || !f.flags)
            continue;
        FlagUpdate u;
        u.uid = *f.uid;
        u.flags = MessageRecordFactory::flagsFromList(*f.flags, &u.keywords);
        u.modSeq = f.modSeq.value_or(0);
        updates.append(u);
    }
    return updates;
}

// Splits UIDs (ascending) into sets of at most the given sizes, newest first.
QList<UidSet> newestFirstBatches(const QList<quint32> &ascending, int first, int rest)
{
    QList<UidSet> batches;
    qsizetype end = ascending.size();
    int size = first;
    while (end > 0) {
        const qsizetype begin = qMax<qsizetype>(0, end - size);
        batches.append(UidSet::fromList(ascending.mid(begin, end - begin)));
        end = begin;
        size = rest;
    }
    return batches;
}

} // namespace

FolderSync::FolderSync(ImapConnection *connection, MessageStore *store, qint64 folderId,
                       QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_folderId(folderId)
{ }

FolderSync::~FolderSync() = default;

void FolderSync::setBatchSizes(int first, int rest)
{
    m_firstBatch = qMax(1, first);
    m_batch = qMax(1, rest);
}

QByteArray FolderSync::wireName(const ImapConnection *connection, const QString &path)
{
    if (connection && connection->isEnabled("UTF8=ACCEPT"))
        return path.toUtf8();
    return ImapCommandBuilder::encodeMailboxName(path);
}

void FolderSync::start()
{
    const StoreResult<FolderRecord> folder = m_store->folder(m_folderId);
    if (!folder) {
        finish(folder.error());
        return;
    }
    m_folder = folder.value();
    const StoreResult<std::pair<quint32, quint32>> bounds = m_store->uidBounds(m_folderId);
    if (!bounds) {
        finish(bounds.error());
        return;
    }
    m_cachedBounds = bounds.value();
    if (!m_connection || !m_connection->isReady()) {
        finish(MailError(MailError::Kind::Network,
                         QCoreApplication::translate("FolderSync", "Not connected")));
        return;
    }
    const bool qresync = m_folder.uidValidity != 0 && m_connection->isEnabled("QRESYNC")
                         && hasCachedMessages() && m_folder.highestModSeq != 0;
    // QRESYNC needs no cached UID one by one (a million of them take longer to read than the
    // whole resynchronisation): the range from the lowest to the highest names every known
    // one, and the server's VANISHED for UIDs in it the cache never had removes nothing.
    // The other ways compare the server's UIDs with the cache's.
    if (!qresync && hasCachedMessages()) {
        const StoreResult<QList<quint32>> uids = m_store->uids(m_folderId);
        if (!uids) {
            finish(uids.error());
            return;
        }
        m_cachedUids = uids.value();
    }

    m_state = State::Selecting;
    auto *task = new ImapSelectTask(m_connection, wireName(m_connection, m_folder.path), false,
                                    this);
    if (m_folder.uidValidity != 0) {
        task->setKnownState(m_folder.uidValidity, qresync ? m_folder.highestModSeq : 0,
                            qresync ? UidSet::fromRange(m_cachedBounds.first, m_cachedBounds.second)
                                    : UidSet());
        m_selectResynced = qresync;
    }
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        if (task->error()) {
            finish(task->error());
            return;
        }
        onSelected(task);
    });
    task->start();
}

void FolderSync::onSelected(ImapSelectTask *task)
{
    const quint64 knownModSeq = m_folder.highestModSeq;
    if (task->uidValidity() != 0 && m_folder.uidValidity != task->uidValidity()) {
        if (m_folder.uidValidity != 0)
            qCInfo(lcImap) << "UIDVALIDITY changed for" << m_folder.path << "- cache dropped";
        if (MailError error = m_store->resetFolder(m_folderId, task->uidValidity())) {
            finish(error);
            return;
        }
        m_cachedUids.clear();
        m_cachedBounds = {0, 0};
        m_selectResynced = false;
        m_folder.highestModSeq = 0;
    }
    m_folder.uidValidity = task->uidValidity();
    m_folder.uidNext = task->uidNext();
    m_folder.exists = task->exists();
    const quint64 serverModSeq = task->hasModSeq() ? task->highestModSeq() : 0;

    if (!hasCachedMessages()) {
        m_method = "full";
        m_folder.highestModSeq = serverModSeq;
        if (task->exists() >= quint32(m_sizesLaterFrom))
            fetchNewest(task->exists());
        else
            listUids();
        return;
    }

    if (m_selectResynced && !task->uidValidityChanged()) {
        m_method = "qresync";
        const QList<quint32> vanished = task->vanished().toList();
        if (!vanished.isEmpty()) {
            if (MailError error = m_store->removeMessages(m_folderId, vanished)) {
                finish(error);
                return;
            }
        }
        if (MailError error = m_store->updateFlags(m_folderId, flagUpdates(task->changed()))) {
            finish(error);
            return;
        }
        m_folder.highestModSeq = serverModSeq;
        // Only messages past the last known UID can be new.
        m_state = State::ListingUids;
        const quint32 last = m_cachedBounds.second;
        auto *search = new ImapSearchTask(m_connection,
                                          "UID " + QByteArray::number(last + 1) + ":*", this);
        connect(search, &ImapTask::finished, this, [this, search, last] {
            search->deleteLater();
            if (search->error()) {
                finish(search->error());
                return;
            }
            // "n:*" always matches the highest UID, even when it is below n.
            QList<quint32> fresh;
            for (quint32 uid : search->uids().toList())
                if (uid > last)
                    fresh.append(uid);
            m_toFetch = newestFirstBatches(fresh, m_firstBatch, m_batch);
            m_fetchTotal = fresh.size();
            m_state = State::FetchingNew;
            watchPushedFlags();
            fetchNext();
        });
        search->start();
        return;
    }

    if (serverModSeq != 0 && knownModSeq != 0 && serverModSeq == knownModSeq
        && task->exists() == quint32(m_cachedUids.size())) {
        // CONDSTORE says nothing changed, and the count matches: nothing to do.
        m_method = "condstore";
        finish(saveFolderState());
        return;
    }
    const bool condstore = serverModSeq != 0 && knownModSeq != 0;
    m_method = condstore ? "condstore" : "flags";
    m_folder.highestModSeq = serverModSeq;
    fetchChangedFlags(m_cachedUids, condstore ? knownModSeq : 0);
}

void FolderSync::fetchChangedFlags(const QList<quint32> &cachedUids, quint64 changedSince)
{
    m_state = State::FetchingFlags;
    auto *task = new ImapFetchMetadataTask(m_connection,
                                           UidSet::fromRange(cachedUids.first(), cachedUids.last()),
                                           this);
    task->setItems(ImapFetchMetadataTask::Items::Flags);
    task->setKeepResults(false);
    task->setBatchSize(quint64(cachedUids.last() - cachedUids.first()) + 1);
    task->setChangedSince(changedSince);
    connect(task, &ImapFetchMetadataTask::batchFetched, this,
            [this](const QList<ImapFetch> &fetches) {
                if (MailError error = m_store->updateFlags(m_folderId, flagUpdates(fetches)))
                    finish(error);
            });
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        if (task->error()) {
            finish(task->error());
            return;
        }
        if (m_state == State::FetchingFlags)
            listUids();
    });
    task->start();
}

// Alone on the wire (see sendBatches()); the UID list and the sizes are asked for once its
// rows are written. They then count as cached: the list leaves them out of what is new.
void FolderSync::fetchNewest(quint32 exists)
{
    m_state = State::FetchingNew;
    watchPushedFlags();
    const quint32 first = exists > quint32(m_firstBatch) ? exists - quint32(m_firstBatch) + 1 : 1;
    auto *task = new ImapFetchMetadataTask(m_connection, UidSet::fromRange(first, exists), this);
    task->setSequenceNumbers(true);
    task->setItems(ImapFetchMetadataTask::Items::MetadataWithoutSize);
    task->setBatchSize(exists - first + 1);
    task->setKeepResults(false);
    task->setSink([this](ImapFetch &&fetch) {
        if (fetch.uid)
            m_cachedUids.append(*fetch.uid);
        takeFetched(fetch);
    });
    connect(task, &ImapFetchMetadataTask::batchFetched, this, [this] {
        if (m_state != State::FetchingNew)
            return;
        flushUnstored();
        if (m_state != State::FetchingNew)
            return;
        std::sort(m_cachedUids.begin(), m_cachedUids.end());
        m_cachedUids.erase(std::unique(m_cachedUids.begin(), m_cachedUids.end()),
                           m_cachedUids.end());
        listUids();
        if (!m_cachedUids.isEmpty())
            fetchSizes(UidSet::fromList(m_cachedUids));
    });
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        if (task->error())
            finish(task->error());
    });
    task->start();
}

void FolderSync::listUids()
{
    m_state = State::ListingUids;
    auto *search = new ImapSearchTask(m_connection, "ALL", this);
    connect(search, &ImapTask::finished, this, [this, search] {
        search->deleteLater();
        if (search->error()) {
            finish(search->error());
            return;
        }
        reconcile(search->uids());
    });
    search->start();
}

void FolderSync::reconcile(const UidSet &serverUids)
{
    const QList<quint32> server = serverUids.toList();
    QList<quint32> gone;
    std::set_difference(m_cachedUids.cbegin(), m_cachedUids.cend(), server.cbegin(), server.cend(),
                        std::back_inserter(gone));
    if (!gone.isEmpty()) {
        if (MailError error = m_store->removeMessages(m_folderId, gone)) {
            finish(error);
            return;
        }
    }
    QList<quint32> fresh;
    std::set_difference(server.cbegin(), server.cend(), m_cachedUids.cbegin(), m_cachedUids.cend(),
                        std::back_inserter(fresh));
    m_toFetch = newestFirstBatches(fresh, m_firstBatch, m_batch);
    m_fetchTotal = m_fetchDone + fresh.size(); // with the newest, written already
    m_state = State::FetchingNew;
    deferIndexesForBulkWrite(fresh.size());
    watchPushedFlags();
    fetchNext();
}

void FolderSync::deferIndexesForBulkWrite(qsizetype freshCount)
{
    if (freshCount < m_bulkWriteThreshold)
        return;
    // Rebuilding an index reads every row of the table: worth it when the new rows are at
    // least as many as those already cached, in every folder.
    const StoreResult<QHash<qint64, int>> counts = m_store->messageCounts();
    if (!counts)
        return;
    qint64 cached = 0;
    for (int count : counts.value())
        cached += count;
    if (freshCount < cached)
        return;
    if (MailError error = m_store->deferListIndexes()) {
        qCWarning(lcImap) << "writing with every index:" << error.toString();
        return;
    }
    m_indexesDeferred = true;
}

MailError FolderSync::restoreIndexes()
{
    if (!m_indexesDeferred)
        return {};
    m_indexesDeferred = false;
    return m_store->restoreListIndexes();
}

void FolderSync::fetchNext()
{
    if (m_state != State::FetchingNew)
        return;
    if (m_toFetch.isEmpty() && m_openTasks == 0) {
        flushUnstored();
        if (m_state != State::FetchingNew)
            return;
        MailError error = restoreIndexes();
        if (!error)
            error = saveFolderState();
        finish(error);
        return;
    }
    sendBatches();
}

// Batches go out as soon as an earlier one is answered, not once its rows are stored: the
// server then fetches the next ones while the client parses and writes.
void FolderSync::sendBatches()
{
    while (m_state == State::FetchingNew && !m_toFetch.isEmpty() && m_onWire < m_pipelineDepth
           && !m_holdBatches) {
        const UidSet batch = m_toFetch.takeFirst();
        auto *task = new ImapFetchMetadataTask(m_connection, batch, this);
        task->setBatchSize(batch.count());
        task->setKeepResults(false);
        task->setSink([this](ImapFetch &&fetch) { takeFetched(fetch); });
        const bool sizesLater = m_batchesSent++ == 0 && m_fetchDone == 0
                                && m_fetchTotal >= m_sizesLaterFrom;
        if (sizesLater) {
            task->setItems(ImapFetchMetadataTask::Items::MetadataWithoutSize);
            // Alone on the wire: a server that reads the next command before it sends what it
            // wrote (Dovecot does) would otherwise hold the answer back behind the sizes.
            m_holdBatches = true;
        }
        ++m_onWire;
        connect(task, &ImapFetchMetadataTask::batchFetched, this, &FolderSync::onBatchFetched);
        connect(task, &ImapFetchMetadataTask::batchAnswered, this, [this, sizesLater, batch] {
            --m_onWire;
            if (sizesLater) {
                m_holdBatches = false;
                fetchSizes(batch);
            }
            sendBatches();
        });
        startFetchTask(task);
    }
}

// Runs a task of the fetch of new messages, which ends once none is left (m_openTasks).
void FolderSync::startFetchTask(ImapFetchMetadataTask *task)
{
    ++m_openTasks;
    connect(task, &ImapTask::finished, this, [this, task] {
        task->deleteLater();
        --m_openTasks;
        if (task->error()) {
            finish(task->error());
            return;
        }
        fetchNext();
    });
    task->start();
}

// Asked for once the batch without them is answered, ahead of the next batches. Its rows are
// written by the time the sizes are read: the first batch is written as soon as it is read.
void FolderSync::fetchSizes(const UidSet &uids)
{
    auto *task = new ImapFetchMetadataTask(m_connection, uids, this);
    task->setItems(ImapFetchMetadataTask::Items::Size);
    task->setBatchSize(uids.count());
    task->setKeepResults(false);
    connect(task, &ImapFetchMetadataTask::batchFetched, this,
            [this](const QList<ImapFetch> &fetches) {
                // Asked for with the UID list (fetchNewest()), answered once the new messages
                // are fetched again.
                if (m_state != State::FetchingNew)
                    return;
                flushUnstored();
                QHash<quint32, qint64> sizes;
                for (const ImapFetch &fetch : fetches) {
                    if (fetch.uid && fetch.size)
                        sizes.insert(*fetch.uid, qint64(*fetch.size));
                }
                // A server may add FLAGS to any FETCH response when they changed.
                MailError error = m_store->updateSizes(m_folderId, sizes);
                if (!error)
                    error = m_store->updateFlags(m_folderId, flagUpdates(fetches));
                if (error)
                    finish(error);
            });
    startFetchTask(task);
}

// Each message becomes its record as soon as it is read (see ImapFetchMetadataTask::Sink).
void FolderSync::takeFetched(const ImapFetch &fetch)
{
    if (m_state != State::FetchingNew || !fetch.uid)
        return;
    if (m_unstored.capacity() < m_storeBatch)
        m_unstored.reserve(m_storeBatch + m_batch);
    if (fetch.truncated) {
        // Caching the start of a field as if it were all of it would show a wrong message; a
        // placeholder keeps its place in the list and says why.
        m_unstored.append(MessageRecordFactory::placeholder(
                MessageRecordFactory::fromFetch(fetch, m_folderId)));
        reportSkipped(*fetch.uid, tr("the server sent a field longer than the client keeps"));
        return;
    }
    m_unstored.append(MessageRecordFactory::fromFetch(fetch, m_folderId));
}

void FolderSync::reportSkipped(quint32 uid, const QString &reason)
{
    qCWarning(lcImap) << "message" << uid << "of" << m_folder.path
                      << "kept as a placeholder:" << reason;
    QMetaObject::invokeMethod(
            this, [this, uid, reason] { Q_EMIT messageSkipped(uid, reason); }, Qt::QueuedConnection);
}

// A flag change the server pushed for a message read but not written yet: the record takes
// it, or writing it later would bring back the older flags. (Rows already written take it from
// whoever applies unsolicited FETCH responses to the store.)
void FolderSync::applyPushedFlags(const ImapFetch &change)
{
    if (m_state != State::FetchingNew || !change.uid || !change.flags)
        return;
    for (auto it = m_unstored.rbegin(); it != m_unstored.rend(); ++it) {
        if (it->uid != change.uid)
            continue;
        it->flags = MessageRecordFactory::flagsFromList(*change.flags, &it->keywords);
        if (change.modSeq)
            it->modSeq = *change.modSeq;
        return;
    }
}

void FolderSync::watchPushedFlags()
{
    if (m_connection && !m_watchingPushedFlags) {
        connect(m_connection, &ImapConnection::fetchReceived, this, &FolderSync::applyPushedFlags);
        m_watchingPushedFlags = true;
    }
}

void FolderSync::onBatchFetched()
{
    if (m_state != State::FetchingNew)
        return;
    // The first batch is written at once so the newest rows show; later ones are grouped into
    // larger transactions: each commit rewrites every index page its rows touched, so many
    // small commits cost far more than a few large ones.
    if (m_fetchDone == 0 || m_unstored.size() >= m_storeBatch)
        flushUnstored();
    else
        m_store->postponeFtsIndexing(); // more rows are on their way: the store is not idle
}

void FolderSync::flushUnstored()
{
    if (m_unstored.isEmpty() || m_state != State::FetchingNew)
        return;
    QList<MessageRecord> records = std::exchange(m_unstored, {});
    if (MailError error = m_store->upsertMessages(m_folderId, records)) {
        // The batch was rolled back. One row the store refuses ("string or blob too big") must
        // not fail this folder's every synchronisation: each row alone finds it.
        qCWarning(lcImap) << "storing" << records.size()
                          << "messages one by one:" << error.toString();
        if (MailError single = storeOneByOne(records)) {
            finish(single);
            return;
        }
    }
    m_fetchDone += records.size();
    // The next rows reuse the list's storage: a first synchronisation fills it fifty times.
    records.clear();
    if (m_unstored.isEmpty())
        m_unstored.swap(records);
    Q_EMIT progress(m_fetchDone, m_fetchTotal);
}

MailError FolderSync::storeOneByOne(const QList<MessageRecord> &records)
{
    for (const MessageRecord &record : records) {
        MailError error = m_store->upsertMessages(m_folderId, {record});
        if (!error)
            continue;
        // A placeholder is small: if it cannot be written either, the store itself is failing
        // (a full disk, a broken file) and the synchronisation stops with that error.
        if (m_store->upsertMessages(m_folderId, {MessageRecordFactory::placeholder(record)}))
            return error;
        reportSkipped(record.uid, tr("the cache refused it: %1").arg(error.toString()));
    }
    return {};
}

MailError FolderSync::saveFolderState()
{
    const StoreResult<int> unseen = m_store->unseenCount(m_folderId);
    if (unseen)
        m_folder.unseen = quint32(unseen.value());
    return m_store->updateFolderState(m_folder);
}

MailError FolderSync::applyUnsolicitedFetch(MessageStore *store, qint64 folderId,
                                            const ImapFetch &fetch)
{
    return store->updateFlags(folderId, flagUpdates({fetch}));
}

void FolderSync::finish(const MailError &error)
{
    if (m_state == State::Done || m_state == State::Failed)
        return;
    // A failed synchronisation leaves the store with every index all the same.
    if (MailError indexError = restoreIndexes())
        qCWarning(lcImap) << "cannot build the cache's indexes:" << indexError.toString();
    m_state = error ? State::Failed : State::Done;
    Q_EMIT finished(error);
}
