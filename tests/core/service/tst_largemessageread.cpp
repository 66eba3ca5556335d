// Reading a whole message far larger than memory should hold: it arrives into a file beside the
// cache (a SpoolFile), that file becomes the cache's copy, and the message is parsed for the
// search index where it lies. The live heap must never come near the message's size, counted at
// every allocation (PeakHeap), not sampled. A text part far larger than memory should hold is
// shown by its beginning, read from its file.
#include "common/mappedfile.h"
#include "imap/imapconnection.h"
#include "mime/messagebuilder.h"
#include "mime/mimepart.h"
#include "mime/outgoingmessage.h"
#include "mime/transferencoding.h"
#include "service/messagepartloader.h"
#include "service/messagereader.h"
#include "service/partdownload.h"
#include "store/messagestore.h"

#include "../imap/imaptestsession.h"
#include "faketransport.h"
#include "peakheap.h"
#include "scriptedserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestLargeMessageRead : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wholeMessageStaysInItsFile_data();
    void wholeMessageStaysInItsFile();
    void longTextIsShownByItsBeginning_data();
    void longTextIsShownByItsBeginning();
    void savedMessageIsCopiedInPieces();
    void forwardedMessageIsWrittenInPieces();
    void attachmentIsDownloadedToAFile_data();
    void attachmentIsDownloadedToAFile();
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

void TestLargeMessageRead::longTextIsShownByItsBeginning_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<qint64>("textSize");
    const qint64 large = qint64(200) * 1024 * 1024;
    QTest::newRow("200 MiB, BINARY")
            << QByteArray("8bit") << QByteArray("IDLE BINARY") << QByteArray("BINARY.PEEK[1]")
            << QByteArray("BINARY[1]") << large;
    QTest::newRow("200 MiB quoted-printable, BODY")
            << QByteArray("quoted-printable") << QByteArray("IDLE") << QByteArray("BODY.PEEK[1]")
            << QByteArray("BODY[1]") << large;
    QTest::newRow("200 MiB base64, BODY")
            << QByteArray("base64") << QByteArray("IDLE") << QByteArray("BODY.PEEK[1]")
            << QByteArray("BODY[1]") << large;
}

