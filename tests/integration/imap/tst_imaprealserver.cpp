// The IMAP engine against the real Dovecot of the local mail stack.
#include "imap/imapconnection.h"
#include "imap/tasks/imapappendtask.h"
#include "imap/tasks/imapfetchmetadatatask.h"
#include "imap/tasks/imapfetchparttask.h"
#include "imap/tasks/imaplisttask.h"
#include "imap/tasks/imaplogouttask.h"
#include "imap/tasks/imapmailboxtask.h"
#include "imap/tasks/imapmovetask.h"
#include "imap/tasks/imapsearchtask.h"
#include "imap/tasks/imapselecttask.h"
#include "imap/tasks/imapstoretask.h"
#include "mailstackinfo.h"
#include "net/ssltransport.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>
#include <vector>

class TestImapRealServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void login_data();
    void login();
    void wrongPassword();
    void listMailboxes();
    void fetchMetadataOfSeededFolder();
    void folderLifecycle();
    void appendAndMove();
    void compressedSession_data();
    void compressedSession();
    void largeSelectionInFewCommands();

private:
    struct Session
    {
        SslTransport transport;
        ImapConnection connection {&transport};
    };
    std::unique_ptr<Session> open(Security security = Security::ImplicitTls,
                                  const QString &password = {}, bool compress = true);
    bool run(ImapTask *task);
    QString doveadm(const QStringList &arguments);
    QString user() const { return m_stack.address(QStringLiteral("alice")); }

    MailStackInfo m_stack;
};

void TestImapRealServer::initTestCase()
{
    m_stack = MailStackInfo::fromEnvironment();
    if (!m_stack.isValid())
        QFAIL(qPrintable(m_stack.error()));
    QVERIFY(m_stack.imapTlsPort() != 0);
    QVERIFY(m_stack.imapStartTlsPort() != 0);
}

std::unique_ptr<TestImapRealServer::Session> TestImapRealServer::open(Security security,
                                                                      const QString &password,
                                                                      bool compress)
{
    auto session = std::make_unique<Session>();
    session->transport.setCaCertificates(m_stack.caCertificates());
    session->transport.setPeerVerifyName(m_stack.tlsName());
    session->transport.setConnectTimeout(15000);
    ImapConnectionSettings settings;
    settings.host = m_stack.host();
    settings.port = security == Security::ImplicitTls ? m_stack.imapTlsPort()
                                                      : m_stack.imapStartTlsPort();
    settings.security = security;
    settings.username = user();
    settings.password = password.isEmpty() ? m_stack.password() : password;
    settings.compress = compress;
    session->connection.open(settings);
    return session;
}

bool TestImapRealServer::run(ImapTask *task)
{
    QSignalSpy finished(task, &ImapTask::finished);
    task->start();
    if (finished.isEmpty() && !finished.wait(60000))
        return false;
    if (task->error().isError())
        qWarning() << "task failed:" << task->error().toString();
    return !task->error().isError();
}

QString TestImapRealServer::doveadm(const QStringList &arguments)
{
    return QString::fromUtf8(m_stack.doveadm(arguments));
}

void TestImapRealServer::login_data()
{
    QTest::addColumn<int>("security");
    QTest::newRow("implicit TLS") << int(Security::ImplicitTls);
    QTest::newRow("STARTTLS") << int(Security::StartTls);
}

void TestImapRealServer::login()
{
    QFETCH(int, security);
    auto session = open(Security(security));
    QSignalSpy ready(&session->connection, &ImapConnection::ready);
    QSignalSpy failed(&session->connection, &ImapConnection::failed);
    QVERIFY2(ready.wait(20000),
             failed.isEmpty() ? "timeout"
                              : qPrintable(failed.at(0).at(0).value<MailError>().toString()));
    QVERIFY(session->transport.isEncrypted());
    QVERIFY(session->connection.hasCapability("IDLE"));
    QVERIFY(session->connection.hasCapability("UIDPLUS"));
    QVERIFY(session->connection.isEnabled("CONDSTORE"));
    QVERIFY(session->connection.isEnabled("QRESYNC"));
    QVERIFY(!session->connection.serverId().isEmpty());
    ImapLogoutTask logout(&session->connection);
    QVERIFY(run(&logout));
    QCOMPARE(failed.size(), 0);
}

