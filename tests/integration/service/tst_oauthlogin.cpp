// OAuth 2.0 against the real servers: the mail stack's OAuth Dovecot (IMAP over TLS, its oauth2
// passdb checking every token with the test's authorization server through RFC 7662
// introspection) and Postfix's OAuth submission port authenticating through that Dovecot's SASL.
// The test runs the authorization server (OAuthTestServer) on the port the stack reserved.
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "mime/outgoingmessage.h"
#include "oauth/oauth2tokenmanager.h"
#include "oauthtestserver.h"
#include "outbox/messagesender.h"
#include "serverlog.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestOAuthLogin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signInLoginAndSend();
    void chosenOAuthMechanismIsUsed_data();
    void chosenOAuthMechanismIsUsed();
    void expiredTokenIsRefreshedOnceRefused();
    void tokenIsReplacedBeforeItExpires();
    void revokedAccessAsksToSignInAgain();

private:
    Account account() const;
    // A running account signed in with a refresh token stored earlier.
    std::unique_ptr<RunningAccount> signedIn(const Account &a);
    OutgoingMessage message(const QString &subject) const;

    MailStackInfo m_stack;
    QString m_dovecotLog;
    QString m_postfixLog;
    std::unique_ptr<OAuthTestServer> m_auth;
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
    QNetworkAccessManager m_browser;
};

void TestOAuthLogin::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY2(m_stack.value("IMAP_OAUTH_PORT").toUInt() > 0, "the stack has no OAuth Dovecot");
    m_dovecotLog = m_stack.dir() + QStringLiteral("/log/dovecot-oauth.log");
    m_postfixLog = m_stack.dir() + QStringLiteral("/log/postfix.log");
}

void TestOAuthLogin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_auth = std::make_unique<OAuthTestServer>();
    const quint16 port = quint16(m_stack.value("OAUTH_INTROSPECTION_PORT").toUInt());
    QVERIFY2(QTest::qWaitFor([&] { return m_auth->listenOn(port); }, 10000),
             "the introspection port is taken");
}

void TestOAuthLogin::cleanup()
{
    m_auth.reset();
}

Account TestOAuthLogin::account() const
{
    Account a;
    a.setId(QStringLiteral("oauth-") + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(QStringLiteral("Alice"));
    a.setAddress(m_stack.address(QStringLiteral("alice")));
    a.setUserName(m_stack.address(QStringLiteral("alice")));
    a.setImapHost(m_stack.host());
    a.setImapPort(quint16(m_stack.value("IMAP_OAUTH_PORT").toUInt()));
    a.setImapSecurity(Security::ImplicitTls);
    a.setSmtpHost(m_stack.host());
    a.setSmtpPort(quint16(m_stack.value("SMTP_OAUTH_PORT").toUInt()));
    a.setSmtpSecurity(Security::ImplicitTls);
    a.setCaFilePath(m_stack.caFile());
    a.setServerSavesSentMail(true);
    a.setAuthMethod(Account::AuthMethod::OAuth2);
    return a;
}

std::unique_ptr<RunningAccount> TestOAuthLogin::signedIn(const Account &a)
{
    bool written = false;
    m_secrets.writePassword(OAuth2TokenManager::refreshTokenSecretId(a.id()),
                            m_auth->issueRefreshToken(m_stack.address(QStringLiteral("alice"))),
                            this, [&](const SecretStore::Reply &) { written = true; });
    if (!QTest::qWaitFor([&] { return written; }, 5000))
        return {};
    auto running = std::make_unique<RunningAccount>(a, &m_secrets, nullptr, m_dir->path());
    if (running->open())
        return {};
    running->service()->setOAuth2Provider(m_auth->provider());
    return running;
}

OutgoingMessage TestOAuthLogin::message(const QString &subject) const
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), m_stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    m.subject = subject;
    m.plainBody = QStringLiteral("Signed in with OAuth 2.0.\n");
    return m;
}

void TestOAuthLogin::signInLoginAndSend()
{
    const Account a = account();
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    AccountService *service = running.service();
    service->setOAuth2Provider(m_auth->provider());
    QVERIFY(service->usesOAuth2());
    // The user's browser: approves as alice and follows the redirect to Heron's listener.
    connect(service, &AccountService::browserRequested, this, [this](const QUrl &url) {
        const QUrl redirect = m_auth->approve(url, m_stack.address(QStringLiteral("alice")));
        QNetworkReply *reply = m_browser.get(QNetworkRequest(redirect));
        connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    });
    QSignalSpy asked(service, &AccountService::passwordRequested);
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    const qint64 postfixStart = ServerLog::size(m_postfixLog);

    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
    QCOMPARE(asked.at(0).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::SignInRequired);
    service->signIn();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Online, 20000);
    // The stack's Dovecot offers both: OAUTHBEARER is taken, and the token was introspected.
    const QByteArray user = m_stack.address(QStringLiteral("alice")).toUtf8();
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_dovecotLog, dovecotStart)
                                      .contains("Login: user=<" + user + ">, method=OAUTHBEARER"),
                              ServerLog::since(m_dovecotLog, dovecotStart).constData(), 10000);
    QVERIFY(m_auth->introspections() >= 1);
    QVERIFY(m_secrets.contains(OAuth2TokenManager::refreshTokenSecretId(a.id())));
    QVERIFY(!m_secrets.contains(a.id()));

    // Sending logs in to Postfix with the same token, through the OAuth Dovecot's SASL.
    const QString subject = QStringLiteral("OAuth send ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QSignalSpy sent(running.sender(), &MessageSender::sent);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY(!running.sender()->send(message(subject), &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_postfixLog, postfixStart)
                                      .contains("sasl_method=OAUTHBEARER, sasl_username=" + user),
                              ServerLog::since(m_postfixLog, postfixStart).constData(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_stack.doveadm({QStringLiteral("search"), QStringLiteral("-u"),
                                               m_stack.address(QStringLiteral("bob")),
                                               QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                               QStringLiteral("subject"), subject})
                                      .trimmed()
                                      .isEmpty(),
                             20000);
    QCOMPARE(asked.size(), 1);
}

