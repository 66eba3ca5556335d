// Submits through the real Postfix of the local mail stack and reads back through Dovecot.
#include "mailstackinfo.h"
#include "net/ssltransport.h"
#include "smtp/smtpclient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using Delivery = SmtpSubmission::Delivery;
using Stage = SmtpSubmission::Stage;

class TestSmtpSubmission : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sendsToLocalAndExternal_data();
    void sendsToLocalAndExternal();
    void wrongPassword();
    void refusedRecipient();
    void overSizeLimitRefusedEarly();
    void untrustedCertificateRefused();

private:
    struct Session
    {
        SslTransport transport;
        SmtpClient client {&transport};
    };
    void configure(Session &session, Security security, const QString &password = {});
    QByteArray message(const QByteArray &token, const QString &to) const;
    // Runs doveadm search for the token in user's INBOX; true once found (polls for delivery).
    bool waitForDelivery(const QString &user, const QByteArray &token, int timeoutMs = 20000);
    SmtpSubmission *run(Session &session, const SmtpEnvelope &envelope, const QByteArray &bytes);

    MailStackInfo m_stack;
};

void TestSmtpSubmission::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY(!m_stack.caCertificates().isEmpty());
    QVERIFY(m_stack.smtpStartTlsPort() != 0);
    QVERIFY(m_stack.smtpTlsPort() != 0);
}

void TestSmtpSubmission::configure(Session &session, Security security, const QString &password)
{
    session.transport.setCaCertificates(m_stack.caCertificates());
    session.transport.setPeerVerifyName(m_stack.tlsName());
    session.transport.setConnectTimeout(15000);
    SmtpSettings settings;
    settings.host = m_stack.host();
    settings.port = security == Security::ImplicitTls ? m_stack.smtpTlsPort()
                                                      : m_stack.smtpStartTlsPort();
    settings.security = security;
    settings.userName = m_stack.address(QStringLiteral("alice"));
    settings.password = password.isEmpty() ? m_stack.password() : password;
    settings.ehloName = "heron.test";
    settings.timeouts = {30000, 30000, 30000, 30000, 60000};
    session.client.setSettings(settings);
}

QByteArray TestSmtpSubmission::message(const QByteArray &token, const QString &to) const
{
    return "From: Alice <" + m_stack.address(QStringLiteral("alice")).toUtf8() + ">\r\n"
           + "To: " + to.toUtf8() + "\r\n" + "Subject: Heron submission test\r\n" + "Message-ID: <"
           + token + "@heron.test>\r\n" + "X-Heron-Token: " + token + "\r\n"
           + "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=utf-8\r\n"
           + "Content-Transfer-Encoding: 8bit\r\n\r\n"
           + "Hello Bob,\r\n.a line starting with a dot\r\nCaf\xc3\xa9 cr\xc3\xa8me.\r\n";
}

SmtpSubmission *TestSmtpSubmission::run(Session &session, const SmtpEnvelope &envelope,
                                        const QByteArray &bytes)
{
    SmtpSubmission *submission = session.client.submit(envelope, bytes);
    QSignalSpy finished(submission, &SmtpSubmission::finished);
    if (!finished.wait(60000))
        qWarning("submission did not finish");
    return submission;
}

bool TestSmtpSubmission::waitForDelivery(const QString &user, const QByteArray &token, int timeoutMs)
{
    const QStringList search {QStringLiteral("search"),
                              QStringLiteral("-u"),
                              user,
                              QStringLiteral("mailbox"),
                              QStringLiteral("INBOX"),
                              QStringLiteral("HEADER"),
                              QStringLiteral("X-Heron-Token"),
                              QString::fromLatin1(token)};
    return QTest::qWaitFor([&] { return !m_stack.doveadm(search).trimmed().isEmpty(); }, timeoutMs);
}

void TestSmtpSubmission::sendsToLocalAndExternal_data()
{
    QTest::addColumn<int>("security");
    QTest::newRow("STARTTLS (587-style)") << int(Security::StartTls);
    QTest::newRow("implicit TLS (465-style)") << int(Security::ImplicitTls);
}

