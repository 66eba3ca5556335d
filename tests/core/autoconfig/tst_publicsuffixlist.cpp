// The domain a host belongs to by the Public Suffix List: normal, wildcard and exception rules,
// internationalised names, and Debian's copy of the list for the suffixes people meet.
#include "autoconfig/publicsuffixlist.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPublicSuffixList : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void systemList_data();
    void systemList();
    void emptyListTakesTheLastTwoLabels();
    void unreadableFileIsEmpty();
};

namespace {

const QByteArray testRules = "// comment lines and blank lines are skipped\n"
                             "\n"
                             "uk\n"
                             "co.uk\n"
                             "*.ck\n"
                             "!www.ck\n"
                             "com   trailing text is ignored\n"
                             "// an internationalised rule, matched in its ASCII form\n"
                             "公司.cn\n";

} // namespace

void TestPublicSuffixList::rules_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("domain");
    QTest::addRow("normal rule") << u"mx1.example.com"_s << u"com"_s << u"example.com"_s;
    QTest::addRow("two-label rule")
            << u"mx1.mail.example.co.uk"_s << u"co.uk"_s << u"example.co.uk"_s;
    QTest::addRow("shorter rule when the longer does not match")
            << u"mx.example.uk"_s << u"uk"_s << u"example.uk"_s;
    QTest::addRow("wildcard") << u"mx.example.foo.ck"_s << u"foo.ck"_s << u"example.foo.ck"_s;
    QTest::addRow("exception") << u"mx.www.ck"_s << u"ck"_s << u"www.ck"_s;
    QTest::addRow("no rule: the last label")
            << u"mx1.hosting.test"_s << u"test"_s << u"hosting.test"_s;
    QTest::addRow("upper case and trailing dot")
            << u"MX1.Example.CO.UK."_s << u"co.uk"_s << u"example.co.uk"_s;
    QTest::addRow("internationalised")
            << u"mail.beispiel.公司.cn"_s << u"xn--55qx5d.cn"_s << u"beispiel.xn--55qx5d.cn"_s;
    QTest::addRow("a public suffix itself") << u"co.uk"_s << u"co.uk"_s << QString();
}

void TestPublicSuffixList::rules()
{
    QFETCH(QString, host);
    QFETCH(QString, suffix);
    QFETCH(QString, domain);
    const PublicSuffixList list = PublicSuffixList::fromText(testRules);
    QVERIFY(!list.isEmpty());
    QCOMPARE(list.publicSuffix(host), suffix);
    QCOMPARE(list.registrableDomain(host), domain);
}

void TestPublicSuffixList::systemList_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("domain");
    QTest::addRow("Google") << u"aspmx.l.google.com"_s << u"google.com"_s;
    QTest::addRow("Microsoft 365")
            << u"example-co-uk.mail.protection.outlook.com"_s << u"outlook.com"_s;
    QTest::addRow("United Kingdom") << u"mx1.mail.example.co.uk"_s << u"example.co.uk"_s;
    QTest::addRow("Australia") << u"mx.example.com.au"_s << u"example.com.au"_s;
    QTest::addRow("Japan") << u"mx.example.co.jp"_s << u"example.co.jp"_s;
}

// Debian's copy, which scripts/install-deps installs (package publicsuffix).
void TestPublicSuffixList::systemList()
{
    QFETCH(QString, host);
    QFETCH(QString, domain);
    QVERIFY2(QFile::exists(PublicSuffixList::systemFile()),
             "the publicsuffix package is not installed");
    const PublicSuffixList list = PublicSuffixList::fromFile(PublicSuffixList::systemFile());
    QVERIFY(!list.isEmpty());
    QCOMPARE(list.registrableDomain(host), domain);
}

void TestPublicSuffixList::emptyListTakesTheLastTwoLabels()
{
    const PublicSuffixList list;
    QVERIFY(list.isEmpty());
    QCOMPARE(list.registrableDomain(u"aspmx.l.google.com"_s), u"google.com"_s);
    QCOMPARE(list.registrableDomain(u"localhost"_s), u"localhost"_s);
}

void TestPublicSuffixList::unreadableFileIsEmpty()
{
    QVERIFY(PublicSuffixList::fromFile(u"/nonexistent/public_suffix_list.dat"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestPublicSuffixList)
#include "tst_publicsuffixlist.moc"
