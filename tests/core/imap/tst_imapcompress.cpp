#include "imap/imapconnection.h"
#include "net/deflatestream.h"

#include "faketransport.h"
#include "imaptestsession.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace ImapTestSession;

// A server on the far side of a FakeTransport that switches to COMPRESS=DEFLATE when told:
// what the client writes is inflated before it is looked at, what the test sends is deflated.
class CompressingPeer : public QObject
{
public:
    explicit CompressingPeer(FakeTransport *transport)
        : m_transport(transport)
    {
        connect(transport, &FakeTransport::clientWrote, this, [this](const QByteArray &bytes) {
            if (!m_stream) {
                m_received += bytes;
                return;
            }
            m_stream->feed(bytes);
            for (QByteArray part; !(part = m_stream->inflate(65536)).isEmpty();)
                m_received += part;
        });
    }

    // Sends these bytes (deflated once compressing), whole or a byte per network turn.
    void send(const QByteArray &plain, bool byteByByte = false)
    {
        const QByteArray wire = m_stream ? m_stream->compress(plain) : plain;
        sendRaw(wire, byteByByte);
    }
    void sendRaw(const QByteArray &wire, bool byteByByte = false)
    {
        m_sent += wire.size();
        if (!byteByByte) {
            m_transport->serverSend(wire);
            return;
        }
        for (char c : wire)
            m_transport->serverSend(QByteArray(1, c));
    }
    // From now on both directions are compressed.
    void startCompressing() { m_stream = std::make_unique<DeflateStream>(); }
    DeflateStream *stream() const { return m_stream.get(); }

    // The client's (decoded) bytes so far contain this line; it and all before it are taken.
    bool takeLine(const QByteArray &line)
    {
        const qsizetype at = m_received.indexOf(line + "\r\n");
        if (at < 0)
            return false;
        m_received.remove(0, at + line.size() + 2);
        return true;
    }
    // takeLine() once it succeeds, within five seconds (QTRY_* would call it twice).
    bool waitLine(const QByteArray &line)
    {
        return QTest::qWaitFor([this, &line] { return takeLine(line); });
    }
    QByteArray received() const { return m_received; }
    qint64 sent() const { return m_sent; }

    // Greeting and login; the capabilities after login are `caps`.
    bool login(const QByteArray &caps)
    {
        send("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] ready\r\n");
        if (!QTest::qWaitFor(
                    [this] { return takeLine("h1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA=="); }))
            return false;
        send("h1 OK [CAPABILITY IMAP4rev1 " + caps + "] Logged in\r\n");
        return true;
    }

private:
    FakeTransport *m_transport;
    std::unique_ptr<DeflateStream> m_stream;
    QByteArray m_received;
    qint64 m_sent = 0;
};

static qint64 peakRssKb()
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

class TestImapCompress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // First, while the process is small: its peak memory is the figure checked.
    void bombStopsAtTheFramerLimit();
    void negotiatedAndCarriesEverything_data();
    void negotiatedAndCarriesEverything();
    void responsesInTheSamePacketAsTheOk();
    void refusedGoesOnUncompressed();
    void notAsked_data();
    void notAsked();
    void corruptStreamFailsTheConnection();
};

// Logs in, answers COMPRESS with OK and switches the peer; the connection must be ready.
static bool openCompressed(ImapConnection &connection, CompressingPeer &peer,
                           const ImapConnectionSettings &s = settings())
{
    QSignalSpy ready(&connection, &ImapConnection::ready);
    connection.open(s);
    if (!peer.login("IDLE COMPRESS=DEFLATE"))
        return false;
    if (!QTest::qWaitFor([&peer] { return peer.takeLine("h2 COMPRESS DEFLATE"); }))
        return false;
    peer.send("h2 OK DEFLATE active\r\n");
    peer.startCompressing();
    return QTest::qWaitFor([&ready] { return ready.size() == 1; });
}

void TestImapCompress::negotiatedAndCarriesEverything_data()
{
    QTest::addColumn<bool>("byteByByte");
    QTest::newRow("whole") << false;
    QTest::newRow("a byte at a time") << true;
}

