// The account's Authentication choice and the outgoing server's own login, against the local
// Dovecot and Postfix (submission authenticating through Dovecot's SASL).
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "mime/outgoingmessage.h"
#include "outbox/messagesender.h"
#include "serverlog.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

class TestAccountLogin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void chosenMechanismLogsIn_data();
    void chosenMechanismLogsIn();
    void mechanismTheServerLacksIsRefusedWithoutSendingTheSecret();
    void submissionWithItsOwnLogin();
    void submissionOwnLoginRefusedAsksForItsPassword();

private:
    Account account(const QString &user) const;
    void store(const QString &key, const QString &password);
    OutgoingMessage message(const QString &subject) const;

    MailStackInfo m_stack;
    QString m_dovecotLog;
    QString m_postfixLog; // Postfix names the SASL method of each authenticated client
    std::unique_ptr<QTemporaryDir> m_dir;
    MemorySecretStore m_secrets;
};

void TestAccountLogin::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    m_dovecotLog = m_stack.dir() + QStringLiteral("/log/dovecot.log");
    m_postfixLog = m_stack.dir() + QStringLiteral("/log/postfix.log");
    QVERIFY2(QFileInfo::exists(m_dovecotLog), qPrintable(m_dovecotLog));
}

void TestAccountLogin::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

Account TestAccountLogin::account(const QString &user) const
{
    Account a;
    a.setId(user + QUuid::createUuid().toString(QUuid::Id128).left(6));
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
    a.setServerSavesSentMail(true); // no Sent copy: these tests are about the logins
    return a;
}

void TestAccountLogin::store(const QString &key, const QString &password)
{
    bool written = false;
    m_secrets.writePassword(key, password, this,
                            [&](const SecretStore::Reply &) { written = true; });
    QTRY_VERIFY(written);
}

OutgoingMessage TestAccountLogin::message(const QString &subject) const
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), m_stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    m.subject = subject;
    m.plainBody = QStringLiteral("Hello Bob.\n");
    return m;
}

void TestAccountLogin::chosenMechanismLogsIn_data()
{
    QTest::addColumn<int>("mechanism");
    QTest::addColumn<QByteArray>("method"); // as Dovecot and Postfix log it
    QTest::addRow("automatic") << int(Account::AuthMethod::Auto) << QByteArray("PLAIN");
    QTest::addRow("PLAIN") << int(Account::AuthMethod::Plain) << QByteArray("PLAIN");
    QTest::addRow("LOGIN") << int(Account::AuthMethod::Login) << QByteArray("LOGIN");
}

void TestAccountLogin::chosenMechanismLogsIn()
{
    QFETCH(int, mechanism);
    QFETCH(QByteArray, method);
    Account a = account(QStringLiteral("alice"));
    a.setAuthMethod(Account::AuthMethod(mechanism));
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    const qint64 postfixStart = ServerLog::size(m_postfixLog);
    store(a.id(), m_stack.password());
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    running.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running.service()->state(), AccountService::State::Online, 20000);
    const QByteArray user = m_stack.address(QStringLiteral("alice")).toUtf8();
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_dovecotLog, dovecotStart)
                                      .contains("Login: user=<" + user + ">, method=" + method),
                              ServerLog::since(m_dovecotLog, dovecotStart).constData(), 10000);

    // Postfix takes the same choice (Dovecot offers PLAIN and LOGIN to it).
    const QString subject = QStringLiteral("Login check ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QSignalSpy sent(running.sender(), &MessageSender::sent);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY(!running.sender()->send(message(subject), &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_postfixLog, postfixStart)
                                      .contains("sasl_method=" + method + ", sasl_username=" + user),
                              ServerLog::since(m_postfixLog, postfixStart).constData(), 10000);
}

