#include "accountsession.h"

#include "accounts/secretstore.h"
#include "net/ssltransport.h"
#include "outbox/messagesender.h"
#include "service/accountservice.h"
#include "smtp/smtpsettings.h"

#include <QDir>

AccountSession::AccountSession(const Account &account, SecretStore *secrets,
                               const QString &dataDirectory, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_secrets(secrets)
    , m_directory(dataDirectory + QLatin1Char('/') + account.id())
    , m_outbox(m_directory + QStringLiteral("/outbox"))
    , m_service(std::make_unique<AccountService>(account, secrets))
{ }

AccountSession::~AccountSession()
{
    if (m_sender)
        m_sender->abort();
}

void AccountSession::connectToServer()
{
    m_secrets->readPassword(account().id(), this, [this](const SecretStore::Reply &reply) {
        if (reply.status == SecretStore::Status::NotFound
            || reply.status == SecretStore::Status::Unavailable) {
            Q_EMIT passwordNeeded();
            return;
        }
        m_service->connectToServer(); // other failures are the service's to report
    });
}

Account AccountSession::account() const
{
    return m_service->account();
}

MailError AccountSession::open()
{
    if (!QDir().mkpath(m_directory))
        return MailError(MailError::Kind::Storage, tr("Cannot create %1").arg(m_directory));
    if (MailError error = m_service->openCache(m_directory + QStringLiteral("/cache.sqlite")))
        return error;
    if (MailError error = m_outbox.open())
        return error;

    auto settings = [this](std::function<void(SmtpSettings)> deliver) {
        const Account a = account();
        m_secrets->readPassword(a.id(), this, [a, deliver](const SecretStore::Reply &reply) {
            SmtpSettings s;
            s.host = a.smtpHost();
            s.port = a.smtpPort();
            s.security = a.smtpSecurity();
            s.userName = a.userName().isEmpty() ? a.address() : a.userName();
            s.password = reply.password;
            s.ehloName = "heron.localdomain";
            deliver(s);
        });
    };
    auto transports = [this]() -> std::unique_ptr<Transport> {
        const Account a = account();
        auto transport = std::make_unique<SslTransport>();
        if (!a.caFilePath().isEmpty())
            transport->setCaCertificates(QSslCertificate::fromPath(a.caFilePath()));
        if (!a.smtpPinnedFingerprints().isEmpty())
            transport->setPinnedDigest(QByteArray::fromHex(a.smtpPinnedFingerprints().last()));
        transport->setConnectTimeout(30000);
        // An unknown certificate is the sender's question (MessageSender::trustRequested).
        return transport;
    };
    m_sender = std::make_unique<MessageSender>(&m_outbox, m_account.id(), settings, transports);
    connect(m_sender.get(), &MessageSender::sent, this,
            [this](const QString &, const QByteArray &message) {
                if (!account().serverSavesSentMail())
                    m_service->appendMessage(FolderRecord::SpecialUse::Sent, message,
                                             {QByteArrayLiteral("\\Seen")});
            });
    m_sender->start();
    return {};
}

Account AccountSession::withPinned(Account account, bool submission, const QByteArray &fingerprint)
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
