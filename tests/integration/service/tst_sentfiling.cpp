// The copies of sent messages in Sent, against the local Dovecot and Postfix: through a
// submission port whose server files a copy in the sender's Sent by itself
// (SMTP_SENTCOPY_PORT) and through one that does not. The first message sent finds out which,
// the account keeps the answer, and every message ends up in Sent exactly once, even when the
// process dies right after its own copy was stored (the HERON_KILL_POINT fault injection).
// A large message is filed from its file with the live heap far below its size.
#include "../../common/liveheap.h"
#include "../smtp/imapreadback.h"
#include "accounts/memorysecretstore.h"
#include "mailstackinfo.h"
#include "mime/mimepart.h"
#include "mime/outgoingmessage.h"
#include "outbox/messagesender.h"
#include "service/accountservice.h"
#include "service/runningaccount.h"
#include "service/sentcopyfiler.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

class TestSentFiling : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstMessageFindsOutWhoFiles_data();
    void firstMessageFindsOutWhoFiles();
    void knownServerFilingAppendsNothing();
    void waitingCheckSurvivesARestart();
    void ownCopyBeforeACrashIsNotTheServers();
    void largeMessageFiledFromItsFile_data();
    void largeMessageFiledFromItsFile();

public:
    // In a child process (HERON_SENTFILING_CHILD): sends the first message of the account
    // HERON_SENTFILING_ACCOUNT (cache in HERON_SENTFILING_DIR, subject HERON_SENTFILING_SUBJECT)
    // and files its copy at once; a kill point is expected to end it.
    int runChild();

private:
    // An account of alice's sending through smtpPort, its password stored; a new id unless
    // one is given.
    Account account(quint16 smtpPort, Account::SentFiling filing, const QString &id = {});
    OutgoingMessage message(const QString &subject) const;
    // The messages of alice's Sent with this subject.
    int sentCopies(const QString &subject) const;
    // Sends through running (message(subject) unless given) and waits until the server
    // accepted it.
    void send(RunningAccount &running, const QString &subject,
              const OutgoingMessage *given = nullptr);
    // Waits until the account has nothing left to file: no check waiting, the journal empty.
    void waitUntilFiled(RunningAccount &running);
    QString uniqueSubject(const QString &prefix) const;

    MailStackInfo m_stack;
    MemorySecretStore m_secrets;
};

void TestSentFiling::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY2(m_stack.smtpSentCopyPort() != 0, "the stack has no SMTP_SENTCOPY_PORT");
}

Account TestSentFiling::account(quint16 smtpPort, Account::SentFiling filing, const QString &id)
{
    const QString user = QStringLiteral("alice");
    Account a;
    a.setId(!id.isEmpty() ? id : user + QUuid::createUuid().toString(QUuid::Id128).left(6));
    a.setDisplayName(user);
    a.setAddress(m_stack.address(user));
    a.setUserName(m_stack.address(user));
    a.setImapHost(m_stack.host());
    a.setImapPort(m_stack.imapTlsPort());
    a.setImapSecurity(Security::ImplicitTls);
    a.setSmtpHost(m_stack.host());
    a.setSmtpPort(smtpPort);
    a.setSmtpSecurity(Security::StartTls);
    a.setCaFilePath(m_stack.caFile());
    a.setSentFiling(filing);
    bool written = false;
    m_secrets.writePassword(a.id(), m_stack.password(), this,
                            [&](const SecretStore::Reply &) { written = true; });
    if (!QTest::qWaitFor([&] { return written; }))
        qWarning("the password was not stored");
    return a;
}

OutgoingMessage TestSentFiling::message(const QString &subject) const
{
    OutgoingMessage m;
    m.from = {QStringLiteral("Alice"), m_stack.address(QStringLiteral("alice"))};
    m.to = {{QStringLiteral("Bob"), m_stack.address(QStringLiteral("bob"))}};
    m.subject = subject;
    m.plainBody = QStringLiteral("Hello Bob.\n");
    return m;
}

