// AccountService: searching the server for messages whose bodies are not cached, folder by
// folder on the connections reads use, the newest search replacing the one before.
#include "accountservice.h"

#include "common/logging.h"
#include "foldersearch.h"
#include "serversearchcriteria.h"
#include "store/messagestore.h"

void AccountService::searchServer(const QString &text)
{
    // The folders the previous search had not asked yet are not asked.
    m_waitingReads.removeIf([](const Read &read) { return read.kind == Read::Kind::Search; });
    const quint64 id = ++m_serverSearch.id;
    m_serverSearch.text = text;
    m_serverSearch.remaining = 0;
    const SearchQuery query = SearchQuery::parse(text);
    QList<qint64> folders;
    if (onlineConnection() && ServerSearchCriteria::isSearchable(query)) {
        const QHash<qint64, int> cached = m_store->messageCounts().value();
        for (const FolderRecord &folder : m_store->folders().value()) {
            if (!folder.isSelectable())
                continue;
            const int count = cached.value(folder.id);
            // A folder whose every message is here with its body is answered by the cache.
            if (folder.uidNext != 0 && count >= int(folder.exists)
                && !m_store->hasMessagesWithoutBody(folder.id).value())
                continue;
            folders.append(folder.id);
        }
    }
    if (folders.isEmpty()) {
        QMetaObject::invokeMethod(
                this,
                [this, id] {
                    if (id == m_serverSearch.id)
                        Q_EMIT serverSearchFinished();
                },
                Qt::QueuedConnection);
        return;
    }
    // The open folder first: its matches are the likeliest wanted.
    std::stable_partition(folders.begin(), folders.end(),
                          [this](qint64 folder) { return folder == m_currentFolder; });
    m_serverSearch.remaining = int(folders.size());
    for (qint64 folder : std::as_const(folders)) {
        Read read;
        read.kind = Read::Kind::Search;
        read.folderId = folder;
        read.search = id;
        m_waitingReads.append(read);
    }
    startWaitingReads();
}

void AccountService::searchFolder(const Read &read, ImapConnection *connection,
                                  std::function<void()> ended)
{
    auto *search = new FolderSearch(read.search == m_serverSearch.id ? connection : nullptr,
                                    m_store.get(), read.folderId,
                                    SearchQuery::parse(m_serverSearch.text), this);
    if (connection)
        search->setMailbox(wireName(read.folderId));
    const quint64 id = read.search;
    connect(search, &FolderSearch::finished, this, [this, search, id, ended] {
        search->deleteLater();
        if (id == m_serverSearch.id) {
            if (search->error())
                qCWarning(lcImap) << "server search:" << search->error().toString();
            else if (!search->uids().isEmpty())
                Q_EMIT serverMatches(search->folderId(), search->uids());
        }
        endFolderSearch(id);
        ended();
    });
    search->start();
}

void AccountService::endFolderSearch(quint64 search)
{
    if (search != m_serverSearch.id || m_serverSearch.remaining == 0)
        return;
    if (--m_serverSearch.remaining == 0)
        Q_EMIT serverSearchFinished();
}
