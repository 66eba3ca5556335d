#pragma once

#include "accounts/account.h"
#include "outbox/outboxstore.h"

#include <QObject>

#include <memory>

class AccountService;
class MessageSender;
class SecretStore;

// What the application runs for one account: its service (cache, IMAP, models), its outbox and
// the sender that empties it. Sent messages are filed into the Sent folder unless the server
// does that itself.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    AccountSession(const Account &account, SecretStore *secrets, const QString &dataDirectory,
                   QObject *parent = nullptr);
    ~AccountSession() override;

    MailError open();
    // Connects the service once the secret store has a password; without one (none stored, or no
    // keychain answering) passwordNeeded() asks the owner, who stores one and calls this again.
    void connectToServer();
    AccountService *service() const { return m_service.get(); }
    MessageSender *sender() const { return m_sender.get(); }
    Account account() const;

    // The account with fingerprint (hex, see Account::fingerprint()) pinned for its IMAP or, with
    // submission, its SMTP server; the transports accept the last pinned one.
    static Account withPinned(Account account, bool submission, const QByteArray &fingerprint);

Q_SIGNALS:
    void passwordNeeded();

private:
    Account m_account;
    SecretStore *m_secrets;
    QString m_directory;
    OutboxStore m_outbox;
    std::unique_ptr<AccountService> m_service;
    std::unique_ptr<MessageSender> m_sender;
};
