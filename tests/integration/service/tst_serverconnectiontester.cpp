// The real connection test against the local Dovecot and Postfix, and against small plain TCP
// servers for the cases the stack cannot show (no STARTTLS, no greeting).
#include "accounts/account.h"
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "net/certificateinfo.h"
#include "service/serverconnectiontester.h"

#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>

using Outcome = ConnectionTestResult::Outcome;
using Server = ConnectionTestResult::Server;

namespace {

// Answers every command line with a fixed reply: enough to stand for a server that offers no
// STARTTLS, or (with an empty greeting) one that never speaks.
class PlainServer : public QTcpServer
{
public:
    PlainServer(QByteArray greeting, std::function<QByteArray(const QByteArray &)> answer)
        : m_greeting(std::move(greeting))
        , m_answer(std::move(answer))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                socket->setParent(this);
                if (!m_greeting.isEmpty())
                    socket->write(m_greeting);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    while (socket->canReadLine())
                        socket->write(m_answer(socket->readLine()));
                });
            }
        });
        listen(QHostAddress::LocalHost);
    }

private:
    QByteArray m_greeting;
    std::function<QByteArray(const QByteArray &)> m_answer;
};

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestServerConnectionTester : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void bothServersSucceed_data();
    void bothServersSucceed();
    void wrongPasswordIsAnAuthenticationFailure();
    void unchangedPasswordFieldTestsTheStoredPassword();
    void closedPortIsRefused();
    void unknownHostIsANameLookupFailure();
    void untrustedCertificateCarriesItsChain();
    void pinnedCertificateIsAccepted();
    void plainPortForTlsIsATlsFailure();
    void missingStartTlsIsReported();
    void silentServerTimesOut();
    void cancelStopsTheTest();

private:
    Account account(const QString &user = QStringLiteral("alice")) const;
    // Runs a test to its end and returns both servers' results (IMAP first).
    QList<ConnectionTestResult> run(ServerConnectionTester &tester, const Account &account,
                                    const QString &password);

    MailStackInfo m_stack;
};

void TestServerConnectionTester::initTestCase()
{
    qRegisterMetaType<ConnectionTestResult>();
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
}

Account TestServerConnectionTester::account(const QString &user) const
{
    Account a;
    a.setDisplayName(user);
    a.setAddress(m_stack.address(user));
    a.setUserName(m_stack.address(user));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setSmtpHost(m_stack.host());
    a.setSmtpPort(m_stack.smtpStartTlsPort());
    a.setSmtpSecurity(Security::StartTls);
    a.setCaFilePath(m_stack.caFile());
    return a;
}

QList<ConnectionTestResult> TestServerConnectionTester::run(ServerConnectionTester &tester,
                                                            const Account &account,
                                                            const QString &password)
{
    QSignalSpy results(&tester, &ConnectionTester::serverFinished);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.start(account, password);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty(); }, 60000))
        return {};
    QList<ConnectionTestResult> out;
    for (const QList<QVariant> &arguments : std::as_const(results))
        out.append(arguments.at(0).value<ConnectionTestResult>());
    return out;
}

void TestServerConnectionTester::bothServersSucceed_data()
{
    QTest::addColumn<Security>("imapSecurity");
    QTest::addColumn<Security>("smtpSecurity");
    QTest::newRow("imaps + submission STARTTLS") << Security::ImplicitTls << Security::StartTls;
    QTest::newRow("IMAP STARTTLS + smtps") << Security::StartTls << Security::ImplicitTls;
}

