#pragma once

#include "accounts/account.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class AccountFolderModel;
class AccountSession;
class AccountStore;
class NewMailMonitor;
class OutboxModel;
class SecretStore;
class TransportFactory;
class UnifiedInboxModel;

// Every account's session, for as long as the application runs: one AccountSession per account
// of the AccountStore (its IMAP session and sync, Inbox watch, outbox, sender and Sent filing),
// started when the account appears, told when it changes, ended when it goes. The models that
// span the accounts live here and follow the sessions: the folder list of all accounts with All
// Inboxes and the Outbox (AccountFolderModel, which also carries each account's connection
// state), All Inboxes itself, the outboxes together, and the unread and new mail count.
//
// The front end connects to sessionAdded() to hear each session's questions (password,
// certificate) and reports; answers go back to the session's service or sender, and a trusted
// certificate is pinned through pinCertificate().
class AccountManager : public QObject
{
    Q_OBJECT
public:
    // dataDirectory: where each account keeps its cache and outbox, in a folder of its own.
    // transports: null for SslTransports. Both stores and the factory must outlive the manager.
    AccountManager(AccountStore *accounts, SecretStore *secrets, const QString &dataDirectory,
                   TransportFactory *transports = nullptr, QObject *parent = nullptr);
    ~AccountManager() override;

    // Opens a session for every account and connects them; follows the store from then on.
    void start();

    // In the store's order.
    QList<AccountSession *> sessions() const;
    AccountSession *session(const QString &accountId) const;

    AccountFolderModel *folderModel() const { return m_folders.get(); }
    UnifiedInboxModel *unifiedInbox() const { return m_unified.get(); }
    OutboxModel *outboxModel() const { return m_outbox.get(); }
    NewMailMonitor *newMail() const { return m_newMail.get(); }

    // A message is still waiting in some outbox to be sent.
    bool hasUnsentMail() const;
    // Keeps fingerprint (hex, Account::fingerprint()) as the pinned certificate of the
    // account's IMAP or, with submission, its submission server.
    void pinCertificate(const QString &accountId, bool submission, const QByteArray &fingerprint);

Q_SIGNALS:
    void sessionAdded(AccountSession *session);
    // The session is deleted right after.
    void sessionAboutToBeRemoved(AccountSession *session);
    // An account could not be opened (its cache or outbox); the text says why.
    void errorOccurred(const QString &text);

private:
    void followStore();
    void addSession(const Account &account, int position);
    void removeSession(const QString &accountId);

    AccountStore *m_accounts;
    SecretStore *m_secrets;
    QString m_dataDirectory;
    TransportFactory *m_transports;
    QHash<QString, AccountSession *> m_sessions;
    std::unique_ptr<AccountFolderModel> m_folders;
    std::unique_ptr<UnifiedInboxModel> m_unified;
    std::unique_ptr<OutboxModel> m_outbox;
    std::unique_ptr<NewMailMonitor> m_newMail;
    bool m_started = false;
};