void TestSmtpSubmission::sendsToLocalAndExternal()
{
    QFETCH(int, security);
    Session session;
    configure(session, Security(security));
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString bob = m_stack.address(QStringLiteral("bob"));
    const QString outside = QStringLiteral("someone@elsewhere.example");
    SmtpSubmission *submission = run(session,
                                     {m_stack.address(QStringLiteral("alice")), {bob, outside}},
                                     message(token, bob));
    QVERIFY(submission->isFinished());
    QVERIFY2(!submission->error().isError(), qPrintable(submission->error().toString()));
    QCOMPARE(submission->delivery(), Delivery::Accepted);
    QVERIFY(session.transport.isEncrypted());
    QVERIFY(session.client.capabilities().supportsPipelining());
    QCOMPARE(submission->recipientResults().size(), 2);
    QVERIFY(submission->recipientResults().at(0).isAccepted());
    QVERIFY(submission->recipientResults().at(1).isAccepted());
    QVERIFY2(waitForDelivery(QStringLiteral("bob"), token), "not in bob's INBOX");
    QVERIFY2(waitForDelivery(QStringLiteral("catchall"), token), "not in the catch-all INBOX");
}

void TestSmtpSubmission::wrongPassword()
{
    Session session;
    configure(session, Security::StartTls, QStringLiteral("not-the-password"));
    SmtpSubmission *submission = run(session,
                                     {m_stack.address(QStringLiteral("alice")),
                                      {m_stack.address(QStringLiteral("bob"))}},
                                     message("wrong-password", QStringLiteral("bob")));
    QCOMPARE(submission->error().kind(), MailError::Kind::Authentication);
    QCOMPARE(submission->failedStage(), Stage::Auth);
    QCOMPARE(submission->delivery(), Delivery::NotSent);
    QCOMPARE(submission->failureReply().code(), 535);
}

void TestSmtpSubmission::refusedRecipient()
{
    Session session;
    configure(session, Security::ImplicitTls);
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString bob = m_stack.address(QStringLiteral("bob"));
    const QString nobody = m_stack.address(QStringLiteral("nobody-here"));
    SmtpSubmission *submission = run(session,
                                     {m_stack.address(QStringLiteral("alice")), {nobody, bob}},
                                     message(token, bob));
    QCOMPARE(submission->delivery(), Delivery::Accepted);
    QCOMPARE(submission->error().kind(), MailError::Kind::Protocol);
    QCOMPARE(submission->failedStage(), Stage::RcptTo);
    QCOMPARE(submission->refusedRecipients(), QStringList {nobody});
    const SmtpReply refusal = submission->recipientResults().at(0).reply;
    QCOMPARE(refusal.code() / 100, 5);
    QVERIFY2(refusal.enhancedCode().startsWith("5.1."), qPrintable(refusal.toString()));
    QVERIFY2(waitForDelivery(QStringLiteral("bob"), token), "not in bob's INBOX");
}

void TestSmtpSubmission::overSizeLimitRefusedEarly()
{
    const qint64 limit = m_stack.value("SMTP_SIZE_LIMIT").toLongLong();
    QVERIFY(limit > 0);
    Session session;
    configure(session, Security::StartTls);
    QByteArray big = message("too-big", QStringLiteral("bob"));
    big.append(QByteArray(limit + 1 - big.size(), 'a'));
    SmtpSubmission *submission = run(session,
                                     {m_stack.address(QStringLiteral("alice")),
                                      {m_stack.address(QStringLiteral("bob"))}},
                                     big);
    QCOMPARE(submission->error().kind(), MailError::Kind::Limit);
    QCOMPARE(submission->failedStage(), Stage::MailFrom);
    QCOMPARE(submission->delivery(), Delivery::NotSent);
    QCOMPARE(submission->bytesSent(), 0);
    QCOMPARE(session.client.capabilities().sizeLimit(), limit);
}

void TestSmtpSubmission::untrustedCertificateRefused()
{
    Session session;
    configure(session, Security::ImplicitTls);
    session.transport.setCaCertificates({}); // the stack's CA is not known: the user is asked
    QSignalSpy asked(&session.transport, &Transport::certificateTrustRequested);
    connect(&session.transport, &Transport::certificateTrustRequested, &session.transport,
            [&session] { session.transport.answerTrust(false); });
    SmtpSubmission *submission = run(session,
                                     {m_stack.address(QStringLiteral("alice")),
                                      {m_stack.address(QStringLiteral("bob"))}},
                                     message("untrusted", QStringLiteral("bob")));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(submission->error().kind(), MailError::Kind::Tls);
    QCOMPARE(submission->failedStage(), Stage::Connect);
    QCOMPARE(submission->delivery(), Delivery::NotSent);
}

QTEST_GUILESS_MAIN(TestSmtpSubmission)
#include "tst_smtpsubmission.moc"
