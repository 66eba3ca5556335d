// MessageSender over scripted SMTP sessions: one FakeTransport and one ScriptedServer per
// connection the sender opens (SenderHarness).
#include "senderharness.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace SenderScripts;
using State = OutboxEntry::State;

class TestMessageSender : public SenderHarness
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void successRemovesEntryAndEmitsSent();
    void bccInEnvelopeNotInBytes();
    void unsafeEnvelopeAddressRefused_data();
    void unsafeEnvelopeAddressRefused();
    void queueKeepsOrder();
    void noTransportFailsTheMessage();
    void permanentRefusal_data();
    void permanentRefusal();
    void transientFailureRetried_data();
    void transientFailureRetried();
    void transientFailuresExhausted();
    void unreachableServerWaitsForTheNextAttempt();
    void retryNowCancelsTheWait();
    void lostAfterFinalDotIsUnknown();
    void crashMidSendIsUnknownAfterRestart();
    void partialAcceptance();
    void settingsArriveLater();
    void buildFailureSendsNothing();
    void nonAsciiAddressIsBuiltForSmtpUtf8();
    void retryAndDiscardRules();
    void abortPutsMessageBack();
};

void TestMessageSender::successRemovesEntryAndEmitsSent()
{
    m_scripts = {accepted()};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy progress(m_sender.get(), &MessageSender::progress);
    QSignalSpy busy(m_sender.get(), &MessageSender::busyChanged);

    MailError error;
    const QString id = m_sender->send(message(), &error);
    QVERIFY2(!error, qPrintable(error.toString()));
    QVERIFY(!id.isEmpty());
    // Persisted before anything touches the network.
    QCOMPARE(m_transports.size(), 0);
    QCOMPARE(m_sender->entries().size(), 1);
    QCOMPARE(m_sender->entries().first().state, State::Queued);
    QCOMPARE(m_sender->entries().first().recipients,
             QStringList {QStringLiteral("bob@example.org")});
    QVERIFY(m_sender->hasUnsent());

    QTRY_COMPARE(sent.size(), 1);
    QVERIFY2(!server(0)->hasFailed(), qPrintable(server(0)->status()));
    QCOMPARE(m_persistedAtConnect, QList<bool> {true});
    QCOMPARE(sent.first().at(0).toString(), id);
    // The message as sent, in a file while sent() was delivered, gone after.
    QCOMPARE(m_deliveredBytes, QList<QByteArray> {m_sentBytes.first()});
    QVERIFY(sent.first().at(1).value<MessageSource>().isFile());
    QVERIFY(!QFile::exists(m_deliveredFiles.first()));
    QVERIFY(sent.first().at(2).value<QList<SmtpRecipientResult>>().isEmpty());
    QVERIFY(m_sender->entries().isEmpty());
    QVERIFY(!QFile::exists(m_store->messagePath(id)));
    QVERIFY(!m_sender->hasUnsent());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(1).toLongLong(), progress.constLast().at(2).toLongLong());
    QTRY_VERIFY(!m_sender->isBusy());
    QCOMPARE(busy.constFirst().at(0).toBool(), true);
    QCOMPARE(busy.constLast().at(0).toBool(), false);
    // The session ends politely and the sender lets go of it.
    QTRY_VERIFY2(server(0)->isComplete(), qPrintable(server(0)->status()));
    QTRY_VERIFY(m_transports.first().isNull());
}

void TestMessageSender::bccInEnvelopeNotInBytes()
{
    OutgoingMessage m = message();
    m.cc = {{QStringLiteral("Dave"), QStringLiteral("dave@example.org")}};
    m.bcc = {{QStringLiteral("Carol"), QStringLiteral("carol@example.org")}};
    m_scripts = {Greeting + Auth + Mail + rcpt("bob@example.org") + rcpt("dave@example.org")
                 + rcpt("carol@example.org") + data() + Quit};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(m);
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE(sent.size(), 1);
    QTRY_VERIFY2(server(0)->isComplete(), qPrintable(server(0)->status()));
    const QByteArray bytes = m_deliveredBytes.first();
    QVERIFY(bytes.contains("dave@example.org"));
    QVERIFY(!bytes.contains("carol"));
    QVERIFY(!bytes.contains("Carol"));
    QVERIFY(!bytes.toLower().contains("\nbcc:"));
}