void TestImapCompress::negotiatedAndCarriesEverything()
{
    QFETCH(bool, byteByByte);
    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy exists(&connection, &ImapConnection::existsReceived);
    QSignalSpy idle(&connection, &ImapConnection::idleStarted);
    QVERIFY(!connection.isCompressed());
    QVERIFY(openCompressed(connection, peer));
    QVERIFY(connection.isCompressed());
    const qsizetype plainLength = transport.written().size();

    // A command, untagged data with a literal, the tagged answer.
    ImapCommandResult fetched;
    bool fetchDone = false;
    QList<ImapFetch> fetches;
    connection.send(
            ImapCommand({"UID FETCH 9 BODY.PEEK[]\r\n"}), this,
            [&](const ImapCommandResult &r) {
                fetched = r;
                fetchDone = true;
            },
            [&](ImapResponse &r) {
                if (r.type() != ImapResponse::Type::Fetch)
                    return false;
                fetches.append(r.fetch());
                return true;
            });
    QVERIFY2(peer.waitLine("h3 UID FETCH 9 BODY.PEEK[]"), peer.received().constData());
    // Nothing after the switch goes over the link in clear.
    QVERIFY(!transport.written().sliced(plainLength).contains("FETCH"));
    peer.send("* 4 EXISTS\r\n* 1 FETCH (UID 9 BODY[] {11}\r\nhello world)\r\nh3 OK done\r\n",
              byteByByte);
    QTRY_VERIFY(fetchDone);
    QVERIFY(fetched.isOk());
    QCOMPARE(fetches.size(), 1);
    QCOMPARE(fetches.first().uid.value_or(0), quint32(9));
    QTRY_COMPARE(exists.size(), 1);
    QCOMPARE(exists.first().first().toUInt(), 4u);

    // A synchronizing literal: the client waits for the continuation, then sends it compressed.
    bool appended = false;
    connection.send(ImapCommand({"APPEND INBOX {5}\r\n", "hello\r\n"}), this,
                    [&](const ImapCommandResult &r) { appended = r.isOk(); });
    QVERIFY2(peer.waitLine("h4 APPEND INBOX {5}"), peer.received().constData());
    peer.send("+ go ahead\r\n", byteByByte);
    QVERIFY2(peer.waitLine("hello"), peer.received().constData());
    peer.send("h4 OK [APPENDUID 1 10] appended\r\n", byteByByte);
    QTRY_VERIFY(appended);

    // IDLE and DONE.
    connection.setSelectedMailbox("INBOX");
    connection.setIdleEnabled(true);
    QVERIFY2(peer.waitLine("h5 IDLE"), peer.received().constData());
    peer.send("+ idling\r\n", byteByByte);
    QTRY_COMPARE(idle.size(), 1);
    bool nooped = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { nooped = r.isOk(); });
    QVERIFY2(peer.waitLine("DONE"), peer.received().constData());
    peer.send("h5 OK idle done\r\n", byteByByte);
    QVERIFY2(peer.waitLine("h6 NOOP"), peer.received().constData());
    peer.send("h6 OK\r\n", byteByByte);
    QTRY_VERIFY(nooped);

    // The counters are what crossed the link: compressed after the switch.
    QCOMPARE(connection.wireBytesWritten(), transport.written().size());
    QCOMPARE(connection.wireBytesRead(), peer.sent());
    QVERIFY(peer.stream()->plainBytesRead() > peer.stream()->compressedBytesRead() / 2);
    QVERIFY(connection.isCompressed());
    QVERIFY(transport.writtenWhileClosed().isEmpty());
}

void TestImapCompress::responsesInTheSamePacketAsTheOk()
{
    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    QSignalSpy exists(&connection, &ImapConnection::existsReceived);
    connection.open(settings());
    QVERIFY(peer.login("COMPRESS=DEFLATE"));
    QVERIFY2(peer.waitLine("h2 COMPRESS DEFLATE"), peer.received().constData());
    // The OK and the first compressed bytes arrive together: they must be inflated, not framed.
    DeflateStream serverSide;
    peer.sendRaw("h2 OK DEFLATE active\r\n" + serverSide.compress("* 7 EXISTS\r\n"));
    QTRY_COMPARE(ready.size(), 1);
    QTRY_COMPARE(exists.size(), 1);
    QCOMPARE(exists.first().first().toUInt(), 7u);
    QVERIFY(connection.isCompressed());
}

