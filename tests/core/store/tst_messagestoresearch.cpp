#include "rawdb.h"
#include "store/searchquery.h"
#include "store/storeschema.h"
#include "storesample.h"

#include <QTemporaryDir>
#include <QTest>

// Search as people expect: across folders, in cached bodies, with from:, is:unread and the
// other operators, regardless of case, diacritics and German spellings.
class TestMessageStoreSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void parsesOperators_data();
    void parsesOperators();
    void foldsGermanSpellings_data();
    void foldsGermanSpellings();
    void findsGermanSpellingsBothWays_data();
    void findsGermanSpellingsBothWays();
    void bodiesAreFoundOnceIndexed();
    void bodyOfAPendingRowIsIndexedWithIt();
    void bodiesLeaveWithTheirMessages();
    void operatorsFilter_data();
    void operatorsFilter();
    void folderListAppliesOperators();
    void searchAllCoversEveryFolderNewestFirst();
    void keepOfflineIsKept();
    void migrationFoldsWhatWasIndexed();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
    qint64 m_archive = 0;
};

void TestMessageStoreSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(m_dir->filePath(QStringLiteral("account.sqlite")));
    QVERIFY2(!error, qPrintable(error.toString()));
    m_store->setBackgroundFtsIndexing(false);
    m_inbox = addTestFolder(m_store.get(), QStringLiteral("INBOX"));
    m_archive = addTestFolder(m_store.get(), QStringLiteral("Archive"));
    QList<MessageRecord> inbox = sampleMessages();
    inbox.append(makeMessage(6, QStringLiteral("Treffen in München"), QStringLiteral("Jörg Weiß"),
                             QStringLiteral("joerg@example.de"), 1'700'200'000));
    inbox[5].hasAttachments = true;
    inbox[5].cc = QStringLiteral("Grüße Team <gruesse@example.de>");
    QVERIFY(!m_store->upsertMessages(m_inbox, inbox));
    QVERIFY(!m_store->upsertMessages(m_archive,
                                     {makeMessage(1, QStringLiteral("Old quarterly numbers"),
                                                  QStringLiteral("Alice Martin"),
                                                  QStringLiteral("alice@example.org"),
                                                  1'600'000'000)}));
}

void TestMessageStoreSearch::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestMessageStoreSearch::parsesOperators_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("match");
    QTest::addColumn<QString>("conditions");

    QTest::newRow("words") << "annual report"
                           << "\"annual\"* \"report\"*"
                           << "";
    QTest::newRow("phrase") << "\"annual report\""
                            << "\"annual report\"*"
                            << "";
    QTest::newRow("from") << "from:alice"
                          << "sender : \"alice\"*"
                          << "";
    QTest::newRow("to and cc") << "to:bob cc:carol"
                               << "recipients : \"bob\"* recipients : \"carol\"*"
                               << "";
    QTest::newRow("subject phrase") << "subject:\"lunch friday\""
                                    << "subject : \"lunch friday\"*"
                                    << "";
    QTest::newRow("case of keys") << "FROM:Alice"
                                  << "sender : \"Alice\"*"
                                  << "";
    QTest::newRow("attachment") << "has:attachment"
                                << ""
                                << " AND has_attachments != 0";
    QTest::newRow("unread") << "is:unread"
                            << ""
                            << " AND (flags & 1) = 0";
    QTest::newRow("flagged") << "is:flagged"
                             << ""
                             << " AND (flags & 4) != 0";
    QTest::newRow("dates") << "before:2026-02-01 after:2026-01-01"
                           << ""
                           << " AND sort_date < ? AND sort_date >= ?";
    QTest::newRow("bad date is a word") << "before:someday"
                                        << "\"before:someday\"*"
                                        << "";
    QTest::newRow("unknown key is a word") << "foo:bar"
                                           << "\"foo:bar\"*"
                                           << "";
    QTest::newRow("empty value is a word") << "from:"
                                           << "\"from:\"*"
                                           << "";
    QTest::newRow("punctuation only") << "-- ."
                                      << ""
                                      << "";
    QTest::newRow("quote inside") << "a\"b"
                                  << "\"ab\"*"
                                  << "";
    QTest::newRow("umlaut folded") << "from:müller Straße"
                                   << "\"Strasse\"* sender : \"mueller\"*"
                                   << "";
}

void TestMessageStoreSearch::parsesOperators()
{
    QFETCH(QString, text);
    QFETCH(QString, match);
    QFETCH(QString, conditions);
    const SearchQuery query = SearchQuery::parse(text);
    QCOMPARE(query.ftsMatch(), match);
    QCOMPARE(query.sqlConditions(), conditions);
    QCOMPARE(query.sqlValues().size(), conditions.count(QLatin1Char('?')));
}

void TestMessageStoreSearch::foldsGermanSpellings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("plain") << "Munich"
                           << "Munich";
    QTest::newRow("umlauts") << "Größe Übung Ärger"
                             << "Groesse Uebung Aerger";
    QTest::newRow("sharp s") << "Straße STRAẞE"
                             << "Strasse STRASSE";
    QTest::newRow("decomposed") << QStringLiteral("Mu\u0308nchen") << "Muenchen";
    QTest::newRow("other diacritics stay") << "Café"
                                           << "Café";
}

void TestMessageStoreSearch::foldsGermanSpellings()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(SearchQuery::fold(text), folded);
}

void TestMessageStoreSearch::findsGermanSpellingsBothWays_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("as written") << "München";
    QTest::newRow("two letters") << "muenchen";
    QTest::newRow("upper case") << "MUENCHEN";
    QTest::newRow("prefix") << "münch";
    QTest::newRow("sharp s as ss") << "from:weiss";
    QTest::newRow("sharp s") << "from:Weiß";
    QTest::newRow("oe") << "from:joerg";
    QTest::newRow("cc umlaut") << "to:grüße";
}

void TestMessageStoreSearch::findsGermanSpellingsBothWays()
{
    QFETCH(QString, text);
    QCOMPARE(m_store->search(m_inbox, text).value(), QList<quint32>({6}));
}

void TestMessageStoreSearch::bodiesAreFoundOnceIndexed()
{
    QVERIFY(m_store->search(m_inbox, QStringLiteral("anbei")).value().isEmpty());
    QCOMPARE(m_store->isBodyIndexed(m_inbox, 2).value(), false);
    QCOMPARE(m_store->countWithoutBody(m_inbox).value(), 6);
    QVERIFY(!m_store->indexBody(m_inbox, 2,
                                QStringLiteral("Hallo,\nAnbei die Präsentation für Düsseldorf.")));
    QCOMPARE(m_store->isBodyIndexed(m_inbox, 2).value(), true);
    QCOMPARE(m_store->countWithoutBody(m_inbox).value(), 5);
    QCOMPARE(m_store->hasMessagesWithoutBody(m_inbox).value(), true);
    QCOMPARE(m_store->uidsWithoutBody(m_inbox, 2).value(), QList<quint32>({6, 5}));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("anbei")).value(), QList<quint32>({2}));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("praesentation duesseldorf")).value(),
             QList<quint32>({2}));
    // Words of the body and of the header together.
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("anbei lunch")).value(), QList<quint32>({2}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("anbei quarterly")).value().isEmpty());
    // A field operator looks at its field only.
    QVERIFY(m_store->search(m_inbox, QStringLiteral("subject:anbei")).value().isEmpty());
    // A header change keeps the body in the index.
    MessageRecord changed = m_store->message(m_inbox, 2).value();
    changed.subject = QStringLiteral("Re: Dinner on Friday");
    QVERIFY(!m_store->upsertMessages(m_inbox, {changed}));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("anbei dinner")).value(), QList<quint32>({2}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("lunch")).value().isEmpty());
}

