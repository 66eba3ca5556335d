#include "imap/imapconnection.h"
#include "imap/tasks/imapfetchparttask.h"
#include "liveheap.h"

#include "faketransport.h"
#include "imaptestsession.h"
#include "scriptedserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// A message above the 256 MiB in-memory cap of a literal, fetched whole: its bytes go to a file
// in the spool directory as they arrive, and the process's live heap stays far below the
// message's size all along.

namespace { } // namespace

class TestImapLargeBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messageAbove256MiBGoesToDisk_data();
    void messageAbove256MiBGoesToDisk();
};

void TestImapLargeBody::messageAbove256MiBGoesToDisk_data()
{
    QTest::addColumn<bool>("spool");
    QTest::addColumn<qint64>("size");
    // 300 MiB: over the 256 MiB a literal may take in memory.
    QTest::newRow("300 MiB to the spool") << true << qint64(300) * 1024 * 1024;
    // Without a spool directory the same literal is refused at its announcement, before any
    // byte of it is held: memory is bounded either way, but only the spool gets the message.
    QTest::newRow("300 MiB, no spool directory") << false << qint64(300) * 1024 * 1024;
}

void TestImapLargeBody::messageAbove256MiBGoesToDisk()
{
    QFETCH(bool, spool);
    QFETCH(qint64, size);
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    const QString spoolDirectory = cache.filePath(QStringLiteral("spool"));

    FakeTransport transport;
    ScriptedServer server(&transport,
                          ImapTestSession::prologue("IDLE")
                                  + QList<QByteArray> {"C: h2 UID FETCH 42 (UID BODY.PEEK[])"});
    ImapConnection connection(&transport);
    ImapConnectionSettings settings = ImapTestSession::settings();
    if (spool)
        settings.spoolDirectory = spoolDirectory;
    connection.open(settings);
    ImapFetchPartTask task(&connection, 42, QByteArray());
    QSignalSpy finished(&task, &ImapTask::finished);
    task.start();
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));

    const qint64 baseline = liveHeapBytes();
    qint64 peak = baseline;
    transport.serverSend("* 1 FETCH (UID 42 BODY[] {" + QByteArray::number(size) + "}\r\n");
    QCryptographicHash sent(QCryptographicHash::Sha256);
    // 4 MiB reads; each chunk names its place, so a lost or repeated chunk changes the hash.
    QByteArray chunk(4 * 1024 * 1024, 'm');
    qint64 pushed = 0;
    for (int index = 0; pushed < size && transport.state() == FakeTransport::State::Connected;
         ++index) {
        const QByteArray mark = "\r\nchunk " + QByteArray::number(index) + "\r\n";
        chunk.replace(0, mark.size(), mark);
        const qsizetype length = qsizetype(std::min<qint64>(chunk.size(), size - pushed));
        const QByteArray piece = chunk.left(length);
        sent.addData(piece);
        transport.serverSend(piece);
        pushed += length;
        QTRY_COMPARE(transport.pendingServerBytes(), 0);
        peak = std::max(peak, liveHeapBytes());
    }
    transport.serverSend(")\r\nh2 OK done\r\n");
    QTRY_COMPARE(finished.size(), 1);
    peak = std::max(peak, liveHeapBytes());
    const qint64 growth = peak - baseline;
    qInfo("%s: %lld MiB sent, live heap grew by at most %lld KiB", QTest::currentDataTag(),
          pushed / (1024 * 1024), growth / 1024);
    // A generous bound: a few of the 4 MiB reads at once, far below the message's size.
    QVERIFY2(growth < 64 * 1024 * 1024, qPrintable(QString::number(growth)));

    if (!spool) {
        QVERIFY(task.error().isError());
        QCOMPARE(connection.state(), ImapConnection::State::Disconnected);
        return;
    }
    QVERIFY2(!task.error().isError(), qPrintable(task.error().toString()));
    QCOMPARE(task.state(), ImapFetchPartTask::State::Done);
    const SpoolFile file = task.spoolFile();
    QVERIFY(!file.isNull());
    QCOMPARE(file.size(), size);
    QCOMPARE(QFileInfo(file.fileName()).absolutePath(),
             QFileInfo(spoolDirectory).absoluteFilePath());
    QFile onDisk(file.fileName());
    QVERIFY(onDisk.open(QIODevice::ReadOnly));
    QCOMPARE(onDisk.size(), size);
    QCryptographicHash received(QCryptographicHash::Sha256);
    QVERIFY(received.addData(&onDisk));
    QCOMPARE(received.result().toHex(), sent.result().toHex());
    onDisk.close();

    // The message is readable from its file until the last holder lets it go.
    const QString name = file.fileName();
    QVERIFY(QFileInfo::exists(name));
}

QTEST_MAIN(TestImapLargeBody)
#include "tst_imaplargebody.moc"