QString TestSentFiling::uniqueSubject(const QString &prefix) const
{
    return prefix + QLatin1Char(' ') + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

int TestSentFiling::sentCopies(const QString &subject) const
{
    const QByteArray out = m_stack.doveadm(
            {QStringLiteral("search"), QStringLiteral("-u"),
             m_stack.address(QStringLiteral("alice")), QStringLiteral("mailbox"),
             QStringLiteral("Sent"), QStringLiteral("header"), QStringLiteral("Subject"), subject});
    return int(out.count('\n'));
}

void TestSentFiling::send(RunningAccount &running, const QString &subject,
                          const OutgoingMessage *given)
{
    QSignalSpy sent(running.sender(), &MessageSender::sent);
    QSignalSpy failed(running.sender(), &MessageSender::failed);
    MailError error;
    QVERIFY2(!running.sender()->send(given ? *given : message(subject), &error).isEmpty(),
             qPrintable(error.toString()));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size() + failed.size(), 1, 120000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().at(1).value<MailError>().toString()));
}

void TestSentFiling::waitUntilFiled(RunningAccount &running)
{
    QTRY_VERIFY_WITH_TIMEOUT(running.sentCopies()->waitingCount() == 0
                                     && running.service()->pendingOperationCount() == 0,
                             30000);
}

void TestSentFiling::firstMessageFindsOutWhoFiles_data()
{
    QTest::addColumn<bool>("serverFiles");
    QTest::addRow("server files a copy") << true;
    QTest::addRow("server files none") << false;
}

void TestSentFiling::firstMessageFindsOutWhoFiles()
{
    QFETCH(bool, serverFiles);
    QTemporaryDir dir;
    const Account a = account(serverFiles ? m_stack.smtpSentCopyPort() : m_stack.smtpStartTlsPort(),
                              Account::SentFiling::Unknown);
    RunningAccount running(a, &m_secrets, nullptr, dir.path());
    QVERIFY(!running.open());
    running.sentCopies()->setCheckDelay(2000);
    running.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running.service()->state(), AccountService::State::Online, 20000);
    QSignalSpy found(running.service(), &AccountService::sentFilingFound);

    // The first message: Sent is searched for it, and the answer is the account's.
    const QString first = uniqueSubject(QStringLiteral("First sent"));
    send(running, first);
    QCOMPARE(running.sentCopies()->waitingCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 30000);
    const auto expected = serverFiles ? Account::SentFiling::Server : Account::SentFiling::Client;
    QCOMPARE(found.first().first().value<Account::SentFiling>(), expected);
    QCOMPARE(running.service()->account().sentFiling(), expected);
    waitUntilFiled(running);
    QCOMPARE(sentCopies(first), 1);
    QVERIFY(QDir(dir.path() + QLatin1Char('/') + a.id() + QStringLiteral("/sent-check"))
                    .entryList(QDir::Files)
                    .isEmpty());

    // The next one is not searched for: filed by the server alone, or appended at once.
    const QString second = uniqueSubject(QStringLiteral("Second sent"));
    send(running, second);
    QCOMPARE(running.sentCopies()->waitingCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(sentCopies(second), 1, 30000);
    waitUntilFiled(running);
    QCOMPARE(sentCopies(second), 1);
    QCOMPARE(found.size(), 1);
}

void TestSentFiling::knownServerFilingAppendsNothing()
{
    // Known to file its own copies: the journal gets nothing, Sent gets the server's copy alone.
    QTemporaryDir dir;
    RunningAccount running(account(m_stack.smtpSentCopyPort(), Account::SentFiling::Server),
                           &m_secrets, nullptr, dir.path());
    QVERIFY(!running.open());
    running.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running.service()->state(), AccountService::State::Online, 20000);
    const QString subject = uniqueSubject(QStringLiteral("Server files"));
    send(running, subject);
    QCOMPARE(running.sentCopies()->waitingCount(), 0);
    QCOMPARE(running.service()->pendingOperationCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(sentCopies(subject), 1, 30000);
}

