#pragma once

#include "net/transport.h"

#include <QAbstractSocket>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>

class QSslSocket;

// The real Transport over QSslSocket: implicit TLS, STARTTLS, or plain when explicitly chosen.
//
// Certificate policy: the system CAs plus extra CA certificates validate the chain against the
// peer verify name (the connect host unless set apart). A certificate whose SHA-256 digest was
// pinned for the account is accepted even when the chain does not validate. Any other failure
// freezes the handshake (QSslSocket's PauseOnSslErrors) and raises certificateTrustRequested();
// answerTrust(true) resumes it, answerTrust(false) fails with a Tls error.
class SslTransport : public Transport
{
    Q_OBJECT
public:
    explicit SslTransport(QObject *parent = nullptr);
    ~SslTransport() override;

    void setPeerVerifyName(const QString &name) { m_peerVerifyName = name; }
    QString peerVerifyName() const { return m_peerVerifyName; }
    void setCaCertificates(const QList<QSslCertificate> &certificates)
    {
        m_caCertificates = certificates;
    }
    // The SHA-256 digest of the DER certificate accepted whatever the chain (empty: none).
    void setPinnedDigest(const QByteArray &sha256) { m_pinnedDigest = sha256; }
    QByteArray pinnedDigest() const { return m_pinnedDigest; }
    // Time allowed from connectToHost() to connected() (TLS included), and for startTls().
    // Time spent waiting for answerTrust() is not counted. 0 disables.
    void setConnectTimeout(int msecs) { m_connectTimeoutMs = msecs; }
    // After a write, the time allowed for the server to send anything. 0 (default) disables.
    void setReadTimeout(int msecs) { m_readTimeoutMs = msecs; }

    QSslCertificate peerCertificate() const override;
    QList<QSslCertificate> peerCertificateChain() const;
    // The errors that made the last trust request (or the last TLS failure).
    QList<QSslError> sslErrors() const { return m_sslErrors; }
    // Why the last connection failed at the socket level (name lookup, refused, timeout, ...);
    // UnknownSocketError when it did not fail there.
    QAbstractSocket::SocketError socketError() const { return m_socketError; }

    // Transport
    void connectToHost(const QString &host, quint16 port, Security security) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void discardPending() override;
    void close() override;
    bool isEncrypted() const override;
    // Qt does not tell whether TLS compression was negotiated: it counts as possible when the
    // configuration allows it (Qt disables it by default; OpenSSL 3 and TLS 1.3 lack it).
    bool isCompressed() const override;
    qint64 bytesToWrite() const override;
    void answerTrust(bool trust) override;

private:
    enum class Phase { Idle, Connecting, Connected, Handshaking, AwaitingTrust, Closed };

    void createSocket();
    void onSocketConnected();
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError(QAbstractSocket::SocketError error);
    void onStateChanged(QAbstractSocket::SocketState state);
    void onTimeout();
    void fail(const MailError &error);
    void finishDisconnect();
    QString describeSslErrors() const;

    QSslSocket *m_socket = nullptr;
    Phase m_phase = Phase::Idle;
    Phase m_phaseBeforeTrust = Phase::Idle;
    Security m_security = Security::None;
    QString m_host;
    QString m_peerVerifyName;
    QList<QSslCertificate> m_caCertificates;
    QByteArray m_pinnedDigest;
    QList<QSslError> m_sslErrors;
    QAbstractSocket::SocketError m_socketError = QAbstractSocket::UnknownSocketError;
    QTimer m_connectTimer;
    QTimer m_readTimer;
    int m_connectTimeoutMs = 30000;
    int m_readTimeoutMs = 0;
    bool m_failed = false;
    bool m_disconnectEmitted = true;
};
