#include "addresslist.h"
#include "composerequest.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestComposeRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mailto_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("cc");
        QTest::addColumn<QString>("bcc");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");

        QTest::newRow("bare") << u"mailto:someone@example.org"_s << true << u"someone@example.org"_s
                              << QString() << QString() << QString() << QString();
        QTest::newRow("subject") << u"mailto:someone@example.org?subject=Hi"_s << true
                                 << u"someone@example.org"_s << QString() << QString() << u"Hi"_s
                                 << QString();
        QTest::newRow("upper-case scheme") << u"MAILTO:a@b.example"_s << true << u"a@b.example"_s
                                           << QString() << QString() << QString() << QString();
        QTest::newRow("two recipients, encoded comma")
                << u"mailto:a@b.example%2Cc@d.example"_s << true << u"a@b.example,c@d.example"_s
                << QString() << QString() << QString() << QString();
        QTest::newRow("all fields")
                << u"mailto:a@b.example?cc=c@d.example&bcc=e@f.example&subject=Hello%20there&body=Line%201%0D%0ALine%202"_s
                << true << u"a@b.example"_s << u"c@d.example"_s << u"e@f.example"_s
                << u"Hello there"_s << u"Line 1\nLine 2"_s;
        QTest::newRow("to in query") << u"mailto:?to=a@b.example&to=c@d.example"_s << true
                                     << u"a@b.example, c@d.example"_s << QString() << QString()
                                     << QString() << QString();
        QTest::newRow("plus is literal")
                << u"mailto:a+tag@b.example?subject=1+1"_s << true << u"a+tag@b.example"_s
                << QString() << QString() << u"1+1"_s << QString();
        QTest::newRow("utf-8") << u"mailto:a@b.example?subject=Gr%C3%BC%C3%9Fe"_s << true
                               << u"a@b.example"_s << QString() << QString() << u"Grüße"_s
                               << QString();
        QTest::newRow("case-insensitive keys")
                << u"mailto:a@b.example?SUBJECT=x&Body=y"_s << true << u"a@b.example"_s << QString()
                << QString() << u"x"_s << u"y"_s;
        QTest::newRow("first subject wins")
                << u"mailto:a@b.example?subject=one&subject=two"_s << true << u"a@b.example"_s
                << QString() << QString() << u"one"_s << QString();
        QTest::newRow("attachment ignored")
                << u"mailto:a@b.example?attachment=/etc/passwd"_s << true << u"a@b.example"_s
                << QString() << QString() << QString() << QString();
        QTest::newRow("not mailto") << u"http://example.org"_s << false << QString() << QString()
                                    << QString() << QString() << QString();
    }

    void mailto()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        const std::optional<ComposeRequest> request = ComposeRequest::fromMailto(url);
        QCOMPARE(request.has_value(), valid);
        if (!valid)
            return;
        QTEST(request->to, "to");
        QTEST(request->cc, "cc");
        QTEST(request->bcc, "bcc");
        QTEST(request->subject, "subject");
        QTEST(request->body, "body");
        QVERIFY(request->attachments.isEmpty());
    }

    void compose_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QStringList>("attachments");
        QTest::addColumn<bool>("html");

        QTest::newRow("thunderbird example")
                << u"to='a@b.example',subject='x',body='y',attachment='file:///path'"_s << true
                << u"a@b.example"_s << u"x"_s << u"y"_s << QStringList {u"/path"_s} << false;
        QTest::newRow("commas inside quotes")
                << u"to='a@b.example,c@d.example',subject='Hello, world'"_s << true
                << u"a@b.example,c@d.example"_s << u"Hello, world"_s << QString() << QStringList()
                << false;
        QTest::newRow("unquoted values")
                << u"to=a@b.example,subject=plain"_s << true << u"a@b.example"_s << u"plain"_s
                << QString() << QStringList() << false;
        QTest::newRow("double quotes") << u"subject=\"it's fine\""_s << true << QString()
                                       << u"it's fine"_s << QString() << QStringList() << false;
        QTest::newRow("two attachments, url and path")
                << u"attachment='file:///tmp/a%20b.txt,/tmp/c.pdf'"_s << true << QString()
                << QString() << QString() << QStringList {u"/tmp/a b.txt"_s, u"/tmp/c.pdf"_s}
                << false;
        QTest::newRow("html format") << u"format=html,body='<b>x</b>'"_s << true << QString()
                                     << QString() << u"<b>x</b>"_s << QStringList() << true;
        QTest::newRow("unknown keys ignored")
                << u"newsgroups='x',to=a@b.example"_s << true << u"a@b.example"_s << QString()
                << QString() << QStringList() << false;
        QTest::newRow("empty") << QString() << true << QString() << QString() << QString()
                               << QStringList() << false;
        QTest::newRow("unterminated quote") << u"to='a@b.example"_s << false << QString()
                                            << QString() << QString() << QStringList() << false;
        QTest::newRow("pair without =") << u"to=a@b.example,garbage"_s << false << QString()
                                        << QString() << QString() << QStringList() << false;
    }

    void compose()
    {
        QFETCH(QString, argument);
        QFETCH(bool, valid);
        const std::optional<ComposeRequest> request = ComposeRequest::fromComposeArgument(argument);
        QCOMPARE(request.has_value(), valid);
        if (!valid)
            return;
        QTEST(request->to, "to");
        QTEST(request->subject, "subject");
        QTEST(request->body, "body");
        QTEST(request->attachments, "attachments");
        QTEST(request->html, "html");
    }

    void addressList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("addresses");

        QTest::newRow("empty") << u"  "_s << QStringList() << QStringList();
        QTest::newRow("bare") << u"a@b.example"_s << QStringList {QString()}
                              << QStringList {u"a@b.example"_s};
        QTest::newRow("named and bare") << u"Ann Example <ann@example.org>, bob@example.org"_s
                                        << QStringList {u"Ann Example"_s, QString()}
                                        << QStringList {u"ann@example.org"_s, u"bob@example.org"_s};
        QTest::newRow("quoted comma") << u"\"Doe, John\" <john@example.org>; x@y.example"_s
                                      << QStringList {u"Doe, John"_s, QString()}
                                      << QStringList {u"john@example.org"_s, u"x@y.example"_s};
        QTest::newRow("escaped quote")
                << u"\"A \\\"B\\\" C\" <abc@example.org>"_s << QStringList {u"A \"B\" C"_s}
                << QStringList {u"abc@example.org"_s};
        QTest::newRow("trailing comma")
                << u"a@b.example,"_s << QStringList {QString()} << QStringList {u"a@b.example"_s};
        QTest::newRow("non-ascii")
                << u"Jürgen <jürgen@bücher.example>"_s << QStringList {u"Jürgen"_s}
                << QStringList {u"jürgen@bücher.example"_s};
    }

    void addressList()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, names);
        QFETCH(QStringList, addresses);
        const QList<MailAddress> parsed = AddressList::parse(text);
        QCOMPARE(parsed.size(), addresses.size());
        for (qsizetype i = 0; i < parsed.size(); ++i) {
            QCOMPARE(parsed.at(i).name, names.at(i));
            QCOMPARE(parsed.at(i).address, addresses.at(i));
        }
        // Formatting and parsing again gives the same mailboxes.
        QCOMPARE(AddressList::parse(AddressList::format(parsed)), parsed);
    }

    void plausibleAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("plausible");
        QTest::newRow("simple") << u"a@b.example"_s << true;
        QTest::newRow("local host") << u"user@localhost"_s << true;
        QTest::newRow("no at") << u"ab.example"_s << false;
        QTest::newRow("two ats") << u"a@b@c"_s << false;
        QTest::newRow("empty local") << u"@b.example"_s << false;
        QTest::newRow("empty domain") << u"a@"_s << false;
        QTest::newRow("space") << u"a b@c.example"_s << false;
        QTest::newRow("double dot") << u"a@b..example"_s << false;
    }

    void plausibleAddress()
    {
        QFETCH(QString, address);
        QTEST(AddressList::isPlausibleAddress(address), "plausible");
    }
};

QTEST_GUILESS_MAIN(TestComposeRequest)
#include "tst_composerequest.moc"
