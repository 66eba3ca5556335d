#pragma once

#include "accounts/account.h"
#include "outbox/outboxstore.h"

#include <QObject>

#include <memory>

class AccountService;
class MessageSender;
class SentCopyFiler;
class SecretStore;
class TransportFactory;

// What the application runs for one account: its service (cache, IMAP, models), its outbox and
// the sender that empties it. Sent messages are filed into the Sent folder unless the server
// does that itself (SentCopyFiler finds out which); while the IMAP server is out of reach,
// they wait in the account's journal.
class RunningAccount : public QObject
{
    Q_OBJECT
public:
    // transports: null for SslTransports; it must outlive the account.
    RunningAccount(const Account &account, SecretStore *secrets, TransportFactory *transports,
                   const QString &dataDirectory, QObject *parent = nullptr);
    ~RunningAccount() override;

    MailError open();
    AccountService *service() const { return m_service.get(); }
    MessageSender *sender() const { return m_sender.get(); }
    SentCopyFiler *sentCopies() const { return m_sentCopies.get(); }
    // The account's outbox: where the composer keeps the files it attaches
    // (OutboxStore::keepAttachment()).
    OutboxStore *outbox() { return &m_outbox; }
    Account account() const;

    // The account with fingerprint (hex, see Account::fingerprint()) pinned for its IMAP or, with
    // submission, its SMTP server; the transports accept the last pinned one.
    static Account withPinned(Account account, bool submission, const QByteArray &fingerprint);

private:
    Account m_account;
    std::unique_ptr<TransportFactory> m_ownTransports;
    TransportFactory *m_transports;
    QString m_directory;
    OutboxStore m_outbox;
    std::unique_ptr<AccountService> m_service;
    std::unique_ptr<MessageSender> m_sender;
    std::unique_ptr<SentCopyFiler> m_sentCopies;
};
