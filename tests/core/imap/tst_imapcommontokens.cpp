#include "imap/parser/imapcommontokens.h"
#include "imap/parser/imaplexer.h"

#include <QTest>

// The shared words of BODYSTRUCTURE and the lexer's view of a plain quoted string, which the
// in-place structure reader builds on.
class TestImapCommonTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loweredIsLowerCase_data();
    void loweredIsLowerCase();
    void commonWordsAreShared();
    void exactKeepsTheCase();
    void partNumbers();
    void plainQuotedIsAViewOrNothing_data();
    void plainQuotedIsAViewOrNothing();
};

void TestImapCommonTokens::loweredIsLowerCase_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("common") << QByteArray("TEXT") << QByteArray("text");
    QTest::newRow("common, mixed case")
            << QByteArray("Quoted-Printable") << QByteArray("quoted-printable");
    QTest::newRow("near miss") << QByteArray("TEXTS") << QByteArray("texts");
    QTest::newRow("uncommon") << QByteArray("X-Vendor.Thing") << QByteArray("x-vendor.thing");
    QTest::newRow("non-ASCII stays") << QByteArray("\xc3\x89T") << QByteArray("\xc3\x89t");
}

void TestImapCommonTokens::loweredIsLowerCase()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    const QByteArray lowered = ImapCommonTokens::lowered(input);
    QCOMPARE(lowered, expected);
    QCOMPARE(lowered, input.toLower());
    QVERIFY(ImapCommonTokens::lowered(QByteArrayView()).isNull());
    QVERIFY(ImapCommonTokens::lowered("").isNull());
}

void TestImapCommonTokens::commonWordsAreShared()
{
    // The same storage every time: no copy made for the words most structures repeat.
    for (const char *word : {"text", "plain", "charset", "base64", "attachment", "filename"}) {
        const QByteArray upper = QByteArray(word).toUpper();
        QCOMPARE(ImapCommonTokens::lowered(upper).constData(),
                 ImapCommonTokens::lowered(word).constData());
    }
    QVERIFY(ImapCommonTokens::lowered("x-rare").constData()
            != ImapCommonTokens::lowered("X-RARE").constData());
    QCOMPARE(ImapCommonTokens::exact("utf-8").constData(),
             ImapCommonTokens::exact(QByteArray("utf-8")).constData());
}

void TestImapCommonTokens::exactKeepsTheCase()
{
    QCOMPARE(ImapCommonTokens::exact("UTF-8"), QByteArray("UTF-8"));
    QCOMPARE(ImapCommonTokens::exact("Utf-8"), QByteArray("Utf-8"));
    QCOMPARE(ImapCommonTokens::exact("=_mixed_5"), QByteArray("=_mixed_5"));
    QVERIFY(ImapCommonTokens::exact("").isNull());
}

void TestImapCommonTokens::partNumbers()
{
    QCOMPARE(ImapCommonTokens::partNumber(QByteArray(), 0), QByteArray("1"));
    QCOMPARE(ImapCommonTokens::partNumber(QByteArray(), 8), QByteArray("9"));
    QCOMPARE(ImapCommonTokens::partNumber(QByteArray(), 9), QByteArray("10"));
    QCOMPARE(ImapCommonTokens::partNumber("2", 0), QByteArray("2.1"));
    QCOMPARE(ImapCommonTokens::partNumber("1.3", 11), QByteArray("1.3.12"));
}

void TestImapCommonTokens::plainQuotedIsAViewOrNothing_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("read");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qsizetype>("end");
    QTest::newRow("plain") << QByteArray("\"abc\" x") << true << QByteArray("abc") << qsizetype(5);
    QTest::newRow("empty") << QByteArray("\"\"") << true << QByteArray("") << qsizetype(2);
    QTest::newRow("escaped quote")
            << QByteArray("\"a\\\"b\"") << false << QByteArray() << qsizetype(0);
    QTest::newRow("escaped backslash")
            << QByteArray("\"a\\\\b\"") << false << QByteArray() << qsizetype(0);
    QTest::newRow("unterminated") << QByteArray("\"abc") << false << QByteArray() << qsizetype(0);
    QTest::newRow("line break") << QByteArray("\"a\r\nb\"") << false << QByteArray()
                                << qsizetype(0);
    QTest::newRow("NUL") << QByteArray("\"a\0b\"", 5) << false << QByteArray() << qsizetype(0);
    QTest::newRow("NIL") << QByteArray("NIL") << false << QByteArray() << qsizetype(0);
    QTest::newRow("literal") << QByteArray("{3}\r\nabc") << false << QByteArray() << qsizetype(0);
}

void TestImapCommonTokens::plainQuotedIsAViewOrNothing()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, read);
    QFETCH(QByteArray, text);
    QFETCH(qsizetype, end);
    ImapLexer lexer(input);
    QByteArrayView view;
    QCOMPARE(lexer.readPlainQuoted(&view), read);
    QCOMPARE(lexer.position(), end);
    QVERIFY(lexer.ok());
    if (read) {
        QCOMPARE(view.toByteArray(), text);
        QVERIFY(view.data() >= input.constData()
                && view.data() + view.size() <= input.constData() + input.size());
    }
}

QTEST_GUILESS_MAIN(TestImapCommonTokens)
#include "tst_imapcommontokens.moc"