void TestMessageSender::unsafeEnvelopeAddressRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("address");

    const QString smuggle = QStringLiteral("x@example.test>\r\nRCPT TO:<smuggled@evil.example");
    for (const QString &field : {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("cc"),
                                 QStringLiteral("bcc")}) {
        QTest::addRow("%s: CRLF and a command", qPrintable(field)) << field << smuggle;
    }
    QTest::newRow("bcc: bare LF") << QStringLiteral("bcc")
                                  << QStringLiteral("a@example.test\nRSET");
    QTest::newRow("bcc: bare CR") << QStringLiteral("bcc")
                                  << QStringLiteral("a@example.test\rRSET");
    QTest::newRow("bcc: NUL") << QStringLiteral("bcc")
                              << QStringLiteral("a") + QChar(0) + QStringLiteral("b@example.test");
    QTest::newRow("bcc: '>' ends the path")
            << QStringLiteral("bcc") << QStringLiteral("a@example.test> NOTIFY=NEVER");
    QTest::newRow("bcc: '<'") << QStringLiteral("bcc") << QStringLiteral("<a@example.test");
    QTest::newRow("bcc: tab") << QStringLiteral("bcc") << QStringLiteral("a\t@example.test");
    QTest::newRow("bcc: DEL") << QStringLiteral("bcc") << QStringLiteral("a\x7f@example.test");
    QTest::newRow("bcc: C1 control")
            << QStringLiteral("bcc") << QString::fromUtf16(u"a\u0085@example.test");
}

void TestMessageSender::unsafeEnvelopeAddressRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, address);
    QSignalSpy changed(m_sender.get(), &MessageSender::entriesChanged);
    OutgoingMessage m = message();
    const MailAddress bad {QStringLiteral("Someone"), address};
    if (field == u"from")
        m.from = bad;
    else if (field == u"to")
        m.to.append(bad);
    else if (field == u"cc")
        m.cc = {bad};
    else
        m.bcc = {bad};
    MailError error;
    QVERIFY(m_sender->send(m, &error).isEmpty());
    QCOMPARE(error.kind(), MailError::Kind::Policy);
    QVERIFY(!error.message().contains(QLatin1Char('\n')));
    QVERIFY(!error.message().contains(QLatin1Char('\r')));
    QTest::qWait(20);
    QVERIFY(m_sender->entries().isEmpty());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_transports.size(), 0);
}

void TestMessageSender::queueKeepsOrder()
{
    m_scripts = {accepted(), accepted(), accepted()};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids.append(m_sender->send(message(QString::number(i))));
    QCOMPARE(m_sender->entries().size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_sender->entries().at(i).id, ids.at(i));

    QTRY_COMPARE(sent.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(sent.at(i).at(0).toString(), ids.at(i));
    // One connection per message, each made once the message before it was done.
    QCOMPARE(m_transports.size(), 3);
    QCOMPARE(m_persistedAtConnect, QList<bool>({true, true, true}));
    for (int i = 0; i < 3; ++i)
        QTRY_VERIFY2(server(i)->isComplete(), qPrintable(server(i)->status()));
}

void TestMessageSender::nonAsciiAddressIsBuiltForSmtpUtf8()
{
    m_noTransport = true; // only the stored bytes matter here
    OutgoingMessage m = message();
    m.to = {{QStringLiteral("J\u00fcrgen"), QStringLiteral("j\u00fcrgen@example.org")}};
    MailError error;
    const QString id = m_sender->send(m, &error);
    QVERIFY2(!id.isEmpty(), qPrintable(error.toString()));
    auto device = m_store->openMessage(id);
    QVERIFY(device);
    const QByteArray bytes = device->readAll();
    QVERIFY(bytes.contains("j\xc3\xbcrgen@example.org"));
    QCOMPARE(m_store->entry(id).recipients,
             QStringList {QStringLiteral("j\u00fcrgen@example.org")});
}

void TestMessageSender::noTransportFailsTheMessage()
{
    m_noTransport = true;
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    const QString id = m_sender->send(message());
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(1).value<MailError>().kind(), MailError::Kind::Network);
    QCOMPARE(m_store->entry(id).state, State::Failed);
    QTRY_VERIFY(!m_sender->isBusy());

    m_noTransport = false;
    m_scripts = {accepted()};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QVERIFY(!m_sender->retry(id));
    QTRY_COMPARE(sent.size(), 1);
}

