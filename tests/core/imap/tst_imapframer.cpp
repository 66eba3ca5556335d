#include "imap/imapframer.h"

#include "testtiming.h"

#include <QElapsedTimer>
#include <QTest>

class TestImapFramer : public QObject
{
    Q_OBJECT

private:
    static QList<QByteArray> drain(ImapFramer &framer, ImapFramer::Status *last = nullptr)
    {
        QList<QByteArray> out;
        QByteArray response;
        ImapFramer::Status status;
        while ((status = framer.next(&response)) == ImapFramer::Status::Response)
            out.append(response);
        if (last)
            *last = status;
        return out;
    }

private Q_SLOTS:
    void streams_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<QByteArray>>("expected");

        QTest::newRow("one line") << QByteArray("* OK ready\r\n")
                                  << QList<QByteArray> {"* OK ready\r\n"};
        QTest::newRow("bare LF") << QByteArray("* OK a\n* OK b\n")
                                 << QList<QByteArray> {"* OK a\n", "* OK b\n"};
        QTest::newRow("two lines") << QByteArray("* 3 EXISTS\r\nA1 OK done\r\n")
                                   << QList<QByteArray> {"* 3 EXISTS\r\n", "A1 OK done\r\n"};
        QTest::newRow("literal") << QByteArray("* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\nA2 OK\r\n")
                                 << QList<QByteArray> {"* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n",
                                                       "A2 OK\r\n"};
        QTest::newRow("literal holding a fake announcement")
                << QByteArray("* 1 FETCH (BODY[] {6}\r\n{99}\r\n)\r\n")
                << QList<QByteArray> {"* 1 FETCH (BODY[] {6}\r\n{99}\r\n)\r\n"};
        QTest::newRow("two literals")
                << QByteArray(
                           "* LIST () \"/\" {3}\r\nabc\r\n* 2 FETCH (A {1}\r\nx B {2}\r\nyz)\r\n")
                << QList<QByteArray> {"* LIST () \"/\" {3}\r\nabc\r\n",
                                      "* 2 FETCH (A {1}\r\nx B {2}\r\nyz)\r\n"};
        QTest::newRow("empty literal") << QByteArray("* 1 FETCH (BODY[] {0}\r\n)\r\n")
                                       << QList<QByteArray> {"* 1 FETCH (BODY[] {0}\r\n)\r\n"};
        QTest::newRow("non-synchronising and literal8")
                << QByteArray("* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\nA {2+}\r\nhi\r\n", 45)
                << QList<QByteArray> {QByteArray("* 1 FETCH (BINARY[1] ~{3}\r\n\0\1\2)\r\n", 33),
                                      "A {2+}\r\nhi\r\n"};
        QTest::newRow("continuation") << QByteArray("+ go ahead\r\n+\r\n")
                                      << QList<QByteArray> {"+ go ahead\r\n", "+\r\n"};
        QTest::newRow("incomplete tail")
                << QByteArray("* OK a\r\n* OK b") << QList<QByteArray> {"* OK a\r\n"};
        QTest::newRow("literal owed")
                << QByteArray("* 1 FETCH (BODY[] {10}\r\nabc") << QList<QByteArray> {};
    }

    void streams()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<QByteArray>, expected);

        ImapFramer whole;
        whole.feed(input);
        QCOMPARE(drain(whole), expected);

        // Byte at a time, draining after every byte, gives the same responses.
        ImapFramer bytewise;
        QList<QByteArray> got;
        for (char c : input) {
            bytewise.feed(QByteArrayView(&c, 1));
            got += drain(bytewise);
        }
        QCOMPARE(got, expected);
        QVERIFY(!bytewise.hasError());

        // Random chunk sizes too.
        ImapFramer chunked;
        got.clear();
        for (qsizetype i = 0, n = 1; i < input.size(); i += n, n = n % 7 + 2) {
            chunked.feed(QByteArrayView(input).sliced(i, std::min(n, input.size() - i)));
            got += drain(chunked);
        }
        QCOMPARE(got, expected);
    }

    void everyPrefixNeedsMore_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("status") << QByteArray("A1 OK [READ-WRITE] SELECT completed\r\n");
        QTest::newRow("literal") << QByteArray(
                "* 12 FETCH (UID 7 BODY[HEADER] {12}\r\nSubject: x\r\n)\r\n");
        QTest::newRow("literal at end") << QByteArray("* LIST () \"/\" {4}\r\nabcd\r\n");
        QTest::newRow("literal+ and literal8")
                << QByteArray("* 1 FETCH (BINARY[] ~{2}\r\nxy X {1+}\r\nz)\r\n");
    }

    void everyPrefixNeedsMore()
    {
        QFETCH(QByteArray, response);
        for (qsizetype n = 0; n < response.size(); ++n) {
            ImapFramer framer;
            framer.feed(response.first(n));
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        }
        ImapFramer framer;
        for (char c : response) {
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
            framer.feed(QByteArrayView(&c, 1));
        }
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, response);
        QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        QCOMPARE(framer.bufferedBytes(), 0);
    }

    void limits_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("responsesBeforeError");

        QTest::newRow("2 GB literal") << QByteArray("* 1 FETCH (BODY[] {2147483648}\r\n") << 0;
        QTest::newRow("literal size overflow")
                << QByteArray("* 1 FETCH (BODY[] {99999999999999999999999}\r\n") << 0;
        QTest::newRow("literal over cap")
                << QByteArray("* OK x\r\n* 1 FETCH (BODY[] {1025}\r\n") << 1;
        QTest::newRow("line over cap, terminated")
                << QByteArray("* OK " + QByteArray(600, 'a') + "\r\n") << 0;
        QTest::newRow("line over cap, unterminated")
                << QByteArray("* OK " + QByteArray(600, 'a')) << 0;
        QTest::newRow("line over cap after literal")
                << QByteArray("* 1 FETCH (X {2}\r\nab " + QByteArray(600, 'b')) << 0;
        QTest::newRow("response over cap")
                << QByteArray("* 1 FETCH (A {1000}\r\n" + QByteArray(1000, 'x') + " B {1000}\r\n")
                << 0;
    }

    void limits()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, responsesBeforeError);
        ImapFramer::Limits limits;
        limits.maxLineLength = 512;
        limits.maxLiteralSize = 1024;
        limits.maxResponseSize = 1500;

        for (bool bytewise : {false, true}) {
            ImapFramer framer(limits);
            if (bytewise) {
                for (char c : input)
                    framer.feed(QByteArrayView(&c, 1));
            } else {
                framer.feed(input);
            }
            ImapFramer::Status last;
            QCOMPARE(drain(framer, &last).size(), responsesBeforeError);
            QCOMPARE(last, ImapFramer::Status::Error);
            QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
            // Nothing was reserved for the announced size.
            QVERIFY(framer.bufferedBytes() <= input.size());
            // Failed for good: more bytes do not revive it.
            framer.feed("A1 OK\r\n");
            QByteArray out;
            QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        }
    }

    void defaultLimitRejects2GbLiteral()
    {
        ImapFramer framer;
        framer.feed("* 1 FETCH (BODY[] {2147483648}\r\n");
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        QCOMPARE(framer.error().kind(), MailError::Kind::Limit);
    }

    void resetClearsError()
    {
        ImapFramer::Limits limits;
        limits.maxLineLength = 4;
        ImapFramer framer(limits);
        framer.feed("* OK long line\r\n");
        QByteArray out;
        QCOMPARE(framer.next(&out), ImapFramer::Status::Error);
        framer.reset();
        framer.feed("A\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        QCOMPARE(out, QByteArray("A\r\n"));
    }

    // A 32 MB literal arriving in 1 KB reads, as under TLS: linear work keeps this well
    // under a second; rescanning the buffer on each read would take minutes.
    void largeLiteralInSmallReadsIsLinear()
    {
        const qsizetype size = 32 * 1024 * 1024;
        const QByteArray chunk(1024, 'x');
        ImapFramer framer;
        QElapsedTimer timer;
        timer.start();
        framer.feed("* 1 FETCH (BODY[] {" + QByteArray::number(size) + "}\r\n");
        QByteArray out;
        for (qsizetype sent = 0; sent < size; sent += chunk.size()) {
            framer.feed(chunk);
            QCOMPARE(framer.next(&out), ImapFramer::Status::NeedMore);
        }
        framer.feed(")\r\n");
        QCOMPARE(framer.next(&out), ImapFramer::Status::Response);
        const qint64 ms = timer.elapsed();
        qInfo("32 MB literal in 1 KB feeds: %lld ms", ms);
        QCOMPARE(out.size(), size + 25 + QByteArray::number(size).size());
        QVERIFY2(ms < 5000 * TestTiming::factor, "framing is not linear in the bytes fed");
    }

    void manySmallResponsesInSmallReads()
    {
        QByteArray stream;
        for (int i = 1; i <= 20000; ++i)
            stream += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i)
                      + " FLAGS (\\Seen))\r\n";
        ImapFramer framer;
        QElapsedTimer timer;
        timer.start();
        int count = 0;
        QByteArray out;
        for (qsizetype i = 0; i < stream.size(); i += 100) {
            framer.feed(
                    QByteArrayView(stream).sliced(i, std::min<qsizetype>(100, stream.size() - i)));
            while (framer.next(&out) == ImapFramer::Status::Response)
                ++count;
        }
        qInfo("20000 responses in 100-byte feeds: %lld ms", timer.elapsed());
        QCOMPARE(count, 20000);
        QCOMPARE(framer.bufferedBytes(), 0);
    }
};

QTEST_APPLESS_MAIN(TestImapFramer)
#include "tst_imapframer.moc"
