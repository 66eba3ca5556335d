// The lists sorted by an order whose index the store has not made yet: a large folder keeps its
// rows while a worker thread makes the index, then sorts; a small one sorts at once.
#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

namespace {

constexpr int messageCount = 300;

MessageRecord makeMessage(quint32 uid)
{
    MessageRecord m;
    m.uid = uid;
    // Sender and size orders that differ from the date order and from each other.
    m.fromName = QStringLiteral("Sender %1").arg((uid * 37) % 101, 3, 10, QLatin1Char('0'));
    m.fromAddress = QStringLiteral("s%1@example.org").arg(uid);
    m.subject = QStringLiteral("Subject %1").arg((uid * 53) % 97, 3, 10, QLatin1Char('0'));
    m.size = qint64((uid * 71) % 1009) * 10;
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + qint64(uid) * 60, Qt::UTC);
    return m;
}

} // namespace

class TestMessageListSortIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<MessageStore>();
        QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
        FolderRecord inbox;
        inbox.path = QStringLiteral("INBOX");
        m_folder = m_store->upsertFolder(inbox).value();
        QList<MessageRecord> messages;
        for (quint32 uid = 1; uid <= messageCount; ++uid)
            messages.append(makeMessage(uid));
        QVERIFY(!m_store->upsertMessages(m_folder, messages));
        m_model = std::make_unique<MessageListModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setFolderId(m_folder);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_store.reset();
        m_dir.reset();
    }

    void largeFolderSortsOnceTheIndexIsMade()
    {
        m_model->setBackgroundIndexRows(messageCount);
        QVERIFY(!m_store->hasSortIndex(MessageQuery::SortKey::Sender));
        const QList<quint32> byDate = uids();
        const QPersistentModelIndex held = m_model->index(10, 0);
        const quint32 heldUid = uidAt(held);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);

        m_model->sort(MessageListModel::SenderColumn, Qt::AscendingOrder);
        QVERIFY(m_model->isWaitingForSortIndex());
        QCOMPARE(layout.size(), 0);
        QCOMPARE(m_model->query().sortKey, MessageQuery::SortKey::Date);
        QCOMPARE(uids(), byDate); // the rows stay as they were meanwhile

        QTRY_VERIFY(!m_model->isWaitingForSortIndex());
        QCOMPARE(layout.size(), 1);
        QVERIFY(m_store->hasSortIndex(MessageQuery::SortKey::Sender));
        QCOMPARE(m_model->query().sortKey, MessageQuery::SortKey::Sender);
        QCOMPARE(uids(), expected([](const MessageRecord &a, const MessageRecord &b) {
                     return a.fromName != b.fromName ? a.fromName < b.fromName : a.uid < b.uid;
                 }));
        QCOMPARE(uidAt(held), heldUid);
        // With its index made, the order comes back at once.
        m_model->sort(MessageListModel::DateColumn, Qt::DescendingOrder);
        m_model->sort(MessageListModel::SenderColumn, Qt::AscendingOrder);
        QVERIFY(!m_model->isWaitingForSortIndex());
        QCOMPARE(layout.size(), 3);
    }

    void theLatestSortAskedMeanwhileWins()
    {
        m_model->setBackgroundIndexRows(messageCount);
        m_model->sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
        QVERIFY(m_model->isWaitingForSortIndex());
        m_model->sort(MessageListModel::SizeColumn, Qt::DescendingOrder);
        QTRY_VERIFY(!m_model->isWaitingForSortIndex()); // made one, then the other
        QCOMPARE(m_model->query().sortKey, MessageQuery::SortKey::Size);
        QCOMPARE(m_model->query().order, Qt::DescendingOrder);
        QCOMPARE(uids(), expected([](const MessageRecord &a, const MessageRecord &b) {
                     return a.size != b.size ? a.size > b.size : a.uid > b.uid;
                 }));
    }

    void smallFolderSortsAtOnce()
    {
        m_model->setBackgroundIndexRows(messageCount + 1);
        QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
        m_model->sort(MessageListModel::SizeColumn, Qt::AscendingOrder);
        QVERIFY(!m_model->isWaitingForSortIndex());
        QCOMPARE(layout.size(), 1);
        QVERIFY(m_store->hasSortIndex(MessageQuery::SortKey::Size));
        QCOMPARE(uids(), expected([](const MessageRecord &a, const MessageRecord &b) {
                     return a.size != b.size ? a.size < b.size : a.uid < b.uid;
                 }));
    }

    void unifiedInboxSortsOnceEveryIndexIsMade()
    {
        QTemporaryDir otherDir;
        MessageStore other;
        QVERIFY(!other.open(otherDir.filePath(QStringLiteral("other.sqlite"))));
        FolderRecord inbox;
        inbox.path = QStringLiteral("INBOX");
        const qint64 otherInbox = other.upsertFolder(inbox).value();
        MessageRecord lone = makeMessage(messageCount + 1);
        lone.fromName = QStringLiteral("Sender 050b"); // between two of the first account's
        QVERIFY(!other.upsertMessages(otherInbox, {lone}));

        UnifiedInboxModel unified;
        QAbstractItemModelTester tester(&unified,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        unified.setBackgroundIndexRows(1);
        unified.addAccount(QStringLiteral("first"), m_store.get());
        unified.addAccount(QStringLiteral("second"), &other);
        unified.setBatchSize(messageCount + 1);
        const QModelIndex newest = unified.index(0, 0);
        QCOMPARE(uidAt(newest), quint32(messageCount + 1));
        QSignalSpy reset(&unified, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&unified, &QAbstractItemModel::layoutChanged);

        unified.sort(MessageListModel::SenderColumn, Qt::AscendingOrder);
        QVERIFY(unified.isWaitingForSortIndex());
        QCOMPARE(reset.size() + layout.size(), 0);
        QTRY_VERIFY(!unified.isWaitingForSortIndex());
        QVERIFY(m_store->hasSortIndex(MessageQuery::SortKey::Sender));
        QVERIFY(other.hasSortIndex(MessageQuery::SortKey::Sender));
        QCOMPARE(reset.size() + layout.size(), 1);
        QList<MessageRecord> all;
        for (quint32 uid = 1; uid <= messageCount; ++uid)
            all.append(makeMessage(uid));
        all.append(lone);
        std::sort(all.begin(), all.end(), [](const MessageRecord &a, const MessageRecord &b) {
            return a.fromName != b.fromName ? a.fromName < b.fromName : a.uid < b.uid;
        });
        while (unified.canFetchMore({}))
            unified.fetchMore({});
        QCOMPARE(unified.rowCount(), messageCount + 1);
        for (int row = 0; row < unified.rowCount(); ++row)
            QCOMPARE(uidAt(unified.index(row, 0)), all.at(row).uid);
    }

private:
    QList<quint32> uids() const
    {
        QList<quint32> list;
        for (int row = 0; row < m_model->rowCount(); ++row)
            list.append(uidAt(m_model->index(row, 0)));
        return list;
    }

    static quint32 uidAt(const QModelIndex &index)
    {
        return index.data(MessageListModel::UidRole).toUInt();
    }

    template<typename Less>
    static QList<quint32> expected(Less less)
    {
        QList<MessageRecord> messages;
        for (quint32 uid = 1; uid <= messageCount; ++uid)
            messages.append(makeMessage(uid));
        std::sort(messages.begin(), messages.end(), less);
        QList<quint32> list;
        for (const MessageRecord &m : messages)
            list.append(m.uid);
        return list;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    qint64 m_folder = 0;
};

QTEST_GUILESS_MAIN(TestMessageListSortIndex)
#include "tst_messagelistsortindex.moc"
