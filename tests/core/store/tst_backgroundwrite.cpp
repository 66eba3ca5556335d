// MessageStore::removeMessages() and changeFlags() of many messages: reported and shown by every
// read of the store at once, written on a worker, and the store's own writes meanwhile.
#include "rawdb.h"
#include "storesample.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestBackgroundWrite : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void largeRemovalShowsAtOnceThenLeavesTheCache();
    void messagesWrittenAgainStay();
    void folderResetStopsTheRemoval();
    void storeWritesWhileTheWorkerDeletes();
    void closingStopsTheRemoval();

    void largeFlagChangeShowsAtOnce();
    void laterChangeOfSomeWins();
    void markingAllUnreadCountsThem();
    void serverFlagsReplaceTheChange();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }
    // Messages 1 to count, every third one unread.
    void addMessages(qint64 folderId, quint32 count, quint32 firstUid = 1);
    void waitForWorkers();
    int rowsOnDisk(qint64 folderId);
    int unreadOnDisk(qint64 folderId);
    QList<quint32> allUids(quint32 count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
};

void TestBackgroundWrite::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(dbPath());
    QVERIFY2(!error, qPrintable(error.toString()));
    m_inbox = addTestFolder(m_store.get(), QStringLiteral("INBOX"));
}

void TestBackgroundWrite::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestBackgroundWrite::addMessages(qint64 folderId, quint32 count, quint32 firstUid)
{
    QList<MessageRecord> messages;
    for (quint32 uid = firstUid; uid < firstUid + count; ++uid) {
        messages.append(makeMessage(uid, QStringLiteral("Report number %1").arg(uid),
                                    QStringLiteral("Alice"), QStringLiteral("alice@example.org"),
                                    1'700'000'000 + uid,
                                    uid % 3 == 0 ? MessageRecord::Flags() : MessageRecord::Seen));
    }
    const MailError error = m_store->upsertMessages(folderId, messages);
    QVERIFY2(!error, qPrintable(error.toString()));
}

void TestBackgroundWrite::waitForWorkers()
{
    QSignalSpy finished(m_store.get(), &MessageStore::backgroundWritesFinished);
    if (m_store->hasBackgroundWrites())
        QVERIFY(finished.wait(60'000));
    QVERIFY(!m_store->hasBackgroundWrites());
}

int TestBackgroundWrite::rowsOnDisk(qint64 folderId)
{
    RawDb raw(dbPath());
    return raw
            .scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = %1")
                            .arg(folderId))
            .toInt();
}

int TestBackgroundWrite::unreadOnDisk(qint64 folderId)
{
    RawDb raw(dbPath());
    return raw
            .scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE folder_id = %1"
                                   " AND (flags & 1) = 0")
                            .arg(folderId))
            .toInt();
}

QList<quint32> TestBackgroundWrite::allUids(quint32 count)
{
    QList<quint32> uids;
    for (quint32 uid = 1; uid <= count; ++uid)
        uids.append(uid);
    return uids;
}

