#pragma once

#include "autoconfig/discoveredsettings.h"
#include "common/mailerror.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTimer>

class SslTransport;

// Tries whether an IMAP or submission server answers securely at one host and port, without
// logging in: implicit TLS up to the greeting, or the greeting, STARTTLS (after EHLO for SMTP)
// and the TLS handshake. A certificate that does not validate counts as a failure, unless
// setAskTrust() is on: the handshake then waits, frozen, for answerTrust() after
// trustRequested(), and its time limit with it. Finishes once, with a null error on success.
class ServerProbe : public QObject
{
    Q_OBJECT
public:
    enum class Protocol { Imap, Smtp };
    enum class State { Idle, Connecting, Greeting, Ehlo, StartTls, Handshake, Done };
    Q_ENUM(State)

    ServerProbe(Protocol protocol, const DiscoveredSettings::Server &server,
                QObject *parent = nullptr);
    ~ServerProbe() override;

    // Connects to address instead of server.host (found through another name server); the
    // certificate is still checked against server.host.
    void setAddress(const QString &address) { m_address = address; }
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_cas = certificates; }
    void setTimeout(int msecs) { m_timeoutMs = msecs; }
    // Ask (trustRequested()) about a certificate that does not validate, instead of refusing it.
    void setAskTrust(bool ask) { m_askTrust = ask; }

    // The answer to trustRequested(): go on with the handshake, or refuse the certificate.
    void answerTrust(bool trust);
    bool isAwaitingTrust() const { return m_awaitingTrust; }
    // The SHA-256 digest of the server's certificate that answerTrust(true) accepted (to pin);
    // empty when the certificate validated by itself.
    QByteArray trustedDigest() const { return m_trustedDigest; }
    // The user refused the server's certificate.
    bool trustRefused() const { return m_trustRefused; }

    void start();
    Protocol protocol() const { return m_protocol; }
    DiscoveredSettings::Server server() const { return m_server; }
    MailError error() const { return m_error; }

Q_SIGNALS:
    // Only with setAskTrust(): the server's chain did not validate, for reasons.
    void trustRequested(const QList<QSslCertificate> &chain, const QString &reasons);
    void finished();

private:
    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void handleLine(const QByteArray &line);
    void finish(const MailError &error);
    void send(const QByteArray &line, State next);

    Protocol m_protocol;
    DiscoveredSettings::Server m_server;
    QString m_address;
    QList<QSslCertificate> m_cas;
    bool m_askTrust = false;
    bool m_awaitingTrust = false;
    bool m_trustRefused = false;
    QByteArray m_askedDigest;
    QByteArray m_trustedDigest;
    int m_timeoutMs = 3000;
    State m_state = State::Idle;
    QByteArray m_buffer;
    MailError m_error;
    QTimer m_timer;
    QPointer<SslTransport> m_transport;
};
