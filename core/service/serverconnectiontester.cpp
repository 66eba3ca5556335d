#include "serverconnectiontester.h"

#include "accountendpoints.h"
#include "accounts/secretstore.h"
#include "common/logging.h"
#include "imap/imapconnection.h"
#include "net/ssltransport.h"
#include "net/ssltransportfactory.h"
#include "smtp/smtpclient.h"
#include "smtp/smtpsubmission.h"

#include <QCoreApplication>

#include <algorithm>
#include <iterator>

using Outcome = ConnectionTestResult::Outcome;

namespace {

QString endpoint(const QString &host, quint16 port)
{
    return host + QLatin1Char(':') + QString::number(port);
}

// The policy errors that say STARTTLS cannot be had, recognised by their text in any language:
// the protocol clients report them with these messages.
bool isStartTlsRefusal(const MailError &error)
{
    const QString message = error.message();
    if (message.contains(QLatin1String("STARTTLS")))
        return true;
    const QString refusals[] = {
            QCoreApplication::translate("ImapConnection",
                                        "The server skipped authentication on an unencrypted "
                                        "connection, so STARTTLS is impossible"),
            QCoreApplication::translate("ImapConnection",
                                        "The server does not offer STARTTLS; the account requires "
                                        "an encrypted connection"),
            QCoreApplication::translate("ImapConnection", "The server refused STARTTLS"),
            QCoreApplication::translate("SmtpClient",
                                        "The server does not offer STARTTLS; nothing was sent"),
    };
    return std::find(std::begin(refusals), std::end(refusals), message) != std::end(refusals);
}

QString imapStep(ImapConnection::State state)
{
    switch (state) {
    case ImapConnection::State::Greeting:
        return ServerConnectionTester::tr("Waiting for the server's greeting");
    case ImapConnection::State::StartingTls:
        return ServerConnectionTester::tr("Securing the connection (STARTTLS)");
    case ImapConnection::State::Authenticating:
        return ServerConnectionTester::tr("Logging in");
    default:
        return QString();
    }
}

QString smtpStep(SmtpClient::State state)
{
    switch (state) {
    case SmtpClient::State::Greeting:
        return ServerConnectionTester::tr("Waiting for the server's greeting");
    case SmtpClient::State::Ehlo:
        return ServerConnectionTester::tr("Asking for the server's capabilities");
    case SmtpClient::State::StartTls:
    case SmtpClient::State::TlsHandshake:
        return ServerConnectionTester::tr("Securing the connection (STARTTLS)");
    case SmtpClient::State::Auth:
    case SmtpClient::State::AuthLoginUser:
    case SmtpClient::State::AuthOAuth:
        return ServerConnectionTester::tr("Logging in");
    default:
        return QString();
    }
}

} // namespace

ServerConnectionTester::ServerConnectionTester(QObject *parent)
    : ConnectionTester(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finishServer(MailError(MailError::Kind::Network,
                               tr("No answer within %1 seconds").arg(m_timeoutMs / 1000)));
    });
}

ServerConnectionTester::~ServerConnectionTester()
{
    cleanUp();
}

void ServerConnectionTester::start(const Account &account, const QString &password)
{
    if (isRunning())
        return;
    m_account = account;
    m_password = password;
    if (!password.isEmpty() || !m_secrets || account.id().isEmpty()) {
        startImap();
        return;
    }
    m_server = Stage::Imap; // running while the password is read
    m_secrets->readPassword(account.id(), this, [this](const SecretStore::Reply &reply) {
        if (m_server != Stage::Imap || m_imap)
            return; // cancelled meanwhile
        m_password = reply.isOk() ? reply.password : QString();
        startImap();
    });
}

void ServerConnectionTester::cancel()
{
    if (!isRunning())
        return;
    finishServer(MailError(MailError::Kind::Cancelled, tr("The test was stopped")));
}

Transport *ServerConnectionTester::createTransport(AccountEndpoints::Server server)
{
    TransportPolicy policy = AccountEndpoints::transportPolicy(m_account, server);
    policy.connectTimeoutMs = m_timeoutMs;
    SslTransportFactory sslTransports;
    TransportFactory *factory = m_transports ? m_transports : &sslTransports;
    Transport *transport = factory->create(policy).release();
    transport->setParent(this);
    // A test never trusts anything: the chain goes into the result, where the user may pin it.
    connect(transport, &Transport::certificateTrustRequested, this,
            [this, transport](const QList<QSslCertificate> &chain, const QString &reasons) {
                m_refusedChain = chain;
                m_refusedReasons = reasons;
                transport->answerTrust(false);
            });
    m_refusedChain.clear();
    m_refusedReasons.clear();
    m_loggedIn = false;
    m_transport = transport;
    m_timer.start(m_timeoutMs);
    return transport;
}

void ServerConnectionTester::step(const QString &description)
{
    if (description.isEmpty())
        return;
    Q_EMIT stepStarted(m_server == Stage::Imap ? ConnectionTestResult::Server::Imap
                                               : ConnectionTestResult::Server::Smtp,
                       description);
}

void ServerConnectionTester::startImap()
{
    m_server = Stage::Imap;
    Transport *transport = createTransport(AccountEndpoints::Server::Imap);
    m_imap = new ImapConnection(transport, this);
    connect(m_imap, &ImapConnection::stateChanged, this,
            [this](ImapConnection::State state) { step(imapStep(state)); });
    connect(m_imap, &ImapConnection::ready, this, [this] {
        m_loggedIn = true;
        finishServer({});
    });
    connect(m_imap, &ImapConnection::failed, this, &ServerConnectionTester::finishServer);

    ImapConnectionSettings settings = AccountEndpoints::imap(m_account, m_password);
    settings.clientId.clear();
    settings.enableExtensions = false;
    step(tr("Connecting to %1").arg(endpoint(settings.host, settings.port)));
    m_imap->open(settings);
}

