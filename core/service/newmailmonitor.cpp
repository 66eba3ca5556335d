#include "newmailmonitor.h"

#include "store/foldercounter.h"
#include "store/messagestore.h"

#include <algorithm>

NewMailMonitor::NewMailMonitor(QObject *parent)
    : QObject(parent)
{ }

void NewMailMonitor::addAccount(const QString &accountId, const QString &accountName,
                                MessageStore *store)
{
    removeAccount(accountId);
    Source source {accountName, store, new FolderCounter(store, this), 0, 0, 0, 0};
    findInbox(source);
    m_sources.insert(accountId, source);
    connect(source.counter, &FolderCounter::counted, this,
            [this, accountId](qint64 folderId, const FolderCounts &counts) {
                onCounted(accountId, folderId, counts.unread, counts.messages);
            });
    connect(store, &MessageStore::foldersChanged, this, [this, accountId] {
        auto found = m_sources.find(accountId);
        if (found != m_sources.end())
            findInbox(*found);
        recount(accountId);
    });
    connect(store, &MessageStore::messagesAdded, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onAdded(accountId, folderId, uids);
            });
    // Changes of other folders leave the Inbox's count as it is.
    const auto inboxChanged = [this, accountId](qint64 folderId) {
        if (folderId == m_sources.value(accountId).inboxId)
            recount(accountId);
    };
    connect(store, &MessageStore::messagesChanged, this, inboxChanged);
    connect(store, &MessageStore::messagesRemoved, this, inboxChanged);
    connect(store, &MessageStore::folderCleared, this, [this, accountId](qint64 folderId) {
        auto found = m_sources.find(accountId);
        if (found == m_sources.end() || folderId != found->inboxId)
            return;
        findInbox(*found); // its UIDs start again
        recount(accountId);
    });
    connect(store, &QObject::destroyed, this, [this, accountId] { removeAccount(accountId); });
    recount(accountId);
}

void NewMailMonitor::removeAccount(const QString &accountId)
{
    const auto found = m_sources.find(accountId);
    if (found == m_sources.end())
        return;
    if (found->store)
        disconnect(found->store, nullptr, this, nullptr);
    delete found->counter;
    m_sources.erase(found);
    updateTotal();
}

int NewMailMonitor::unreadCount(const QString &accountId) const
{
    return m_sources.value(accountId).unread;
}

void NewMailMonitor::findInbox(Source &source)
{
    source.inboxId = 0;
    if (!source.store)
        return;
    const StoreResult<QList<FolderRecord>> folders = source.store->folders();
    for (const FolderRecord &folder : folders.value()) {
        if (folder.isInbox()) {
            source.inboxId = folder.id;
            // Until it is counted, the server's count tells whether to count on a worker.
            if (source.messages == 0)
                source.messages = int(folder.exists);
            const auto bounds = source.store->uidBounds(folder.id);
            source.highestUid = bounds ? bounds.value().second : 0;
            return;
        }
    }
}

void NewMailMonitor::recount(const QString &accountId)
{
    const auto found = m_sources.find(accountId);
    if (found == m_sources.end())
        return;
    if (found->inboxId == 0) {
        onCounted(accountId, 0, 0, 0);
        return;
    }
    found->counter->recount(found->inboxId, found->messages);
}

void NewMailMonitor::onCounted(const QString &accountId, qint64 folderId, int unread, int messages)
{
    const auto found = m_sources.find(accountId);
    if (found == m_sources.end() || folderId != found->inboxId)
        return;
    found->unread = unread;
    found->messages = messages;
    updateTotal();
}

void NewMailMonitor::updateTotal()
{
    int total = 0;
    for (const Source &source : std::as_const(m_sources))
        total += source.unread;
    if (total == m_unread)
        return;
    m_unread = total;
    Q_EMIT unreadCountChanged(total);
}

void NewMailMonitor::onAdded(const QString &accountId, qint64 folderId, const QList<quint32> &uids)
{
    const auto found = m_sources.find(accountId);
    if (found == m_sources.end() || !found->store || folderId == 0 || folderId != found->inboxId)
        return;
    // New mail has UIDs above every message the Inbox had. Lower ones are a synchronisation
    // filling in the past: the first of an empty Inbox, or a large one fetched newest first.
    const quint32 before = found->highestUid;
    QList<quint32> fresh;
    for (quint32 uid : uids) {
        found->highestUid = std::max(found->highestUid, uid);
        if (uid > before)
            fresh.append(uid);
    }
    const Source source = *found;
    if (before == 0 || fresh.isEmpty()) {
        recount(accountId);
        return;
    }
    NewMail mail;
    mail.accountId = accountId;
    mail.accountName = source.name;
    mail.folderId = folderId;
    QDateTime newest;
    // A large batch (mail that came while Heron was closed) is counted, not read one by one.
    constexpr int sampled = 20;
    const QList<quint32> latest = fresh.size() > sampled ? fresh.mid(fresh.size() - sampled)
                                                         : fresh;
    for (quint32 uid : latest) {
        const StoreResult<MessageRecord> m = source.store->message(folderId, uid);
        if (!m || m.value().flags.testFlag(MessageRecord::Seen))
            continue;
        ++mail.count;
        if (!newest.isValid() || m.value().displayDate() >= newest) {
            newest = m.value().displayDate();
            mail.sender = m.value().fromName.isEmpty() ? m.value().fromAddress : m.value().fromName;
            mail.subject = m.value().subject;
            mail.uid = uid;
        }
    }
    if (mail.count > 0 && fresh.size() > sampled)
        mail.count = int(fresh.size());
    recount(accountId);
    if (mail.count > 0)
        Q_EMIT newMail(mail);
}