void TestLargeMessageRead::longTextIsShownByItsBeginning()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, capabilities);
    QFETCH(QByteArray, command);
    QFETCH(QByteArray, item);
    QFETCH(qint64, textSize);
    const TransferEncoding::Kind kind = TransferEncoding::fromHeader(encoding);

    // The text: numbered lines first (so that its beginning is known to be its own), then one
    // line over and over, sent in 4 MiB pieces that are whole lines (whole base64 quanta).
    QByteArray firstText;
    for (int i = 0; firstText.size() < 4 * 1024 * 1024; ++i)
        firstText += "Line " + QByteArray::number(i).rightJustified(7, '0')
                     + " of the long text, caf\xC3\xA9 cr\xC3\xA8me, and a line long enough to "
                       "be "
                       "broken softly when it is written as quoted-printable text\r\n";
    const QByteArray line = "The same line again, na\xC3\xAFve and long enough to need a soft "
                            "line break in quoted-printable\r\n";
    QByteArray chunkText = line.repeated(4 * 1024 * 1024 / line.size());
    // Base64 pieces must end with whole quanta and lines (57 bytes of text).
    if (kind == TransferEncoding::Kind::Base64) {
        firstText.truncate(firstText.size() / 57 * 57);
        chunkText.truncate(chunkText.size() / 57 * 57);
    }
    const auto encode = [kind](const QByteArray &text) {
        if (kind == TransferEncoding::Kind::Base64)
            return TransferEncoding::encodeBase64Lines(text);
        if (kind == TransferEncoding::Kind::QuotedPrintable)
            return TransferEncoding::encodeQuotedPrintable(text);
        return text;
    };
    const QByteArray first = encode(firstText);
    const QByteArray chunk = encode(chunkText);
    QCOMPARE(TransferEncoding::decode(chunk, kind), chunkText);
    const qint64 chunks = (textSize - firstText.size()) / chunkText.size();
    const qint64 encodedSize = first.size() + chunks * chunk.size();
    const qint64 decodedSize = firstText.size() + chunks * chunkText.size();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MessageStore store;
    QVERIFY(!store.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    const qint64 folderId = store.upsertFolder(folder).value();
    MessageRecord record;
    record.uid = 42;
    record.subject = QStringLiteral("Long text");
    record.bodyStructure = "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"" + encoding
                           + "\" " + QByteArray::number(encodedSize) + " 1000 NIL NIL NIL NIL)";
    QVERIFY(!store.upsertMessages(folderId, {record}));
    QVERIFY(!store.storeBodyPart(folderId, 42, "HEADER",
                                 "From: Alice <alice@example.test>\r\nSubject: Long text\r\n"
                                 "Content-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Transfer-Encoding: "
                                         + encoding + "\r\n\r\n"));

    FakeTransport transport;
    ScriptedServer server(&transport,
                          ImapTestSession::prologue(capabilities)
                                  + QList<QByteArray> {"C: h2 UID FETCH 42 (UID " + command + ")"});
    ImapConnection connection(&transport);
    ImapConnectionSettings settings = ImapTestSession::settings();
    settings.spoolDirectory = dir.path();
    connection.open(settings);

    MessageReader reader(&store);
    QSignalSpy shown(&reader, &MessageReader::messagePartsFetched);
    QSignalSpy failed(&reader, &MessageReader::messageFetchFailed);
    QSignalSpy errors(&reader, &MessageReader::errorOccurred);
    bool ended = false;
    reader.loadDisplayParts(folderId, 42, &connection, QByteArray(), [&ended] { ended = true; });
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));

    PeakHeap::reset();
    const qint64 baseline = PeakHeap::current();
    transport.serverSend("* 1 FETCH (UID 42 " + item + " {" + QByteArray::number(encodedSize)
                         + "}\r\n");
    transport.serverSend(first);
    QTRY_COMPARE(transport.pendingServerBytes(), 0);
    for (qint64 i = 0; i < chunks; ++i) {
        transport.serverSend(chunk);
        QTRY_COMPARE(transport.pendingServerBytes(), 0);
    }
    transport.serverSend(")\r\nh2 OK done\r\n");
    QTRY_VERIFY(ended);
    const qint64 growth = PeakHeap::peak() - baseline;
    qInfo("%s text of %lld bytes (%lld decoded): the live heap grew by at most %lld KiB",
          QTest::currentDataTag(), encodedSize, decodedSize, growth / 1024);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(2).value<MailError>().toString()));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).value<MailError>().toString()));
    QCOMPARE(shown.size(), 1);
    // A few of the 4 MiB pieces, the 4 MiB beginning shown and its index; never the text.
    QVERIFY2(growth < 32 * 1024 * 1024, qPrintable(QString::number(growth)));

    const auto checkShown = [&](const MimePart &message) {
        const MimePart *part = message.findSection("1");
        QVERIFY(part);
        QVERIFY(part->isBodyCut());
        QCOMPARE(part->wholeBodySize(), decodedSize);
        const QByteArray start = part->decodedBody();
        QVERIFY2(start.size() <= MessagePartLoader::DisplayLimit,
                 qPrintable(QString::number(start.size())));
        QVERIFY2(start.size() > MessagePartLoader::DisplayLimit - 1024,
                 qPrintable(QString::number(start.size())));
        QVERIFY(start.endsWith("\r\n"));
        QCOMPARE(start, firstText.first(start.size()));
        QVERIFY(part->text().startsWith(
                QStringLiteral("Line 0000000 of the long text, caf\u00e9 cr\u00e8me")));
    };
    checkShown(shown.first().at(2).value<MimePart>());

    // The decoded text is the cache's file, and shown again from it without the network.
    const StoreResult<BodyPartRecord> cached = store.bodyPart(folderId, 42, "1");
    QVERIFY(cached);
    QVERIFY(cached.value().isFile());
    QCOMPARE(QFileInfo(cached.value().filePath).size(), decodedSize);
    QVERIFY(MessagePartLoader::isCached(&store, folderId, 42));
    shown.clear();
    ended = false;
    PeakHeap::reset();
    const qint64 again = PeakHeap::current();
    reader.loadDisplayParts(folderId, 42, nullptr, QByteArray(), [&ended] { ended = true; });
    QTRY_VERIFY(ended);
    QCOMPARE(shown.size(), 1);
    QVERIFY2(PeakHeap::peak() - again < 32 * 1024 * 1024,
             qPrintable(QString::number(PeakHeap::peak() - again)));
    checkShown(shown.first().at(2).value<MimePart>());
}

