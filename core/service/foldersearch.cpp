#include "foldersearch.h"

#include "imap/imapconnection.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapsearchtask.h"
#include "serversearchcriteria.h"
#include "store/messagestore.h"
#include "sync/messagerecordfactory.h"

#include <QSet>

#include <algorithm>

FolderSearch::FolderSearch(ImapConnection *connection, MessageStore *store, qint64 folderId,
                           const SearchQuery &query, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_store(store)
    , m_folderId(folderId)
    , m_query(query)
{ }

void FolderSearch::start()
{
    if (!m_connection || !ServerSearchCriteria::isSearchable(m_query)) {
        finish();
        return;
    }
    if (!m_mailbox.isEmpty() && m_connection->selectedMailbox() != m_mailbox) {
        finish(MailError(MailError::Kind::Protocol,
                         tr("The folder to search is not selected on the connection")));
        return;
    }
    const SearchQuery query = m_query;
    auto *search = new ImapSearchTask(
            m_connection, [query](ImapCommandBuilder &b) { ServerSearchCriteria::write(query, b); },
            this);
    connect(search, &ImapTask::finished, this, [this, search] {
        search->deleteLater();
        if (search->error()) {
            finish(search->error());
            return;
        }
        onMatches(search->uids().toList());
    });
    search->start();
}

void FolderSearch::onMatches(const QList<quint32> &matches)
{
    const StoreResult<QList<quint32>> cached = m_store->uids(m_folderId);
    if (!cached) {
        finish(cached.error());
        return;
    }
    const QSet<quint32> known(cached.value().cbegin(), cached.value().cend());
    QList<quint32> missing;
    for (quint32 uid : matches) {
        if (known.contains(uid))
            m_uids.append(uid);
        else
            missing.append(uid);
    }
    if (missing.isEmpty() || !m_connection) {
        finish();
        return;
    }
    // The newest first, as a list shows them.
    std::sort(missing.begin(), missing.end());
    if (missing.size() > maxNewEnvelopes)
        missing = missing.mid(missing.size() - maxNewEnvelopes);
    auto *fetch = new ImapFetchMetadataTask(m_connection, UidSet::fromList(missing), this);
    connect(fetch, &ImapTask::finished, this, [this, fetch] {
        fetch->deleteLater();
        if (fetch->error()) {
            finish(fetch->error());
            return;
        }
        QList<MessageRecord> records;
        for (const ImapFetch &message : fetch->messages())
            records.append(MessageRecordFactory::fromFetch(message, m_folderId));
        if (MailError error = m_store->upsertMessages(m_folderId, records)) {
            finish(error);
            return;
        }
        for (const MessageRecord &record : std::as_const(records))
            m_uids.append(record.uid);
        finish();
    });
    fetch->start();
}

void FolderSearch::finish(const MailError &error)
{
    m_error = error;
    std::sort(m_uids.begin(), m_uids.end());
    m_uids.erase(std::unique(m_uids.begin(), m_uids.end()), m_uids.end());
    QMetaObject::invokeMethod(this, &FolderSearch::finished, Qt::QueuedConnection);
}
