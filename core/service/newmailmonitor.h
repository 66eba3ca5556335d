#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class FolderCounter;
class MessageStore;

// Watches the Inbox of every account in its cache: the number of unread messages across all
// of them, and new mail as it arrives there (messages the store adds to an Inbox unread).
// The first filling of an empty Inbox is not news and is not announced. A large Inbox is
// counted on a worker (FolderCounter).
class NewMailMonitor : public QObject
{
    Q_OBJECT
public:
    explicit NewMailMonitor(QObject *parent = nullptr);

    // Watches the account's cache; a second call for the same account replaces it.
    void addAccount(const QString &accountId, const QString &accountName, MessageStore *store);
    void removeAccount(const QString &accountId);

    int unreadCount() const { return m_unread; }
    // Unread in one account's Inbox.
    int unreadCount(const QString &accountId) const;

    struct NewMail
    {
        QString accountId;
        QString accountName;
        int count = 0;
        // The newest message: its sender, subject and where it is (the account's Inbox).
        QString sender;
        QString subject;
        qint64 folderId = 0;
        quint32 uid = 0;
    };

Q_SIGNALS:
    void unreadCountChanged(int unread);
    void newMail(const NewMailMonitor::NewMail &mail);

private:
    struct Source
    {
        QString name;
        QPointer<MessageStore> store;
        FolderCounter *counter = nullptr;
        qint64 inboxId = 0;
        int unread = 0;
        int messages = 0;
        quint32 highestUid = 0; // of the Inbox's cached messages; 0 when it has none
    };
    void findInbox(Source &source);
    // Counts the account's Inbox again; the total follows.
    void recount(const QString &accountId);
    void onCounted(const QString &accountId, qint64 folderId, int unread, int messages);
    void updateTotal();
    void onAdded(const QString &accountId, qint64 folderId, const QList<quint32> &uids);

    QHash<QString, Source> m_sources;
    int m_unread = 0;
};
