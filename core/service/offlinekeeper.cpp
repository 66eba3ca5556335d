#include "offlinekeeper.h"

#include "accountservice.h"
#include "store/messagestore.h"

OfflineKeeper::OfflineKeeper(AccountService *service)
    : QObject(service)
    , m_service(service)
{
    connect(service, &AccountService::messagePartsFetched, this,
            [this](qint64 folderId, quint32 uid, const MimePart &) {
                onRead(folderId, uid, false);
            });
    connect(service, &AccountService::messageFetchFailed, this,
            [this](qint64 folderId, quint32 uid, const MailError &) {
                onRead(folderId, uid, true);
            });
}

void OfflineKeeper::start()
{
    if (m_service->state() != AccountService::State::Online || !m_service->store())
        return;
    const StoreResult<QList<FolderRecord>> folders = m_service->store()->folders();
    if (!folders)
        return;
    for (const FolderRecord &folder : folders.value()) {
        if (!folder.keepOffline || !folder.isSelectable())
            continue;
        const StoreResult<int> missing = m_service->store()->countWithoutBody(folder.id);
        const StoreResult<int> count = m_service->store()->messageCount(folder.id);
        if (!missing || !count)
            continue;
        Folder &state = m_folders[folder.id];
        state.total = count.value();
        state.done = count.value() - missing.value();
        Q_EMIT progress(folder.id, state.done, state.total);
    }
    fillReads();
}

void OfflineKeeper::forget(qint64 folderId)
{
    if (m_folders.remove(folderId))
        Q_EMIT progress(folderId, 0, 0);
}

void OfflineKeeper::fillReads()
{
    if (m_service->state() != AccountService::State::Online)
        return;
    for (auto it = m_folders.begin(); it != m_folders.end() && m_inFlight.size() < parallelReads;
         ++it) {
        const qint64 folderId = it.key();
        const StoreResult<FolderRecord> folder = m_service->store()->folder(folderId);
        if (!folder || !folder.value().keepOffline)
            continue;
        const StoreResult<QList<quint32>> uids
                = m_service->store()->uidsWithoutBody(folderId, parallelReads
                                                                        + int(m_inFlight.size()
                                                                              + m_failed.size()));
        if (!uids)
            continue;
        for (quint32 uid : uids.value()) {
            const std::pair key {folderId, uid};
            if (m_inFlight.size() >= parallelReads)
                break;
            if (m_inFlight.contains(key) || m_failed.contains(key))
                continue;
            m_inFlight.insert(key);
            m_service->fetchDisplayParts(folderId, uid);
        }
    }
}

void OfflineKeeper::onRead(qint64 folderId, quint32 uid, bool failed)
{
    if (!m_inFlight.remove({folderId, uid}))
        return; // a read of the user's
    if (failed)
        m_failed.insert({folderId, uid});
    const auto it = m_folders.find(folderId);
    if (it != m_folders.end()) {
        it->done = std::min(it->total, it->done + 1);
        if (m_inFlight.isEmpty()) {
            // The round's figures again: messages may have come or gone meanwhile.
            const StoreResult<int> missing = m_service->store()->countWithoutBody(folderId);
            const StoreResult<int> count = m_service->store()->messageCount(folderId);
            if (missing && count) {
                it->total = count.value();
                it->done = count.value() - missing.value() + int(m_failed.size());
                it->done = std::min(it->done, it->total);
            }
        }
        Q_EMIT progress(folderId, it->done, it->total);
    }
    fillReads();
}
