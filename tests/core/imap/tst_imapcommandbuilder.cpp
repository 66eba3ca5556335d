#include "imap/imapcommandbuilder.h"
#include "imap/parser/uidset.h"

#include <QTest>

class TestImapCommandBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uidSetParse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("compact");
        QTest::addColumn<quint64>("count");
        QTest::newRow("single") << QByteArray("5") << QByteArray("5") << quint64(1);
        QTest::newRow("range") << QByteArray("1:3") << QByteArray("1:3") << quint64(3);
        QTest::newRow("reversed") << QByteArray("9:7") << QByteArray("7:9") << quint64(3);
        QTest::newRow("merge adjacent")
                << QByteArray("1,2,3,5,6,8") << QByteArray("1:3,5:6,8") << quint64(6);
        QTest::newRow("unsorted overlapping")
                << QByteArray("10:20,1:4,15:25,5") << QByteArray("1:5,10:25") << quint64(21);
        QTest::newRow("star") << QByteArray("100:*") << QByteArray("100:*")
                              << quint64(0xFFFFFFFFull - 99);
        QTest::newRow("star first")
                << QByteArray("*:4,2") << QByteArray("2,4:*") << quint64(0xFFFFFFFFull - 2);
        QTest::newRow("max uid") << QByteArray("4294967294") << QByteArray("4294967294")
                                 << quint64(1);
    }

    void uidSetParse()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, compact);
        QFETCH(quint64, count);
        const auto set = UidSet::parse(input);
        QVERIFY(set);
        QCOMPARE(set->toString(), compact);
        QCOMPARE(set->count(), count);
        QCOMPARE(UidSet::parse(set->toString()), set);
    }

    void uidSetRejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        for (const char *bad : {"", "0", "1:0", ",", "1,", ",1", "a", "1:2:3", "1 2", "-1",
                                "4294967296", "99999999999", "1:", ":1"})
            QTest::newRow(bad) << QByteArray(bad);
    }

    void uidSetRejects()
    {
        QFETCH(QByteArray, input);
        QVERIFY(!UidSet::parse(input));
    }

    void uidSetSplitByLength_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<QList<QByteArray>>("pieces");
        QTest::newRow("a million contiguous, one gap")
                << QByteArray("1:500000,500002:1000000") << 8000
                << QList<QByteArray> {"1:500000,500002:1000000"};
        QTest::newRow("fits exactly")
                << QByteArray("1:3,5,7:9") << 9 << QList<QByteArray> {"1:3,5,7:9"};
        QTest::newRow("one byte short")
                << QByteArray("1:3,5,7:9") << 8 << QList<QByteArray> {"1:3,5", "7:9"};
        QTest::newRow("ranges stay whole")
                << QByteArray("1:100000,200000:300000,400000") << 14
                << QList<QByteArray> {"1:100000", "200000:300000", "400000"};
        QTest::newRow("star") << QByteArray("1:9,20:*") << 5 << QList<QByteArray> {"1:9", "20:*"};
        QTest::newRow("empty") << QByteArray() << 8000 << QList<QByteArray> {};
    }

    void uidSetSplitByLength()
    {
        QFETCH(QByteArray, set);
        QFETCH(int, maxBytes);
        QFETCH(QList<QByteArray>, pieces);
        const UidSet whole = set.isEmpty() ? UidSet() : UidSet::parse(set).value();
        QList<QByteArray> got;
        for (const UidSet &piece : whole.splitByLength(maxBytes))
            got.append(piece.toString());
        QCOMPARE(got, pieces);
    }

    void uidSetSplitByLengthOfScatteredUids()
    {
        // Every other UID of 1..200,000: 100,000 single numbers, about 600 KB as one set.
        UidSet scattered;
        for (quint32 uid = 1; uid <= 200000; uid += 2)
            scattered.add(uid);
        const QList<UidSet> pieces = scattered.splitByLength(8000);
        UidSet again;
        quint64 members = 0;
        for (const UidSet &piece : pieces) {
            const QByteArray text = piece.toString();
            QVERIFY(text.size() <= 8000);
            if (&piece != &pieces.last()) // full: the next number would not have fitted
                QVERIFY(text.size() > 8000 - 8);
            QVERIFY(piece.first() > again.last());
            members += piece.count();
            again.add(piece);
        }
        QCOMPARE(again, scattered);
        QCOMPARE(members, quint64(100000));
        const qsizetype total = scattered.toString().size();
        QCOMPARE(pieces.size(), total / 8000 + 1);
    }

    void uidSetOperations()
    {
        UidSet set = UidSet::fromList({9, 3, 4, 5, 1, 9, 12});
        QCOMPARE(set.toString(), QByteArray("1,3:5,9,12"));
        QVERIFY(set.contains(4));
        QVERIFY(!set.contains(6));
        QVERIFY(set.contains(12));
        QVERIFY(!set.contains(13));
        set.addRange(6, 8);
        QCOMPARE(set.toString(), QByteArray("1,3:9,12"));
        set.add(2);
        set.add(10);
        set.add(11);
        QCOMPARE(set.toString(), QByteArray("1:12"));
        QCOMPARE(set.first(), 1u);
        QCOMPARE(set.last(), 12u);
        QCOMPARE(set.toList().size(), 12);

        const QList<UidSet> batches = UidSet::parse("1:5,10,20:24")->split(4);
        QCOMPARE(batches.size(), 3);
        QCOMPARE(batches.at(0).toString(), QByteArray("1:4"));
        QCOMPARE(batches.at(1).toString(), QByteArray("5,10,20:21"));
        QCOMPARE(batches.at(2).toString(), QByteArray("22:24"));

        QCOMPARE(UidSet::parseWritten("5,3:1,2").value(),
                 (QList<UidSet::Range> {{5, 5}, {1, 3}, {2, 2}}));
        QVERIFY(!UidSet::parseWritten("1:x"));
    }

    void quoting_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QList<QByteArray>>("expected");
        QTest::newRow("atom") << QByteArray("INBOX") << QList<QByteArray> {"X INBOX\r\n"};
        QTest::newRow("bracket is astring") << QByteArray("a]b") << QList<QByteArray> {"X a]b\r\n"};
        QTest::newRow("space") << QByteArray("a b") << QList<QByteArray> {"X \"a b\"\r\n"};
        QTest::newRow("empty") << QByteArray("") << QList<QByteArray> {"X \"\"\r\n"};
        QTest::newRow("nil word") << QByteArray("nil") << QList<QByteArray> {"X \"nil\"\r\n"};
        QTest::newRow("quote and backslash")
                << QByteArray("p\"w\\d") << QList<QByteArray> {"X \"p\\\"w\\\\d\"\r\n"};
        QTest::newRow("wildcards") << QByteArray("a*%") << QList<QByteArray> {"X \"a*%\"\r\n"};
        QTest::newRow("8-bit needs literal")
                << QByteArray("p\xc3\xa4ss") << QList<QByteArray> {"X {5}\r\n", "p\xc3\xa4ss\r\n"};
        QTest::newRow("CRLF needs literal")
                << QByteArray("a\r\nb") << QList<QByteArray> {"X {4}\r\n", "a\r\nb\r\n"};
    }

    void quoting()
    {
        QFETCH(QByteArray, value);
        QFETCH(QList<QByteArray>, expected);
        ImapCommandBuilder b;
        b.atom("X").astring(value);
        QCOMPARE(b.build().parts(), expected);
    }

    void literalModes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("parts");
        QTest::addColumn<QByteArray>("announcement");
        using M = ImapCommandBuilder::LiteralMode;
        QTest::newRow("sync") << int(M::Synchronizing) << 10 << 2 << QByteArray("{10}\r\n");
        QTest::newRow("literal+") << int(M::NonSynchronizing) << 10000 << 1
                                  << QByteArray("{10000+}\r\n");
        QTest::newRow("literal- small")
                << int(M::NonSynchronizingUpTo4k) << 4096 << 1 << QByteArray("{4096+}\r\n");
        QTest::newRow("literal- large")
                << int(M::NonSynchronizingUpTo4k) << 4097 << 2 << QByteArray("{4097}\r\n");
    }

    void literalModes()
    {
        QFETCH(int, mode);
        QFETCH(int, size);
        QFETCH(int, parts);
        QFETCH(QByteArray, announcement);
        ImapCommandBuilder::Options options;
        options.literalMode = ImapCommandBuilder::LiteralMode(mode);
        ImapCommandBuilder b(options);
        const QByteArray content(size, 'x');
        b.atom("APPEND").mailbox(QStringLiteral("Sent")).beginList().atom("\\Seen").endList();
        b.literal(content);
        const ImapCommand cmd = b.build();
        QCOMPARE(cmd.parts().size(), parts);
        QVERIFY(cmd.parts().first().startsWith("APPEND Sent (\\Seen) " + announcement));
        QCOMPARE(cmd.parts().join().size(),
                 QByteArray("APPEND Sent (\\Seen) ").size() + announcement.size() + size + 2);
        QCOMPARE(cmd.name(), QByteArray("APPEND"));
    }

    void binaryLiteral()
    {
        ImapCommandBuilder b;
        b.atom("APPEND").atom("INBOX").literal(QByteArray("a\0b", 3), true);
        QCOMPARE(b.build().parts(),
                 (QList<QByteArray> {"APPEND INBOX ~{3}\r\n", QByteArray("a\0b\r\n", 5)}));
    }

    void lists()
    {
        ImapCommandBuilder b;
        b.atom("UID").atom("FETCH").sequenceSet(*UidSet::parse("1:3,7"));
        b.beginList().atom("UID").atom("FLAGS").beginList().endList().endList();
        b.beginList().atom("CHANGEDSINCE").number(12345).endList();
        QCOMPARE(b.build().parts(),
                 QList<QByteArray> {"UID FETCH 1:3,7 (UID FLAGS ()) (CHANGEDSINCE 12345)\r\n"});
    }

    void mailboxNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("encoded");
        // RFC 3501 5.1.3 and common names.
        QTest::newRow("ascii") << QStringLiteral("INBOX.Sent") << QByteArray("INBOX.Sent");
        QTest::newRow("ampersand") << QStringLiteral("Tom & Jerry") << QByteArray("Tom &- Jerry");
        QTest::newRow("german") << QStringLiteral("Entwürfe") << QByteArray("Entw&APw-rfe");
        QTest::newRow("rfc example")
                << QString::fromUtf8("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e")
                << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("russian") << QString::fromUtf8("Привет") << QByteArray("&BB8EQAQ4BDIENQRC-");
        QTest::newRow("emoji surrogate pair")
                << QString::fromUtf8("a\xf0\x9f\x93\xa7") << QByteArray("a&2D3c5w-");
        QTest::newRow("only non-ascii") << QString::fromUtf8("é") << QByteArray("&AOk-");
    }

    void mailboxNames()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, encoded);
        QCOMPARE(ImapCommandBuilder::encodeMailboxName(name), encoded);
        QCOMPARE(ImapCommandBuilder::decodeMailboxName(encoded), name);
    }

    void mailboxNameFallbacks()
    {
        // Not valid modified UTF-7: shown as UTF-8 bytes rather than dropped.
        QCOMPARE(ImapCommandBuilder::decodeMailboxName("a&b"), QStringLiteral("a&b"));
        QCOMPARE(ImapCommandBuilder::decodeMailboxName("&!!-"), QStringLiteral("&!!-"));
        QCOMPARE(ImapCommandBuilder::decodeMailboxName("Entw\xc3\xbcrfe"),
                 QString::fromUtf8("Entwürfe"));
        // UTF8=ACCEPT: names are UTF-8 on the wire and are quoted, never encoded.
        QCOMPARE(ImapCommandBuilder::decodeMailboxName("&APw-", true), QStringLiteral("&APw-"));
        ImapCommandBuilder::Options options;
        options.utf8Accept = true;
        ImapCommandBuilder b(options);
        b.atom("SELECT").mailbox(QString::fromUtf8("Entwürfe"));
        QCOMPARE(b.build().parts(), QList<QByteArray> {"SELECT \"Entw\xc3\xbcrfe\"\r\n"});
        ImapCommandBuilder plain;
        plain.atom("SELECT").mailbox(QString::fromUtf8("Entwürfe"));
        QCOMPARE(plain.build().parts(), QList<QByteArray> {"SELECT Entw&APw-rfe\r\n"});
    }
};

QTEST_APPLESS_MAIN(TestImapCommandBuilder)
#include "tst_imapcommandbuilder.moc"