void TestBackgroundWrite::largeRemovalShowsAtOnceThenLeavesTheCache()
{
    addMessages(m_inbox, 2000);
    const QString partFile = m_dir->filePath(QStringLiteral("part-10-2"));
    QFile file(partFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("attachment bytes");
    file.close();
    QVERIFY(!m_store->storeBodyPartFile(m_inbox, 10, "2", partFile));
    QVERIFY(!m_store->storeBodyPart(m_inbox, 1600, "1", "kept"));

    QList<quint32> removed;
    for (quint32 uid = 1; uid <= 1500; ++uid)
        removed.append(uid);
    QSignalSpy about(m_store.get(), &MessageStore::messagesAboutToBeRemoved);
    QSignalSpy gone(m_store.get(), &MessageStore::messagesRemoved);
    connect(m_store.get(), &MessageStore::messagesAboutToBeRemoved, this,
            [&] { QCOMPARE(m_store->messageCount(m_inbox).value(), 2000); });
    QVERIFY(!m_store->removeMessages(m_inbox, removed));

    // Told and gone for every reader before the worker deleted anything.
    QCOMPARE(about.size(), 1);
    QCOMPARE(gone.size(), 1);
    QCOMPARE(gone.at(0).at(1).value<QList<quint32>>(), removed);
    const MessageQuery query {m_inbox, MessageQuery::SortKey::Date, Qt::DescendingOrder, {}};
    const auto checkShown = [&] {
        QCOMPARE(m_store->messageCount(m_inbox).value(), 500);
        QCOMPARE(m_store->countMessages(query).value(), 500);
        const QList<MessageRecord> rows = m_store->fetchMessages(query, 0, 5000).value();
        QCOMPARE(rows.size(), 500);
        QCOMPARE(rows.first().uid, 2000u);
        QCOMPARE(rows.last().uid, 1501u);
        QCOMPARE(m_store->unseenCount(m_inbox).value(), 166); // 1503, 1506, ..., 1998
        QCOMPARE(m_store->unseenCount(m_inbox).value(), 166);
        QCOMPARE(m_store->messageCounts().value().value(m_inbox), 500);
        const QList<quint32> uids = m_store->uids(m_inbox).value();
        QCOMPARE(uids.size(), 500);
        QCOMPARE(uids.first(), 1501u);
        QVERIFY(!m_store->message(m_inbox, 10));
        QVERIFY(m_store->message(m_inbox, 1600));
        QCOMPARE(m_store->messagePosition(query, 1500).value(), -1);
        QCOMPARE(m_store->messagePosition(query, 1501).value(), 499);
        QVERIFY(m_store->fetchMessagesByUid(m_inbox, {10, 1600}).value().keys()
                == QList<quint32>({1600}));
        QCOMPARE(m_store->search(m_inbox, QStringLiteral("report")).value().size(), 500);
        QCOMPARE(m_store->searchAll(QStringLiteral("report"), 5000).value().size(), 500);
    };
    checkShown();

    waitForWorkers();
    checkShown();
    QCOMPARE(rowsOnDisk(m_inbox), 500);
    QVERIFY(!QFile::exists(partFile));
    QVERIFY(!m_store->bodyPart(m_inbox, 10, "2"));
    QCOMPARE(m_store->bodyPart(m_inbox, 1600, "1").value().data, QByteArray("kept"));
    // Told once only.
    QCOMPARE(gone.size(), 1);
}

void TestBackgroundWrite::messagesWrittenAgainStay()
{
    // A move the server refused: its messages come back while the worker deletes them.
    addMessages(m_inbox, 3000);
    QVERIFY(!m_store->removeMessages(m_inbox, m_store->uids(m_inbox).value()));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 0);
    QList<MessageRecord> back;
    for (quint32 uid = 2991; uid <= 3000; ++uid)
        back.append(makeMessage(uid, QStringLiteral("Back %1").arg(uid), {}, {}, 1'800'000'000));
    QVERIFY(!m_store->upsertMessages(m_inbox, back));
    QCOMPARE(m_store->messageCount(m_inbox).value(), 10);
    waitForWorkers();
    QCOMPARE(rowsOnDisk(m_inbox), 10);
    QCOMPARE(m_store->uids(m_inbox).value().first(), 2991u);
    QCOMPARE(m_store->message(m_inbox, 2995).value().subject, QStringLiteral("Back 2995"));
}

void TestBackgroundWrite::folderResetStopsTheRemoval()
{
    // A new UIDVALIDITY: the same UIDs name other messages, which the worker must not delete.
    addMessages(m_inbox, 3000);
    QVERIFY(!m_store->removeMessages(m_inbox, m_store->uids(m_inbox).value()));
    QVERIFY(!m_store->resetFolder(m_inbox, 777));
    addMessages(m_inbox, 100);
    QCOMPARE(m_store->messageCount(m_inbox).value(), 100);
    waitForWorkers();
    QCOMPARE(rowsOnDisk(m_inbox), 100);
    QCOMPARE(m_store->messageCount(m_inbox).value(), 100);
}

void TestBackgroundWrite::storeWritesWhileTheWorkerDeletes()
{
    addMessages(m_inbox, 20000);
    const qint64 other = addTestFolder(m_store.get(), QStringLiteral("Other"));
    addMessages(other, 10);
    QVERIFY(!m_store->removeMessages(m_inbox, m_store->uids(m_inbox).value()));
    int writes = 0;
    bool seen = false;
    do {
        seen = !seen;
        const MailError error = m_store->changeFlags(other, {1, 2, 3},
                                                     seen ? MessageRecord::Seen
                                                          : MessageRecord::Flags(),
                                                     seen ? MessageRecord::Flags()
                                                          : MessageRecord::Seen);
        QVERIFY2(!error, qPrintable(error.toString()));
        addMessages(other, 1, 100 + writes);
        ++writes;
        QTest::qWait(5);
    } while (m_store->hasBackgroundWrites());
    qInfo() << "writes while the worker deleted" << writes;
    waitForWorkers();
    QCOMPARE(rowsOnDisk(m_inbox), 0);
    QCOMPARE(rowsOnDisk(other), 10 + writes);
    // 6 and 9 unread, with 1 to 3 after an odd number of writes, and the added ones.
    int unseen = seen ? 2 : 5;
    for (int i = 0; i < writes; ++i)
        unseen += (100 + i) % 3 == 0 ? 1 : 0;
    QCOMPARE(m_store->unseenCount(other).value(), unseen);
}

void TestBackgroundWrite::closingStopsTheRemoval()
{
    addMessages(m_inbox, 20000);
    QVERIFY(!m_store->removeMessages(m_inbox, m_store->uids(m_inbox).value()));
    m_store->close();
    QVERIFY(!m_store->open(dbPath()));
    QVERIFY(!m_store->checkIntegrity());
    // What the worker had not deleted is cached still, for the next synchronisation.
    const int left = m_store->messageCount(m_inbox).value();
    QVERIFY(left >= 0 && left <= 20000);
    QCOMPARE(rowsOnDisk(m_inbox), left);
    QVERIFY(!m_store->hasBackgroundWrites());
}

void TestBackgroundWrite::largeFlagChangeShowsAtOnce()
{
    addMessages(m_inbox, 2000);
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 666);
    QSignalSpy changed(m_store.get(), &MessageStore::messagesChanged);
    QVERIFY(!m_store->changeFlags(m_inbox, allUids(2000), MessageRecord::Seen, {}));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(1).value<QList<quint32>>().size(), 2000);

    MessageQuery unread {m_inbox, MessageQuery::SortKey::Date, Qt::DescendingOrder,
                         QStringLiteral("is:unread")};
    MessageQuery read = unread;
    read.searchText = QStringLiteral("is:read");
    const MessageQuery all {m_inbox, MessageQuery::SortKey::Date, Qt::DescendingOrder, {}};
    const auto checkShown = [&] {
        QCOMPARE(m_store->unseenCount(m_inbox).value(), 0);
        QCOMPARE(m_store->unseenCount(m_inbox).value(), 0);
        QCOMPARE(m_store->countMessages(unread).value(), 0);
        QCOMPARE(m_store->countMessages(read).value(), 2000);
        const QList<MessageRecord> rows = m_store->fetchMessages(all, 0, 5000).value();
        QCOMPARE(rows.size(), 2000);
        QVERIFY(std::all_of(rows.cbegin(), rows.cend(), [](const MessageRecord &m) {
            return m.flags.testFlag(MessageRecord::Seen);
        }));
        QVERIFY(m_store->message(m_inbox, 3).value().flags.testFlag(MessageRecord::Seen));
        QVERIFY(m_store->fetchMessagesByUid(m_inbox, {6})
                        .value()
                        .value(6)
                        .flags.testFlag(MessageRecord::Seen));
        QVERIFY(m_store->searchAll(QStringLiteral("is:unread"), 100).value().isEmpty());
        QVERIFY(m_store->search(m_inbox, QStringLiteral("is:unread")).value().isEmpty());
    };
    checkShown();
    waitForWorkers();
    checkShown();
    QCOMPARE(unreadOnDisk(m_inbox), 0);
}