// Saving a message that is a file of the cache (as "Save Message As" does): copied from a mapping
// of the file, a piece at a time, to a file equal to the original.
void TestLargeMessageRead::savedMessageIsCopiedInPieces()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString original = dir.filePath(QStringLiteral("message-1-42.eml"));
    QCryptographicHash written(QCryptographicHash::Sha256);
    qint64 size = 0;
    {
        QFile file(original);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray piece;
        for (int i = 0; piece.size() < 4 * 1024 * 1024; ++i)
            piece += "Line " + QByteArray::number(i) + " of a message saved whole\r\n";
        for (int i = 0; i < 50; ++i) {
            piece[0] = char('A' + i % 26); // pieces differ: a copy out of order would show
            QCOMPARE(file.write(piece), piece.size());
            written.addData(piece);
            size += piece.size();
        }
    }
    const MessageSource source = MessageSource::fromFile(original);
    const QString saved = dir.filePath(QStringLiteral("saved.eml"));
    PeakHeap::reset();
    const qint64 baseline = PeakHeap::current();
    {
        QSaveFile file(saved);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QString error;
        QVERIFY2(source.writeTo(&file, &error), qPrintable(error));
        QVERIFY(file.commit());
    }
    const qint64 growth = PeakHeap::peak() - baseline;
    qInfo("saving a message of %lld bytes: the live heap grew by at most %lld KiB", size,
          growth / 1024);
    QVERIFY2(growth < 4 * 1024 * 1024, qPrintable(QString::number(growth)));
    QFile copy(saved);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.size(), size);
    QCryptographicHash read(QCryptographicHash::Sha256);
    QVERIFY(read.addData(&copy));
    QCOMPARE(read.result().toHex(), written.result().toHex());
}

