#include "smtp/smtpcapabilities.h"
#include "smtp/smtpreplyparser.h"

#include "testtiming.h"

#include <QElapsedTimer>
#include <QTest>

using Status = SmtpReplyParser::Status;

class TestSmtpReplyParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replies_data();
    void replies();
    void byteAtATime_data() { replies_data(); }
    void byteAtATime();
    void errors_data();
    void errors();
    void severalRepliesInOneChunk();
    void clearDropsPending();
    void lineLengthCap();
    void lineLengthCapWithCrArrivingAlone_data();
    void lineLengthCapWithCrArrivingAlone();
    void linearInLargeReplies();
    void capabilities_data();
    void capabilities();
};

void TestSmtpReplyParser::replies_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("enhanced");
    QTest::addColumn<QList<QByteArray>>("lines");

    QTest::newRow("single") << QByteArray("220 mail.example.org ESMTP\r\n") << 220 << QByteArray()
                            << QList<QByteArray> {"mail.example.org ESMTP"};
    QTest::newRow("multi-line") << QByteArray(
            "250-mail.example.org\r\n250-PIPELINING\r\n250 SIZE 1000\r\n")
                                << 250 << QByteArray()
                                << QList<QByteArray> {"mail.example.org", "PIPELINING", "SIZE 1000"};
    QTest::newRow("enhanced") << QByteArray("550 5.1.1 <bob@x>: Recipient unknown\r\n") << 550
                              << QByteArray("5.1.1")
                              << QList<QByteArray> {"<bob@x>: Recipient unknown"};
    QTest::newRow("enhanced multi-line")
            << QByteArray("452-4.3.1 Insufficient\r\n452 4.3.1 system storage\r\n") << 452
            << QByteArray("4.3.1") << QList<QByteArray> {"Insufficient", "system storage"};
    QTest::newRow("enhanced class mismatch is text")
            << QByteArray("250 5.1.1 looks like a code\r\n") << 250 << QByteArray()
            << QList<QByteArray> {"5.1.1 looks like a code"};
    QTest::newRow("enhanced code only")
            << QByteArray("250 2.0.0\r\n") << 250 << QByteArray("2.0.0") << QList<QByteArray> {""};
    QTest::newRow("three-digit parts") << QByteArray("554 5.123.456 policy\r\n") << 554
                                       << QByteArray("5.123.456") << QList<QByteArray> {"policy"};
    QTest::newRow("version number is not a code")
            << QByteArray("220 2.0.10a server\r\n") << 220 << QByteArray()
            << QList<QByteArray> {"2.0.10a server"};
    QTest::newRow("bare code") << QByteArray("250\r\n") << 250 << QByteArray()
                               << QList<QByteArray> {""};
    QTest::newRow("bare LF") << QByteArray("354 go ahead\n") << 354 << QByteArray()
                             << QList<QByteArray> {"go ahead"};
    QTest::newRow("empty continuation") << QByteArray("220-\r\n220 hi\r\n") << 220 << QByteArray()
                                        << QList<QByteArray> {"", "hi"};
    QTest::newRow("utf-8 text") << QByteArray("250 d\xc3\xa9j\xc3\xa0\r\n") << 250 << QByteArray()
                                << QList<QByteArray> {"d\xc3\xa9j\xc3\xa0"};
}

void TestSmtpReplyParser::replies()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QByteArray, enhanced);
    QFETCH(QList<QByteArray>, lines);

    const auto result = SmtpReplyParser::parse(input);
    QCOMPARE(result.status, Status::Reply);
    QCOMPARE(result.reply.code(), code);
    QCOMPARE(result.reply.enhancedCode(), enhanced);
    QCOMPARE(result.reply.lines(), lines);
}

void TestSmtpReplyParser::byteAtATime()
{
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QList<QByteArray>, lines);

    SmtpReplyParser parser;
    for (qsizetype i = 0; i < input.size(); ++i) {
        parser.addData(QByteArrayView(input).sliced(i, 1));
        const auto result = parser.next();
        if (i + 1 < input.size()) {
            QVERIFY2(result.status == Status::NeedMore, qPrintable(QString::number(i)));
        } else {
            QCOMPARE(result.status, Status::Reply);
            QCOMPARE(result.reply.code(), code);
            QCOMPARE(result.reply.lines(), lines);
        }
    }
    QCOMPARE(parser.next().status, Status::NeedMore);
    QCOMPARE(parser.pendingBytes(), 0);
}

