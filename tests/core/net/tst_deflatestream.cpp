#include "net/deflatestream.h"

#include <QRandomGenerator>
#include <QTest>

#include <zlib.h>

// The COMPRESS=DEFLATE stream adapter, checked against zlib itself (raw deflate, window bits
// -15) so that both halves speak the format a server does, not just each other.
class TestDeflateStream : public QObject
{
    Q_OBJECT

private:
    // Raw deflate by zlib directly, one sync flush at the end of each piece.
    static QByteArray zlibDeflate(const QList<QByteArray> &pieces, int level = 6)
    {
        z_stream z {};
        if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return {};
        QByteArray out;
        for (const QByteArray &piece : pieces) {
            z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(piece.constData()));
            z.avail_in = uInt(piece.size());
            do {
                char buffer[65536];
                z.next_out = reinterpret_cast<Bytef *>(buffer);
                z.avail_out = sizeof buffer;
                deflate(&z, Z_SYNC_FLUSH);
                out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
            } while (z.avail_out == 0);
        }
        deflateEnd(&z);
        return out;
    }

    // Raw inflate by zlib directly; false on a format error.
    static bool zlibInflate(const QByteArray &in, QByteArray *out)
    {
        z_stream z {};
        if (inflateInit2(&z, -15) != Z_OK)
            return false;
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        z.avail_in = uInt(in.size());
        int rc = Z_OK;
        do {
            char buffer[65536];
            z.next_out = reinterpret_cast<Bytef *>(buffer);
            z.avail_out = sizeof buffer;
            rc = inflate(&z, Z_SYNC_FLUSH);
            out->append(buffer, qsizetype(sizeof buffer - z.avail_out));
        } while (rc == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
        inflateEnd(&z);
        return rc == Z_OK || rc == Z_BUF_ERROR || rc == Z_STREAM_END;
    }

    static QByteArray inflateAll(DeflateStream &stream, qsizetype slice = 65536)
    {
        QByteArray out;
        for (;;) {
            const QByteArray part = stream.inflate(slice);
            if (part.isEmpty())
                return out;
            if (part.size() > slice)
                return "slice exceeded";
            out += part;
        }
    }

    static QByteArray randomText(qsizetype size, quint32 seed)
    {
        QRandomGenerator random(seed);
        static const char words[][8] = {"From: ",  "alice ", "\r\n",    "Subject",
                                        " FETCH ", "(UID ",  "BODY[] ", "{42}\r\n"};
        QByteArray out;
        while (out.size() < size)
            out += words[random.bounded(8)];
        out.resize(size);
        return out;
    }

private Q_SLOTS:
    void writesAreRawDeflateWithSyncFlush_data()
    {
        QTest::addColumn<QList<QByteArray>>("writes");
        QTest::newRow("one command") << QList<QByteArray> {"h3 NOOP\r\n"};
        QTest::newRow("command and literal")
                << QList<QByteArray> {"h4 APPEND INBOX {11}\r\n", "hello world", "\r\n"};
        QTest::newRow("empty write") << QList<QByteArray> {"h5 NOOP\r\n", QByteArray()};
        QTest::newRow("4 MiB literal") << QList<QByteArray> {randomText(4 << 20, 7)};
    }
    void writesAreRawDeflateWithSyncFlush()
    {
        QFETCH(QList<QByteArray>, writes);
        DeflateStream stream;
        QVERIFY(!stream.hasError());
        QByteArray wire;
        QByteArray plain;
        for (const QByteArray &write : writes) {
            const QByteArray compressed = stream.compress(write);
            wire += compressed;
            plain += write;
            // Each write is decodable to its last byte on its own: the flush marker ends it.
            QByteArray decoded;
            QVERIFY(zlibInflate(wire, &decoded));
            QCOMPARE(decoded, plain);
            if (!compressed.isEmpty())
                QVERIFY(compressed.endsWith(QByteArray("\x00\x00\xff\xff", 4)));
        }
        QCOMPARE(stream.plainBytesWritten(), plain.size());
        QCOMPARE(stream.compressedBytesWritten(), wire.size());
    }

    // The server's stream fed in every possible split: one byte at a time and at each cut.
    void inflateSplitAtEveryByte()
    {
        const QList<QByteArray> responses {"* OK [CAPABILITY IMAP4rev1] hi\r\n",
                                           "* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n",
                                           "h2 OK done\r\n"};
        const QByteArray plain = responses.join();
        const QByteArray wire = zlibDeflate(responses);
        {
            DeflateStream stream;
            QByteArray out;
            for (char c : wire) {
                stream.feed(QByteArrayView(&c, 1));
                out += inflateAll(stream, 7);
            }
            QCOMPARE(out, plain);
            QCOMPARE(stream.compressedBytesRead(), wire.size());
            QCOMPARE(stream.plainBytesRead(), plain.size());
        }
        for (qsizetype cut = 0; cut <= wire.size(); ++cut) {
            DeflateStream stream;
            stream.feed(wire.first(cut));
            QByteArray out = inflateAll(stream);
            // What the first part gives is a prefix of the whole, never something else.
            QVERIFY2(plain.startsWith(out), qPrintable(QString::number(cut)));
            stream.feed(wire.sliced(cut));
            out += inflateAll(stream);
            QCOMPARE(out, plain);
            QVERIFY(!stream.hasError());
        }
    }

    void largeMessages_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<int>("level");
        QTest::addColumn<qsizetype>("slice");
        QTest::newRow("1 MiB text, small slices") << qsizetype(1 << 20) << 6 << qsizetype(1000);
        QTest::newRow("20 MiB text") << qsizetype(20 << 20) << 1 << qsizetype(65536);
        QTest::newRow("8 MiB random") << qsizetype(-(8 << 20)) << 6 << qsizetype(65536);
    }
    void largeMessages()
    {
        QFETCH(qsizetype, size);
        QFETCH(int, level);
        QFETCH(qsizetype, slice);
        QByteArray plain;
        if (size > 0) {
            plain = randomText(size, 11);
        } else {
            plain.resize(-size);
            QRandomGenerator random(3);
            for (char &c : plain)
                c = char(random.bounded(256));
        }
        // Server to client, in network-sized pieces.
        const QByteArray wire = zlibDeflate({plain}, level);
        DeflateStream stream;
        QByteArray out;
        for (qsizetype at = 0; at < wire.size(); at += 16384) {
            stream.feed(wire.sliced(at, std::min<qsizetype>(16384, wire.size() - at)));
            out += inflateAll(stream, slice);
        }
        QCOMPARE(out.size(), plain.size());
        QVERIFY(out == plain);
        // Client to server.
        DeflateStream writer;
        QByteArray decoded;
        QVERIFY(zlibInflate(writer.compress(plain), &decoded));
        QVERIFY(decoded == plain);
    }

    void corruptInput_data()
    {
        QTest::addColumn<QByteArray>("wire");
        const QByteArray good = zlibDeflate({"* OK one\r\n", "* OK two\r\n"});
        QByteArray flipped = good;
        flipped[0] = char(flipped.at(0) | 0x06); // block type 3: reserved
        QTest::newRow("reserved block type") << flipped;
        QTest::newRow("stored block length mismatch")
                << QByteArray("\x00\x05\x00\x00\x00hello", 10);
        QTest::newRow("garbage") << QByteArray("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
        QTest::newRow("zlib header instead of raw") << QByteArray("\x78\x9c\xcb\x48\xcd\xc9", 6);
        // A stream that ends (final block) and goes on: the link's stream never ends.
        z_stream z {};
        deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        char in[] = "* OK bye\r\n";
        char out[256];
        z.next_in = reinterpret_cast<Bytef *>(in);
        z.avail_in = sizeof in - 1;
        z.next_out = reinterpret_cast<Bytef *>(out);
        z.avail_out = sizeof out;
        deflate(&z, Z_FINISH);
        QByteArray ended(out, qsizetype(sizeof out - z.avail_out));
        deflateEnd(&z);
        QTest::newRow("data after the end") << ended + good;
    }
    void corruptInput()
    {
        QFETCH(QByteArray, wire);
        // Whole, and byte by byte: an error either way, reported as a value, nothing thrown.
        for (const bool byByte : {false, true}) {
            DeflateStream stream;
            if (byByte) {
                for (char c : wire) {
                    stream.feed(QByteArrayView(&c, 1));
                    inflateAll(stream);
                }
            } else {
                stream.feed(wire);
                inflateAll(stream);
            }
            QVERIFY(stream.hasError());
            QCOMPARE(stream.error().kind(), MailError::Kind::Protocol);
            QVERIFY(!stream.error().message().isEmpty());
            // Stays failed: no more output, whatever comes.
            stream.feed(zlibDeflate({"* OK more\r\n"}));
            QVERIFY(stream.inflate(65536).isEmpty());
            QVERIFY(stream.hasError());
        }
    }

    // About 1 MiB that inflates to 1 GiB: each inflate() call gives at most its slice, and the
    // input is consumed only as far as the output taken needs.
    void bombIsInflatedOnlyAsFarAsTaken()
    {
        z_stream z {};
        QVERIFY(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
        QByteArray zeros(1 << 20, 'A');
        QByteArray wire;
        for (int i = 0; i < 1024; ++i) {
            z.next_in = reinterpret_cast<Bytef *>(zeros.data());
            z.avail_in = uInt(zeros.size());
            do {
                char buffer[65536];
                z.next_out = reinterpret_cast<Bytef *>(buffer);
                z.avail_out = sizeof buffer;
                deflate(&z, i == 1023 ? Z_SYNC_FLUSH : Z_NO_FLUSH);
                wire.append(buffer, qsizetype(sizeof buffer - z.avail_out));
            } while (z.avail_out == 0);
        }
        deflateEnd(&z);
        QVERIFY2(wire.size() < 2 * 1024 * 1024, qPrintable(QString::number(wire.size())));

        DeflateStream stream;
        stream.feed(wire);
        const qsizetype slice = 64 * 1024;
        qint64 total = 0;
        for (int i = 0; i < 32; ++i) {
            const QByteArray part = stream.inflate(slice);
            QCOMPARE(part.size(), slice);
            QVERIFY(part.count('A') == slice);
            total += part.size();
        }
        // 2 MiB out of 1 GiB taken: most of the input is still waiting, undecoded.
        QCOMPARE(stream.plainBytesRead(), total);
        QVERIFY(stream.pendingInput() > wire.size() * 9 / 10);
        // Taking it all gives exactly 1 GiB, never more per call than asked.
        qint64 rest = 0;
        for (;;) {
            const QByteArray part = stream.inflate(1 << 20);
            if (part.isEmpty())
                break;
            QVERIFY(part.size() <= (1 << 20));
            rest += part.size();
        }
        QVERIFY(!stream.hasError());
        QCOMPARE(total + rest, qint64(1) << 30);
        QCOMPARE(stream.pendingInput(), qsizetype(0));
    }
};

QTEST_GUILESS_MAIN(TestDeflateStream)
#include "tst_deflatestream.moc"
