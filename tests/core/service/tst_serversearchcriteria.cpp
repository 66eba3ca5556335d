#include "imap/imapcommandbuilder.h"
#include "mime/mimepart.h"
#include "mime/searchabletext.h"
#include "service/serversearchcriteria.h"

#include <QTest>

// What a search asks of the server, and what of a message the index is given.
class TestServerSearchCriteria : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void criteria_data();
    void criteria();
    void searchable_data();
    void searchable();
    void textOfMessage();
    void textOfHtml();
};

void TestServerSearchCriteria::criteria_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("criteria");
    QTest::newRow("word") << "anbei" << QByteArray("TEXT \"anbei\"");
    QTest::newRow("words") << "annual report" << QByteArray("TEXT \"annual\" TEXT \"report\"");
    QTest::newRow("phrase") << "\"annual report\"" << QByteArray("TEXT \"annual report\"");
    QTest::newRow("from") << "from:alice" << QByteArray("FROM \"alice\"");
    QTest::newRow("to covers cc") << "to:bob" << QByteArray("OR TO \"bob\" CC \"bob\"");
    QTest::newRow("subject") << "subject:lunch" << QByteArray("SUBJECT \"lunch\"");
    QTest::newRow("flags") << "is:unread is:flagged" << QByteArray("UNSEEN FLAGGED");
    QTest::newRow("read") << "is:read" << QByteArray("SEEN");
    QTest::newRow("dates") << "after:2026-01-05 before:2026-02-01"
                           << QByteArray("SENTBEFORE 1-Feb-2026 SENTSINCE 5-Jan-2026");
    QTest::newRow("attachment alone") << "has:attachment" << QByteArray("ALL");
    // Text that is not ASCII goes as a literal (LITERAL+ here).
    QTest::newRow("two spellings")
            << "muenchen"
            << QByteArray("CHARSET UTF-8 OR TEXT \"muenchen\" TEXT {8+}\r\nm\xc3\xbcnchen");
    QTest::newRow("umlaut typed")
            << "München"
            << QByteArray("CHARSET UTF-8 OR TEXT {8+}\r\nM\xc3\xbcnchen TEXT \"Muenchen\"");
    QTest::newRow("sharp s") << "from:Weiß"
                             << QByteArray(
                                        "CHARSET UTF-8 OR FROM {5+}\r\nWei\xc3\x9f FROM \"Weiss\"");
    QTest::newRow("three words") << "a b c" << QByteArray("TEXT \"a\" TEXT \"b\" TEXT \"c\"");
}

void TestServerSearchCriteria::criteria()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, criteria);
    ImapCommandBuilder::Options options;
    options.literalMode = ImapCommandBuilder::LiteralMode::NonSynchronizing;
    ImapCommandBuilder b(options);
    b.atom("SEARCH");
    ServerSearchCriteria::write(SearchQuery::parse(text), b);
    const QByteArray built = b.build().parts().join();
    QCOMPARE(built.trimmed(), QByteArray("SEARCH " + criteria));
}

void TestServerSearchCriteria::searchable_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("searchable");
    QTest::newRow("word") << "x" << true;
    QTest::newRow("flag") << "is:unread" << true;
    QTest::newRow("attachment only") << "has:attachment" << false;
    QTest::newRow("nothing") << "  " << false;
}

void TestServerSearchCriteria::searchable()
{
    QFETCH(QString, text);
    QFETCH(bool, searchable);
    QCOMPARE(ServerSearchCriteria::isSearchable(SearchQuery::parse(text)), searchable);
}

void TestServerSearchCriteria::textOfMessage()
{
    const QByteArray message = "From: a@example.org\r\n"
                               "Subject: Bericht\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: multipart/mixed; boundary=b\r\n"
                               "\r\n"
                               "--b\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: quoted-printable\r\n"
                               "\r\n"
                               "Anbei der Bericht f=C3=BCr M=C3=BCnchen.\r\n"
                               "--b\r\n"
                               "Content-Type: application/pdf; name=quartal.pdf\r\n"
                               "Content-Disposition: attachment; filename=quartal.pdf\r\n"
                               "Content-Transfer-Encoding: base64\r\n"
                               "\r\n"
                               "JVBERi0=\r\n"
                               "--b--\r\n";
    const QString text = SearchableText::of(MimePart::parse(message));
    QVERIFY2(text.contains(QStringLiteral("Anbei der Bericht für München.")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("quartal.pdf")));
    QVERIFY(!text.contains(QStringLiteral("JVBERi0")));
}

void TestServerSearchCriteria::textOfHtml()
{
    const QString text = SearchableText::fromHtml(
            QStringLiteral("<html><head><style>p { color: red }</style>"
                           "<script>var hidden = 1;</script></head>"
                           "<body><p>Gr&uuml;&szlig;e<br>aus&nbsp;K&ouml;ln</p></body></html>"));
    QVERIFY2(text.simplified().contains(QStringLiteral("Grüße aus")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Köln")));
    QVERIFY(!text.contains(QStringLiteral("color")));
    QVERIFY(!text.contains(QStringLiteral("hidden")));
}

QTEST_GUILESS_MAIN(TestServerSearchCriteria)
#include "tst_serversearchcriteria.moc"
