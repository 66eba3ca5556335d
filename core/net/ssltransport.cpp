#include "ssltransport.h"

#include "common/logging.h"
#include "net/certificateinfo.h"

#include <QCoreApplication>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>

SslTransport::SslTransport(QObject *parent)
    : Transport(parent)
{
    m_connectTimer.setSingleShot(true);
    m_readTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        m_socketError = QAbstractSocket::SocketTimeoutError;
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "Timed out connecting to %1")
                               .arg(m_host)));
    });
    connect(&m_readTimer, &QTimer::timeout, this, [this] {
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "%1 did not answer within %2 s")
                               .arg(m_host)
                               .arg(m_readTimeoutMs / 1000.0)));
    });
}

SslTransport::~SslTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SslTransport::createSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QSslSocket(this);
    m_socket->setPauseMode(QAbstractSocket::PauseOnSslErrors);
    connect(m_socket, &QSslSocket::connected, this, &SslTransport::onSocketConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &SslTransport::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &SslTransport::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SslTransport::onSocketError);
    connect(m_socket, &QSslSocket::stateChanged, this, &SslTransport::onStateChanged);
    connect(m_socket, &QSslSocket::readyRead, this, [this] {
        m_readTimer.stop();
        Q_EMIT readyRead();
    });
    // Under TLS, QSslSocket::bytesWritten() fires once the plain bytes are encrypted, while
    // their encrypted copy still waits in bytesToWrite(); encryptedBytesWritten() fires when
    // that copy leaves. Both are forwarded, so a writer pacing itself on bytesToWrite() hears
    // about every drop of the queue, the last one (down to 0) included.
    const auto forward = [this](qint64 bytes) {
        if (m_readTimer.isActive())
            m_readTimer.start();
        Q_EMIT bytesWritten(bytes);
    };
    connect(m_socket, &QSslSocket::bytesWritten, this, forward);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, forward);
}

void SslTransport::connectToHost(const QString &host, quint16 port, Security security)
{
    createSocket();
    m_host = host;
    m_security = security;
    m_failed = false;
    m_disconnectEmitted = false;
    m_sslErrors.clear();
    m_socketError = QAbstractSocket::UnknownSocketError;
    m_phase = Phase::Connecting;

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!m_caCertificates.isEmpty())
        config.addCaCertificates(m_caCertificates);
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(config);
    const QString verifyName = m_peerVerifyName.isEmpty() ? host : m_peerVerifyName;
    m_socket->setPeerVerifyName(verifyName);

    if (m_connectTimeoutMs > 0)
        m_connectTimer.start(m_connectTimeoutMs);
    qCDebug(lcNet) << "connecting to" << host << port << int(security);
    if (security == Security::ImplicitTls)
        m_socket->connectToHostEncrypted(host, port, verifyName);
    else
        m_socket->connectToHost(host, port);
}

void SslTransport::startTls()
{
    if (!m_socket || m_phase != Phase::Connected || m_socket->isEncrypted())
        return;
    m_phase = Phase::Handshaking;
    m_readTimer.stop();
    if (m_connectTimeoutMs > 0)
        m_connectTimer.start(m_connectTimeoutMs);
    m_socket->startClientEncryption();
}

void SslTransport::write(const QByteArray &bytes)
{
    if (!m_socket || m_phase != Phase::Connected) {
        qCWarning(lcNet) << "write while not connected dropped" << bytes.size() << "bytes";
        return;
    }
    m_socket->write(bytes);
    if (m_readTimeoutMs > 0)
        m_readTimer.start(m_readTimeoutMs);
}

QByteArray SslTransport::readAll()
{
    return m_socket ? m_socket->readAll() : QByteArray();
}

void SslTransport::discardPending()
{
    if (m_socket)
        m_socket->readAll();
}

void SslTransport::close()
{
    if (!m_socket || m_phase == Phase::Idle || m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_connectTimer.stop();
    m_readTimer.stop();
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        finishDisconnect();
    else
        QTimer::singleShot(5000, m_socket, &QSslSocket::abort);
}

bool SslTransport::isEncrypted() const
{
    return m_socket && m_socket->isEncrypted();
}

bool SslTransport::isCompressed() const
{
    return isEncrypted()
           && !m_socket->sslConfiguration().testSslOption(QSsl::SslOptionDisableCompression);
}

qint64 SslTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() : 0;
}

QSslCertificate SslTransport::peerCertificate() const
{
    return m_socket ? m_socket->peerCertificate() : QSslCertificate();
}

QList<QSslCertificate> SslTransport::peerCertificateChain() const
{
    return m_socket ? m_socket->peerCertificateChain() : QList<QSslCertificate>();
}

void SslTransport::answerTrust(bool trust)
{
    if (m_phase != Phase::AwaitingTrust)
        return;
    if (!trust) {
        fail(MailError(MailError::Kind::Tls,
                       QCoreApplication::translate("SslTransport",
                                                   "The certificate of %1 was not trusted")
                               .arg(m_host),
                       describeSslErrors()));
        return;
    }
    m_phase = m_phaseBeforeTrust;
    if (m_connectTimeoutMs > 0)
        m_connectTimer.start(m_connectTimeoutMs);
    m_socket->ignoreSslErrors(m_sslErrors);
    m_socket->resume();
}