void TestAccountLogin::mechanismTheServerLacksIsRefusedWithoutSendingTheSecret()
{
    // Dovecot here offers PLAIN and LOGIN only: an OAuth choice must not fall back to them.
    Account a = account(QStringLiteral("alice"));
    a.setAuthMethod(Account::AuthMethod::XOAuth2);
    store(a.id(), m_stack.password());
    const qint64 dovecotStart = ServerLog::size(m_dovecotLog);
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    QSignalSpy asked(running.service(), &AccountService::passwordRequested);
    running.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running.service()->state(), AccountService::State::Failed, 20000);
    QVERIFY2(running.service()->stateDetail().contains(QStringLiteral("XOAUTH2")),
             qPrintable(running.service()->stateDetail()));
    QCOMPARE(asked.size(), 0); // not a wrong password: nothing to ask
    // Dovecot saw a connection end without any login attempt.
    QTRY_VERIFY_WITH_TIMEOUT(ServerLog::since(m_dovecotLog, dovecotStart).contains("imap-login: "),
                             10000);
    const QByteArray log = ServerLog::since(m_dovecotLog, dovecotStart);
    QVERIFY2(!log.contains("Login: user=") && !log.contains("auth failed"), log.constData());

    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY(!running.sender()->send(message(QStringLiteral("never sent")), &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    QCOMPARE(failed.first().at(1).value<MailError>().kind(), MailError::Kind::Policy);
}

void TestAccountLogin::submissionWithItsOwnLogin()
{
    // Alice reads as alice and sends as bob. Only bob's password is stored for the outgoing
    // server: were alice's asked for, the incoming question would come up.
    Account a = account(QStringLiteral("alice"));
    a.setSmtpUserName(m_stack.address(QStringLiteral("bob")));
    a.setAuthMethod(Account::AuthMethod::Login);
    store(Account::submissionSecretId(a.id()), m_stack.password());
    const qint64 postfixStart = ServerLog::size(m_postfixLog);
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    QSignalSpy imapAsked(running.service(), &AccountService::passwordRequested);
    QSignalSpy smtpAsked(running.service(), &AccountService::submissionPasswordRequested);
    QSignalSpy sent(running.sender(), &MessageSender::sent);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    const QString subject = QStringLiteral("Own login ")
                            + QUuid::createUuid().toString(QUuid::Id128).left(8);
    MailError error;
    QVERIFY(!running.sender()->send(message(subject), &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
    QCOMPARE(imapAsked.size(), 0);
    QCOMPARE(smtpAsked.size(), 0);
    // Postfix saw bob log in, with the mechanism chosen.
    const QByteArray bob = m_stack.address(QStringLiteral("bob")).toUtf8();
    QTRY_VERIFY2_WITH_TIMEOUT(ServerLog::since(m_postfixLog, postfixStart)
                                      .contains("sasl_method=LOGIN, sasl_username=" + bob),
                              ServerLog::since(m_postfixLog, postfixStart).constData(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_stack.doveadm({QStringLiteral("search"), QStringLiteral("-u"),
                                               m_stack.address(QStringLiteral("bob")),
                                               QStringLiteral("mailbox"), QStringLiteral("INBOX"),
                                               QStringLiteral("subject"), subject})
                                      .trimmed()
                                      .isEmpty(),
                             20000);
}

void TestAccountLogin::submissionOwnLoginRefusedAsksForItsPassword()
{
    Account a = account(QStringLiteral("alice"));
    a.setSmtpUserName(m_stack.address(QStringLiteral("bob")));
    store(a.id(), m_stack.password());
    store(Account::submissionSecretId(a.id()), QStringLiteral("not bob's password"));
    RunningAccount running(a, &m_secrets, nullptr, m_dir->path());
    QVERIFY(!running.open());
    QSignalSpy smtpAsked(running.service(), &AccountService::submissionPasswordRequested);
    QSignalSpy imapAsked(running.service(), &AccountService::passwordRequested);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY(!running.sender()->send(message(QStringLiteral("refused")), &error).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
    QCOMPARE(failed.first().at(1).value<MailError>().kind(), MailError::Kind::Authentication);
    QTRY_COMPARE(smtpAsked.size(), 1);
    QCOMPARE(smtpAsked.first().first().value<AccountService::PasswordReason>(),
             AccountService::PasswordReason::Rejected);
    QCOMPARE(imapAsked.size(), 0);
}

QTEST_GUILESS_MAIN(TestAccountLogin)
#include "tst_accountlogin.moc"
