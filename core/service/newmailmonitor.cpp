#include "newmailmonitor.h"

#include "store/messagestore.h"

NewMailMonitor::NewMailMonitor(QObject *parent)
    : QObject(parent)
{ }

void NewMailMonitor::addAccount(const QString &accountId, const QString &accountName,
                                MessageStore *store)
{
    removeAccount(accountId);
    Source source {accountName, store, 0, 0};
    findInbox(source);
    m_sources.insert(accountId, source);
    connect(store, &MessageStore::foldersChanged, this, [this, accountId] {
        auto found = m_sources.find(accountId);
        if (found != m_sources.end())
            findInbox(*found);
        recount();
    });
    connect(store, &MessageStore::messagesAdded, this,
            [this, accountId](qint64 folderId, const QList<quint32> &uids) {
                onAdded(accountId, folderId, uids);
            });
    for (auto signal : {&MessageStore::messagesChanged, &MessageStore::messagesRemoved})
        connect(store, signal, this, &NewMailMonitor::recount);
    connect(store, &MessageStore::folderCleared, this, &NewMailMonitor::recount);
    connect(store, &QObject::destroyed, this, [this, accountId] { removeAccount(accountId); });
    recount();
}

void NewMailMonitor::removeAccount(const QString &accountId)
{
    const auto found = m_sources.find(accountId);
    if (found == m_sources.end())
        return;
    if (found->store)
        disconnect(found->store, nullptr, this, nullptr);
    m_sources.erase(found);
    recount();
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
            return;
        }
    }
}

void NewMailMonitor::recount()
{
    int total = 0;
    for (Source &source : m_sources) {
        source.unread = source.store && source.inboxId != 0
                                ? source.store->unseenCount(source.inboxId).value()
                                : 0;
        total += source.unread;
    }
    if (total == m_unread)
        return;
    m_unread = total;
    Q_EMIT unreadCountChanged(total);
}

void NewMailMonitor::onAdded(const QString &accountId, qint64 folderId, const QList<quint32> &uids)
{
    const Source source = m_sources.value(accountId);
    if (!source.store || folderId == 0 || folderId != source.inboxId) {
        recount();
        return;
    }
    const int cached = source.store->messageCount(folderId).value();
    if (cached <= uids.size()) {
        // The Inbox was empty: a first synchronisation, not new mail.
        recount();
        return;
    }
    NewMail mail;
    mail.accountId = accountId;
    mail.accountName = source.name;
    mail.folderId = folderId;
    QDateTime newest;
    // A large batch (mail that came while Heron was closed) is counted, not read one by one.
    constexpr int sampled = 20;
    const QList<quint32> latest = uids.size() > sampled ? uids.mid(uids.size() - sampled) : uids;
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
    if (mail.count > 0 && uids.size() > sampled)
        mail.count = int(uids.size());
    recount();
    if (mail.count > 0)
        Q_EMIT newMail(mail);
}