void TestMessageSender::permanentRefusal_data()
{
    QTest::addColumn<Script>("script");
    QTest::addColumn<QString>("serverText");

    QTest::newRow("5xx at RCPT") << Greeting + Auth + Mail
                                            + rcpt("bob@example.org",
                                                   "550 5.1.1 <bob@example.org>: User unknown")
                                            + Quit
                                 << QStringLiteral("550 5.1.1 <bob@example.org>: User unknown");
    QTest::newRow("5xx after the final dot")
            << Greeting + Auth + Mail + rcpt("bob@example.org")
                       + data("554 5.7.1 Message rejected as spam") + Quit
            << QStringLiteral("554 5.7.1 Message rejected as spam");
    QTest::newRow("5xx at DATA") << Greeting + Auth + Mail + rcpt("bob@example.org")
                                            + Script {"C: DATA",
                                                      "S: 554 5.3.2 Not accepting messages"}
                                            + Quit
                                 << QStringLiteral("554 5.3.2 Not accepting messages");
    QTest::newRow("authentication refused")
            << Greeting
                       + Script {"C: AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                                 "S: 535 5.7.8 Authentication credentials invalid"}
                       + Quit
            << QStringLiteral("535 5.7.8 Authentication credentials invalid");
}

void TestMessageSender::permanentRefusal()
{
    QFETCH(Script, script);
    QFETCH(QString, serverText);
    // The queue moves on: the next message leaves on a connection of its own.
    m_scripts = {script, accepted()};
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    const QString first = m_sender->send(message(QStringLiteral("first")));
    const QString second = m_sender->send(message(QStringLiteral("second")));

    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toString(), first);
    const MailError error = failed.first().at(1).value<MailError>();
    QCOMPARE(error.serverText(), serverText);
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first().at(0).toString(), second);
    QTRY_VERIFY2(server(0)->isComplete(), qPrintable(server(0)->status()));
    QTRY_VERIFY2(server(1)->isComplete(), qPrintable(server(1)->status()));
    // Refused, but reached.
    QCOMPARE(m_sender->submissionState(), MessageSender::SubmissionState::Reachable);

    // Persisted with the server's words, as a new process would see it.
    OutboxStore reopened(m_dir->filePath(QStringLiteral("outbox")));
    QVERIFY(!reopened.open());
    const QList<OutboxEntry> entries = reopened.entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().id, first);
    QCOMPARE(entries.first().state, State::Failed);
    QCOMPARE(entries.first().attempts, 1);
    QVERIFY2(entries.first().lastError.contains(serverText), qPrintable(entries.first().lastError));
    // Never retried by itself: the retry delays pass without a new connection.
    QTest::qWait(100);
    QCOMPARE(retrying.size(), 0);
    QCOMPARE(m_transports.size(), 2);
    QVERIFY(!m_sender->hasUnsent());
}

void TestMessageSender::transientFailureRetried_data()
{
    QTest::addColumn<Script>("script");

    QTest::newRow("4xx at RCPT") << Greeting + Auth + Mail
                                            + rcpt("bob@example.org",
                                                   "451 4.3.0 Temporary lookup failure")
                                            + Quit;
    QTest::newRow("4xx after the final dot")
            << Greeting + Auth + Mail + rcpt("bob@example.org")
                       + data("452 4.3.1 Insufficient system storage") + Quit;
    QTest::newRow("421 at the greeting")
            << Script {"S: 421 4.3.2 Service shutting down", "C: QUIT", "S: 221 Bye", "C: <close>"};
    QTest::newRow("connection lost before DATA")
            << Greeting + Auth + Script {"C: MAIL FROM:<alice@example.org>", "S: <disconnect>"};
}

void TestMessageSender::transientFailureRetried()
{
    QFETCH(Script, script);
    m_scripts = {script, accepted()};
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    m_sender->setRetryDelays({200});
    const QString id = m_sender->send(message());

    QTRY_COMPARE(retrying.size(), 1);
    QCOMPARE(retrying.first().at(0).toString(), id);
    QCOMPARE(retrying.first().at(2).toInt(), 200);
    // Waiting for its retry: queued on disk, with the attempt counted.
    const OutboxEntry waiting = m_store->entry(id);
    QCOMPARE(waiting.state, State::Queued);
    QCOMPARE(waiting.attempts, 1);
    QVERIFY(!waiting.lastError.isEmpty());
    QCOMPARE(m_transports.size(), 1);

    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first().at(0).toString(), id);
    QCOMPARE(m_transports.size(), 2);
    QCOMPARE(failed.size(), 0);
    QVERIFY(m_sender->entries().isEmpty());
    QTRY_VERIFY2(server(1)->isComplete(), qPrintable(server(1)->status()));
}

