#include "imap/parser/imapparser.h"

#include <QTest>

// UID, FLAGS, INTERNALDATE, RFC822.SIZE and MODSEQ are read in place when they have the form
// servers send; every other form takes the general reader. Both must give the same values and
// refuse the same input.
class TestImapFetchItems : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void items_data();
    void items();
    void flagsOfEveryForm_data();
    void flagsOfEveryForm();
};

namespace {

ImapParser::Result parseFetch(const QByteArray &attributes)
{
    return ImapParser::parse("* 1 FETCH (" + attributes + ")\r\n");
}

} // namespace

void TestImapFetchItems::items_data()
{
    QTest::addColumn<QByteArray>("attributes");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint32>("uid");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<quint64>("modSeq");
    QTest::addColumn<QDateTime>("internalDate");

    const QDateTime date(QDate(1996, 7, 17), QTime(9, 44, 25), Qt::UTC);
    const QByteArray dateText = "\"17-Jul-1996 02:44:25 -0700\"";
    QTest::newRow("plain") << "UID 12 RFC822.SIZE 4286 MODSEQ (12345) INTERNALDATE " + dateText
                           << true << 12u << quint64(4286) << quint64(12345) << date;
    QTest::newRow("lower-case names")
            << "uid 12 rfc822.size 4286 modseq (12345) internaldate " + dateText << true << 12u
            << quint64(4286) << quint64(12345) << date;
    QTest::newRow("largest") << QByteArray("UID 4294967295 RFC822.SIZE 9999999999999999999") << true
                             << 4294967295u << quint64(9999999999999999999ull) << quint64(0)
                             << QDateTime();
    QTest::newRow("numbers as strings")
            << QByteArray("UID \"12\" RFC822.SIZE \"4286\" MODSEQ (\"7\")") << true << 12u
            << quint64(4286) << quint64(7) << QDateTime();
    QTest::newRow("date as a literal")
            << QByteArray("UID 1 INTERNALDATE {26}\r\n17-Jul-1996 02:44:25 -0700") << true << 1u
            << quint64(0) << quint64(0) << date;
    QTest::newRow("date with an escape")
            << QByteArray("UID 1 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\\\\\"") << true << 1u
            << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("unreadable date") << QByteArray("UID 1 INTERNALDATE \"yesterday\"") << true << 1u
                                     << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("UID 0") << QByteArray("UID 0") << false << 0u << quint64(0) << quint64(0)
                           << QDateTime();
    QTest::newRow("UID over 32 bits") << QByteArray("UID 4294967296") << false << 0u << quint64(0)
                                      << quint64(0) << QDateTime();
    QTest::newRow("size of 20 digits") << QByteArray("RFC822.SIZE 12345678901234567890") << false
                                       << 0u << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("UID not a number")
            << QByteArray("UID 12a") << false << 0u << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("UID NIL") << QByteArray("UID NIL") << false << 0u << quint64(0) << quint64(0)
                             << QDateTime();
    QTest::newRow("MODSEQ of two")
            << QByteArray("MODSEQ (1 2)") << false << 0u << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("MODSEQ not a list")
            << QByteArray("MODSEQ 5") << false << 0u << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("MODSEQ unclosed")
            << QByteArray("MODSEQ (5") << false << 0u << quint64(0) << quint64(0) << QDateTime();
    QTest::newRow("INTERNALDATE NIL") << QByteArray("INTERNALDATE NIL") << false << 0u << quint64(0)
                                      << quint64(0) << QDateTime();
}

void TestImapFetchItems::items()
{
    QFETCH(QByteArray, attributes);
    QFETCH(bool, ok);
    QFETCH(quint32, uid);
    QFETCH(quint64, size);
    QFETCH(quint64, modSeq);
    QFETCH(QDateTime, internalDate);
    const ImapParser::Result result = parseFetch(attributes);
    QCOMPARE(result.isOk(), ok);
    if (!ok)
        return;
    const ImapFetch &fetch = result.response.fetch();
    QCOMPARE(fetch.uid.value_or(0), uid);
    QCOMPARE(fetch.size.value_or(0), size);
    QCOMPARE(fetch.modSeq.value_or(0), modSeq);
    QCOMPARE(fetch.internalDate, internalDate);
}

void TestImapFetchItems::flagsOfEveryForm_data()
{
    QTest::addColumn<QByteArray>("flags");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QList<QByteArray>>("expected");

    QTest::newRow("system") << QByteArray(
            "(\\Seen \\Answered \\Flagged \\Deleted \\Draft \\Recent)")
                            << true << QList<QByteArray> {"\\Seen",    "\\Answered", "\\Flagged",
                                                          "\\Deleted", "\\Draft",    "\\Recent"};
    QTest::newRow("keywords") << QByteArray("($Forwarded \\seen Junk)") << true
                              << QList<QByteArray> {"$Forwarded", "\\seen", "Junk"};
    QTest::newRow("empty") << QByteArray("()") << true << QList<QByteArray> {};
    QTest::newRow("two spaces") << QByteArray("(\\Seen  \\Draft)") << true
                                << QList<QByteArray> {"\\Seen", "\\Draft"};
    QTest::newRow("NIL inside") << QByteArray("(\\Seen NIL)") << false << QList<QByteArray> {};
    QTest::newRow("string inside") << QByteArray("(\\Seen \"x\")") << false << QList<QByteArray> {};
    QTest::newRow("not a list") << QByteArray("\\Seen") << false << QList<QByteArray> {};
    QTest::newRow("unclosed") << QByteArray("(\\Seen") << false << QList<QByteArray> {};
}

void TestImapFetchItems::flagsOfEveryForm()
{
    QFETCH(QByteArray, flags);
    QFETCH(bool, ok);
    QFETCH(QList<QByteArray>, expected);
    const ImapParser::Result result = parseFetch("UID 3 FLAGS " + flags);
    QCOMPARE(result.isOk(), ok);
    if (!ok)
        return;
    const ImapFetch &fetch = result.response.fetch();
    QVERIFY(fetch.flags.has_value());
    QCOMPARE(*fetch.flags, expected);
    QCOMPARE(fetch.uid.value_or(0), 3u);
}

QTEST_GUILESS_MAIN(TestImapFetchItems)
#include "tst_imapfetchitems.moc"
