#include "runningaccount.h"

#include "accountendpoints.h"
#include "accountservice.h"
#include "net/ssltransportfactory.h"
#include "net/transport.h"
#include "outbox/messagesender.h"
#include "sentcopyfiler.h"

#include <QDir>

RunningAccount::RunningAccount(const Account &account, SecretStore *secrets,
                               TransportFactory *transports, const QString &dataDirectory,
                               QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_ownTransports(transports ? nullptr : std::make_unique<SslTransportFactory>())
    , m_transports(transports ? transports : m_ownTransports.get())
    , m_directory(dataDirectory + QLatin1Char('/') + account.id())
    , m_outbox(m_directory + QStringLiteral("/outbox"))
    , m_service(std::make_unique<AccountService>(account, secrets, m_transports))
    , m_sentCopies(std::make_unique<SentCopyFiler>(m_service.get(),
                                                   m_directory + QStringLiteral("/sent-check")))
{ }

RunningAccount::~RunningAccount()
{
    if (m_sender)
        m_sender->abort();
}

Account RunningAccount::account() const
{
    return m_service->account();
}

MailError RunningAccount::open()
{
    if (!QDir().mkpath(m_directory))
        return MailError(MailError::Kind::Storage, tr("Cannot create %1").arg(m_directory));
    if (MailError error = m_service->openCache(m_directory + QStringLiteral("/cache.sqlite")))
        return error;
    if (MailError error = m_outbox.open())
        return error;

    auto settings = [this](std::function<void(SmtpSettings)> deliver) {
        m_service->readSubmissionPassword(this, [this, deliver](const QString &password) {
            deliver(AccountEndpoints::submission(account(), password));
        });
    };
    auto transports = [this]() -> std::unique_ptr<Transport> {
        TransportPolicy policy
                = AccountEndpoints::transportPolicy(account(), AccountEndpoints::Server::Submission);
        // An unknown certificate is the sender's question (MessageSender::trustRequested).
        return m_transports->create(policy);
    };
    m_sender = std::make_unique<MessageSender>(&m_outbox, m_account.id(), settings, transports);
    connect(m_sender.get(), &MessageSender::sent, m_sentCopies.get(), &SentCopyFiler::file);
    m_sentCopies->start();
    connect(m_sender.get(), &MessageSender::sent, this,
            [this] { m_service->submissionLoginSucceeded(); });
    connect(m_sender.get(), &MessageSender::failed, this,
            [this](const QString &, const MailError &error) {
                if (error.kind() == MailError::Kind::Authentication)
                    m_service->submissionLoginRefused(
                            error.serverText().isEmpty() ? error.message() : error.serverText());
            });
    m_sender->start();
    return {};
}

Account RunningAccount::withPinned(Account account, bool submission, const QByteArray &fingerprint)
{
    if (fingerprint.isEmpty())
        return account;
    QList<QByteArray> pins = submission ? account.smtpPinnedFingerprints()
                                        : account.imapPinnedFingerprints();
    // The last pin is the one the transports accept; an older one is moved to the end.
    pins.removeAll(fingerprint);
    pins.append(fingerprint);
    if (submission)
        account.setSmtpPinnedFingerprints(pins);
    else
        account.setImapPinnedFingerprints(pins);
    return account;
}