void TestMessageSender::transientFailuresExhausted()
{
    const Script busy = Greeting + Auth + Mail
                        + rcpt("bob@example.org", "450 4.2.1 Mailbox busy, try later") + Quit;
    m_scripts = {busy, busy, busy};
    m_sender->setRetryDelays({10, 10});
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    const QString id = m_sender->send(message());

    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(retrying.size(), 2);
    QCOMPARE(m_transports.size(), 3);
    const OutboxEntry entry = m_store->entry(id);
    QCOMPARE(entry.state, State::Failed);
    QCOMPARE(entry.attempts, 3);
    QVERIFY2(entry.lastError.contains(QStringLiteral("450 4.2.1 Mailbox busy")),
             qPrintable(entry.lastError));
}

// The first connection is refused (FakeTransport::Outcome::Fail); later ones find the server.
static std::function<void(FakeTransport *)> refuseFirstConnection(int *connections)
{
    return [connections](FakeTransport *transport) {
        if ((*connections)++ > 0)
            return;
        transport->setConnectOutcome(FakeTransport::Outcome::Fail);
        transport->setFailureError(
                MailError(MailError::Kind::Network, QStringLiteral("Connection refused")));
    };
}

void TestMessageSender::unreachableServerWaitsForTheNextAttempt()
{
    using Submission = MessageSender::SubmissionState;
    int connections = 0;
    m_configureTransport = refuseFirstConnection(&connections);
    m_scripts = {Script {}, accepted()};
    m_sender->setRetryDelays({1000});
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    QSignalSpy reachability(m_sender.get(), &MessageSender::submissionStateChanged);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QCOMPARE(m_sender->submissionState(), Submission::Unknown);

    const QDateTime before = QDateTime::currentDateTime();
    const QString id = m_sender->send(message());
    QTRY_COMPARE(retrying.size(), 1);
    const QDateTime after = QDateTime::currentDateTime();
    QCOMPARE(sent.size(), 0);

    // Unreachable, with the reason, told before the attempt's outcome.
    QCOMPARE(reachability.size(), 1);
    QCOMPARE(reachability.first().at(0).value<Submission>(), Submission::Unreachable);
    QVERIFY2(reachability.first().at(1).toString().contains(QStringLiteral("Connection refused")),
             qPrintable(reachability.first().at(1).toString()));
    QCOMPARE(m_sender->submissionState(), Submission::Unreachable);
    QCOMPARE(m_sender->submissionHost(), QStringLiteral("mail.example.org"));
    QVERIFY(m_sender->submissionError().contains(QStringLiteral("Connection refused")));

    // The due time of the next attempt, in the entry as from nextAttempt().
    const QList<OutboxEntry> entries = m_sender->entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, State::Queued);
    const QDateTime due = entries.first().nextAttempt;
    QVERIFY(due.isValid());
    QVERIFY2(due >= before.addMSecs(1000) && due <= after.addMSecs(1000),
             qPrintable(due.toString(Qt::ISODateWithMs)));
    QCOMPARE(m_sender->nextAttempt(id), due);
    QVERIFY(m_sender->hasUnsent());

    // The automatic retry reaches the server: Reachable again, and no time left to show.
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(m_transports.size(), 2);
    QCOMPARE(m_sender->submissionState(), Submission::Reachable);
    QCOMPARE(reachability.size(), 2);
    QCOMPARE(reachability.last().at(0).value<Submission>(), Submission::Reachable);
    QVERIFY(m_sender->submissionError().isEmpty());
    QVERIFY(!m_sender->nextAttempt(id).isValid());
    QTRY_VERIFY2(server(1)->isComplete(), qPrintable(server(1)->status()));
}

