#pragma once

#include "accountendpoints.h"
#include "accounts/connectiontester.h"
#include "common/mailerror.h"

#include <QPointer>
#include <QTimer>

class ImapConnection;
class SecretStore;
class SmtpClient;
class Transport;
class TransportFactory;

// Tests an account's real servers, one after the other: the IMAP server (connect, TLS or
// STARTTLS, log in) and then the submission server (connect, TLS or STARTTLS, EHLO, AUTH),
// without sending any mail and without storing anything. Each server's result names the step
// that failed: name lookup, refused connection, timeout, TLS handshake, an untrusted
// certificate (its chain is in the result; the handshake is refused, never trusted here),
// STARTTLS not offered, authentication.
class ServerConnectionTester : public ConnectionTester
{
    Q_OBJECT
public:
    explicit ServerConnectionTester(QObject *parent = nullptr);
    ~ServerConnectionTester() override;

    // The longest each server may take, from the first connection attempt to the login's answer.
    void setTimeout(int msecs) { m_timeoutMs = msecs; }
    int timeout() const { return m_timeoutMs; }

    // Where the transports come from: null (the default) for SslTransports. The factory must
    // outlive the tester.
    void setTransportFactory(TransportFactory *transports) { m_transports = transports; }
    // Where an empty password is looked up: the account's stored one is tested then (the
    // account dialog leaves the field empty to keep it). Without a store, empty is empty.
    void setSecretStore(SecretStore *secrets) { m_secrets = secrets; }
    void start(const Account &account, const QString &password) override;
    void cancel() override;
    bool isRunning() const { return m_server != Stage::Idle; }

    // What a failure of one server means to the user (exposed for tests).
    static ConnectionTestResult::Outcome classify(const MailError &error,
                                                  const Transport *transport,
                                                  bool certificateRefused);

private:
    enum class Stage { Idle, Imap, Smtp };

    void startImap();
    void startSmtp();
    void submitWithPassword(const QString &password);
    Transport *createTransport(AccountEndpoints::Server server);
    void step(const QString &description);
    void finishServer(const MailError &error);
    void cleanUp();

    QPointer<SecretStore> m_secrets;
    TransportFactory *m_transports = nullptr;
    Account m_account;
    QString m_password;
    Stage m_server = Stage::Idle;
    int m_timeoutMs = 20000;
    QTimer m_timer;
    QPointer<Transport> m_transport;
    QPointer<ImapConnection> m_imap;
    QPointer<SmtpClient> m_smtp;
    QList<QSslCertificate> m_refusedChain;
    QString m_refusedReasons;
    bool m_loggedIn = false;
};
