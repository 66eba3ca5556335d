#include "rawdb.h"
#include "store/messagestore.h"
#include "store/storeschema.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

MessageRecord makeMessage(quint32 uid, const QString &subject)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = subject;
    m.fromName = QStringLiteral("Sender %1").arg(uid);
    m.fromAddress = QStringLiteral("sender%1@example.org").arg(uid);
    m.to = QStringLiteral("Team <team@example.org>");
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + uid, Qt::UTC);
    return m;
}

} // namespace

// The deferred full-text index: rows enter it after the write that adds them, when the store
// is idle or before a search, and leave it only if they were in it.
class TestMessageStoreFts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void writesLeaveRowsPending();
    void searchIndexesPendingRowsFirst();
    void idleIndexingCatchesUpInChunks();
    void pendingRowsLeaveWithoutTouchingTheIndex();
    void reusedRowIdIsIndexedWithItsNewText();
    void textChangesFollowIndexedRows();
    void removingTheHighestRowsLowersTheWatermark();
    void migrationIndexesWhatWasPending();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("account.sqlite")); }
    // FTS5's own check of the index, run over a second connection.
    bool indexIsConsistent();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_inbox = 0;
};

void TestMessageStoreFts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<MessageStore>();
    const MailError error = m_store->open(dbPath());
    QVERIFY2(!error, qPrintable(error.toString()));
    m_store->setBackgroundFtsIndexing(false);
    FolderRecord folder;
    folder.path = QStringLiteral("INBOX");
    m_inbox = m_store->upsertFolder(folder).value();
}

void TestMessageStoreFts::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

bool TestMessageStoreFts::indexIsConsistent()
{
    RawDb raw(dbPath());
    return raw.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts)"
                                   " VALUES ('integrity-check')"));
}

void TestMessageStoreFts::writesLeaveRowsPending()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("alpha")),
                                               makeMessage(2, QStringLiteral("beta"))}));
    QCOMPARE(m_store->pendingFtsRows().value(), 2);
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages_fts WHERE messages_fts"
                                       " MATCH 'alpha OR beta'"))
                     .toInt(),
             0);
}

void TestMessageStoreFts::searchIndexesPendingRowsFirst()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("alpha report")),
                                               makeMessage(2, QStringLiteral("beta report"))}));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("report")).value(), QList<quint32>({1, 2}));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    // A filtered list count goes through the same catch-up.
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(3, QStringLiteral("gamma report"))}));
    MessageQuery query;
    query.folderId = m_inbox;
    query.searchText = QStringLiteral("report");
    QCOMPARE(m_store->countMessages(query).value(), 3);
    QVERIFY(indexIsConsistent());
}

void TestMessageStoreFts::idleIndexingCatchesUpInChunks()
{
    QList<MessageRecord> messages;
    const int count = MessageStore::ftsChunkRows * 2 + 10;
    for (int uid = 1; uid <= count; ++uid)
        messages.append(makeMessage(quint32(uid), QStringLiteral("bulk %1").arg(uid)));
    QVERIFY(!m_store->upsertMessages(m_inbox, messages));
    QCOMPARE(m_store->pendingFtsRows().value(), count);

    QVERIFY(!m_store->indexPendingFts(MessageStore::ftsChunkRows));
    QCOMPARE(m_store->pendingFtsRows().value(), count - MessageStore::ftsChunkRows);

    QSignalSpy caughtUp(m_store.get(), &MessageStore::ftsIndexCaughtUp);
    m_store->setBackgroundFtsIndexing(true);
    QVERIFY(caughtUp.wait(20000));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    RawDb raw(dbPath());
    QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM messages_fts WHERE messages_fts"
                                       " MATCH 'bulk'"))
                     .toInt(),
             count);
    QVERIFY(indexIsConsistent());
}

void TestMessageStoreFts::pendingRowsLeaveWithoutTouchingTheIndex()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("indexed words"))}));
    QVERIFY(!m_store->indexPendingFts());
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(2, QStringLiteral("pending words"))}));
    QCOMPARE(m_store->pendingFtsRows().value(), 1);

    QVERIFY(!m_store->removeMessages(m_inbox, {2}));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    QVERIFY(indexIsConsistent());
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("words")).value(), QList<quint32>({1}));

    QVERIFY(!m_store->removeMessages(m_inbox, {1}));
    QVERIFY(indexIsConsistent());
    QVERIFY(m_store->search(m_inbox, QStringLiteral("words")).value().isEmpty());
}