void TestMessageSender::retryNowCancelsTheWait()
{
    using Submission = MessageSender::SubmissionState;
    int connections = 0;
    m_configureTransport = refuseFirstConnection(&connections);
    m_scripts = {Script {}, accepted()};
    const int hour = 60 * 60 * 1000;
    m_sender->setRetryDelays({hour});
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(message());
    QTRY_COMPARE(retrying.size(), 1);
    QTRY_VERIFY(!m_sender->isBusy());
    QVERIFY(m_sender->nextAttempt(id).isValid());

    // Waiting an hour for its retry; "retry now" sends it at once.
    QVERIFY(!m_sender->retry(id));
    QVERIFY(!m_sender->nextAttempt(id).isValid());
    QVERIFY(!m_sender->entries().constFirst().nextAttempt.isValid());
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.first().at(0).toString(), id);
    QCOMPARE(m_transports.size(), 2);
    QCOMPARE(m_sender->submissionState(), Submission::Reachable);
    QVERIFY(m_sender->entries().isEmpty());
    QTRY_VERIFY2(server(1)->isComplete(), qPrintable(server(1)->status()));
}

void TestMessageSender::lostAfterFinalDotIsUnknown()
{
    m_scripts = {Greeting + Auth + Mail + rcpt("bob@example.org")
                         + Script {"C: DATA", "S: 354 go", MessagePlaceholder, "C: .",
                                   "S: <disconnect>"},
                 accepted()};
    QSignalSpy unknown(m_sender.get(), &MessageSender::outcomeUnknown);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy retrying(m_sender.get(), &MessageSender::retryScheduled);
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(message());

    QTRY_COMPARE(unknown.size(), 1);
    QCOMPARE(unknown.first().at(0).toString(), id);
    OutboxStore reopened(m_dir->filePath(QStringLiteral("outbox")));
    QVERIFY(!reopened.open());
    QCOMPARE(reopened.entry(id).state, State::Unknown);
    QCOMPARE(reopened.entry(id).attempts, 1);
    QTest::qWait(100); // longer than every retry delay
    QCOMPARE(m_transports.size(), 1);
    QCOMPARE(retrying.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(!m_sender->hasUnsent());

    // Only the user sends it again.
    QVERIFY(!m_sender->retry(id));
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(m_transports.size(), 2);
    QVERIFY(m_sender->entries().isEmpty());
}

void TestMessageSender::crashMidSendIsUnknownAfterRestart()
{
    m_manualConnect = true; // the connection hangs: the submission is under way
    m_scripts = {accepted()};
    const QString id = m_sender->send(message());
    QTRY_COMPARE(m_transports.size(), 1);
    QCOMPARE(m_store->entry(id).state, State::Sending);
    QCOMPARE(m_persistedAtConnect, QList<bool> {true});

    // The process dies here: the next start finds the folder as it was left.
    m_sender.reset();
    m_store = std::make_unique<OutboxStore>(m_dir->filePath(QStringLiteral("outbox")));
    QVERIFY(!m_store->open());
    m_manualConnect = false;
    m_scripts = {accepted()};
    createSender();
    QSignalSpy busy(m_sender.get(), &MessageSender::busyChanged);
    m_sender->start();
    QTest::qWait(100);
    QCOMPARE(busy.size(), 0);
    QCOMPARE(m_transports.size(), 1); // nothing new was opened
    const QList<OutboxEntry> entries = m_sender->entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().state, State::Unknown);
    QVERIFY(!m_sender->hasUnsent());
}

void TestMessageSender::partialAcceptance()
{
    OutgoingMessage m = message();
    m.to.append({QStringLiteral("Nobody"), QStringLiteral("nobody@example.org")});
    m_scripts = {Greeting + Auth + Mail + rcpt("bob@example.org")
                 + rcpt("nobody@example.org", "550 5.1.1 <nobody@example.org>: User unknown")
                 + data() + Quit};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    const QString id = m_sender->send(m);

    QTRY_COMPARE(sent.size(), 1);
    const auto refused = sent.first().at(2).value<QList<SmtpRecipientResult>>();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().address, QStringLiteral("nobody@example.org"));
    QCOMPARE(refused.first().reply.code(), 550);
    QCOMPARE(refused.first().reply.enhancedCode(), QByteArray("5.1.1"));
    // Bob has it: the message is not kept for a second try.
    QVERIFY(m_sender->entries().isEmpty());
    QTRY_VERIFY2(server(0)->isComplete(), qPrintable(server(0)->status()));
    QTest::qWait(50);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_transports.size(), 1);
}