void TestImapRealServer::wrongPassword()
{
    auto session = open(Security::ImplicitTls, QStringLiteral("not-the-password"));
    QSignalSpy failed(&session->connection, &ImapConnection::failed);
    QVERIFY(failed.wait(30000));
    QCOMPARE(failed.at(0).at(0).value<MailError>().kind(), MailError::Kind::Authentication);
}

void TestImapRealServer::listMailboxes()
{
    auto session = open();
    ImapListTask list(&session->connection);
    QVERIFY(run(&list));
    QHash<QByteArray, quint32> counts;
    for (const ImapMailboxListing &m : list.mailboxes())
        counts.insert(m.name, list.statuses().value(m.name).messages.value_or(0));
    QVERIFY(counts.contains("INBOX"));
    QVERIFY(counts.contains("Seeded1000"));
    QCOMPARE(counts.value("Seeded1000"), 1000u);
}

void TestImapRealServer::fetchMetadataOfSeededFolder()
{
    auto session = open();
    ImapSelectTask select(&session->connection, "Seeded1000", true);
    QVERIFY(run(&select));
    QCOMPARE(select.exists(), 1000u);
    QVERIFY(select.hasModSeq());

    ImapSearchTask search(&session->connection, "ALL");
    QVERIFY(run(&search));
    QCOMPARE(search.uids().count(), 1000u);

    QElapsedTimer timer;
    timer.start();
    ImapFetchMetadataTask fetch(&session->connection, search.uids());
    fetch.setBatchSize(250);
    QVERIFY(run(&fetch));
    qInfo("metadata of 1000 messages in %d batches: %lld ms", fetch.batchCount(), timer.elapsed());
    QCOMPARE(fetch.messages().size(), 1000);

    // Compare UID and size of every message with what Dovecot itself reports.
    const QString out = doveadm({QStringLiteral("-f"), QStringLiteral("flow"),
                                 QStringLiteral("fetch"), QStringLiteral("-u"), user(),
                                 QStringLiteral("uid size.virtual"), QStringLiteral("mailbox"),
                                 QStringLiteral("Seeded1000"), QStringLiteral("all")});
    QHash<quint32, quint64> expected;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        // "uid=12 size.virtual=3456"
        const QStringList fields = line.split(QLatin1Char(' '));
        if (fields.size() == 2)
            expected.insert(fields.at(0).section(QLatin1Char('='), 1).toUInt(),
                            fields.at(1).section(QLatin1Char('='), 1).toULongLong());
    }
    QCOMPARE(expected.size(), 1000);
    for (const ImapFetch &f : fetch.messages()) {
        QVERIFY(f.uid && f.size && f.flags && f.envelope && f.bodyStructure && f.modSeq);
        QVERIFY(f.internalDate.isValid());
        QCOMPARE(*f.size, expected.value(*f.uid));
    }
}

void TestImapRealServer::folderLifecycle()
{
    const QByteArray name = "Heron-" + QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    const QByteArray renamed = name + "-renamed";
    auto session = open();
    ImapMailboxTask create(&session->connection, ImapMailboxTask::Operation::Create, name);
    QVERIFY(run(&create));
    ImapMailboxTask rename(&session->connection, ImapMailboxTask::Operation::Rename, name, renamed);
    QVERIFY(run(&rename));
    ImapListTask list(&session->connection);
    list.setWantStatus(false);
    QVERIFY(run(&list));
    QByteArrayList names;
    for (const auto &m : list.mailboxes())
        names.append(m.name);
    QVERIFY(names.contains(renamed));
    QVERIFY(!names.contains(name));
    ImapMailboxTask remove(&session->connection, ImapMailboxTask::Operation::Delete, renamed);
    QVERIFY(run(&remove));
    ImapMailboxTask removeAgain(&session->connection, ImapMailboxTask::Operation::Delete, renamed);
    QVERIFY(!run(&removeAgain));
    QCOMPARE(removeAgain.error().kind(), MailError::Kind::Protocol);
}

