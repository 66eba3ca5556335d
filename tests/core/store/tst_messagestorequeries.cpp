#include "storesample.h"

#include <QTemporaryDir>
#include <QTest>

// Reading the cache as the message list does: full-text search, windows of rows in each sort
// order, counts and positions under a filter.
class TestMessageStoreQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void search_data();
    void search();
    void windowsFollowSortOrder_data();
    void windowsFollowSortOrder();
    void subjectSortIgnoresReplyPrefixes();
    void filteredCountAndPositions();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
};

void TestMessageStoreQueries::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(m_dir->filePath(QStringLiteral("account.sqlite")));
    QVERIFY2(!error, qPrintable(error.toString()));
    m_inbox = addTestFolder(m_store.get(), QStringLiteral("INBOX"));
}

void TestMessageStoreQueries::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestMessageStoreQueries::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<quint32>>("expected");

    QTest::newRow("subject word") << QStringLiteral("lunch") << QList<quint32>({2});
    QTest::newRow("prefix") << QStringLiteral("quart") << QList<quint32>({1, 5});
    QTest::newRow("case") << QStringLiteral("QUARTERLY") << QList<quint32>({1, 5});
    QTest::newRow("two words, both needed")
            << QStringLiteral("quarterly figures") << QList<quint32>({5});
    QTest::newRow("sender name") << QStringLiteral("alice") << QList<quint32>({1, 5});
    QTest::newRow("sender address domain") << QStringLiteral("bistro") << QList<quint32>({3});
    QTest::newRow("recipient") << QStringLiteral("team") << QList<quint32>({1, 2, 3, 4, 5});
    QTest::newRow("diacritics folded") << QStringLiteral("cafe") << QList<quint32>({3});
    QTest::newRow("accented query") << QStringLiteral("Zoë") << QList<quint32>({4});
    QTest::newRow("quotes in input") << QStringLiteral("\"final") << QList<quint32>({4});
    QTest::newRow("fts syntax is literal") << QStringLiteral("budget OR lunch") << QList<quint32>();
    QTest::newRow("no match") << QStringLiteral("nothing") << QList<quint32>();
    QTest::newRow("punctuation only") << QStringLiteral("*** \"") << QList<quint32>();
    QTest::newRow("empty") << QString() << QList<quint32>();
}

void TestMessageStoreQueries::search()
{
    QFETCH(QString, text);
    QFETCH(QList<quint32>, expected);
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));
    const qint64 other = addTestFolder(m_store.get(), QStringLiteral("Other"));
    QVERIFY(!m_store->upsertMessages(other, {makeMessage(1, QStringLiteral("lunch quarterly"),
                                                         QStringLiteral("alice"), {}, 1)}));
    const StoreResult<QList<quint32>> result = m_store->search(m_inbox, text);
    QVERIFY2(result.isOk(), qPrintable(result.error().toString()));
    QCOMPARE(result.value(), expected);
}

void TestMessageStoreQueries::windowsFollowSortOrder_data()
{
    QTest::addColumn<MessageQuery::SortKey>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QList<quint32>>("expected");

    using K = MessageQuery::SortKey;
    // Date: the sent date; 1 and 5 share theirs, so the UID decides.
    QTest::newRow("date asc") << K::Date << Qt::AscendingOrder << QList<quint32>({3, 1, 5, 2, 4});
    QTest::newRow("date desc") << K::Date << Qt::DescendingOrder << QList<quint32>({4, 2, 5, 1, 3});
    // Sender: the name, else the address, case folded.
    QTest::newRow("sender asc") << K::Sender << Qt::AscendingOrder
                                << QList<quint32>({1, 5, 2, 3, 4});
    QTest::newRow("size desc") << K::Size << Qt::DescendingOrder << QList<quint32>({5, 4, 3, 2, 1});
    QTest::newRow("subject asc") << K::Subject << Qt::AscendingOrder
                                 << QList<quint32>({4, 3, 2, 5, 1});
}