void TestMessageSender::settingsArriveLater()
{
    m_holdSettings = true;
    m_scripts = {accepted()};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    const QString id = m_sender->send(message());
    QTRY_VERIFY(m_heldSettings != nullptr);
    QVERIFY(m_sender->isBusy());
    QCOMPARE(m_sender->currentId(), id);
    QCOMPARE(m_transports.size(), 0);
    // Still Queued on disk: a crash while waiting for the password sends nothing twice.
    QCOMPARE(m_store->entry(id).state, State::Queued);

    // On its way already: "retry now" has nothing to add.
    QCOMPARE(m_sender->retry(id).kind(), MailError::Kind::Policy);

    m_heldSettings({});
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(m_transports.size(), 1);
}

void TestMessageSender::buildFailureSendsNothing()
{
    QSignalSpy changed(m_sender.get(), &MessageSender::entriesChanged);
    OutgoingMessage m = message();
    m.attachments.append({m_dir->filePath(QStringLiteral("missing.pdf")), {}, {}, {}, false, {}});
    MailError error;
    QVERIFY(m_sender->send(m, &error).isEmpty());
    QCOMPARE(error.kind(), MailError::Kind::Storage);

    OutgoingMessage nobody = message();
    nobody.to.clear();
    QVERIFY(m_sender->send(nobody, &error).isEmpty());
    QCOMPARE(error.kind(), MailError::Kind::Policy);

    QTest::qWait(50);
    QVERIFY(m_sender->entries().isEmpty());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_transports.size(), 0);
    QVERIFY(!m_sender->isBusy());
    // No file left behind either.
    const QStringList files = QDir(m_dir->filePath(QStringLiteral("outbox")))
                                      .entryList(QDir::Files | QDir::Hidden);
    QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
}

void TestMessageSender::retryAndDiscardRules()
{
    m_scripts = {Greeting + Auth + Mail
                 + rcpt("bob@example.org", "550 5.1.1 <bob@example.org>: User unknown") + Quit};
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    const QString id = m_sender->send(message());
    QVERIFY(!m_sender->retry(id)); // queued: it leaves now anyway, and once
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(m_transports.size(), 1);
    QCOMPARE(m_sender->retry(QStringLiteral("no-such-id")).kind(), MailError::Kind::Storage);

    QVERIFY(!m_sender->discard(id));
    QVERIFY(m_sender->entries().isEmpty());
    QVERIFY(!QFile::exists(m_store->messagePath(id)));
    QCOMPARE(m_sender->discard(id).kind(), MailError::Kind::Storage);

    // The message being sent cannot be discarded under the submission.
    m_manualConnect = true;
    const QString busy = m_sender->send(message());
    QTRY_COMPARE(m_transports.size(), 2);
    QCOMPARE(m_sender->discard(busy).kind(), MailError::Kind::Policy);
    // Nor retried.
    QCOMPARE(m_sender->retry(busy).kind(), MailError::Kind::Policy);
    QCOMPARE(m_sender->entries().size(), 1);
    QCOMPARE(m_transports.size(), 2);
}

void TestMessageSender::abortPutsMessageBack()
{
    m_manualConnect = true;
    m_scripts = {accepted()};
    QSignalSpy failed(m_sender.get(), &MessageSender::failed);
    QSignalSpy busy(m_sender.get(), &MessageSender::busyChanged);
    const QString id = m_sender->send(message());
    QTRY_COMPARE(m_transports.size(), 1);
    QCOMPARE(m_store->entry(id).state, State::Sending);

    m_sender->abort();
    QTRY_VERIFY(!m_sender->isBusy());
    QCOMPARE(busy.constLast().at(0).toBool(), false);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_store->entry(id).state, State::Queued);
    QVERIFY(m_sender->hasUnsent());

    // Stopped until asked again.
    QTest::qWait(50);
    QCOMPARE(m_transports.size(), 1);
    m_manualConnect = false;
    m_scripts = {accepted()};
    QSignalSpy sent(m_sender.get(), &MessageSender::sent);
    m_sender->start();
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(m_transports.size(), 2);
}

QTEST_GUILESS_MAIN(TestMessageSender)
#include "tst_messagesender.moc"