void TestSentFiling::waitingCheckSurvivesARestart()
{
    // Quit while the first message waits for its check: the next start files it.
    QTemporaryDir dir;
    const Account a = account(m_stack.smtpStartTlsPort(), Account::SentFiling::Unknown);
    const QString subject = uniqueSubject(QStringLiteral("Quit before the check"));
    {
        RunningAccount running(a, &m_secrets, nullptr, dir.path());
        QVERIFY(!running.open());
        running.sentCopies()->setCheckDelay(10 * 60 * 1000);
        send(running, subject);
        QCOMPARE(running.sentCopies()->waitingCount(), 1);
    }
    const QDir spool(dir.path() + QLatin1Char('/') + a.id() + QStringLiteral("/sent-check"));
    QCOMPARE(spool.entryList(QDir::Files).size(), 1);
    QCOMPARE(sentCopies(subject), 0);

    RunningAccount again(a, &m_secrets, nullptr, dir.path());
    QSignalSpy found(again.service(), &AccountService::sentFilingFound);
    QVERIFY(!again.open());
    again.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 30000);
    QCOMPARE(found.first().first().value<Account::SentFiling>(), Account::SentFiling::Client);
    waitUntilFiled(again);
    QCOMPARE(sentCopies(subject), 1);
    QCOMPARE(spool.entryList(QDir::Files).size(), 0);
}

void TestSentFiling::ownCopyBeforeACrashIsNotTheServers()
{
    // The first message of an account whose server files nothing: Heron searches Sent, finds
    // nothing, appends its copy, and dies (kill -9) before its journal forgets the operation.
    // After the restart the journal replays it and finds the copy in Sent: its own, which must
    // not be taken for the server's (that would stop every later copy).
    QTemporaryDir dir;
    const Account a = account(m_stack.smtpStartTlsPort(), Account::SentFiling::Unknown);
    const QString subject = uniqueSubject(QStringLiteral("Killed after the append"));
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HERON_SENTFILING_CHILD"), QStringLiteral("1"));
    environment.insert(QStringLiteral("HERON_SENTFILING_ACCOUNT"), a.id());
    environment.insert(QStringLiteral("HERON_SENTFILING_DIR"), dir.path());
    environment.insert(QStringLiteral("HERON_SENTFILING_SUBJECT"), subject);
    environment.insert(QStringLiteral("HERON_KILL_POINT"), QStringLiteral("after-append"));
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QVERIFY(child.waitForFinished(90000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit); // killed at the kill point
    QCOMPARE(sentCopies(subject), 1); // its own copy reached Sent

    RunningAccount again(a, &m_secrets, nullptr, dir.path());
    QVERIFY(!again.open());
    QCOMPARE(again.service()->pendingOperationCount(), 1); // the journal still holds the append
    QSignalSpy found(again.service(), &AccountService::sentFilingFound);
    again.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 30000);
    QCOMPARE(found.first().first().value<Account::SentFiling>(), Account::SentFiling::Client);
    waitUntilFiled(again);
    QCOMPARE(sentCopies(subject), 1); // not appended twice either

    // Copies are appended from now on.
    const QString next = uniqueSubject(QStringLiteral("After the restart"));
    send(again, next);
    QTRY_COMPARE_WITH_TIMEOUT(sentCopies(next), 1, 30000);
    waitUntilFiled(again);
    QCOMPARE(sentCopies(next), 1);
}

void TestSentFiling::largeMessageFiledFromItsFile_data()
{
    QTest::addColumn<Account::SentFiling>("filing");
    QTest::addColumn<QByteArray>("prefix"); // what Heron's copy carries before the message
    QTest::addRow("known to be the client's") << Account::SentFiling::Client << QByteArray();
    QTest::addRow("checked first")
            << Account::SentFiling::Unknown << QByteArray("X-Heron-Sent-Copy: appended\r\n");
}

