#include "imap/tasks/imapappendtask.h"
#include "imaptasksession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace ImapTestSession;

// APPEND: a message from memory or streamed from its file, with flags and a date, the
// synchronising literal or LITERAL+, and a mailbox that does not exist yet.
class TestImapAppendTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void append();
    void appendTryCreate();
    void appendFromFile_data();
    void appendFromFile();
    void appendFromMissingFileDropsTheConnection();
};

void TestImapAppendTask::append()
{
    const QByteArray message = "From: a@example.test\r\nSubject: hi\r\n\r\nbody\r\n";
    Session s("UIDPLUS",
              {"C: h2 APPEND Sent (\\Seen) \" 5-Mar-2026 09:07:03 +0100\" {"
                       + QByteArray::number(message.size()) + "}",
               "S: + Ready for literal data", "C: From: a@example.test", "C: Subject: hi",
               "C: ", "C: body", "C: ", "S: h2 OK [APPENDUID 38505 3955] APPEND completed"});
    ImapAppendTask task(&s.connection, "Sent", message);
    task.setFlags({"\\Seen"});
    task.setInternalDate(QDateTime(QDate(2026, 3, 5), QTime(9, 7, 3), QTimeZone(3600)));
    QVERIFY(run(&task));
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QCOMPARE(task.uidValidity(), 38505u);
    QCOMPARE(task.uid(), 3955u);
}

void TestImapAppendTask::appendTryCreate()
{
    Session s("LITERAL+",
              {"C: h2 APPEND Nope {3+}", "C: abc", "S: h2 NO [TRYCREATE] Mailbox doesn't exist"});
    ImapAppendTask task(&s.connection, "Nope", "abc");
    QVERIFY(!run(&task));
    QVERIFY(task.needsCreate());
    QCOMPARE(task.error().kind(), MailError::Kind::Protocol);
}

void TestImapAppendTask::appendFromFile_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<int>("lines");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addRow("synchronising, small") << QByteArray("UIDPLUS") << 3 << QByteArray();
    QTest::addRow("synchronising, prefix, 3 MiB")
            << QByteArray("UIDPLUS") << 3000 << QByteArray("X-Heron-Sent-Copy: appended\r\n");
    QTest::addRow("LITERAL+, 3 MiB") << QByteArray("UIDPLUS LITERAL+") << 3000 << QByteArray();
    QTest::addRow("LITERAL+, prefix, small")
            << QByteArray("UIDPLUS LITERAL+") << 2 << QByteArray("X-Heron-Sent-Copy: appended\r\n");
}

void TestImapAppendTask::appendFromFile()
{
    // The message is read from its file while it is sent, a piece at a time as the transport
    // drains; a command given meanwhile goes only after the literal.
    QFETCH(QByteArray, caps);
    QFETCH(int, lines);
    QFETCH(QByteArray, prefix);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("message.eml"));
    QByteArray message = "From: a@example.test\r\nSubject: large\r\n\r\n";
    for (int i = 0; i < lines; ++i)
        message += "line " + QByteArray::number(i) + ' ' + QByteArray(990, char('a' + i % 26))
                   + "\r\n";
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(message), message.size());
    }
    const bool nonSync = caps.contains("LITERAL+");
    const QByteArray size = QByteArray::number(prefix.size() + message.size());
    QList<QByteArray> steps {"C: h2 APPEND Sent {" + size + (nonSync ? "+}" : "}")};
    if (!nonSync)
        steps += "S: + Ready for literal data";
    for (const QByteArray &line : (prefix + message).split('\n')) {
        if (!line.isEmpty())
            steps += "C: " + line.chopped(1);
    }
    steps += "C: "; // the CRLF that ends the command
    steps += {"C: h3 APPEND Sent {3" + QByteArray(nonSync ? "+}" : "}")};
    if (!nonSync)
        steps += "S: + go on";
    steps += {"C: abc", "S: h2 OK [APPENDUID 7 41] APPEND completed",
              "S: h3 OK [APPENDUID 7 42] APPEND completed"};
    Session s(caps, steps);
    s.transport.setWriteChunkSize(64 * 1024);
    ImapAppendTask task(&s.connection, "Sent", MessageSource::fromFile(path));
    task.setPrefix(prefix);
    ImapAppendTask after(&s.connection, "Sent", QByteArray("abc"));
    QSignalSpy finished(&task, &ImapTask::finished);
    task.start();
    QTRY_COMPARE(s.connection.state(), ImapConnection::State::Ready);
    after.start();
    QVERIFY(run(&after));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(s.server->isComplete(), qPrintable(s.server->status()));
    QVERIFY(!task.error());
    QCOMPARE(task.uid(), 41u);
    QCOMPARE(after.uid(), 42u);
}

void TestImapAppendTask::appendFromMissingFileDropsTheConnection()
{
    // The literal is announced before its bytes are read: a file that cannot be read leaves no
    // way to finish the command but to end the connection.
    Session s("UIDPLUS LITERAL+", {"C: h2 APPEND Sent {10+}"});
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("gone.eml"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write("0123456789"), 10);
    }
    ImapAppendTask task(&s.connection, "Sent", MessageSource::fromFile(path));
    QVERIFY(QFile::remove(path));
    QVERIFY(!run(&task));
    QCOMPARE(task.error().kind(), MailError::Kind::Storage);
    QCOMPARE(s.connection.state(), ImapConnection::State::Disconnected);
}

QTEST_GUILESS_MAIN(TestImapAppendTask)
#include "tst_imapappendtask.moc"
