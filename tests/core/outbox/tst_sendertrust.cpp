// The submission server's certificate question: asked through MessageSender, answered by the
// owner; accepted continues the send, refused fails the message, unheard is refused.
#include "../../ui/testcertificates.h"
#include "senderharness.h"

#include <QSignalSpy>
#include <QTest>

using namespace SenderScripts;
using State = OutboxEntry::State;

class TestSenderTrust : public SenderHarness
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { tearDown(); }

    void acceptedCertificateContinuesTheSend();
    void refusedCertificateFailsTheMessage();
    void unansweredQuestionIsRefused();

private:
    QList<QSslCertificate> m_chain;
};

void TestSenderTrust::init()
{
    setUp();
    m_chain = QSslCertificate::fromData(TestCertificates::first);
    QCOMPARE(m_chain.size(), 1);
    m_configureTransport = [this](FakeTransport *transport) {
        transport->setConnectOutcome(FakeTransport::Outcome::AskTrust);
        transport->setTrustRequest(m_chain, QStringLiteral("The issuer is unknown"));
        transport->setFailureError(
                MailError(MailError::Kind::Tls, QStringLiteral("The certificate was not trusted")));
    };
}

void TestSenderTrust::acceptedCertificateContinuesTheSend()
{
    m_scripts = {accepted()};
    QSignalSpy asked(m_sender.get(), &MessageSender::trustRequested);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(message());

    QTRY_COMPARE(asked.size(), 1);
    QCOMPARE(asked.first().at(0).toString(), id);
    QCOMPARE(asked.first().at(1).value<QList<QSslCertificate>>(), m_chain);
    QCOMPARE(asked.first().at(2).toString(), QStringLiteral("The issuer is unknown"));
    QVERIFY(m_sender->isAwaitingTrust());
    // Nothing moves while the question is open.
    QTest::qWait(50);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(m_sender->entries().first().state, State::Sending);

    m_sender->answerTrust(true);
    QVERIFY(!m_sender->isAwaitingTrust());
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first().at(0).toString(), id);
    QTRY_VERIFY2(server(0)->isComplete(), qPrintable(server(0)->status()));
    QVERIFY(m_transports.size() == 1);
    // A late second answer changes nothing.
    m_sender->answerTrust(false);
    QVERIFY(m_sender->entries().isEmpty());
}

void TestSenderTrust::refusedCertificateFailsTheMessage()
{
    m_scripts = {Script()};
    QSignalSpy asked(m_sender.get(), &MessageSender::trustRequested);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    const QString id = m_sender->send(message());
    QTRY_COMPARE(asked.size(), 1);
    m_sender->answerTrust(false);

    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), id);
    QCOMPARE(failed.first().at(1).value<MailError>().kind(), MailError::Kind::Tls);
    QCOMPARE(m_sender->entries().first().state, State::Failed);
    // A certificate refusal waits for the user: no automatic retry.
    QTest::qWait(100);
    QCOMPARE(retrying.size(), 0);
    QCOMPARE(m_transports.size(), 1);
}

void TestSenderTrust::unansweredQuestionIsRefused()
{
    // A fresh sender nobody listens to for certificate questions.
    m_scripts = {Script()};
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    m_sender->send(message());
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(m_transports.first().isNull() || m_transports.first()->trustAnswered());
    QCOMPARE(failed.first().at(1).value<MailError>().kind(), MailError::Kind::Tls);
    QVERIFY(!m_sender->isAwaitingTrust());
}

QTEST_GUILESS_MAIN(TestSenderTrust)
#include "tst_sendertrust.moc"