void TestSentFiling::largeMessageFiledFromItsFile()
{
    // About 28 MiB once base64 encoded (the stack's Postfix takes up to 30 MiB): the outbox
    // file goes to the journal and the APPEND literal is read from it while it is sent, the
    // Message-ID from its header alone.
    QFETCH(Account::SentFiling, filing);
    QFETCH(QByteArray, prefix);
    QTemporaryDir dir;
    const QString attachmentPath = dir.filePath(QStringLiteral("big.bin"));
    {
        QFile file(attachmentPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray piece(1024 * 1024, Qt::Uninitialized);
        for (int i = 0; i < 21; ++i) {
            for (qsizetype at = 0; at < piece.size(); ++at)
                piece[at] = char((at * 131 + i * 7) % 251);
            QVERIFY(file.write(piece) == piece.size());
        }
    }
    const Account a = account(m_stack.smtpStartTlsPort(), filing);
    RunningAccount running(a, &m_secrets, nullptr, dir.path());
    QVERIFY(!running.open());
    running.sentCopies()->setCheckDelay(0);
    running.service()->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(running.service()->state(), AccountService::State::Online, 20000);

    const QString subject = uniqueSubject(QStringLiteral("Large sent copy"));
    OutgoingMessage m = message(subject);
    OutgoingAttachment attachment;
    attachment.filePath = attachmentPath;
    attachment.fileName = QStringLiteral("big.bin");
    attachment.mimeType = "application/octet-stream";
    m.attachments = {attachment};

    // What was sent, hashed from its file a piece at a time while sent() is delivered.
    QCryptographicHash sentHash(QCryptographicHash::Sha256);
    qint64 sentSize = 0;
    QByteArray messageId;
    connect(running.sender(), &MessageSender::sent, this,
            [&](const QString &, const MessageSource &source, const QList<SmtpRecipientResult> &) {
                QFile file(source.filePath());
                if (!file.open(QIODevice::ReadOnly))
                    return;
                sentHash.addData(prefix);
                sentHash.addData(&file);
                sentSize = prefix.size() + file.size();
                messageId = MimePart::parse(source.header()).header("Message-ID");
            });

    const qint64 baseline = liveHeapBytes();
    qint64 peak = baseline;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, liveHeapBytes()); });
    sampler.start(2);
    send(running, subject, &m);
    QVERIFY2(sentSize > 25 * 1024 * 1024, qPrintable(QString::number(sentSize)));
    QVERIFY(!messageId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(running.sentCopies()->waitingCount() == 0
                                     && running.service()->pendingOperationCount() == 0,
                             120000);
    sampler.stop();
    peak = std::max(peak, liveHeapBytes());
    const qint64 growth = peak - baseline;
    qInfo("%s: %lld MiB sent and filed, live heap grew by at most %lld KiB",
          QTest::currentDataTag(), sentSize / (1024 * 1024), growth / 1024);
    // Far below the message's size (holding it once would be 28 MiB).
    QVERIFY2(growth < 12 * 1024 * 1024, qPrintable(QString::number(growth)));
    // The journal's file went with its operation.
    const QString spool = dir.path() + QLatin1Char('/') + a.id() + QStringLiteral("/sent-check");
    QVERIFY(QDir(spool).entryList(QDir::Files).isEmpty());
    QVERIFY(QDir(spool + QStringLiteral("/filing")).entryList(QDir::Files).isEmpty());

    // Read back over IMAP: Sent holds the bytes exactly as sent.
    ImapReadBack imap(m_stack.caCertificates(), m_stack.tlsName());
    const QString opened = imap.open(m_stack.host(), m_stack.imapTlsPort(), QStringLiteral("alice"),
                                     m_stack.password(), "Sent");
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const quint32 uid = imap.waitForHeader("Message-ID", messageId, 60000);
    QVERIFY2(uid != 0, qPrintable(imap.lastError()));
    const QByteArray stored = imap.fetch(uid);
    QCOMPARE(stored.size(), sentSize);
    QVERIFY(QCryptographicHash::hash(stored, QCryptographicHash::Sha256) == sentHash.result());
    QCOMPARE(sentCopies(subject), 1);
}

int TestSentFiling::runChild()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        return 2;
    const Account a = account(m_stack.smtpStartTlsPort(), Account::SentFiling::Unknown,
                              qEnvironmentVariable("HERON_SENTFILING_ACCOUNT"));
    RunningAccount running(a, &m_secrets, nullptr, qEnvironmentVariable("HERON_SENTFILING_DIR"));
    if (running.open())
        return 3;
    running.sentCopies()->setCheckDelay(0);
    running.service()->connectToServer();
    if (!QTest::qWaitFor([&] { return running.service()->state() == AccountService::State::Online; },
                         20000))
        return 4;
    MailError error;
    if (running.sender()
                ->send(message(qEnvironmentVariable("HERON_SENTFILING_SUBJECT")), &error)
                .isEmpty())
        return 5;
    // The kill point ends the process once the copy is stored; getting past it is a failure.
    QTest::qWait(60000);
    return 6;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestSentFiling test;
    if (qEnvironmentVariableIsSet("HERON_SENTFILING_CHILD"))
        return test.runChild();
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_sentfiling.moc"