void TestImapCompress::refusedGoesOnUncompressed()
{
    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    connection.open(settings());
    QVERIFY(peer.login("COMPRESS=DEFLATE"));
    QVERIFY2(peer.waitLine("h2 COMPRESS DEFLATE"), peer.received().constData());
    peer.send("h2 NO [COMPRESSIONACTIVE] already compressed\r\n");
    QTRY_COMPARE(ready.size(), 1);
    QVERIFY(!connection.isCompressed());
    bool done = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this,
                    [&](const ImapCommandResult &r) { done = r.isOk(); });
    QVERIFY2(peer.waitLine("h3 NOOP"), peer.received().constData());
    QVERIFY(transport.written().endsWith("h3 NOOP\r\n")); // in clear
    peer.send("h3 OK\r\n");
    QTRY_VERIFY(done);
}

void TestImapCompress::notAsked_data()
{
    QTest::addColumn<QByteArray>("caps");
    QTest::addColumn<bool>("setting");
    QTest::newRow("not offered") << QByteArray("IDLE") << true;
    QTest::newRow("another algorithm only") << QByteArray("COMPRESS=LZ4") << true;
    QTest::newRow("turned off in the settings") << QByteArray("COMPRESS=DEFLATE") << false;
}

void TestImapCompress::notAsked()
{
    QFETCH(QByteArray, caps);
    QFETCH(bool, setting);
    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy ready(&connection, &ImapConnection::ready);
    ImapConnectionSettings s = settings();
    s.compress = setting;
    connection.open(s);
    QVERIFY(peer.login(caps));
    QTRY_COMPARE(ready.size(), 1);
    connection.send(ImapCommand({"NOOP\r\n"}), this, [](const ImapCommandResult &) {});
    QVERIFY2(peer.waitLine("h2 NOOP"), peer.received().constData());
    QVERIFY(!transport.written().contains("COMPRESS"));
    QVERIFY(!connection.isCompressed());
}

void TestImapCompress::corruptStreamFailsTheConnection()
{
    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    QSignalSpy closed(&connection, &ImapConnection::closed);
    QVERIFY(openCompressed(connection, peer));
    MailError commandError;
    bool done = false;
    connection.send(ImapCommand({"NOOP\r\n"}), this, [&](const ImapCommandResult &r) {
        commandError = r.error;
        done = true;
    });
    QVERIFY2(peer.waitLine("h3 NOOP"), peer.received().constData());
    // Good bytes, then a block of the reserved type.
    peer.send("* 2 EXISTS\r\n");
    peer.sendRaw(QByteArray("\xff\xff\xff\xff", 4));
    QTRY_COMPARE(failed.size(), 1);
    const MailError error = failed.first().first().value<MailError>();
    QCOMPARE(error.kind(), MailError::Kind::Protocol);
    QVERIFY(!error.message().isEmpty());
    QTRY_VERIFY(done);
    QCOMPARE(commandError.kind(), MailError::Kind::Protocol);
    QTRY_COMPARE(closed.size(), 1);
    QCOMPARE(connection.state(), ImapConnection::State::Disconnected);
    QVERIFY(!connection.isCompressed());
    QCOMPARE(transport.state(), FakeTransport::State::Closed);
}

void TestImapCompress::bombStopsAtTheFramerLimit()
{
    // About 1 MiB of deflate that inflates to 1 GiB of one line without an end: the framer's
    // 1 MiB line cap ends it after a few slices, long before the gigabyte exists anywhere.
    DeflateStream serverSide;
    const QByteArray line(1 << 20, 'A');
    QByteArray bomb = serverSide.compress("* OK ");
    for (int i = 0; i < 1024; ++i)
        bomb += serverSide.compress(line);
    QVERIFY2(bomb.size() < 8 * 1024 * 1024, qPrintable(QString::number(bomb.size())));

    FakeTransport transport;
    CompressingPeer peer(&transport);
    ImapConnection connection(&transport);
    QSignalSpy failed(&connection, &ImapConnection::failed);
    QVERIFY(openCompressed(connection, peer));
    const qint64 peakBefore = peakRssKb();
    QVERIFY(peakBefore > 0);
    // Nothing went compressed to the client yet, so the bomb's own stream is the server's.
    peer.sendRaw(bomb);
    QTRY_COMPARE(failed.size(), 1);
    const MailError error = failed.first().first().value<MailError>();
    QCOMPARE(error.kind(), MailError::Kind::Limit);
    const qint64 grownMb = (peakRssKb() - peakBefore) / 1024;
    qInfo("peak memory grew by %lld MiB for a 1 GiB bomb of %lld KiB", grownMb,
          qint64(bomb.size() / 1024));
    QVERIFY2(grownMb < 64, qPrintable(QString::number(grownMb)));
}

QTEST_GUILESS_MAIN(TestImapCompress)
#include "tst_imapcompress.moc"