void SslTransport::onSocketConnected()
{
    if (m_security == Security::ImplicitTls || m_phase != Phase::Connecting)
        return;
    m_connectTimer.stop();
    m_phase = Phase::Connected;
    Q_EMIT connected();
}

void SslTransport::onEncrypted()
{
    m_connectTimer.stop();
    const Phase before = m_phase;
    m_phase = Phase::Connected;
    qCDebug(lcNet) << "encrypted" << m_host << m_socket->sessionCipher().name();
    if (before == Phase::Connecting)
        Q_EMIT connected();
    else if (before == Phase::Handshaking)
        Q_EMIT encrypted();
}

void SslTransport::onSslErrors(const QList<QSslError> &errors)
{
    m_sslErrors = errors;
    const QByteArray digest = CertificateInfo::sha256Digest(m_socket->peerCertificate());
    if (!m_pinnedDigest.isEmpty() && digest == m_pinnedDigest) {
        qCDebug(lcNet) << "pinned certificate accepted for" << m_host;
        m_socket->ignoreSslErrors(errors);
        return;
    }
    // The socket pauses once this slot returns; the answer comes later through answerTrust().
    m_phaseBeforeTrust = m_phase;
    m_phase = Phase::AwaitingTrust;
    m_connectTimer.stop();
    const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
    const QString reasons = describeSslErrors();
    QMetaObject::invokeMethod(
            this,
            [this, chain, reasons] {
                if (m_phase == Phase::AwaitingTrust)
                    Q_EMIT certificateTrustRequested(chain, reasons);
            },
            Qt::QueuedConnection);
}

void SslTransport::onSocketError(QAbstractSocket::SocketError error)
{
    const QString where = m_host;
    if (error != QAbstractSocket::RemoteHostClosedError && !m_failed)
        m_socketError = error;
    switch (error) {
    case QAbstractSocket::RemoteHostClosedError:
        if (m_phase == Phase::Handshaking
            || (m_phase == Phase::Connecting && m_security == Security::ImplicitTls)) {
            fail(MailError(
                    MailError::Kind::Tls,
                    QCoreApplication::translate("SslTransport",
                                                "%1 closed the connection during the TLS handshake")
                            .arg(where)));
        }
        return; // an ordinary close: disconnected() follows
    case QAbstractSocket::HostNotFoundError:
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "Host %1 not found").arg(where),
                       m_socket->errorString()));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "Connection to %1 refused")
                               .arg(where)));
        return;
    case QAbstractSocket::SocketTimeoutError:
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "Connection to %1 timed out")
                               .arg(where)));
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError: {
        QString details = m_socket->errorString();
        if (!m_sslErrors.isEmpty())
            details += QStringLiteral(": ") + describeSslErrors();
        fail(MailError(MailError::Kind::Tls,
                       QCoreApplication::translate("SslTransport", "TLS handshake with %1 failed")
                               .arg(where),
                       details));
        return;
    }
    default:
        fail(MailError(MailError::Kind::Network,
                       QCoreApplication::translate("SslTransport", "Network error with %1")
                               .arg(where),
                       m_socket->errorString()));
        return;
    }
}

void SslTransport::onStateChanged(QAbstractSocket::SocketState state)
{
    if (state != QAbstractSocket::UnconnectedState)
        return;
    if (m_phase == Phase::Connecting || m_phase == Phase::Handshaking
        || m_phase == Phase::AwaitingTrust) {
        // The socket may report why (refused, not found) just after this state change.
        QMetaObject::invokeMethod(
                this,
                [this] {
                    fail(MailError(MailError::Kind::Network,
                                   QCoreApplication::translate("SslTransport",
                                                               "Connection to %1 lost")
                                           .arg(m_host)));
                },
                Qt::QueuedConnection);
        return;
    }
    m_phase = Phase::Closed;
    finishDisconnect();
}

void SslTransport::fail(const MailError &error)
{
    if (m_failed || m_disconnectEmitted)
        return;
    m_failed = true;
    m_phase = Phase::Closed;
    m_connectTimer.stop();
    m_readTimer.stop();
    qCDebug(lcNet) << "failed:" << error.toString();
    QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT errorOccurred(error); }, Qt::QueuedConnection);
    finishDisconnect();
    if (m_socket)
        m_socket->abort();
}

void SslTransport::finishDisconnect()
{
    if (m_disconnectEmitted)
        return;
    m_disconnectEmitted = true;
    m_connectTimer.stop();
    m_readTimer.stop();
    QMetaObject::invokeMethod(
            this, [this] { Q_EMIT disconnected(); }, Qt::QueuedConnection);
}

QString SslTransport::describeSslErrors() const
{
    QStringList parts;
    for (const QSslError &e : m_sslErrors)
        parts.append(e.errorString());
    return parts.join(QStringLiteral("; "));
}