void TestMessageStoreFts::reusedRowIdIsIndexedWithItsNewText()
{
    // SQLite gives a new row the highest id plus one, so removing the last row and adding
    // another reuses its id: the new row must still be indexed, and only with its own text.
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("first")),
                                               makeMessage(2, QStringLiteral("second"))}));
    QVERIFY(!m_store->indexPendingFts());
    QVERIFY(!m_store->removeMessages(m_inbox, {2}));
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(3, QStringLiteral("third"))}));
    {
        RawDb raw(dbPath());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT id FROM messages WHERE uid = 3")).toInt(), 2);
    }
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("third")).value(), QList<quint32>({3}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("second")).value().isEmpty());
    QVERIFY(indexIsConsistent());
}

void TestMessageStoreFts::textChangesFollowIndexedRows()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("old subject"))}));
    QVERIFY(!m_store->indexPendingFts());
    // Indexed: the update trigger moves it in the index.
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("new subject"))}));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    QVERIFY(m_store->search(m_inbox, QStringLiteral("old")).value().isEmpty());
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("new")).value(), QList<quint32>({1}));

    // Pending: it is indexed later with whatever text it has then.
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(2, QStringLiteral("draft title"))}));
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(2, QStringLiteral("final title"))}));
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    QVERIFY(m_store->search(m_inbox, QStringLiteral("draft")).value().isEmpty());
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("final")).value(), QList<quint32>({2}));
    QVERIFY(indexIsConsistent());
}

void TestMessageStoreFts::removingTheHighestRowsLowersTheWatermark()
{
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(1, QStringLiteral("one")),
                                               makeMessage(2, QStringLiteral("two")),
                                               makeMessage(3, QStringLiteral("three"))}));
    QVERIFY(!m_store->indexPendingFts());
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(4, QStringLiteral("four"))}));
    // A row in the middle goes: no id below the watermark can come back.
    QVERIFY(!m_store->removeMessages(m_inbox, {2}));
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    // The highest indexed and the pending row go: from id 2 on, ids are given again, and none
    // may pass for indexed.
    QVERIFY(!m_store->removeMessages(m_inbox, {3, 4}));
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    QVERIFY(!m_store->upsertMessages(m_inbox, {makeMessage(5, QStringLiteral("five")),
                                               makeMessage(6, QStringLiteral("six"))}));
    {
        RawDb raw(dbPath());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT id FROM messages WHERE uid = 5")).toInt(), 2);
    }
    QCOMPARE(m_store->pendingFtsRows().value(), 2);
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("five")).value(), QList<quint32>({5}));
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("six")).value(), QList<quint32>({6}));
    QVERIFY(m_store->search(m_inbox, QStringLiteral("three OR four")).value().isEmpty());
    QCOMPARE(m_store->search(m_inbox, QStringLiteral("one")).value(), QList<quint32>({1}));
    QVERIFY(indexIsConsistent());
}

void TestMessageStoreFts::migrationIndexesWhatWasPending()
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("version6.sqlite"));
    {
        // Schema 6 kept the rows to index in fts_pending, filled by an insert trigger.
        RawDb raw(path);
        QVERIFY(!StoreSchema::migrate(raw.db(), 6));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO folders (path) VALUES ('INBOX')")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages (folder_id, uid, subject)"
                                        " VALUES (1, 1, 'indexed before'), (1, 2, 'left over')")));
        QVERIFY(raw.exec(QStringLiteral("DELETE FROM fts_pending WHERE id = 1")));
        QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages_fts (rowid, subject, from_name,"
                                        " from_address, to_text, cc_text)"
                                        " SELECT id, subject, from_name, from_address, to_text,"
                                        " cc_text FROM messages WHERE id = 1")));
    }
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(path));
    m_store->setBackgroundFtsIndexing(false);
    QCOMPARE(m_store->pendingFtsRows().value(), 0);
    QCOMPARE(m_store->search(1, QStringLiteral("over")).value(), QList<quint32>({2}));
    QCOMPARE(m_store->search(1, QStringLiteral("before")).value(), QList<quint32>({1}));
    QVERIFY(!m_store->upsertMessages(1, {makeMessage(3, QStringLiteral("after"))}));
    QCOMPARE(m_store->pendingFtsRows().value(), 1);
    QCOMPARE(m_store->search(1, QStringLiteral("after")).value(), QList<quint32>({3}));
    RawDb raw(path);
    QVERIFY(raw.exec(QStringLiteral("INSERT INTO messages_fts (messages_fts)"
                                    " VALUES ('integrity-check')")));
}

QTEST_GUILESS_MAIN(TestMessageStoreFts)
#include "tst_messagestorefts.moc"