void TestImapRealServer::appendAndMove()
{
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray source = "HeronSrc-" + token.left(8);
    const QByteArray target = "HeronDst-" + token.left(8);
    auto session = open();
    for (const QByteArray &name : {source, target}) {
        ImapMailboxTask create(&session->connection, ImapMailboxTask::Operation::Create, name);
        QVERIFY(run(&create));
    }
    const QByteArray body = "Token " + token + "\r\n";
    const QByteArray message = "From: alice@example.test\r\nTo: bob@example.test\r\n"
                               "Subject: append "
                               + token + "\r\nMessage-ID: <" + token + "@heron.test>\r\n\r\n"
                               + body;
    ImapAppendTask append(&session->connection, source, message);
    append.setFlags({"\\Seen"});
    append.setInternalDate(QDateTime::currentDateTime());
    QVERIFY(run(&append));
    QVERIFY(append.uid() != 0);

    ImapSelectTask select(&session->connection, source);
    QVERIFY(run(&select));
    QCOMPARE(select.exists(), 1u);
    ImapMoveTask move(&session->connection, UidSet::fromRange(append.uid(), append.uid()), target);
    QVERIFY(run(&move));
    QCOMPARE(move.uidMapping().size(), 1);
    const quint32 newUid = move.uidMapping().at(0).second;

    ImapSelectTask selectTarget(&session->connection, target);
    QVERIFY(run(&selectTarget));
    QCOMPARE(selectTarget.exists(), 1u);
    ImapFetchPartTask part(&session->connection, newUid, "TEXT");
    QVERIFY(run(&part));
    QCOMPARE(part.data(), body);

    for (const QByteArray &name : {source, target}) {
        ImapMailboxTask remove(&session->connection, ImapMailboxTask::Operation::Delete, name);
        QVERIFY(run(&remove));
    }
}

void TestImapRealServer::compressedSession_data()
{
    QTest::addColumn<int>("security");
    QTest::addColumn<bool>("compress");
    QTest::newRow("implicit TLS, compressed") << int(Security::ImplicitTls) << true;
    QTest::newRow("STARTTLS, compressed") << int(Security::StartTls) << true;
    QTest::newRow("implicit TLS, not compressed") << int(Security::ImplicitTls) << false;
}

// A whole session over COMPRESS=DEFLATE: login, the metadata of a folder, a large body, an
// APPEND (a literal), a synchronizing literal, IDLE; the same without compression for figures.
void TestImapRealServer::compressedSession()
{
    QFETCH(int, security);
    QFETCH(bool, compress);
    auto session = open(Security(security), {}, compress);
    ImapConnection &c = session->connection;
    QSignalSpy ready(&c, &ImapConnection::ready);
    QSignalSpy failed(&c, &ImapConnection::failed);
    QVERIFY2(ready.wait(20000),
             failed.isEmpty() ? "timeout"
                              : qPrintable(failed.at(0).at(0).value<MailError>().toString()));
    QVERIFY(c.hasCapability("COMPRESS=DEFLATE"));
    QCOMPARE(c.isCompressed(), compress);
    // The set-up after COMPRESS went through it: ID answered, extensions enabled.
    QVERIFY(!c.serverId().isEmpty());
    QVERIFY(c.isEnabled("QRESYNC"));

    // Every message's metadata of a folder.
    ImapSelectTask select(&c, "Seeded1000", true);
    QVERIFY(run(&select));
    QCOMPARE(select.exists(), 1000u);
    ImapSearchTask search(&c, "ALL");
    QVERIFY(run(&search));
    const qint64 readBefore = c.wireBytesRead();
    ImapFetchMetadataTask fetch(&c, search.uids());
    QVERIFY(run(&fetch));
    QCOMPARE(fetch.messages().size(), 1000);
    for (const ImapFetch &f : fetch.messages())
        QVERIFY(f.uid && f.size && f.envelope && f.bodyStructure);
    qInfo("metadata of 1000 messages: %lld bytes read on the link (%s)",
          c.wireBytesRead() - readBefore, compress ? "compressed" : "not compressed");

    // APPEND of a 3 MB message (a literal), then its body back whole.
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray folder = "HeronZ-" + token.left(8);
    ImapMailboxTask create(&c, ImapMailboxTask::Operation::Create, folder);
    QVERIFY(run(&create));
    QByteArray body;
    for (int i = 0; body.size() < 3 * 1024 * 1024; ++i)
        body += "Line " + QByteArray::number(i) + " of the large body, token " + token + "\r\n";
    const QByteArray message = "From: alice@example.test\r\nTo: bob@example.test\r\nSubject: "
                               "large "
                               + token + "\r\n\r\n" + body;
    ImapAppendTask append(&c, folder, message);
    QVERIFY(run(&append));
    QVERIFY(append.uid() != 0);
    ImapSelectTask selectNew(&c, folder);
    QVERIFY(run(&selectNew));
    QCOMPARE(selectNew.exists(), 1u);
    ImapFetchPartTask part(&c, append.uid(), "TEXT");
    QVERIFY(run(&part));
    QCOMPARE(part.data().size(), body.size());
    QVERIFY(part.data() == body);

    // A synchronizing literal: the client waits for the server's continuation.
    bool searched = false;
    QList<quint32> found;
    c.send(
            ImapCommand({"UID SEARCH SUBJECT {5}\r\n", "large\r\n"}), this,
            [&](const ImapCommandResult &r) { searched = r.isOk(); },
            [&](ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Search)
                    return false;
                found = r.search().numbers;
                return true;
            });
    QTRY_VERIFY_WITH_TIMEOUT(searched, 20000);
    QCOMPARE(found, QList<quint32> {append.uid()});

    // IDLE: a message added by another session shows up.
    QSignalSpy exists(&c, &ImapConnection::existsReceived);
    QSignalSpy idling(&c, &ImapConnection::idleStarted);
    c.setIdleEnabled(true);
    QTRY_VERIFY_WITH_TIMEOUT(idling.size() >= 1, 20000);
    {
        auto other = open(Security::ImplicitTls, {}, false);
        ImapAppendTask second(&other->connection, folder, message.left(2000));
        QVERIFY(run(&second));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!exists.isEmpty(), 30000);
    QCOMPARE(exists.last().first().toUInt(), 2u);
    c.setIdleEnabled(false);

    ImapMailboxTask remove(&c, ImapMailboxTask::Operation::Delete, folder);
    QVERIFY(run(&remove));
    QCOMPARE(c.isCompressed(), compress);
    QCOMPARE(failed.size(), 0);
    qInfo("session: %lld bytes read, %lld written on the link", c.wireBytesRead(),
          c.wireBytesWritten());
}