void TestSmtpReplyParser::errors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("no code") << QByteArray("hello\r\n");
    QTest::newRow("short") << QByteArray("25\r\n");
    QTest::newRow("code 1xx") << QByteArray("150 nope\r\n");
    QTest::newRow("code 6xx") << QByteArray("650 nope\r\n");
    QTest::newRow("bad separator") << QByteArray("250_x\r\n");
    QTest::newRow("code changes") << QByteArray("250-a\r\n251 b\r\n");
    QTest::newRow("letters in code") << QByteArray("2x0 a\r\n");
}

void TestSmtpReplyParser::errors()
{
    QFETCH(QByteArray, input);
    SmtpReplyParser parser;
    parser.addData(input);
    const auto result = parser.next();
    QCOMPARE(result.status, Status::Error);
    QVERIFY(!result.error.isEmpty());
    QVERIFY(parser.hasError());
    parser.addData("250 ok\r\n");
    QCOMPARE(parser.next().status, Status::Error); // sticky until clear()
}

void TestSmtpReplyParser::severalRepliesInOneChunk()
{
    SmtpReplyParser parser;
    parser.addData("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n554 5.5.1 Error: no valid recipients\r\n3");
    QCOMPARE(parser.next().reply.enhancedCode(), QByteArray("2.1.0"));
    QCOMPARE(parser.next().reply.enhancedCode(), QByteArray("2.1.5"));
    const auto third = parser.next();
    QCOMPARE(third.reply.code(), 554);
    QCOMPARE(third.reply.text(), QByteArray("Error: no valid recipients"));
    QCOMPARE(parser.next().status, Status::NeedMore);
    QCOMPARE(parser.pendingBytes(), 1);
    parser.addData("54 go\r\n");
    QCOMPARE(parser.next().reply.code(), 354);
}

void TestSmtpReplyParser::clearDropsPending()
{
    SmtpReplyParser parser;
    parser.addData("220 ready\r\n250-injected\r\n250 more");
    QCOMPARE(parser.next().reply.code(), 220);
    QCOMPARE(parser.next().status, Status::NeedMore);
    parser.clear();
    QCOMPARE(parser.pendingBytes(), 0);
    parser.addData("250 after\r\n");
    const auto result = parser.next();
    QCOMPARE(result.reply.lines(), QList<QByteArray> {"after"});
}

void TestSmtpReplyParser::lineLengthCap()
{
    SmtpReplyParser parser;
    parser.setMaxLineLength(100);
    parser.addData("250 " + QByteArray(200, 'x'));
    QCOMPARE(parser.next().status, Status::Error);
}

void TestSmtpReplyParser::lineLengthCapWithCrArrivingAlone_data()
{
    // A line exactly at the cap: its CR may arrive before its LF, in a read of its own. The CR
    // is part of the line end, not of the line, whole or in pieces (a fuzz finding).
    QTest::addColumn<qsizetype>("split");
    QTest::addColumn<bool>("fits");
    QTest::newRow("whole") << qsizetype(-1) << true;
    QTest::newRow("CR before its LF") << qsizetype(101) << true;
    QTest::newRow("CRLF together") << qsizetype(100) << true;
    QTest::newRow("one byte over, whole") << qsizetype(-1) << false;
    QTest::newRow("one byte over, CR before its LF") << qsizetype(102) << false;
    QTest::newRow("one byte over, no CR yet") << qsizetype(101) << false;
}