// Forwarding a message that is a file of the cache as an attachment: the message is assembled
// into the outbox's file (MessageBuilder::write, as MessageSender does) with the forwarded file
// read a piece at a time, and the message/rfc822 part carries it whole and unencoded.
void TestLargeMessageRead::forwardedMessageIsWrittenInPieces()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString original = dir.filePath(QStringLiteral("message-1-42.eml"));
    const QByteArray head = "From: Carol <carol@example.test>\r\nSubject: Large original\r\n"
                            "Content-Type: text/plain; charset=utf-8\r\n\r\n";
    QByteArray piece;
    for (int i = 0; piece.size() < 4 * 1024 * 1024; ++i)
        piece += "Line " + QByteArray::number(i) + " of the message forwarded whole\r\n";
    QCryptographicHash written(QCryptographicHash::Sha256);
    qint64 size = 0;
    {
        QFile file(original);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(head), head.size());
        written.addData(head);
        size += head.size();
        for (int i = 0; i < 50; ++i) {
            piece[0] = char('A' + i % 26);
            QCOMPARE(file.write(piece), piece.size());
            written.addData(piece);
            size += piece.size();
        }
    }

    OutgoingMessage message;
    message.from = {QStringLiteral("Alice"), QStringLiteral("alice@example.test")};
    message.to = {{QStringLiteral("Bob"), QStringLiteral("bob@example.test")}};
    message.subject = QStringLiteral("Fwd: Large original");
    message.plainBody = QStringLiteral("Here it is.\n");
    OutgoingAttachment attached;
    attached.filePath = original;
    attached.fileName = QStringLiteral("Large original.eml");
    attached.mimeType = "message/rfc822";
    message.attachments = {attached};
    MessageBuilder builder(message);

    const QString outboxFile = dir.filePath(QStringLiteral("outbox.eml"));
    PeakHeap::reset();
    const qint64 baseline = PeakHeap::current();
    {
        QSaveFile file(outboxFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const MailError error = builder.write(&file);
        QVERIFY2(!error, qPrintable(error.toString()));
        QVERIFY(file.commit());
    }
    const qint64 growth = PeakHeap::peak() - baseline;
    qInfo("forwarding a message of %lld bytes: the live heap grew by at most %lld KiB", size,
          growth / 1024);
    QVERIFY2(growth < 8 * 1024 * 1024, qPrintable(QString::number(growth)));

    // The part is message/rfc822, 7bit, and its body is the original, byte for byte.
    MappedFile mapped;
    QVERIFY(mapped.open(outboxFile));
    const QByteArray bytes = mapped.bytes();
    const qsizetype type = bytes.indexOf("Content-Type: message/rfc822");
    QVERIFY(type > 0);
    const qsizetype bodyStart = bytes.indexOf("\r\n\r\n", type) + 4;
    QVERIFY(QByteArrayView(bytes)
                    .sliced(type, bodyStart - type)
                    .contains("Content-Transfer-Encoding: 7bit"));
    QVERIFY(bytes.size() > bodyStart + size);
    QCryptographicHash carried(QCryptographicHash::Sha256);
    carried.addData(QByteArrayView(bytes).sliced(bodyStart, size));
    QCOMPARE(carried.result().toHex(), written.result().toHex());
    QVERIFY(QByteArrayView(bytes).sliced(bodyStart + size).startsWith("\r\n--"));
}

void TestLargeMessageRead::attachmentIsDownloadedToAFile_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<bool>("base64");
    QTest::newRow("200 MiB, BINARY") << QByteArray("IDLE BINARY") << QByteArray("BINARY") << false;
    QTest::newRow("200 MiB base64, BODY") << QByteArray("IDLE") << QByteArray("BODY") << true;
}