void TestMessageStoreSearch::bodyOfAPendingRowIsIndexedWithIt()
{
    QVERIFY(!m_store->indexPendingFts());
    QVERIFY(!m_store->upsertMessages(m_inbox,
                                     {makeMessage(7, QStringLiteral("Fresh"), QStringLiteral("Eve"),
                                                  QStringLiteral("eve@example.org"),
                                                  1'700'300'000)}));
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    QVERIFY(!m_store->indexBody(m_inbox, 7, QStringLiteral("zeppelin")));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("zeppelin fresh")).value(),
             QList<quint32>({7}));
}

void TestMessageStoreSearch::bodiesLeaveWithTheirMessages()
{
    QVERIFY(!m_store->indexBody(m_inbox, 3, QStringLiteral("bouillabaisse")));
    QVERIFY(!m_store->removeMessages(m_inbox, {3}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("bouillabaisse")).value().isEmpty());
    // A new message that takes the row id over starts without a body.
    QVERIFY(!m_store->indexBody(m_inbox, 6, QStringLiteral("bouillabaisse")));
    QVERIFY(!m_store->removeMessages(m_inbox, {6}));
    QVERIFY(!m_store->upsertMessages(m_inbox,
                                     {makeMessage(8, QStringLiteral("New"), QStringLiteral("Eve"),
                                                  QStringLiteral("eve@example.org"),
                                                  1'700'300'000)}));
    QCOMPARE(m_store->isBodyIndexed(m_inbox, 8).value(), false);
    QVERIFY(m_store->search(m_inbox, QStringLiteral("bouillabaisse")).value().isEmpty());
}

void TestMessageStoreSearch::operatorsFilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<quint32>>("uids");
    // Sample: 1 seen, 4 flagged, 6 with an attachment; dates 3 < 1 = 5 < 2 < 4 < 6.
    QTest::newRow("from name") << "from:alice" << QList<quint32>({1, 5});
    QTest::newRow("from address") << "from:chef@bistro.fr" << QList<quint32>({3});
    QTest::newRow("from domain") << "from:bistro" << QList<quint32>({3});
    QTest::newRow("to") << "to:team quarterly" << QList<quint32>({1, 5});
    QTest::newRow("subject") << "subject:quarterly" << QList<quint32>({1, 5});
    QTest::newRow("subject is not sender") << "subject:alice" << QList<quint32>();
    QTest::newRow("attachment") << "has:attachment" << QList<quint32>({6});
    QTest::newRow("unread") << "is:unread" << QList<quint32>({2, 3, 4, 5, 6});
    QTest::newRow("read") << "is:read" << QList<quint32>({1});
    QTest::newRow("flagged") << "is:flagged" << QList<quint32>({4});
    QTest::newRow("unread with words") << "quarterly is:unread" << QList<quint32>({5});
    // 1'700'000'000 is 2023-11-14 22:13 UTC; 1'699'000'000 is 2023-11-03.
    QTest::newRow("before") << "before:2023-11-10" << QList<quint32>({3});
    QTest::newRow("after") << "after:2023-11-16" << QList<quint32>({4, 6});
    QTest::newRow("between") << "after:2023-11-01 before:2023-11-10" << QList<quint32>({3});
    QTest::newRow("case and accents") << "CAFE" << QList<quint32>({3});
    QTest::newRow("accent typed") << "zoë" << QList<quint32>({4});
}

void TestMessageStoreSearch::operatorsFilter()
{
    QFETCH(QString, text);
    QFETCH(QList<quint32>, uids);
    QCOMPARE(m_store->search(m_inbox, text).value(), uids);
}

void TestMessageStoreSearch::folderListAppliesOperators()
{
    MessageQuery query;
    query.folderId = m_inbox;
    query.searchText = QStringLiteral("is:unread quarterly");
    QCOMPARE(m_store->countMessages(query).value(), 1);
    const QList<MessageRecord> rows = m_store->fetchMessages(query, 0, 10).value();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().uid, 5u);
    QCOMPARE(m_store->messagePosition(query, 5).value(), 0);
    QCOMPARE(m_store->messagePosition(query, 1).value(), -1); // read
    query.searchText = QStringLiteral("is:unread");
    QCOMPARE(m_store->countMessages(query).value(), 5);
    QCOMPARE(m_store->messagePosition(query, 1).value(), -1);
    QCOMPARE(m_store->messagePosition(query, 6).value(), 0); // newest first
    QCOMPARE(m_store->fetchMessagesAfter(query, 6, 10).value().size(), 4);
}

void TestMessageStoreSearch::searchAllCoversEveryFolderNewestFirst()
{
    const QList<MessageRecord> found = m_store->searchAll(QStringLiteral("quarterly"), 10).value();
    QCOMPARE(found.size(), 3);
    // 5 and 1 share a date: the later row first.
    QCOMPARE(found.at(0).folderId, m_inbox);
    QCOMPARE(found.at(0).uid, 5u);
    QCOMPARE(found.at(1).folderId, m_inbox);
    QCOMPARE(found.at(1).uid, 1u);
    QCOMPARE(found.at(2).folderId, m_archive);
    QCOMPARE(found.at(2).uid, 1u);
    QCOMPARE(found.at(2).subject, QStringLiteral("Old quarterly numbers"));
    QCOMPARE(m_store->searchAll(QStringLiteral("quarterly"), 1).value().size(), 1);
    QCOMPARE(m_store->searchAll(QStringLiteral("is:flagged"), 10).value().size(), 1);
    QVERIFY(m_store->searchAll(QStringLiteral("nothingmatches"), 10).value().isEmpty());
    QVERIFY(m_store->searchAll(QStringLiteral("  "), 10).value().isEmpty());
}

void TestMessageStoreSearch::keepOfflineIsKept()
{
    QCOMPARE(m_store->folder(m_archive).value().keepOffline, false);
    QVERIFY(!m_store->setKeepOffline(m_archive, true));
    QCOMPARE(m_store->folder(m_archive).value().keepOffline, true);
    // What LIST says again does not change it.
    FolderRecord listed;
    listed.path = QStringLiteral("Archive");
    QVERIFY(m_store->upsertFolder(listed));
    QCOMPARE(m_store->folder(m_archive).value().keepOffline, true);
    QCOMPARE(m_store->folder(m_inbox).value().keepOffline, false);
}

void TestMessageStoreSearch::migrationFoldsWhatWasIndexed()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("version10.sqlite"));
    {
        // Schema 10 indexed the columns as written: "München" could not be found as "muenchen".
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 10));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (path) VALUES ('INBOX')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (folder_id, uid, subject, from_name)"
                                        " VALUES (1, 1, 'Treffen in München', 'Jörg'),"
                                        " (1, 2, 'not indexed yet', 'Straße')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages_fts (rowid, subject, from_name,"
                                        " from_address, to_text, cc_text) SELECT id, subject,"
                                        " from_name, from_address, to_text, cc_text FROM messages"
                                        " WHERE id = 1")));
        QVERIFY(raw.exec(QStringLiteral("UPDATE fts_state SET indexed_through = 1")));
    }
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(path));
    m_store->setBackgroundFtsIndexing(false);
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    QCOMPARE(m_store->search(1, QStringLiteral("muenchen")).value(), QList<quint32>({1}));
    QCOMPARE(m_store->search(1, QStringLiteral("from:joerg")).value(), QList<quint32>({1}));
    QCOMPARE(m_store->search(1, QStringLiteral("from:strasse")).value(), QList<quint32>({2}));
    QCOMPARE(m_store->countWithoutBody(1).value(), 2);
    QVERIFY(!m_store->indexBody(1, 1, QStringLiteral("x")));
    QVERIFY(!m_store->indexBody(1, 2, QStringLiteral("y")));
    QCOMPARE(m_store->hasMessagesWithoutBody(1).value(), false);
    RawDb raw(path);
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts)"
                                    " VALUES ('integrity-check')")));
}

QTEST_GUILESS_MAIN(TestMessageStoreSearch)
#include "tst_messagestoresearch.moc"