void TestMessageStoreQueries::windowsFollowSortOrder()
{
    QFETCH(MessageQuery::SortKey, key);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QList<quint32>, expected);
    QVERIFY(!m_store->upsertMessages(m_inbox, sampleMessages()));

    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = key;
    query.order = order;
    QCOMPARE(m_store->countMessages(query).value(), 5);
    QList<quint32> all;
    for (int offset = 0; offset < 5; offset += 2) {
        const QList<MessageRecord> window = m_store->fetchMessages(query, offset, 2).value();
        QCOMPARE(window.size(), qMin(2, 5 - offset));
        for (const MessageRecord &m : window)
            all.append(m.uid);
    }
    QCOMPARE(all, expected);
    // Reading on from a known row gives the same order.
    QList<quint32> walked = {expected.first()};
    for (int guard = 0; guard < 10; ++guard) {
        const QList<MessageRecord> next = m_store->fetchMessagesAfter(query, walked.last(), 2)
                                                  .value();
        if (next.isEmpty())
            break;
        for (const MessageRecord &m : next)
            walked.append(m.uid);
    }
    QCOMPARE(walked, expected);
    for (int row = 0; row < expected.size(); ++row)
        QCOMPARE(m_store->messagePosition(query, expected.at(row)).value(), row);
    QCOMPARE(m_store->messagePosition(query, 1234).value(), -1);
}

void TestMessageStoreQueries::subjectSortIgnoresReplyPrefixes()
{
    QVERIFY(!m_store->upsertMessages(m_inbox,
                                     {makeMessage(1, QStringLiteral("RE: Fwd: beta"), {}, {}, 1),
                                      makeMessage(2, QStringLiteral("Alpha"), {}, {}, 2),
                                      makeMessage(3, QStringLiteral("re:  gamma"), {}, {}, 3),
                                      makeMessage(4, QStringLiteral("AW: alpha"), {}, {}, 4)}));
    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = MessageQuery::SortKey::Subject;
    query.order = Qt::AscendingOrder;
    QList<quint32> uids;
    for (const MessageRecord &m : m_store->fetchMessages(query, 0, 10).value())
        uids.append(m.uid);
    QCOMPARE(uids, QList<quint32>({2, 4, 1, 3}));
}

void TestMessageStoreQueries::filteredCountAndPositions()
{
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 300; ++uid) {
        batch.append(makeMessage(uid,
                                 uid % 3 == 0 ? QStringLiteral("invoice %1").arg(uid)
                                              : QStringLiteral("note %1").arg(uid),
                                 {}, {}, 1'000'000 - uid));
    }
    QVERIFY(!m_store->upsertMessages(m_inbox, batch));
    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = MessageQuery::SortKey::Date;
    query.order = Qt::AscendingOrder; // dates fall as UIDs grow: UID 300 first
    query.searchText = QStringLiteral("invoice");
    QCOMPARE(m_store->countMessages(query).value(), 100);
    const QList<MessageRecord> window = m_store->fetchMessages(query, 10, 5).value();
    QCOMPARE(window.size(), 5);
    QCOMPARE(window.first().uid, 270u);
    QCOMPARE(m_store->messagePosition(query, 270).value(), 10);
    QList<quint32> after;
    for (const MessageRecord &m : m_store->fetchMessagesAfter(query, 270, 3).value())
        after.append(m.uid);
    QCOMPARE(after, QList<quint32>({267, 264, 261}));
    QCOMPARE(m_store->messagePosition(query, 271).value(), -1);

    QList<quint32> wanted;
    for (quint32 uid = 3; uid <= 300; uid += 9)
        wanted.append(uid);
    wanted.append(1);
    const QHash<quint32, int> positions = m_store->messagePositions(query, wanted).value();
    QCOMPARE(positions.size(), wanted.size() - 1);
    for (quint32 uid : wanted) {
        if (uid % 3 == 0)
            QCOMPARE(positions.value(uid, -2), int(300 - uid) / 3);
    }
}

QTEST_GUILESS_MAIN(TestMessageStoreQueries)
#include "tst_messagestorequeries.moc"