void TestSmtpReplyParser::lineLengthCapWithCrArrivingAlone()
{
    QFETCH(qsizetype, split);
    QFETCH(bool, fits);
    const QByteArray line = "250 " + QByteArray(fits ? 96 : 97, 'x'); // 100 or 101 bytes
    const QByteArray input = line + "\r\n";
    SmtpReplyParser parser;
    parser.setMaxLineLength(100);
    SmtpReplyParser::Result result;
    if (split >= 0) {
        parser.addData(QByteArrayView(input).first(split));
        result = parser.next();
        if (result.status == Status::NeedMore) {
            parser.addData(QByteArrayView(input).sliced(split));
            result = parser.next();
        }
    } else {
        parser.addData(input);
        result = parser.next();
    }
    if (fits) {
        QCOMPARE(result.status, Status::Reply);
        QCOMPARE(result.reply.lines(), QList<QByteArray> {line.sliced(4)});
        QCOMPARE(parser.pendingBytes(), 0);
    } else {
        QCOMPARE(result.status, Status::Error);
        QVERIFY(result.error.contains(QStringLiteral("longer than 100")));
    }
}

void TestSmtpReplyParser::linearInLargeReplies()
{
    // 900 continuation lines fed in 7-byte pieces: must stay fast (no rescans of the buffer).
    QByteArray input;
    for (int i = 0; i < 900; ++i)
        input += "250-" + QByteArray(500, 'a') + "\r\n";
    input += "250 end\r\n";
    SmtpReplyParser parser;
    QElapsedTimer timer;
    timer.start();
    SmtpReplyParser::Result result;
    for (qsizetype i = 0; i < input.size(); i += 7) {
        parser.addData(QByteArrayView(input).sliced(i, qMin(qsizetype(7), input.size() - i)));
        result = parser.next();
        if (result.status != Status::NeedMore)
            break;
    }
    QCOMPARE(result.status, Status::Reply);
    QCOMPARE(result.reply.lines().size(), 901);
    QVERIFY2(timer.elapsed() < 2000 * TestTiming::factor,
             qPrintable(QString::number(timer.elapsed())));
}

void TestSmtpReplyParser::capabilities_data()
{
    QTest::addColumn<QByteArray>("ehlo");
    QTest::addColumn<QByteArray>("serverName");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QList<QByteArray>>("auth");
    QTest::addColumn<bool>("pipelining");
    QTest::addColumn<bool>("startTls");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<bool>("chunking");
    QTest::addColumn<bool>("eightBit");

    QTest::newRow("postfix") << QByteArray(
            "250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
            "250-VRFY\r\n250-ETRN\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n"
            "250-8BITMIME\r\n250-DSN\r\n250-SMTPUTF8\r\n250 CHUNKING\r\n")
                             << QByteArray("mail.example.org") << qint64(10240000)
                             << QList<QByteArray> {} << true << true << true << true << true;
    QTest::newRow("auth after tls")
            << QByteArray("250-mx Hello\r\n250-AUTH PLAIN login\r\n250-AUTH=PLAIN LOGIN\r\n"
                          "250 SIZE\r\n")
            << QByteArray("mx") << qint64(0) << QList<QByteArray> {"PLAIN", "LOGIN"} << false
            << false << false << false << false;
    QTest::newRow("lower case keywords")
            << QByteArray("250-x\r\n250-pipelining\r\n250 size 42\r\n") << QByteArray("x")
            << qint64(42) << QList<QByteArray> {} << true << false << false << false << false;
    QTest::newRow("helo only") << QByteArray("250 x\r\n") << QByteArray("x") << qint64(0)
                               << QList<QByteArray> {} << false << false << false << false << false;
}

void TestSmtpReplyParser::capabilities()
{
    QFETCH(QByteArray, ehlo);
    const auto result = SmtpReplyParser::parse(ehlo);
    QCOMPARE(result.status, Status::Reply);
    const SmtpCapabilities caps = SmtpCapabilities::fromEhloReply(result.reply);
    QTEST(caps.serverName(), "serverName");
    QTEST(caps.sizeLimit(), "size");
    QTEST(caps.authMechanisms(), "auth");
    QTEST(caps.supportsPipelining(), "pipelining");
    QTEST(caps.supportsStartTls(), "startTls");
    QTEST(caps.supportsSmtpUtf8(), "utf8");
    QTEST(caps.supportsChunking(), "chunking");
    QTEST(caps.supports8BitMime(), "eightBit");
}

QTEST_GUILESS_MAIN(TestSmtpReplyParser)
#include "tst_smtpreplyparser.moc"