void TestServerConnectionTester::bothServersSucceed()
{
    QFETCH(Security, imapSecurity);
    QFETCH(Security, smtpSecurity);
    Account a = account();
    a.setImapSecurity(imapSecurity);
    a.setImapPort(imapSecurity == Security::ImplicitTls ? m_stack.imapTlsPort()
                                                        : m_stack.imapStartTlsPort());
    a.setSmtpSecurity(smtpSecurity);
    a.setSmtpPort(smtpSecurity == Security::ImplicitTls ? m_stack.smtpTlsPort()
                                                        : m_stack.smtpStartTlsPort());
    ServerConnectionTester tester;
    QSignalSpy steps(&tester, &ConnectionTester::stepStarted);
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).server, Server::Imap);
    QCOMPARE(results.at(1).server, Server::Smtp);
    QVERIFY2(results.at(0).isSuccess(), qPrintable(results.at(0).detail));
    QVERIFY2(results.at(1).isSuccess(), qPrintable(results.at(1).detail));
    // Both servers' login steps were reported as they happened.
    QSet<int> loggingIn;
    for (const QList<QVariant> &step : std::as_const(steps))
        if (step.at(1).toString().contains(QLatin1String("Logging in")))
            loggingIn.insert(step.at(0).toInt());
    QCOMPARE(loggingIn, (QSet<int> {int(Server::Imap), int(Server::Smtp)}));
    QVERIFY(!tester.isRunning());
}

void TestServerConnectionTester::wrongPasswordIsAnAuthenticationFailure()
{
    Account a = account(QStringLiteral("bob"));
    ServerConnectionTester tester;
    QList<ConnectionTestResult> results = run(tester, a, QStringLiteral("not-the-password"));
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).server, Server::Imap);
    QCOMPARE(results.at(0).outcome, Outcome::AuthenticationFailed);
    QVERIFY(!results.at(0).serverText.isEmpty()); // the server's own words
    QCOMPARE(results.at(1).server, Server::Smtp);
    QCOMPARE(results.at(1).outcome, Outcome::AuthenticationFailed);

    // With IMAP pointing at a closed port, the authentication failure can only be SMTP's.
    a.setImapPort(closedPort());
    results = run(tester, a, QStringLiteral("not-the-password"));
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::ConnectionRefused);
    QCOMPARE(results.at(1).outcome, Outcome::AuthenticationFailed);
}

void TestServerConnectionTester::unchangedPasswordFieldTestsTheStoredPassword()
{
    // An existing account: the dialog's password field is left empty ("unchanged").
    Account a = account(QStringLiteral("bob"));
    a.setId(QStringLiteral("stored-bob"));
    MemorySecretStore secrets;
    bool written = false;
    secrets.writePassword(a.id(), m_stack.password(), this,
                          [&](const SecretStore::Reply &) { written = true; });
    QTRY_VERIFY(written);
    ServerConnectionTester tester;
    tester.setSecretStore(&secrets);
    const QList<ConnectionTestResult> results = run(tester, a, QString());
    QCOMPARE(results.size(), 2);
    QVERIFY2(results.at(0).isSuccess(), qPrintable(results.at(0).detail));
    QVERIFY2(results.at(1).isSuccess(), qPrintable(results.at(1).detail));

    // A password typed into the field is the one tested, whatever is stored.
    const QList<ConnectionTestResult> typed = run(tester, a, QStringLiteral("not-the-password"));
    QCOMPARE(typed.size(), 2);
    QCOMPARE(typed.at(0).outcome, Outcome::AuthenticationFailed);
}

void TestServerConnectionTester::closedPortIsRefused()
{
    Account a = account();
    a.setSmtpPort(closedPort());
    ServerConnectionTester tester;
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QVERIFY(results.at(0).isSuccess());
    QCOMPARE(results.at(1).server, Server::Smtp);
    QCOMPARE(results.at(1).outcome, Outcome::ConnectionRefused);
}

void TestServerConnectionTester::unknownHostIsANameLookupFailure()
{
    Account a = account();
    a.setImapHost(QStringLiteral("nonexistent.invalid"));
    a.setSmtpHost(QStringLiteral("nonexistent.invalid"));
    ServerConnectionTester tester;
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::HostNotFound);
    QCOMPARE(results.at(1).outcome, Outcome::HostNotFound);
}

