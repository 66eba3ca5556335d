// Reading a whole message far larger than memory should hold: it arrives into a file beside the
// cache (a SpoolFile), that file becomes the cache's copy, and the message is parsed for the
// search index where it lies. The live heap must never come near the message's size, counted at
// every allocation (PeakHeap), not sampled.
#include "imap/imapconnection.h"
#include "service/messagereader.h"
#include "store/messagestore.h"

#include "../imap/imaptestsession.h"
#include "faketransport.h"
#include "peakheap.h"
#include "scriptedserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestLargeMessageRead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wholeMessageStaysInItsFile_data();
    void wholeMessageStaysInItsFile();
};

void TestLargeMessageRead::wholeMessageStaysInItsFile_data()
{
    QTest::addColumn<qint64>("attachmentSize");
    QTest::newRow("200 MiB") << qint64(200) * 1024 * 1024;
    QTest::newRow("2 MiB") << qint64(2) * 1024 * 1024;
}

void TestLargeMessageRead::wholeMessageStaysInItsFile()
{
    QFETCH(qint64, attachmentSize);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MessageStore store;
    QVERIFY(!store.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    const qint64 folderId = store.upsertFolder(folder).value();
    MessageRecord record;
    record.uid = 42;
    record.subject = QStringLiteral("Large");
    QVERIFY(!store.upsertMessages(folderId, {record}));

    FakeTransport transport;
    ScriptedServer server(&transport,
                          ImapTestSession::prologue("IDLE")
                                  + QList<QByteArray> {"C: h2 UID FETCH 42 (UID BODY.PEEK[])"});
    ImapConnection connection(&transport);
    ImapConnectionSettings settings = ImapTestSession::settings();
    settings.spoolDirectory = dir.path();
    connection.open(settings);

    MessageReader reader(&store);
    QSignalSpy fetched(&reader, &MessageReader::messageFetched);
    QSignalSpy failed(&reader, &MessageReader::messageFetchFailed);
    QSignalSpy errors(&reader, &MessageReader::errorOccurred);
    bool ended = false;
    reader.readWhole(folderId, 42, &connection, QByteArray(), [&ended] { ended = true; });
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));

    const QByteArray head = "From: Alice <alice@example.test>\r\nTo: bob@example.test\r\n"
                            "Subject: Large\r\nMIME-Version: 1.0\r\n"
                            "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                            "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                            "Zanzibar is the word to find.\r\n"
                            "--b\r\nContent-Type: application/octet-stream; name=big.bin\r\n"
                            "Content-Disposition: attachment; filename=big.bin\r\n"
                            "Content-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray tail = "\r\n--b--\r\n";
    const QByteArray line = QByteArray(76, 'Q') + "\r\n";
    const qint64 lines = attachmentSize / line.size();
    const qint64 size = head.size() + lines * line.size() + tail.size();

    // 4 MiB reads of base64 lines, made before counting starts.
    const qint64 linesPerChunk = 4 * 1024 * 1024 / line.size();
    const QByteArray chunk = line.repeated(linesPerChunk);
    const QByteArray lastChunk = line.repeated(lines % linesPerChunk);

    PeakHeap::reset();
    const qint64 baseline = PeakHeap::current();
    QCryptographicHash sent(QCryptographicHash::Sha256);
    const auto push = [&](const QByteArray &bytes) {
        sent.addData(bytes);
        transport.serverSend(bytes);
    };
    transport.serverSend("* 1 FETCH (UID 42 BODY[] {" + QByteArray::number(size) + "}\r\n");
    push(head);
    for (qint64 done = 0; done < lines; done += linesPerChunk) {
        push(done + linesPerChunk <= lines ? chunk : lastChunk);
        QTRY_COMPARE(transport.pendingServerBytes(), 0);
    }
    push(tail);
    transport.serverSend(")\r\nh2 OK done\r\n");
    QTRY_VERIFY(ended);
    const qint64 growth = PeakHeap::peak() - baseline;
    qInfo("%s message of %lld bytes: the live heap grew by at most %lld KiB",
          QTest::currentDataTag(), size, growth / 1024);

    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).value<MailError>().toString()));
    QCOMPARE(fetched.size(), 1);
    const MessageSource message = fetched.first().at(2).value<MessageSource>();
    QVERIFY(message.isFile());
    QCOMPARE(message.size(), size);
    // Far below the message: a few of the 4 MiB reads, the text part and the index.
    QVERIFY2(growth < 32 * 1024 * 1024, qPrintable(QString::number(growth)));

    // The file is the cache's copy, whole, and the message's words are in the index.
    const StoreResult<BodyPartRecord> cached = store.bodyPart(folderId, 42,
                                                              QByteArray("")); // BODY[]
    QVERIFY(cached);
    QVERIFY(cached.value().isFile());
    QCOMPARE(cached.value().filePath, message.filePath());
    QFile file(message.filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCryptographicHash received(QCryptographicHash::Sha256);
    QVERIFY(received.addData(&file));
    QCOMPARE(received.result().toHex(), sent.result().toHex());
    QCOMPARE(store.isBodyIndexed(folderId, 42).value(), true);
    const StoreResult<QList<MessageRecord>> found = store.searchAll(QStringLiteral("zanzibar"), 10);
    QVERIFY(found);
    QCOMPARE(found.value().size(), 1);
    QCOMPARE(found.value().first().uid, quint32(42));
    QVERIFY(reader.isWholeMessageCached(folderId, 42));

    // Read again, it comes from the cache as the same file.
    fetched.clear();
    ended = false;
    reader.readWhole(folderId, 42, nullptr, QByteArray(), [&ended] { ended = true; });
    QTRY_VERIFY(ended);
    QCOMPARE(fetched.size(), 1);
    QCOMPARE(fetched.first().at(2).value<MessageSource>().filePath(), message.filePath());
}

QTEST_GUILESS_MAIN(TestLargeMessageRead)
#include "tst_largemessageread.moc"
