#include "serverprobe.h"

#include "net/ssltransport.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace {

constexpr qsizetype maxBuffer = 16 * 1024;

} // namespace

ServerProbe::ServerProbe(Protocol protocol, const DiscoveredSettings::Server &server,
                         QObject *parent)
    : QObject(parent)
    , m_protocol(protocol)
    , m_server(server)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this,
            [this] { finish(MailError(MailError::Kind::Network, tr("No answer in time"))); });
}

ServerProbe::~ServerProbe()
{
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        delete m_transport;
    }
}

void ServerProbe::start()
{
    m_transport = new SslTransport(this);
    m_transport->setPeerVerifyName(m_server.host);
    m_transport->setCaCertificates(m_cas);
    connect(m_transport, &Transport::connected, this, &ServerProbe::onConnected);
    connect(m_transport, &Transport::encrypted, this, &ServerProbe::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &ServerProbe::onReadyRead);
    connect(m_transport, &Transport::errorOccurred, this,
            [this](const MailError &error) { finish(error); });
    connect(m_transport, &Transport::disconnected, this, [this] {
        finish(MailError(MailError::Kind::Network, tr("The server closed the connection")));
    });
    // A certificate the system does not trust is refused, unless the user is asked.
    connect(m_transport, &Transport::certificateTrustRequested, this,
            [this](const QList<QSslCertificate> &chain, const QString &reasons) {
                if (m_askTrust && !chain.isEmpty()) {
                    m_awaitingTrust = true;
                    m_askedDigest = chain.constFirst().digest(QCryptographicHash::Sha256);
                    m_timer.stop(); // the user's time is not the server's
                    Q_EMIT trustRequested(chain, reasons);
                    return;
                }
                m_error = MailError(MailError::Kind::Tls, tr("The certificate is not trusted"),
                                    reasons);
                m_transport->answerTrust(false);
            });
    m_state = State::Connecting;
    m_timer.start(m_timeoutMs);
    m_transport->connectToHost(m_address.isEmpty() ? m_server.host : m_address, m_server.port,
                               m_server.security == Security::ImplicitTls ? Security::ImplicitTls
                                                                          : Security::None);
}

void ServerProbe::answerTrust(bool trust)
{
    if (!m_awaitingTrust || !m_transport)
        return;
    m_awaitingTrust = false;
    if (trust) {
        m_trustedDigest = m_askedDigest;
        m_timer.start(m_timeoutMs);
    } else {
        m_trustRefused = true;
        m_error = MailError(MailError::Kind::Tls, tr("The certificate was not trusted"));
    }
    m_transport->answerTrust(trust);
}

void ServerProbe::onConnected()
{
    if (m_state == State::Connecting)
        m_state = State::Greeting;
}

void ServerProbe::onEncrypted()
{
    if (m_state == State::Handshake)
        finish({});
}

void ServerProbe::onReadyRead()
{
    if (m_state == State::Done || !m_transport)
        return;
    m_buffer += m_transport->readAll();
    if (m_buffer.size() > maxBuffer) {
        finish(MailError(MailError::Kind::Limit, tr("The server sent too much")));
        return;
    }
    qsizetype end;
    while (m_state != State::Done && m_state != State::Handshake
           && (end = m_buffer.indexOf("\r\n")) >= 0) {
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        handleLine(line);
    }
}

void ServerProbe::send(const QByteArray &line, State next)
{
    m_state = next;
    m_transport->write(line + "\r\n");
}

void ServerProbe::handleLine(const QByteArray &line)
{
    const bool imap = m_protocol == Protocol::Imap;
    const bool implicit = m_server.security == Security::ImplicitTls;
    const auto wrong = [this] {
        finish(MailError(MailError::Kind::Protocol, m_protocol == Protocol::Imap
                                                            ? tr("This is not an IMAP server")
                                                            : tr("This is not an SMTP server")));
    };
    switch (m_state) {
    case State::Greeting:
        if (imap ? !line.startsWith("* OK") : !line.startsWith("220")) {
            wrong();
            return;
        }
        if (!imap && line.startsWith("220-"))
            return; // a greeting of several lines
        if (implicit)
            finish({});
        else if (imap)
            send("p1 STARTTLS", State::StartTls);
        else
            send("EHLO heron.localdomain", State::Ehlo);
        return;
    case State::Ehlo:
        if (!line.startsWith("250")) {
            wrong();
            return;
        }
        if (line.startsWith("250 "))
            send("STARTTLS", State::StartTls);
        return;
    case State::StartTls:
        if (imap && line.startsWith("* "))
            return;
        if (imap ? line.startsWith("p1 OK") : line.startsWith("220")) {
            m_state = State::Handshake;
            m_buffer.clear();
            m_transport->discardPending();
            m_transport->startTls();
            return;
        }
        finish(MailError(MailError::Kind::Policy, tr("The server does not offer STARTTLS"),
                         QString::fromLatin1(line.left(200))));
        return;
    case State::Idle:
    case State::Connecting:
    case State::Handshake:
    case State::Done:
        return;
    }
}

void ServerProbe::finish(const MailError &error)
{
    if (m_state == State::Done)
        return;
    m_state = State::Done;
    m_timer.stop();
    if (!m_error) // a refused certificate explains the failure better than the closed link
        m_error = error;
    else if (!error)
        m_error = {};
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        m_transport->deleteLater();
    }
    QMetaObject::invokeMethod(this, &ServerProbe::finished, Qt::QueuedConnection);
}