void TestImapRealServer::largeSelectionInFewCommands()
{
    // 2,000 messages, all but one selected: two contiguous runs, so one STORE and one MOVE.
    constexpr int count = 2000;
    const QByteArray token = QUuid::createUuid().toByteArray(QUuid::Id128);
    const QByteArray source = "HeronMany-" + token.left(8);
    const QByteArray target = "HeronManyDst-" + token.left(8);
    auto session = open();
    for (const QByteArray &name : {source, target}) {
        ImapMailboxTask create(&session->connection, ImapMailboxTask::Operation::Create, name);
        QVERIFY(run(&create));
    }
    std::vector<std::unique_ptr<ImapAppendTask>> appends;
    int finished = 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray message = "From: alice@example.test\r\nSubject: many "
                                   + QByteArray::number(i) + "\r\n\r\nbody\r\n";
        appends.push_back(std::make_unique<ImapAppendTask>(&session->connection, source, message));
        connect(appends.back().get(), &ImapTask::finished, this, [&finished] { ++finished; });
        appends.back()->start(); // pipelined
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, count, 120000);
    UidSet all;
    for (const auto &append : appends) {
        QVERIFY(!append->error().isError());
        all.add(append->uid());
    }
    QCOMPARE(all.count(), quint64(count));
    const quint32 kept = all.first() + count / 2;
    UidSet selection;
    selection.addRange(all.first(), kept - 1);
    selection.addRange(kept + 1, all.last());
    QCOMPARE(selection.ranges().size(), 2);

    ImapSelectTask select(&session->connection, source);
    QVERIFY(run(&select));
    QCOMPARE(select.exists(), quint32(count));
    ImapStoreTask flag(&session->connection, selection, ImapStoreTask::Mode::Add, {"\\Flagged"});
    QVERIFY(run(&flag));
    QCOMPARE(flag.commandCount(), 1);
    ImapSearchTask flagged(&session->connection, "FLAGGED");
    QVERIFY(run(&flagged));
    QCOMPARE(flagged.uids(), selection);

    ImapMoveTask move(&session->connection, selection, target);
    QVERIFY(run(&move));
    QCOMPARE(move.commandCount(), 1);
    QCOMPARE(move.uidMapping().size(), count - 1);
    ImapSelectTask again(&session->connection, source);
    QVERIFY(run(&again));
    QCOMPARE(again.exists(), 1u);
    ImapSelectTask selectTarget(&session->connection, target);
    QVERIFY(run(&selectTarget));
    QCOMPARE(selectTarget.exists(), quint32(count - 1));

    for (const QByteArray &name : {source, target}) {
        ImapMailboxTask remove(&session->connection, ImapMailboxTask::Operation::Delete, name);
        QVERIFY(run(&remove));
    }
}

QTEST_GUILESS_MAIN(TestImapRealServer)
#include "tst_imaprealserver.moc"
