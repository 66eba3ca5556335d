#include "rawdb.h"
#include "store/messagestore.h"
#include "store/storeschema.h"

#include <QTemporaryDir>
#include <QTest>

// The list indexes of the sender, subject and size orders: made when a list is first read in
// that order; dropped by a large write, still answering queries meanwhile, and built again by
// the restore or, after a stop in between, when next needed.

namespace {

MessageRecord makeMessage(quint32 uid, const QString &fromName, qint64 size,
                          MessageRecord::Flags flags = {})
{
    MessageRecord m;
    m.uid = uid;
    m.flags = flags;
    m.subject = QStringLiteral("Subject %1").arg(uid);
    m.fromName = fromName;
    m.fromAddress = fromName.toLower() + QStringLiteral("@example.org");
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + uid * 60, Qt::UTC);
    m.size = size;
    m.messageId = "<" + QByteArray::number(uid) + "@example.org>";
    if (uid > 1)
        m.inReplyTo = "<1@example.org>";
    return m;
}

const QStringList threadIndexNames = {QStringLiteral("messages_by_message_id"),
                                      QStringLiteral("messages_by_thread_key")};

} // namespace

class TestMessageStoreIndexes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sortIndexesAreMadeOnFirstUse();
    void deferredIndexesAreDroppedAndRebuilt();
    void onlyIndexesThatExistedAreRebuilt();
    void queriesAnswerWhileDeferred();
    void threadsShownMeanwhileBuildTheirIndexesAtOnce();
    void indexesAStopLeftOutAreBuiltWhenNeeded();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }
    QStringList indexes();
    QList<quint32> uidsBySender();
    QList<quint32> uidsBy(MessageQuery::SortKey key);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
};

void TestMessageStoreIndexes::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(dbPath()));
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    m_inbox = m_store->upsertFolder(folder).value();
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("Carol"), 300),
                                               makeMessage(2, QStringLiteral("alice"), 100,
                                                           MessageRecord::Seen),
                                               makeMessage(3, QStringLiteral("Bob"), 200)}));
}

void TestMessageStoreIndexes::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QStringList TestMessageStoreIndexes::indexes()
{
    RawDb raw(dbPath());
    QSqlQuery query(raw.db());
    QStringList names;
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index'"
                                  " AND name NOT LIKE 'sqlite_%'"))) {
        while (query.next())
            names.append(query.value(0).toString());
    }
    names.sort();
    return names;
}

QList<quint32> TestMessageStoreIndexes::uidsBySender()
{
    return uidsBy(MessageQuery::SortKey::Sender);
}

QList<quint32> TestMessageStoreIndexes::uidsBy(MessageQuery::SortKey key)
{
    MessageQuery query;
    query.folderId = m_inbox;
    query.sortKey = key;
    query.order = Qt::AscendingOrder;
    QList<quint32> uids;
    for (const MessageRecord &m : m_store->fetchMessages(query, 0, 100).value())
        uids.append(m.uid);
    return uids;
}

void TestMessageStoreIndexes::sortIndexesAreMadeOnFirstUse()
{
    for (const QString &name : StoreSchema::listIndexNames())
        QVERIFY2(!indexes().contains(name), qPrintable(name));
    QVERIFY(indexes().contains(QStringLiteral("messages_by_date")));
    QCOMPARE(uidsBy(MessageQuery::SortKey::Date), QList<quint32>({1, 2, 3}));
    for (const QString &name : StoreSchema::listIndexNames())
        QVERIFY2(!indexes().contains(name), qPrintable(name));

    QCOMPARE(uidsBy(MessageQuery::SortKey::Size), QList<quint32>({2, 3, 1}));
    QVERIFY(indexes().contains(QStringLiteral("messages_by_size")));
    QVERIFY(!indexes().contains(QStringLiteral("messages_by_sender")));
    QCOMPARE(uidsBySender(), QList<quint32>({2, 3, 1}));
    QVERIFY(indexes().contains(QStringLiteral("messages_by_sender")));
    QVERIFY(!indexes().contains(QStringLiteral("messages_by_subject")));
    // Rows written later enter the index.
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(4, QStringLiteral("Anna"), 50)}));
    QCOMPARE(uidsBySender(), QList<quint32>({2, 4, 3, 1}));
    QVERIFY(!m_store->checkIntegrity());
}

