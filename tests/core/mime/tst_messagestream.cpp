#include "buildertestdata.h"
#include "liveheap.h"
#include "mime/messagecontent.h"
#include "mime/messagestream.h"
#include "mime/mimepart.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

// Large messages are produced in pieces: MessageBuilder::write() and the pull-based
// MessageStream give the golden bytes and never hold an attachment whole.

namespace {

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// A device that keeps only counts: how much was written, the largest single write, and the
// most live heap seen while the writer was writing.
class CountingDevice : public QIODevice
{
public:
    qint64 total = 0;
    qint64 largestWrite = 0;
    qint64 peakLiveHeap = 0;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64 len) override
    {
        total += len;
        largestWrite = qMax(largestWrite, len);
        peakLiveHeap = qMax(peakLiveHeap, liveHeapBytes());
        return len;
    }
};

} // namespace

class tst_MessageStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeAttachmentStreamed();
    void stream_data() { addGoldenRows(); }
    void stream();
    void streamRefusal();
};

void tst_MessageStream::largeAttachmentStreamed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = dir.filePath(u8("large.bin"));
    const qint64 size = 10 * 1024 * 1024 + 17;
    QCryptographicHash sourceHash(QCryptographicHash::Sha256);
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QRandomGenerator random(42);
        qint64 left = size;
        while (left > 0) {
            QByteArray block(qMin<qint64>(left, 1024 * 1024), Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            sourceHash.addData(block);
            QCOMPARE(f.write(block), block.size());
            left -= block.size();
        }
    }

    OutgoingMessage m = baseMessage();
    m.attachments = {{source, QString(), QByteArray("application/octet-stream"), QByteArray(),
                      false, QByteArray()}};

    // Pieces: no single write holds more than a chunk of the file, and the live heap never
    // grows by anything near the file's size.
    CountingDevice counter;
    QVERIFY(counter.open(QIODevice::WriteOnly));
    const qint64 heapBefore = liveHeapBytes();
    QVERIFY(!makeBuilder(m).write(&counter));
    QVERIFY(counter.total > size * 4 / 3);
    QVERIFY2(counter.largestWrite < 256 * 1024, QByteArray::number(counter.largestWrite));
    QVERIFY2(counter.peakLiveHeap - heapBefore < 2 * 1024 * 1024,
             QByteArray::number(counter.peakLiveHeap - heapBefore) + " bytes");

    // Memory: writing to a file raises the peak resident size by far less than the file.
    const QString output = dir.filePath(u8("out.eml"));
    {
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (clear.open(QIODevice::WriteOnly))
            clear.write("5"); // resets the peak resident size where the kernel allows it
    }
    const qint64 before = peakRssKiB();
    {
        QFile out(output);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(!makeBuilder(m).write(&out));
    }
    const qint64 after = peakRssKiB();
    if (qEnvironmentVariableIsSet("HERON_DEBUG_MEMORY"))
        qDebug() << "peak resident KiB before" << before << "after" << after
                 << "live heap growth while writing" << counter.peakLiveHeap - heapBefore;
        // AddressSanitizer keeps freed blocks in quarantine, which raises the resident size; the
        // live-heap check above holds there as everywhere.
#ifndef HERON_TEST_ASAN
    if (before > 0 && after > 0)
        QVERIFY2(after - before < 4 * 1024, QByteArray::number(after - before) + " KiB");
#endif

    // The pull-based stream gives the same bytes, read in small pieces.
    {
        MessageStream stream(makeBuilder(m));
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QCryptographicHash streamHash(QCryptographicHash::Sha256);
        qint64 total = 0;
        while (!stream.atEnd()) {
            const QByteArray piece = stream.read(16 * 1024);
            QVERIFY(!piece.isEmpty());
            streamHash.addData(piece);
            total += piece.size();
        }
        QCOMPARE(total, stream.size());
        QCOMPARE(total, QFileInfo(output).size());
        QFile written(output);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCryptographicHash fileHash(QCryptographicHash::Sha256);
        QVERIFY(fileHash.addData(&written));
        QCOMPARE(streamHash.result(), fileHash.result());
    }

    // And the bytes are all there.
    const MimePart root = MimePart::parse(readAll(output));
    const MessageContent content = MessageContent::fromMessage(root);
    QCOMPARE(content.attachments().size(), 1);
    QCOMPARE(content.attachments().first().size, size);
    const MimePart *part = root.findSection(content.attachments().first().section);
    QVERIFY(part);
    QCOMPARE(QCryptographicHash::hash(part->decodedBody(), QCryptographicHash::Sha256),
             sourceHash.result());
}

// The pull-based stream gives the same bytes as the golden files, whatever the read sizes.
void tst_MessageStream::stream()
{
    QFETCH(OutgoingMessage, message);
    QFETCH(bool, smtpUtf8);
    QFETCH(bool, allow8Bit);
    const QByteArray golden = readAll(
            dataPath(QString::fromLatin1(QTest::currentDataTag()) + u8(".eml")));
    QVERIFY(!golden.isEmpty());

    for (const qint64 readSize : {qint64(1), qint64(7), qint64(100), qint64(64 * 1024)}) {
        MessageBuilder builder = makeBuilder(message);
        builder.setSmtpUtf8(smtpUtf8);
        builder.setAllow8Bit(allow8Bit);
        MessageStream stream(builder);
        QVERIFY(stream.open(QIODevice::ReadOnly));
        QVERIFY(stream.isSequential());
        QCOMPARE(stream.size(), golden.size());
        QByteArray read;
        while (!stream.atEnd()) {
            QCOMPARE(stream.bytesAvailable(), golden.size() - read.size());
            const QByteArray piece = stream.read(readSize);
            QVERIFY(!piece.isEmpty());
            QVERIFY(piece.size() <= readSize);
            read += piece;
        }
        QCOMPARE(read, golden);
        QCOMPARE(stream.bytesAvailable(), 0);
    }
}

void tst_MessageStream::streamRefusal()
{
    OutgoingMessage m = baseMessage();
    m.attachments = {{u8("/nonexistent/file.bin"), QString(), QByteArray(), QByteArray(), false,
                      QByteArray()}};
    MessageStream stream(makeBuilder(m));
    QVERIFY(!stream.open(QIODevice::ReadOnly));
    QCOMPARE(stream.buildError().kind(), MailError::Kind::Storage);
    QVERIFY(!stream.isOpen());

    MessageStream writable(makeBuilder(baseMessage()));
    QVERIFY(!writable.open(QIODevice::ReadWrite));
}

QTEST_GUILESS_MAIN(tst_MessageStream)
#include "tst_messagestream.moc"