void TestBackgroundWrite::laterChangeOfSomeWins()
{
    // Mark All as Read, then two of them as unread again at once: they stay unread, in the
    // list and in the cache once the worker is done.
    addMessages(m_inbox, 3000);
    QVERIFY(!m_store->changeFlags(m_inbox, allUids(3000), MessageRecord::Seen, {}));
    QVERIFY(!m_store->changeFlags(m_inbox, {2999, 3000}, {}, MessageRecord::Seen));
    QVERIFY(!m_store->changeFlags(m_inbox, {2999}, MessageRecord::Flagged, {}));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 2);
    QVERIFY(!m_store->message(m_inbox, 3000).value().flags.testFlag(MessageRecord::Seen));
    waitForWorkers();
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 2);
    QCOMPARE(unreadOnDisk(m_inbox), 2);
    const MessageRecord flagged = m_store->message(m_inbox, 2999).value();
    QCOMPARE(flagged.flags, MessageRecord::Flags(MessageRecord::Flagged));
    // One more: the first change reached the others.
    QVERIFY(m_store->message(m_inbox, 2998).value().flags.testFlag(MessageRecord::Seen));
}

void TestBackgroundWrite::markingAllUnreadCountsThem()
{
    addMessages(m_inbox, 1000);
    QVERIFY(!m_store->changeFlags(m_inbox, allUids(1000), {}, MessageRecord::Seen));
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 1000);
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 1000);
    waitForWorkers();
    QCOMPARE(unreadOnDisk(m_inbox), 1000);
    QCOMPARE(m_store->unseenCount(m_inbox).value(), 1000);
}

void TestBackgroundWrite::serverFlagsReplaceTheChange()
{
    addMessages(m_inbox, 2000);
    QVERIFY(!m_store->changeFlags(m_inbox, allUids(2000), MessageRecord::Flagged, {}));
    QVERIFY(!m_store->updateFlags(m_inbox, {FlagUpdate {2000, MessageRecord::Seen, {}, 0}}));
    QCOMPARE(m_store->message(m_inbox, 2000).value().flags,
             MessageRecord::Flags(MessageRecord::Seen));
    waitForWorkers();
    QCOMPARE(m_store->message(m_inbox, 2000).value().flags,
             MessageRecord::Flags(MessageRecord::Seen));
    QVERIFY(m_store->message(m_inbox, 1999).value().flags.testFlag(MessageRecord::Flagged));
}

QTEST_GUILESS_MAIN(TestBackgroundWrite)
#include "tst_backgroundwrite.moc"