void TestMessageStoreIndexes::deferredIndexesAreDroppedAndRebuilt()
{
    uidsBy(MessageQuery::SortKey::Sender);
    uidsBy(MessageQuery::SortKey::Subject);
    uidsBy(MessageQuery::SortKey::Size);
    MessageQuery threads;
    threads.folderId = m_inbox;
    QCOMPARE(m_store->threadRoots(threads).value().size(), 1); // builds the thread indexes
    const QStringList all = indexes();
    for (const QString &name : StoreSchema::listIndexNames() + threadIndexNames)
        QVERIFY2(all.contains(name), qPrintable(name));
    QVERIFY(all.contains(QStringLiteral("messages_by_date")));

    QVERIFY(!m_store->deferListIndexes());
    QVERIFY(m_store->listIndexesDeferred());
    const QStringList during = indexes();
    for (const QString &name : StoreSchema::listIndexNames() + threadIndexNames)
        QVERIFY2(!during.contains(name), qPrintable(name));
    // The default order keeps its index while rows stream in.
    QVERIFY(during.contains(QStringLiteral("messages_by_date")));
    QVERIFY(!m_store->deferListIndexes()); // a second call changes nothing

    QVERIFY(!m_store->restoreListIndexes());
    QVERIFY(!m_store->listIndexesDeferred());
    QCOMPARE(indexes(), all);
    QVERIFY(!m_store->restoreListIndexes()); // nothing deferred: nothing to do
    QCOMPARE(indexes(), all);
}

void TestMessageStoreIndexes::onlyIndexesThatExistedAreRebuilt()
{
    uidsBy(MessageQuery::SortKey::Size);
    const QStringList before = indexes();
    QVERIFY(before.contains(QStringLiteral("messages_by_size")));
    QVERIFY(!m_store->deferListIndexes());
    QVERIFY(!indexes().contains(QStringLiteral("messages_by_size")));
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(4, QStringLiteral("Anna"), 50)}));
    QVERIFY(!m_store->restoreListIndexes());
    QCOMPARE(indexes(), before); // the size order's index, and none that was never used
    QCOMPARE(uidsBy(MessageQuery::SortKey::Size), QList<quint32>({4, 2, 3, 1}));
}

void TestMessageStoreIndexes::queriesAnswerWhileDeferred()
{
    QCOMPARE(uidsBySender(), QList<quint32>({2, 3, 1}));
    QVERIFY(!m_store->deferListIndexes());
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(4, QStringLiteral("Anna"), 50),
                                               makeMessage(5, QStringLiteral("Zed"), 500)}));
    QCOMPARE(uidsBySender(), QList<quint32>({2, 4, 3, 1, 5}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 4);
    QVERIFY(!m_store->restoreListIndexes());
    QCOMPARE(uidsBySender(), QList<quint32>({2, 4, 3, 1, 5}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 4);
    QVERIFY(!m_store->checkIntegrity());
}

void TestMessageStoreIndexes::threadsShownMeanwhileBuildTheirIndexesAtOnce()
{
    QVERIFY(!m_store->deferListIndexes());
    MessageQuery threads;
    threads.folderId = m_inbox;
    // Found by scanning, each row would look through the whole folder: the indexes are made.
    QCOMPARE(m_store->threadRoots(threads).value().size(), 1);
    for (const QString &name : threadIndexNames)
        QVERIFY2(indexes().contains(name), qPrintable(name));
    QVERIFY(!m_store->restoreListIndexes());
    for (const QString &name : threadIndexNames)
        QVERIFY2(indexes().contains(name), qPrintable(name));
}

void TestMessageStoreIndexes::indexesAStopLeftOutAreBuiltWhenNeeded()
{
    QCOMPARE(uidsBySender(), QList<quint32>({2, 3, 1}));
    QVERIFY(!m_store->deferListIndexes());
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(4, QStringLiteral("Anna"), 50)}));
    // Closed before the restore, as by a crash or a quit in the middle of a synchronisation.
    m_store.reset();
    QVERIFY(!indexes().contains(QStringLiteral("messages_by_sender")));

    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(dbPath()));
    QVERIFY(!m_store->listIndexesDeferred());
    QVERIFY(!indexes().contains(QStringLiteral("messages_by_sender")));
    QCOMPARE(uidsBySender(), QList<quint32>({2, 4, 3, 1}));
    QVERIFY(indexes().contains(QStringLiteral("messages_by_sender")));
    QVERIFY(!m_store->checkIntegrity());
}

QTEST_GUILESS_MAIN(TestMessageStoreIndexes)
#include "tst_messagestoreindexes.moc"