void ServerConnectionTester::startSmtp()
{
    m_server = Stage::Smtp;
    if (!m_account.hasOwnSubmissionLogin()) {
        submitWithPassword(m_password);
        return;
    }
    const QString typed = submissionPassword();
    if (!typed.isEmpty() || !m_secrets || m_account.id().isEmpty()) {
        submitWithPassword(typed);
        return;
    }
    m_secrets->readPassword(Account::submissionSecretId(m_account.id()), this,
                            [this](const SecretStore::Reply &reply) {
                                if (m_server != Stage::Smtp || m_smtp)
                                    return; // cancelled meanwhile
                                submitWithPassword(reply.isOk() ? reply.password : QString());
                            });
}

void ServerConnectionTester::submitWithPassword(const QString &password)
{
    Transport *transport = createTransport(AccountEndpoints::Server::Submission);
    m_smtp = new SmtpClient(transport, this);
    const SmtpSettings settings = AccountEndpoints::submission(m_account, password);
    m_smtp->setSettings(settings);
    connect(m_smtp, &SmtpClient::stateChanged, this, [this](SmtpClient::State state) {
        // The first transaction step is only reached once the server accepted the login.
        if (state == SmtpClient::State::MailFrom || state == SmtpClient::State::RcptTo)
            m_loggedIn = true;
        step(smtpStep(state));
    });
    step(tr("Connecting to %1").arg(endpoint(settings.host, settings.port)));
    // No recipient: the client stops with a policy error before MAIL FROM leaves, so nothing is
    // ever sent, and ends the session with QUIT.
    SmtpSubmission *submission = m_smtp->submit(SmtpEnvelope {m_account.address(), {}},
                                                QByteArray());
    connect(submission, &SmtpSubmission::finished, this, [this, submission, client = m_smtp.data()] {
        if (client != m_smtp)
            return; // a test that was stopped or ended already
        if (m_loggedIn)
            finishServer({});
        else
            finishServer(submission->error());
    });
}

ConnectionTestResult::Outcome ServerConnectionTester::classify(const MailError &error,
                                                               const Transport *transport,
                                                               bool certificateRefused)
{
    if (!error.isError())
        return Outcome::Success;
    // Only a socket knows whether the name lookup, the connection or the wait failed.
    const auto *socket = qobject_cast<const SslTransport *>(transport);
    switch (socket ? socket->socketError() : QAbstractSocket::UnknownSocketError) {
    case QAbstractSocket::HostNotFoundError:
        return Outcome::HostNotFound;
    case QAbstractSocket::ConnectionRefusedError:
        return Outcome::ConnectionRefused;
    case QAbstractSocket::SocketTimeoutError:
        return Outcome::Timeout;
    default:
        break;
    }
    switch (error.kind()) {
    case MailError::Kind::Tls:
        return certificateRefused ? Outcome::CertificateUntrusted : Outcome::TlsFailure;
    case MailError::Kind::Authentication:
        return Outcome::AuthenticationFailed;
    case MailError::Kind::Policy:
        return isStartTlsRefusal(error) ? Outcome::StartTlsUnavailable : Outcome::ProtocolError;
    case MailError::Kind::Cancelled:
        return Outcome::Cancelled;
    default:
        return Outcome::ProtocolError;
    }
}

void ServerConnectionTester::finishServer(const MailError &error)
{
    if (!isRunning())
        return;
    ConnectionTestResult result;
    result.server = m_server == Stage::Imap ? ConnectionTestResult::Server::Imap
                                            : ConnectionTestResult::Server::Smtp;
    const bool timedOut = !m_timer.isActive() && error.kind() == MailError::Kind::Network
                          && error.isError();
    result.outcome = timedOut ? Outcome::Timeout
                              : classify(error, m_transport, !m_refusedChain.isEmpty());
    if (error.isError()) {
        result.detail = error.message();
        result.serverText = error.serverText();
    }
    if (result.outcome == Outcome::CertificateUntrusted) {
        result.certificateChain = m_refusedChain;
        result.detail = m_refusedReasons;
        result.serverText.clear();
    } else if (!m_refusedChain.isEmpty() || result.outcome == Outcome::TlsFailure) {
        result.certificateChain = m_refusedChain;
    }
    qCDebug(lcNet) << "connection test" << int(result.server) << "outcome" << int(result.outcome)
                   << result.detail;
    const Stage tested = m_server;
    cleanUp();
    Q_EMIT serverFinished(result);
    if (tested == Stage::Imap && result.outcome != Outcome::Cancelled) {
        startSmtp();
        return;
    }
    m_password.clear();
    Q_EMIT finished();
}

void ServerConnectionTester::cleanUp()
{
    m_server = Stage::Idle;
    m_timer.stop();
    // Deferred: this may run inside a signal of these very objects.
    if (m_imap) {
        m_imap->disconnect(this);
        m_imap->close();
        m_imap->deleteLater();
    }
    if (m_smtp) {
        m_smtp->disconnect(this);
        m_smtp->abort();
        m_smtp->deleteLater();
    }
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        m_transport->deleteLater();
    }
    m_imap.clear();
    m_smtp.clear();
    m_transport.clear();
}