void TestServerConnectionTester::untrustedCertificateCarriesItsChain()
{
    Account a = account();
    a.setCaFilePath(QString());
    ServerConnectionTester tester;
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    for (const ConnectionTestResult &result : results) {
        QCOMPARE(result.outcome, Outcome::CertificateUntrusted);
        QVERIFY(!result.certificateChain.isEmpty());
        QVERIFY(!result.detail.isEmpty()); // why the chain did not validate
        const QSslCertificate leaf = result.certificateChain.constFirst();
        QVERIFY(leaf.subjectAlternativeNames().values().contains(m_stack.tlsName()));
        // The chain is the stack's: its issuer is the stack's CA.
        QCOMPARE(leaf.issuerInfo(QSslCertificate::CommonName),
                 m_stack.caCertificates().constFirst().subjectInfo(QSslCertificate::CommonName));
        QCOMPARE(Account::fingerprint(leaf).size(), 64);
        QCOMPARE(Account::fingerprint(leaf),
                 CertificateInfo::sha256Digest(leaf).toHex()); // one fingerprint, two spellings
    }
}

void TestServerConnectionTester::pinnedCertificateIsAccepted()
{
    Account a = account();
    a.setCaFilePath(QString());
    ServerConnectionTester tester;
    QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::CertificateUntrusted);
    a.setImapPinnedFingerprints({Account::fingerprint(results.at(0).certificateChain.first())});
    a.setSmtpPinnedFingerprints({Account::fingerprint(results.at(1).certificateChain.first())});
    results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QVERIFY2(results.at(0).isSuccess(), qPrintable(results.at(0).detail));
    QVERIFY2(results.at(1).isSuccess(), qPrintable(results.at(1).detail));
}

void TestServerConnectionTester::plainPortForTlsIsATlsFailure()
{
    // Implicit TLS towards the port that greets in plain text.
    Account a = account();
    a.setImapPort(m_stack.imapStartTlsPort());
    ServerConnectionTester tester;
    tester.setTimeout(10000);
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::TlsFailure);
    QVERIFY(results.at(1).isSuccess());
}

void TestServerConnectionTester::missingStartTlsIsReported()
{
    PlainServer imap("* OK ready\r\n", [](const QByteArray &line) {
        const QByteArray tag = line.split(' ').value(0);
        return "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + " OK done\r\n";
    });
    PlainServer smtp("220 plain.example ESMTP\r\n", [](const QByteArray &line) -> QByteArray {
        if (line.startsWith("EHLO"))
            return "250-plain.example\r\n250 AUTH PLAIN\r\n";
        return "221 bye\r\n";
    });
    Account a = account();
    a.setImapPort(imap.serverPort());
    a.setImapSecurity(Security::StartTls);
    a.setSmtpPort(smtp.serverPort());
    a.setSmtpSecurity(Security::StartTls);
    ServerConnectionTester tester;
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::StartTlsUnavailable);
    QCOMPARE(results.at(1).outcome, Outcome::StartTlsUnavailable);
}

void TestServerConnectionTester::silentServerTimesOut()
{
    PlainServer silent(QByteArray(), [](const QByteArray &) { return QByteArray(); });
    Account a = account();
    a.setImapPort(silent.serverPort());
    a.setImapSecurity(Security::StartTls);
    ServerConnectionTester tester;
    tester.setTimeout(500);
    const QList<ConnectionTestResult> results = run(tester, a, m_stack.password());
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).outcome, Outcome::Timeout);
    QVERIFY(results.at(1).isSuccess());
}

void TestServerConnectionTester::cancelStopsTheTest()
{
    PlainServer silent(QByteArray(), [](const QByteArray &) { return QByteArray(); });
    Account a = account();
    a.setImapPort(silent.serverPort());
    a.setImapSecurity(Security::StartTls);
    ServerConnectionTester tester;
    QSignalSpy results(&tester, &ConnectionTester::serverFinished);
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    QSignalSpy steps(&tester, &ConnectionTester::stepStarted);
    tester.start(a, m_stack.password());
    QTRY_VERIFY(steps.size() >= 2); // connected, waiting for the greeting
    tester.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().at(0).value<ConnectionTestResult>().outcome, Outcome::Cancelled);
    QVERIFY(!tester.isRunning());
}

QTEST_GUILESS_MAIN(TestServerConnectionTester)
#include "tst_serverconnectiontester.moc"
