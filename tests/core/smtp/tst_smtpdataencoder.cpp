#include "smtp/smtpdataencoder.h"
#include "smtp/smtpmessagesource.h"

#include <QBuffer>
#include <QTest>

using Mode = SmtpDataEncoder::Mode;

class TestSmtpDataEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void encode_data();
    void encode();
    void scan_data();
    void scan();
    void sourceReadsInPieces();
};

void TestSmtpDataEncoder::encode_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("eightBit");

    const int data = int(Mode::Data);
    const int bdat = int(Mode::Bdat);
    QTest::newRow("empty") << data << QByteArray() << QByteArray(".\r\n") << false;
    QTest::newRow("empty bdat") << bdat << QByteArray() << QByteArray() << false;
    QTest::newRow("crlf kept") << data << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n.\r\n")
                               << false;
    QTest::newRow("missing final line end")
            << data << QByteArray("a\r\nb") << QByteArray("a\r\nb\r\n.\r\n") << false;
    QTest::newRow("bare LF") << data << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n.\r\n")
                             << false;
    QTest::newRow("bare CR") << data << QByteArray("a\rb\r") << QByteArray("a\r\nb\r\n.\r\n")
                             << false;
    QTest::newRow("CR CR LF") << data << QByteArray("a\r\r\nb") << QByteArray("a\r\n\r\nb\r\n.\r\n")
                              << false;
    QTest::newRow("dot first line")
            << data << QByteArray(".x\r\n") << QByteArray("..x\r\n.\r\n") << false;
    QTest::newRow("lone dot line") << data << QByteArray("a\r\n.\r\nb\r\n")
                                   << QByteArray("a\r\n..\r\nb\r\n.\r\n") << false;
    QTest::newRow("dot inside a line")
            << data << QByteArray("a.b\r\n .\r\n") << QByteArray("a.b\r\n .\r\n.\r\n") << false;
    QTest::newRow("dots after LF")
            << data << QByteArray("\n..\n") << QByteArray("\r\n...\r\n.\r\n") << false;
    QTest::newRow("bdat does not stuff")
            << bdat << QByteArray(".x\n.\n") << QByteArray(".x\r\n.\r\n") << false;
    QTest::newRow("8-bit") << data << QByteArray("caf\xc3\xa9\r\n")
                           << QByteArray("caf\xc3\xa9\r\n.\r\n") << true;
    QTest::newRow("8-bit first byte")
            << bdat << QByteArray("\xc3\xa9") << QByteArray("\xc3\xa9\r\n") << true;
}

void TestSmtpDataEncoder::encode()
{
    QFETCH(int, mode);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QFETCH(bool, eightBit);

    // Whole, then one byte at a time: the same bytes must come out.
    SmtpDataEncoder whole {Mode(mode)};
    QByteArray out = whole.encode(input);
    whole.finish(out);
    QCOMPARE(out, expected);
    QCOMPARE(whole.sawEightBit(), eightBit);

    SmtpDataEncoder bytewise {Mode(mode)};
    QByteArray pieces;
    for (qsizetype i = 0; i < input.size(); ++i)
        bytewise.encode(QByteArrayView(input).sliced(i, 1), pieces);
    bytewise.finish(pieces);
    QCOMPARE(pieces, expected);
}

void TestSmtpDataEncoder::scan_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("eightBit");
    QTest::addColumn<bool>("nonAsciiHeaders");

    QTest::newRow("ascii") << QByteArray("Subject: a\r\n\r\nbody\r\n") << false << false;
    QTest::newRow("8-bit body") << QByteArray("Subject: a\r\n\r\nb\xc3\xa9\r\n") << true << false;
    QTest::newRow("utf-8 header") << QByteArray("Subject: \xc3\xa9\r\n\r\nbody\r\n") << true
                                  << true;
    QTest::newRow("LF only") << QByteArray("Subject: a\n\nb\xc3\xa9\n") << true << false;
    // The blank line lands far past the first scan piece.
    QTest::newRow("long header") << QByteArray("X-Long: ") + QByteArray(100000, 'a')
                                            + "\r\n\r\n\xc3\xa9"
                                 << true << false;
    QTest::newRow("long header, late utf-8")
            << QByteArray("X-Long: ") + QByteArray(100000, 'a') + "\xc3\xa9\r\n\r\nbody" << true
            << true;
}

void TestSmtpDataEncoder::scan()
{
    QFETCH(QByteArray, message);
    QBuffer buffer(&message);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    SmtpMessageSource source(&buffer);
    source.scan();
    QTEST(source.hasEightBit(), "eightBit");
    QTEST(source.hasNonAsciiHeaders(), "nonAsciiHeaders");
    QCOMPARE(buffer.pos(), 0); // rewound
    QCOMPARE(source.size(), message.size());
}

void TestSmtpDataEncoder::sourceReadsInPieces()
{
    QByteArray message = "Subject: x\r\n\r\n";
    for (int i = 0; i < 1000; ++i)
        message += ".line " + QByteArray::number(i) + "\n";
    QBuffer buffer(&message);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    SmtpMessageSource source(&buffer);
    source.begin(Mode::Data);
    QByteArray wire;
    int pieces = 0;
    while (!source.readEncoded(100, wire))
        ++pieces;
    QVERIFY(pieces > 50);
    QCOMPARE(source.consumed(), message.size());
    QVERIFY(wire.endsWith(".line 999\r\n.\r\n"));
    QVERIFY(wire.contains("\r\n..line 500\r\n"));
    QVERIFY(!wire.contains("\r\n.line"));
}

QTEST_GUILESS_MAIN(TestSmtpDataEncoder)
#include "tst_smtpdataencoder.moc"
