#pragma once

#include "accounts/account.h"
#include "oauth/oauth2provider.h"
#include "outbox/outboxfollowup.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>

class AccountFolderModel;
class CrossAccountTransfer;
class RunningAccount;
class SearchResultsModel;
class AccountStore;
class NewMailMonitor;
class OutboxModel;
class SecretStore;
class TransportFactory;
class UnifiedInboxModel;

// Every account as the application runs it, for as long as it runs: one RunningAccount per
// account of the AccountStore (its IMAP session and sync, Inbox watch, outbox, sender and Sent
// filing), started when the account appears, told when it changes, stopped when it goes. The
// models that span the accounts live here and follow them: the folder list of all accounts with All
// Inboxes and the Outbox (AccountFolderModel, which also carries each account's connection
// state), All Inboxes itself, the outboxes together, and the unread and new mail count.
//
// The front end connects to accountStarted() to hear each account's questions (password,
// certificate) and reports; answers go back to the account's service or sender, and a trusted
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

    // Starts every account of the store and connects it; follows the store from then on.
    void start();

    // In the store's order.
    QList<RunningAccount *> runningAccounts() const;
    RunningAccount *runningAccount(const QString &accountId) const;

    AccountFolderModel *folderModel() const { return m_folders.get(); }
    UnifiedInboxModel *unifiedInbox() const { return m_unified.get(); }
    OutboxModel *outboxModel() const { return m_outbox.get(); }
    NewMailMonitor *newMail() const { return m_newMail.get(); }
    // The messages of every folder and account that match the last search().
    SearchResultsModel *searchResults() const { return m_search.get(); }
    // Copies and moves of messages between accounts (and copies within one), resumed after a
    // restart from each account's journal.
    CrossAccountTransfer *transfers() const { return m_transfers.get(); }

    // Searches every account: its cache at once, its server too (AccountService::searchServer())
    // where the cache cannot answer alone, once the text has not changed for serverSearchDelayMs
    // (a search typed letter by letter asks the servers once); the matches gather in
    // searchResults(). Empty ends the search.
    static constexpr int serverSearchDelayMs = 300;
    void search(const QString &text);

    // A message is still waiting in some outbox to be sent.
    bool hasUnsentMail() const;
    // Keeps fingerprint (hex, Account::fingerprint()) as the pinned certificate of the
    // account's IMAP or, with submission, its submission server.
    void pinCertificate(const QString &accountId, bool submission, const QByteArray &fingerprint);

Q_SIGNALS:
    void accountStarted(RunningAccount *account);
    // The account is deleted right after.
    void accountStopping(RunningAccount *account);
    // An account could not be opened (its cache or outbox); the text says why.
    void errorOccurred(const QString &text);

private:
    void followStore();
    void startAccount(const Account &account, int position);
    // The provider an account signs in with through OAuth 2.0, if it does and one is configured.
    std::optional<OAuth2Provider> oauth2Provider(const Account &account) const;
    void stopAccount(const QString &accountId);
    // A message was sent: the messages it answered, forwarded or was drafted as change, each
    // through its own account's queue (now, or once that account is connected).
    void applyFollowUps(const QList<OutboxFollowUp> &followUps);
    void updateServerSearching();

    AccountStore *m_accounts;
    SecretStore *m_secrets;
    QString m_dataDirectory;
    TransportFactory *m_transports;
    QHash<QString, RunningAccount *> m_running;
    std::unique_ptr<AccountFolderModel> m_folders;
    std::unique_ptr<UnifiedInboxModel> m_unified;
    std::unique_ptr<OutboxModel> m_outbox;
    std::unique_ptr<NewMailMonitor> m_newMail;
    std::unique_ptr<SearchResultsModel> m_search;
    std::unique_ptr<CrossAccountTransfer> m_transfers;
    QTimer m_serverSearchTimer;
    bool m_started = false;
};