void TestOAuthLogin::chosenOAuthMechanismIsUsed_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("logged"); // as Dovecot and Postfix log it
    QTest::addRow("XOAUTH2") << int(Account::AuthMethod::XOAuth2) << QByteArray("XOAUTH2");
    QTest::addRow("OAUTHBEARER") << int(Account::AuthMethod::OAuthBearer)
                                 << QByteArray("OAUTHBEARER");
}

// The Authentication choice names the mechanism: both servers offer both, and IMAP and SMTP
// each log in with the one chosen.
void TestOAuthLogin::chosenOAuthMechanismIsUsed()
{
    QFETCH(int, method);
    QFETCH(QByteArray, logged);
    Account a = account();
    a.setAuthMethod(Account::AuthMethod(method));
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    const qint64 postfixStart = ServerLog::size(m_postfixLog);
    const std::unique_ptr<RunningAccount> running = signedIn(a);
    QVERIFY(running);
    running->service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running->service()->state(), AccountService::State::Online, 20000);
    const QByteArray user = m_stack.address(QStringLiteral("alice")).toUtf8();
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_dovecotLog, dovecotStart)
                                      .contains("Login: user=<" + user + ">, method=" + logged),
                              ServerLog::since(m_dovecotLog, dovecotStart).constData(), 10000);

    QSignalSpy sent(running->sender(), &MessageSender::sent);
    QSignalSpy failed(running->sender(), &MessageSender::failed);
    MailError error;
    QVERIFY(!running->sender()
                     ->send(message(QStringLiteral("OAuth ") + QString::fromLatin1(logged)), &error)
                     .isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_postfixLog, postfixStart)
                                      .contains("sasl_method=" + logged + ", sasl_username=" + user),
                              ServerLog::since(m_postfixLog, postfixStart).constData(), 10000);
}

void TestOAuthLogin::expiredTokenIsRefreshedOnceRefused()
{
    std::unique_ptr<RunningAccount> running = signedIn(account());
    QVERIFY(running);
    AccountService *service = running->service();
    QSignalSpy asked(service, &AccountService::passwordRequested);
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Online, 20000);
    QCOMPARE(m_auth->tokenRequests().size(), 1);

    // The provider ends the token early; Heron still takes it for valid, Dovecot refuses it.
    m_auth->expireAccessTokens();
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    service->disconnectFromServer();
    service->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(m_auth->tokenRequests().size() == 2
                                     && service->state() == AccountService::State::Online,
                             20000);
    const QByteArray log = ServerLog::since(m_dovecotLog, dovecotStart);
    QVERIFY2(log.contains("Introspection failed") || log.contains("not valid")
                     || log.contains("auth failed"),
             log.constData());
    QCOMPARE(m_auth->tokenRequests().constLast().grantType, QStringLiteral("refresh_token"));
    QCOMPARE(asked.size(), 0);
}

void TestOAuthLogin::tokenIsReplacedBeforeItExpires()
{
    m_auth->setAccessTokenLifetime(4); // replaced after about two seconds
    std::unique_ptr<RunningAccount> running = signedIn(account());
    QVERIFY(running);
    AccountService *service = running->service();
    QSignalSpy asked(service, &AccountService::passwordRequested);
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Online, 20000);
    const QString first = m_auth->issuedAccessTokens().constLast();
    // Nobody asks for it: a new token arrives while the first is still valid.
    QTRY_VERIFY_WITH_TIMEOUT(m_auth->issuedAccessTokens().size() >= 2, 15000);
    const QString second = m_auth->issuedAccessTokens().at(1);
    QVERIFY(second != first);
    // Once the first one has run out, a new login uses the replacement without a refusal.
    QTRY_VERIFY_WITH_TIMEOUT(!m_auth->isActive(first), 10000);
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    service->disconnectFromServer();
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Online, 20000);
    const QByteArray log = ServerLog::since(m_dovecotLog, dovecotStart);
    QVERIFY2(log.contains("Login: user=<"), log.constData());
    QCOMPARE(asked.size(), 0);
}

void TestOAuthLogin::revokedAccessAsksToSignInAgain()
{
    std::unique_ptr<RunningAccount> running = signedIn(account());
    QVERIFY(running);
    AccountService *service = running->service();
    QSignalSpy asked(service, &AccountService::passwordRequested);
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(service->state(), AccountService::State::Online, 20000);

    // The user withdraws Heron's access at the provider: the token and the refresh token die.
    m_auth->revokeAll();
    service->disconnectFromServer();
    service->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
    QCOMPARE(asked.at(0).at(0).value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::SignInRequired);
    QVERIFY2(asked.at(0).at(1).toString().contains(QStringLiteral("invalid_grant")),
             qPrintable(asked.at(0).at(1).toString()));
    QVERIFY(service->state() != AccountService::State::Online);
    QTRY_VERIFY(
            !m_secrets.contains(OAuth2TokenManager::refreshTokenSecretId(running->account().id())));
}

QTEST_GUILESS_MAIN(TestOAuthLogin)
#include "tst_oauthlogin.moc"
