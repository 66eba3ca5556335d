#include "models/addresscompletionmodel.h"
#include "people/addressbook.h"
#include "people/searchfolding.h"
#include "people/vcard.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

QStringList addresses(const QList<Contact> &contacts)
{
    QStringList out;
    for (const Contact &c : contacts)
        out.append(c.address);
    return out;
}

} // namespace

class TestAddressBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folding_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("folded");
        QTest::newRow("case") << u"ANN Example"_s << u"ann example"_s;
        QTest::newRow("umlaut") << u"Jürgen Müller"_s << u"jurgen muller"_s;
        QTest::newRow("acute and ring") << u"Ångström Émile"_s << u"angstrom emile"_s;
        QTest::newRow("sharp s") << u"Straße"_s << u"strasse"_s;
        QTest::newRow("no decomposition") << u"Øyvind Łukasz Æsir"_s << u"oyvind lukasz aesir"_s;
        QTest::newRow("cedilla") << u"François"_s << u"francois"_s;
        QTest::newRow("address") << u"Jörg@Exämple.ORG"_s << u"jorg@example.org"_s;
    }

    void folding()
    {
        QFETCH(QString, text);
        QTEST(SearchFolding::fold(text), "folded");
    }

    void recordsUsesAcrossReopening()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"addressbook.sqlite"_s);
        {
            AddressBook book;
            QVERIFY(!book.open(path));
            QSignalSpy changed(&book, &AddressBook::changed);
            QVERIFY(!book.recordUse({{u"Jürgen Müller"_s, u"juergen@example.de"_s},
                                     {{}, u"bob@example.org"_s},
                                     {u"Not an address"_s, u"nobody"_s}},
                                    now.addDays(-3)));
            QCOMPARE(changed.size(), 1);
            // Written to again, under the same address in other case, with a name now.
            QVERIFY(!book.recordUse({{u"Bob Builder"_s, u"BOB@example.org"_s}}, now));
            QCOMPARE(book.count(), 2);
        }
        AddressBook reopened;
        QVERIFY(!reopened.open(path));
        QCOMPARE(reopened.count(), 2);
        const Contact bob = reopened.contact(u"bob@EXAMPLE.org"_s);
        QCOMPARE(bob.address, u"bob@example.org"_s);
        QCOMPARE(bob.name, u"Bob Builder"_s);
        QCOMPARE(bob.uses, 2);
        QCOMPARE(bob.lastUsed, now);
        const Contact juergen = reopened.contact(u"juergen@example.de"_s);
        QCOMPARE(juergen.name, u"Jürgen Müller"_s);
        QCOMPARE(juergen.uses, 1);
        QCOMPARE(juergen.lastUsed, now.addDays(-3));
        QVERIFY(reopened.contact(u"nobody"_s).address.isEmpty());
    }

    void completionMatches_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QStringList>("found");
        QTest::newRow("first name") << u"jur"_s << QStringList {u"juergen@example.de"_s};
        QTest::newRow("umlaut typed") << u"Mü"_s << QStringList {u"juergen@example.de"_s};
        QTest::newRow("folded surname") << u"muller"_s << QStringList {u"juergen@example.de"_s};
        QTest::newRow("address start") << u"juergen@ex"_s << QStringList {u"juergen@example.de"_s};
        QTest::newRow("domain word") << u"lists"_s << QStringList {u"dev@lists.example.org"_s};
        QTest::newRow("two words, any order")
                << u"muller jur"_s << QStringList {u"juergen@example.de"_s};
        QTest::newRow("sharp s") << u"strasse"_s << QStringList {u"anna@strasse.example"_s};
        QTest::newRow("not inside a word") << u"uller"_s << QStringList {};
        QTest::newRow("nothing") << u"zzz"_s << QStringList {};
        QTest::newRow("empty") << u"  "_s << QStringList {};
    }

    void completionMatches()
    {
        QFETCH(QString, typed);
        QFETCH(QStringList, found);
        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        QVERIFY(!book.recordUse({{u"Jürgen Müller"_s, u"juergen@example.de"_s},
                                 {u"Developers"_s, u"dev@lists.example.org"_s},
                                 {u"Anna Straße"_s, u"anna@strasse.example"_s}},
                                now));
        QCOMPARE(addresses(book.complete(typed, 10, now)), found);
    }

    void rankedByFrequencyAndRecency()
    {
        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        // Often, long ago; twice, last week; once, today; imported, never written to.
        for (int i = 0; i < 8; ++i)
            QVERIFY(!book.recordUse({{u"Sam Old"_s, u"sam.old@example.org"_s}},
                                    now.addDays(-200 - i)));
        QVERIFY(!book.recordUse({{u"Sam Week"_s, u"sam.week@example.org"_s}}, now.addDays(-8)));
        QVERIFY(!book.recordUse({{u"Sam Week"_s, u"sam.week@example.org"_s}}, now.addDays(-7)));
        QVERIFY(!book.recordUse({{u"Sam Today"_s, u"sam.today@example.org"_s}}, now));
        QVERIFY(book.addContacts({{u"Sam Imported"_s, u"sam.imported@example.org"_s, 0, {}}}));
        QCOMPARE(addresses(book.complete(u"sam"_s, 10, now)),
                 (QStringList {u"sam.week@example.org"_s, u"sam.today@example.org"_s,
                               u"sam.old@example.org"_s, u"sam.imported@example.org"_s}));
        // A month on, frequency counts more than the one message of today.
        for (int i = 0; i < 3; ++i)
            QVERIFY(!book.recordUse({{u"Sam Old"_s, u"sam.old@example.org"_s}}, now.addDays(-1)));
        QCOMPARE(addresses(book.complete(u"sam"_s, 2, now)),
                 (QStringList {u"sam.old@example.org"_s, u"sam.week@example.org"_s}));
        QVERIFY(AddressBook::score(book.contact(u"sam.today@example.org"_s), now)
                > AddressBook::score(book.contact(u"sam.today@example.org"_s), now.addDays(30)));
    }

    void importKeepsUsedNames()
    {
        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        QVERIFY(!book.recordUse({{u"Bob B."_s, u"bob@example.org"_s}, {{}, u"eve@example.org"_s}},
                                now));
        const StoreResult<int> added = book.addContacts(
                {{u"Robert Builder"_s, u"bob@example.org"_s, 0, {}},
                 {u"Eve Adams"_s, u"EVE@example.org"_s, 0, {}},
                 {u"Carol"_s, u"carol@example.org"_s, 0, {}}});
        QVERIFY(added);
        QCOMPARE(added.value(), 1);
        QCOMPARE(book.contact(u"bob@example.org"_s).name, u"Bob B."_s); // kept
        QCOMPARE(book.contact(u"eve@example.org"_s).name, u"Eve Adams"_s); // filled in
        QCOMPARE(book.contact(u"eve@example.org"_s).uses, 1);
        QCOMPARE(book.contact(u"carol@example.org"_s).uses, 0);
        QVERIFY(!book.remove(u"Carol@example.org"_s));
        QCOMPARE(book.count(), 2);
        QVERIFY(book.complete(u"carol"_s, 10, now).isEmpty());
    }

    void vcardParse_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QStringList>("described"); // "name|address"
        QTest::newRow("4.0") << QByteArray("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Example\r\n"
                                           "EMAIL;TYPE=work:ann@example.org\r\nEND:VCARD\r\n")
                             << QStringList {u"Ann Example|ann@example.org"_s};
        QTest::newRow("two addresses, grouped")
                << QByteArray("BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nitem1.EMAIL;type=INTERNET:"
                              "bob@home.example\nEMAIL:bob@work.example\nEND:VCARD\n")
                << QStringList {u"Bob|bob@home.example"_s, u"Bob|bob@work.example"_s};
        QTest::newRow("folded, escaped, UTF-8")
                << QByteArray("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:M\xc3\xbcller\\, J\xc3"
                              "\r\n \xbcrgen\r\nEMAIL:j@example.de\r\nEND:VCARD\r\n")
                << QStringList {u"Müller, Jürgen|j@example.de"_s};
        QTest::newRow("N without FN")
                << QByteArray("BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;Dr.;\r\n"
                              "EMAIL:jane@example.org\r\nEND:VCARD\r\n")
                << QStringList {u"Jane Doe|jane@example.org"_s};
        QTest::newRow("2.1 quoted-printable")
                << QByteArray("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-"
                              "PRINTABLE:J=C3=B6rg\r\nEMAIL;INTERNET:joerg@example.de\r\n"
                              "END:VCARD\r\n")
                << QStringList {u"Jörg|joerg@example.de"_s};
        QTest::newRow("no address, mailto, two cards")
                << QByteArray("BEGIN:VCARD\r\nFN:Nobody\r\nTEL:123\r\nEND:VCARD\r\n"
                              "BEGIN:VCARD\r\nFN:Eve\r\nEMAIL:mailto:eve@example.org\r\n"
                              "END:VCARD\r\n")
                << QStringList {u"Eve|eve@example.org"_s};
        QTest::newRow("outside a card")
                << QByteArray("FN:Loose\r\nEMAIL:loose@example.org\r\n") << QStringList {};
    }

    void vcardParse()
    {
        QFETCH(QByteArray, file);
        QStringList described;
        for (const Contact &c : VCard::parse(file))
            described.append(c.name + u'|' + c.address);
        QTEST(described, "described");
    }

    void vcardRoundTrip()
    {
        const QList<Contact> people {
                {u"Müller, Jürgen; \"Jo\" \\ team"_s, u"juergen@example.de"_s, 0, {}},
                {QString(300, u'é'), u"long@example.org"_s, 0, {}},
                {{}, u"bare@example.org"_s, 0, {}},
        };
        const QByteArray file = VCard::write(people);
        for (const QByteArray &line : file.split('\n')) {
            QVERIFY2(line.size() <= 76, line.constData()); // 75 octets and the CR
            QVERIFY(QString::fromUtf8(line).toUtf8() == line); // never cut inside a character
        }
        const QList<Contact> back = VCard::parse(file);
        QCOMPARE(back.size(), 3);
        QCOMPARE(back.at(0), people.at(0));
        QCOMPARE(back.at(1), people.at(1));
        QCOMPARE(back.at(2).address, u"bare@example.org"_s);

        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        QCOMPARE(book.importVCard(file).value(), 3);
        AddressBook other;
        QVERIFY(!other.open(u":memory:"_s));
        QCOMPARE(other.importVCard(book.exportVCard()).value(), 3);
        QCOMPARE(other.contact(u"juergen@example.de"_s).name, people.at(0).name);
    }

    void completionModel()
    {
        AddressBook book;
        QVERIFY(!book.open(u":memory:"_s));
        QVERIFY(!book.recordUse({{u"Ann, the Example"_s, u"ann@example.org"_s},
                                 {{}, u"anna@example.org"_s},
                                 {u"Bob"_s, u"bob@example.org"_s}}));
        QVERIFY(!book.recordUse({{{}, u"anna@example.org"_s}}));
        AddressCompletionModel model(&book);
        QAbstractItemModelTester tester(&model);
        QCOMPARE(model.rowCount(), 0);
        model.setQuery(u"an"_s);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), u"anna@example.org"_s);
        QCOMPARE(model.index(1, 0).data().toString(), u"\"Ann, the Example\" <ann@example.org>"_s);
        QCOMPARE(model.index(1, 0).data(AddressCompletionModel::AddressRole).toString(),
                 u"ann@example.org"_s);
        QCOMPARE(model.index(0, 0).data(AddressCompletionModel::UsesRole).toInt(), 2);
        model.setLimit(1);
        model.setQuery(u"b"_s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data().toString(), u"Bob <bob@example.org>"_s);
    }
};

QTEST_GUILESS_MAIN(TestAddressBook)
#include "tst_addressbook.moc"