// Saving or opening a large attachment: it is downloaded in chunks into a file of the cache
// (decoded there, a piece at a time, where the server sent base64), and handed on as that file.
void TestLargeMessageRead::attachmentIsDownloadedToAFile()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QByteArray, item);
    QFETCH(bool, base64);

    // 50 pieces of 4 MiB (whole base64 lines), each a little different.
    const int pieces = 50;
    QByteArray piece(4 * 1024 * 1024 / 57 * 57, Qt::Uninitialized);
    for (qsizetype i = 0; i < piece.size(); ++i)
        piece[i] = char((i * 7 + i / 251) & 0xff);
    const auto decodedPiece = [&piece](int i) {
        QByteArray p = piece;
        p[0] = char(i);
        return p;
    };
    const auto encodedPiece = [&](int i) {
        return base64 ? TransferEncoding::encodeBase64Lines(decodedPiece(i)) : decodedPiece(i);
    };
    const qint64 encodedPieceSize = encodedPiece(0).size();
    const qint64 encodedSize = encodedPieceSize * pieces;
    const qint64 chunkSize = PartDownload::FileThreshold; // the reader's chunks: 1 MiB

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MessageStore store;
    QVERIFY(!store.open(dir.filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    const qint64 folderId = store.upsertFolder(folder).value();
    MessageRecord record;
    record.uid = 42;
    record.subject = QStringLiteral("Attachment");
    record.bodyStructure
            = "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 5 1 NIL NIL "
              "NIL NIL)(\"application\" \"octet-stream\" (\"name\" \"big.bin\") NIL NIL \""
              + QByteArray(base64 ? "base64" : "binary") + "\" " + QByteArray::number(encodedSize)
              + " NIL (\"attachment\" (\"filename\" \"big.bin\")) NIL NIL) \"mixed\" (\"boundary\" "
                "\"b\") NIL NIL NIL)";
    QVERIFY(!store.upsertMessages(folderId, {record}));

    FakeTransport transport;
    ScriptedServer server(&transport, ImapTestSession::prologue(capabilities));
    ImapConnection connection(&transport);
    ImapConnectionSettings settings = ImapTestSession::settings();
    settings.spoolDirectory = dir.path();
    connection.open(settings);
    QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));

    MessageReader reader(&store);
    QSignalSpy inFile(&reader, &MessageReader::partFileFetched);
    QSignalSpy inMemory(&reader, &MessageReader::partFetched);
    QSignalSpy failed(&reader, &MessageReader::partFetchFailed);
    bool ended = false;
    PeakHeap::reset();
    const qint64 baseline = PeakHeap::current();
    const auto expectChunk = [&](int tag, qint64 offset) {
        server.appendExpect('h' + QByteArray::number(tag) + " UID FETCH 42 (UID " + item
                            + ".PEEK[2]<" + QByteArray::number(offset) + '.'
                            + QByteArray::number(chunkSize) + ">)\r\n");
    };
    expectChunk(2, 0);
    reader.downloadPart(folderId, 42, "2", &connection, QByteArray(), [&ended] { ended = true; });
    // The server's answers, chunk by chunk, sent a piece at a time.
    QCryptographicHash sent(QCryptographicHash::Sha256);
    int tag = 2;
    for (qint64 offset = 0; offset <= encodedSize; offset += chunkSize, ++tag) {
        const qint64 length = qMin(chunkSize, encodedSize - offset);
        QTRY_VERIFY2(server.isComplete(), qPrintable(server.status()));
        transport.serverSend("* 1 FETCH (UID 42 " + item + "[2]<" + QByteArray::number(offset)
                             + "> {" + QByteArray::number(length) + "}\r\n");
        for (qint64 at = offset; at < offset + length;) {
            const int index = int(at / encodedPieceSize);
            const qint64 within = at % encodedPieceSize;
            const qint64 n = qMin(encodedPieceSize - within, offset + length - at);
            transport.serverSend(encodedPiece(index).mid(within, n));
            at += n;
        }
        if (length == chunkSize)
            expectChunk(tag + 1, offset + chunkSize);
        transport.serverSend(")\r\nh" + QByteArray::number(tag) + " OK done\r\n");
        QTRY_COMPARE(transport.pendingServerBytes(), 0);
        if (length < chunkSize)
            break;
    }
    for (int i = 0; i < pieces; ++i)
        sent.addData(decodedPiece(i));
    QTRY_VERIFY(ended);
    const qint64 growth = PeakHeap::peak() - baseline;
    qInfo("%s attachment of %lld bytes: the live heap grew by at most %lld KiB",
          QTest::currentDataTag(), encodedSize, growth / 1024);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(3).value<MailError>().toString()));
    QVERIFY(inMemory.isEmpty());
    QCOMPARE(inFile.size(), 1);
    // A chunk in flight and the test's own 4 MiB pieces; never the attachment.
    QVERIFY2(growth < 32 * 1024 * 1024, qPrintable(QString::number(growth)));

    const QString path = inFile.first().at(3).toString();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.size(), qint64(piece.size()) * pieces);
    QCryptographicHash received(QCryptographicHash::Sha256);
    QVERIFY(received.addData(&file));
    QCOMPARE(received.result().toHex(), sent.result().toHex());
    const StoreResult<BodyPartRecord> cached = store.bodyPart(folderId, 42, "2");
    QVERIFY(cached);
    QCOMPARE(cached.value().filePath, path);

    // Asked again, it is the same file, read from the cache without the network.
    inFile.clear();
    ended = false;
    reader.downloadPart(folderId, 42, "2", nullptr, QByteArray(), [&ended] { ended = true; });
    QTRY_VERIFY(ended);
    QCOMPARE(inFile.size(), 1);
    QCOMPARE(inFile.first().at(3).toString(), path);
}

QTEST_GUILESS_MAIN(TestLargeMessageRead)
#include "tst_largemessageread.moc"
