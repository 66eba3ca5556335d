#include "models/messagelistmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using SortKey = MessageQuery::SortKey;

namespace {

constexpr quint32 messageCount = 1000;
constexpr qint64 baseDate = 1'700'000'000;

MessageRecord makeMessage(quint32 uid, qint64 dateSlot)
{
    MessageRecord m;
    m.uid = uid;
    m.sentDate = QDateTime::fromSecsSinceEpoch(baseDate + dateSlot * 60, Qt::UTC);
    m.internalDate = m.sentDate;
    const quint32 key = uid % messageCount;
    m.subject = QStringLiteral("Subject %1").arg((key * 31) % messageCount, 4, 10, QLatin1Char('0'));
    if (uid % 10 == 0)
        m.subject += QStringLiteral(" invoice");
    m.fromName = QStringLiteral("Sender %1").arg((key * 17) % messageCount, 4, 10, QLatin1Char('0'));
    m.fromAddress = QStringLiteral("s%1@example.org").arg(uid);
    m.size = qint64((key * 13) % messageCount) * 10 + uid / messageCount;
    m.flags = uid % 3 == 0 ? MessageRecord::Seen : MessageRecord::NoFlag;
    m.messageId = "<m" + QByteArray::number(uid) + "@example.org>";
    m.hasAttachments = uid % 7 == 0;
    return m;
}

// Follows a model's row signals on a copy of its UIDs and checks after every step that the
// rows the model shows agree with the copy: the state between two signals must be coherent,
// not only the final one.
class RowShadow : public QObject
{
public:
    explicit RowShadow(QAbstractItemModel *model)
        : m_model(model)
    {
        m_uids = uids();
        connect(model, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    for (int row = first; row <= last; ++row)
                        m_uids.insert(row, uidAt(row));
                    check();
                });
        connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) { check(first, last); });
        connect(model, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    m_uids.remove(first, last - first + 1);
                    check();
                });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { m_uids = uids(); });
    }
    int failures() const { return m_failures; }
    int checks() const { return m_checks; }

private:
    quint32 uidAt(int row) const
    {
        return m_model->index(row, 0).data(MessageListModel::UidRole).toUInt();
    }
    QList<quint32> uids() const
    {
        QList<quint32> result;
        for (int row = 0; row < m_model->rowCount(); ++row)
            result.append(uidAt(row));
        return result;
    }
    // Every row outside [skipFirst, skipLast] shows the UID the copy expects.
    void check(int skipFirst = -1, int skipLast = -2)
    {
        ++m_checks;
        if (m_model->rowCount() != m_uids.size()) {
            ++m_failures;
            return;
        }
        for (int row = 0; row < m_uids.size(); ++row) {
            if ((row < skipFirst || row > skipLast) && uidAt(row) != m_uids.at(row)) {
                ++m_failures;
                return;
            }
        }
    }

    QAbstractItemModel *m_model;
    QList<quint32> m_uids;
    int m_checks = 0;
    int m_failures = 0;
};

} // namespace

class TestMessageListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void rowCountWithoutReadingRows();
    void windowsAreLoadedOnDemandAndEvicted();
    void rolesOfARow();
    void sort_data();
    void sort();
    void sortKeepsPersistentIndexes();
    void searchFilterRestrictsRows();
    void insertedMessagesAppearAsRows_data();
    void insertedMessagesAppearAsRows();
    void removedMessagesDisappearAsRows_data();
    void removedMessagesDisappearAsRows();
    void largeRemovalResets();
    void largeListReadAgainOnceASecondWhileAdding();
    void largeFolderShownAtOnceAndCountedOnWorker();
    void largeRemovalCountedOnWorker();
    void newMessageInLargeListCountedOnWorker();
    void flagChangesKeepTheRowsOfTheWholeFolder();
    void farWindowsReadOnFromKnownRows();
    void farWindowsOfAPaintReadOnWorker();
    void clearedSearchOfLargeFolderCountedOnWorker();
    void flagChangeUpdatesOneRow();
    void movedRowRepaintsTheList();
    void folderResetEmptiesTheList();
    void otherFoldersAreIgnored();
    void switchingFolders();
    void dragDataCarriesFolderAndUids();
    void dragDataOfManyRows_data();
    void dragDataOfManyRows();

private:
    QList<quint32> expectedOrder(SortKey key, Qt::SortOrder order,
                                 const QString &mustContain = {}) const;
    QList<quint32> modelUids() const;
    QVariant sortValue(const MessageRecord &m, SortKey key) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QHash<quint32, MessageRecord> m_records;
    qint64 m_folder = 0;
};

void TestMessageListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    m_folder = m_store->upsertFolder(inbox).value();
    QList<MessageRecord> batch;
    m_records.clear();
    for (quint32 uid = 1; uid <= messageCount; ++uid) {
        // Unique dates in an order unrelated to the UIDs; slots >= 2000 stay free for tests.
        const MessageRecord m = makeMessage(uid, ((uid * 7919) % messageCount) * 2 + 1);
        batch.append(m);
        m_records.insert(uid, m);
    }
    QVERIFY(!m_store->upsertMessages(m_folder, batch));

    m_model = std::make_unique<MessageListModel>(m_store.get());
    m_model->setFolderId(m_folder);
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestMessageListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_dir.reset();
}

QVariant TestMessageListModel::sortValue(const MessageRecord &m, SortKey key) const
{
    switch (key) {
    case SortKey::Date:
        return m.displayDate().toMSecsSinceEpoch();
    case SortKey::Sender:
        return m.fromName.toCaseFolded();
    case SortKey::Subject:
        return m.subject.toCaseFolded();
    case SortKey::Size:
        return m.size;
    }
    return {};
}

QList<quint32> TestMessageListModel::expectedOrder(SortKey key, Qt::SortOrder order,
                                                   const QString &mustContain) const
{
    QList<quint32> uids;
    for (const MessageRecord &m : m_records) {
        if (mustContain.isEmpty() || m.subject.contains(mustContain))
            uids.append(m.uid);
    }
    std::sort(uids.begin(), uids.end(), [&](quint32 a, quint32 b) {
        const QVariant va = sortValue(m_records.value(a), key);
        const QVariant vb = sortValue(m_records.value(b), key);
        const auto c = QVariant::compare(va, vb);
        const bool less = c == QPartialOrdering::Less
                          || (c == QPartialOrdering::Equivalent && a < b);
        const bool greater = c == QPartialOrdering::Greater
                             || (c == QPartialOrdering::Equivalent && a > b);
        return order == Qt::AscendingOrder ? less : greater;
    });
    return uids;
}

QList<quint32> TestMessageListModel::modelUids() const
{
    QList<quint32> uids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        uids.append(m_model->index(row, 0).data(MessageListModel::UidRole).toUInt());
    return uids;
}

void TestMessageListModel::rowCountWithoutReadingRows()
{
    MessageListModel model(m_store.get());
    model.setFolderId(m_folder);
    QCOMPARE(model.rowCount(), int(messageCount));
    QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));
    QCOMPARE(model.windowLoadCount(), 0);
    QCOMPARE(model.cachedWindowCount(), 0);
}

void TestMessageListModel::windowsAreLoadedOnDemandAndEvicted()
{
    MessageListModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFolderId(m_folder);
    model.setWindowSize(50); // empties the cache the tester's reads filled
    model.setMaxCachedWindows(3);
    QCOMPARE(model.cachedWindowCount(), 0);
    const int loadsBefore = model.windowLoadCount();
    const QList<quint32> expected = expectedOrder(SortKey::Date, Qt::DescendingOrder);

    auto uidAt = [&](int row) {
        return model.index(row, 0).data(MessageListModel::UidRole).toUInt();
    };
    QCOMPARE(uidAt(0), expected.at(0));
    QCOMPARE(model.windowLoadCount(), loadsBefore + 1);
    QCOMPARE(uidAt(49), expected.at(49));
    QCOMPARE(model.windowLoadCount(), loadsBefore + 1);
    QCOMPARE(uidAt(50), expected.at(50));
    QCOMPARE(uidAt(999), expected.at(999));
    QCOMPARE(uidAt(500), expected.at(500));
    QCOMPARE(model.windowLoadCount(), loadsBefore + 4);
    QCOMPARE(model.cachedWindowCount(), 3);
    // Window 0 was the least recently used: it was evicted and comes back with one read.
    QCOMPARE(uidAt(10), expected.at(10));
    QCOMPARE(model.windowLoadCount(), loadsBefore + 5);
    QCOMPARE(uidAt(999), expected.at(999));
    QCOMPARE(model.windowLoadCount(), loadsBefore + 5);
    QVERIFY(!model.index(1000, 0).isValid());
}

void TestMessageListModel::rolesOfARow()
{
    const QModelIndex first = m_model->index(0, 0);
    const quint32 uid = first.data(MessageListModel::UidRole).toUInt();
    const MessageRecord m = m_records.value(uid);
    QVERIFY(uid > 0);
    auto cell = [&](int column) {
        return m_model->index(0, column).data();
    };
    QCOMPARE(cell(MessageListModel::SubjectColumn).toString(), m.subject);
    QCOMPARE(cell(MessageListModel::SenderColumn).toString(), m.fromName);
    QCOMPARE(cell(MessageListModel::DateColumn).toDateTime(), m.sentDate);
    QCOMPARE(cell(MessageListModel::SizeColumn).toLongLong(), m.size);
    QCOMPARE(first.data(MessageListModel::FolderIdRole).toLongLong(), m_folder);
    QCOMPARE(first.data(MessageListModel::IsUnreadRole).toBool(), uid % 3 != 0);
    QCOMPARE(first.data(MessageListModel::HasAttachmentsRole).toBool(), uid % 7 == 0);
    QCOMPARE(first.data(MessageListModel::MessageIdRole).toByteArray(), m.messageId);
    QCOMPARE(first.data(MessageListModel::SenderAddressRole).toString(), m.fromAddress);
    QCOMPARE(first.data(MessageListModel::FlagsRole).toInt(), int(m.flags.toInt()));
    QCOMPARE(m_model->indexForUid(uid), first);
    QVERIFY(!m_model->indexForUid(99999).isValid());
    QVERIFY(m_model->roleNames().value(MessageListModel::UidRole) == "uid");
}

void TestMessageListModel::sort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<SortKey>("key");

    QTest::newRow("subject asc") << int(MessageListModel::SubjectColumn) << Qt::AscendingOrder
                                 << SortKey::Subject;
    QTest::newRow("subject desc") << int(MessageListModel::SubjectColumn) << Qt::DescendingOrder
                                  << SortKey::Subject;
    QTest::newRow("sender asc") << int(MessageListModel::SenderColumn) << Qt::AscendingOrder
                                << SortKey::Sender;
    QTest::newRow("date asc") << int(MessageListModel::DateColumn) << Qt::AscendingOrder
                              << SortKey::Date;
    QTest::newRow("size desc") << int(MessageListModel::SizeColumn) << Qt::DescendingOrder
                               << SortKey::Size;
}

void TestMessageListModel::sort()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(SortKey, key);
    QSignalSpy layout(m_model.get(), &QAbstractItemModel::layoutChanged);
    m_model->sort(column, order);
    QCOMPARE(layout.count(), 1);
    QCOMPARE(m_model->query().sortKey, key);
    QCOMPARE(m_model->rowCount(), int(messageCount));
    QCOMPARE(modelUids(), expectedOrder(key, order));
    m_model->sort(column, order); // same order again: nothing to do
    QCOMPARE(layout.count(), 1);
}

void TestMessageListModel::sortKeepsPersistentIndexes()
{
    const QPersistentModelIndex a = m_model->index(3, MessageListModel::SubjectColumn);
    const QPersistentModelIndex b = m_model->index(777, 0);
    const quint32 uidA = a.data(MessageListModel::UidRole).toUInt();
    const quint32 uidB = b.data(MessageListModel::UidRole).toUInt();
    m_model->sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
    const QList<quint32> expected = expectedOrder(SortKey::Subject, Qt::AscendingOrder);
    QCOMPARE(a.row(), int(expected.indexOf(uidA)));
    QCOMPARE(a.column(), int(MessageListModel::SubjectColumn));
    QCOMPARE(a.data(MessageListModel::UidRole).toUInt(), uidA);
    QCOMPARE(b.row(), int(expected.indexOf(uidB)));
    QCOMPARE(b.data(MessageListModel::UidRole).toUInt(), uidB);
}

void TestMessageListModel::searchFilterRestrictsRows()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setSearchText(QStringLiteral("invoice"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), int(messageCount / 10));
    QCOMPARE(modelUids(),
             expectedOrder(SortKey::Date, Qt::DescendingOrder, QStringLiteral("invoice")));
    m_model->sort(MessageListModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(modelUids(),
             expectedOrder(SortKey::Size, Qt::AscendingOrder, QStringLiteral("invoice")));

    // A new matching message joins the filtered rows; one that does not match stays out.
    MessageRecord match = makeMessage(2010, 2500);
    MessageRecord other = makeMessage(2011, 2501);
    QVERIFY(!m_store->upsertMessages(m_folder, {match, other}));
    m_records.insert(match.uid, match);
    m_records.insert(other.uid, other);
    QCOMPARE(m_model->rowCount(), int(messageCount / 10) + 1);
    QCOMPARE(modelUids(),
             expectedOrder(SortKey::Size, Qt::AscendingOrder, QStringLiteral("invoice")));

    m_model->setSearchText(QString());
    QCOMPARE(m_model->rowCount(), int(messageCount) + 2);
}

void TestMessageListModel::insertedMessagesAppearAsRows_data()
{
    QTest::addColumn<QList<qint64>>("dateSlots"); // one new message per slot
    QTest::addColumn<QList<int>>("expectedStarts");
    QTest::addColumn<QList<int>>("expectedEnds");

    // Existing messages use the odd slots 1..1999; newest first.
    QTest::newRow("newest") << QList<qint64>({5000}) << QList<int>({0}) << QList<int>({0});
    QTest::newRow("oldest") << QList<qint64>({0}) << QList<int>({1000}) << QList<int>({1000});
    QTest::newRow("middle") << QList<qint64>({1000}) << QList<int>({500}) << QList<int>({500});
    QTest::newRow("two together") << QList<qint64>({5000, 5001}) << QList<int>({0})
                                  << QList<int>({1});
    QTest::newRow("scattered") << QList<qint64>({5000, 1000, 0}) << QList<int>({0, 501, 1002})
                               << QList<int>({0, 501, 1002});
}

void TestMessageListModel::insertedMessagesAppearAsRows()
{
    QFETCH(QList<qint64>, dateSlots);
    QFETCH(QList<int>, expectedStarts);
    QFETCH(QList<int>, expectedEnds);
    m_model->index(0, 0).data(); // a window in the cache
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    RowShadow shadow(m_model.get());
    QList<MessageRecord> batch;
    quint32 uid = 3000;
    for (qint64 slot : dateSlots) {
        const MessageRecord m = makeMessage(uid++, slot);
        batch.append(m);
        m_records.insert(m.uid, m);
    }
    QVERIFY(!m_store->upsertMessages(m_folder, batch));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), expectedStarts.size());
    for (int i = 0; i < inserted.count(); ++i) {
        QCOMPARE(inserted.at(i).at(1).toInt(), expectedStarts.at(i));
        QCOMPARE(inserted.at(i).at(2).toInt(), expectedEnds.at(i));
    }
    QCOMPARE(shadow.checks(), expectedStarts.size());
    QCOMPARE(shadow.failures(), 0);
    QCOMPARE(m_model->rowCount(), int(messageCount) + dateSlots.size());
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
}

void TestMessageListModel::removedMessagesDisappearAsRows_data()
{
    QTest::addColumn<QList<int>>("rows"); // rows to remove, in the current order
    QTest::addColumn<QList<int>>("expectedStarts"); // rowsRemoved, in emission order
    QTest::addColumn<QList<int>>("expectedEnds");

    QTest::newRow("first") << QList<int>({0}) << QList<int>({0}) << QList<int>({0});
    QTest::newRow("last") << QList<int>({999}) << QList<int>({999}) << QList<int>({999});
    QTest::newRow("contiguous") << QList<int>({10, 11, 12}) << QList<int>({10}) << QList<int>({12});
    QTest::newRow("scattered, highest first")
            << QList<int>({5, 600, 601, 300}) << QList<int>({600, 300, 5})
            << QList<int>({601, 300, 5});
}

void TestMessageListModel::removedMessagesDisappearAsRows()
{
    QFETCH(QList<int>, rows);
    QFETCH(QList<int>, expectedStarts);
    QFETCH(QList<int>, expectedEnds);
    const QList<quint32> before = modelUids();
    QList<quint32> uids;
    for (int row : rows)
        uids.append(before.at(row));
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    RowShadow shadow(m_model.get());
    QVERIFY(!m_store->removeMessages(m_folder, uids));
    QCOMPARE(shadow.checks(), 2 * expectedStarts.size());
    QCOMPARE(shadow.failures(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), expectedStarts.size());
    for (int i = 0; i < removed.count(); ++i) {
        QCOMPARE(removed.at(i).at(1).toInt(), expectedStarts.at(i));
        QCOMPARE(removed.at(i).at(2).toInt(), expectedEnds.at(i));
    }
    for (quint32 uid : uids)
        m_records.remove(uid);
    QCOMPARE(m_model->rowCount(), int(messageCount) - rows.size());
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
}

void TestMessageListModel::largeRemovalResets()
{
    QSignalSpy aboutToReset(m_model.get(), &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QList<quint32> uids;
    for (quint32 uid = 1; uid <= 500; ++uid) {
        uids.append(uid);
        m_records.remove(uid);
    }
    QVERIFY(!m_store->removeMessages(m_folder, uids));
    QCOMPARE(aboutToReset.count(), 1);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 500);
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
}

void TestMessageListModel::largeListReadAgainOnceASecondWhileAdding()
{
    // A first synchronisation of a large folder writes a batch every few thousand messages,
    // older ones after the newest: the list reads them all again once a second, not at each.
    MessageStore store;
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("large.sqlite"))));
    FolderRecord inbox;
    inbox.path = QStringLiteral("INBOX");
    const qint64 folder = store.upsertFolder(inbox).value();
    const auto batch = [](quint32 first, quint32 last) {
        QList<MessageRecord> records;
        for (quint32 uid = first; uid <= last; ++uid)
            records.append(makeMessage(uid, int(uid)));
        return records;
    };
    QVERIFY(!store.upsertMessages(folder, batch(30001, 50000)));
    MessageListModel model(&store);
    model.setFolderId(folder);
    QCOMPARE(model.rowCount(), 20000);
    const quint32 newest = model.index(0, 0).data(MessageListModel::UidRole).toUInt();
    QCOMPARE(newest, 50000u);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QVERIFY(!store.upsertMessages(folder, batch(25001, 30000)));
    QCOMPARE(reset.size(), 1); // the first at once
    QCOMPARE(model.rowCount(), 25000);
    QVERIFY(!store.upsertMessages(folder, batch(20001, 25000)));
    QVERIFY(!store.upsertMessages(folder, batch(19951, 20000))); // a small one waits as well
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 25000);
    QCOMPARE(model.index(0, 0).data(MessageListModel::UidRole).toUInt(), newest);
    QTRY_COMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), 30050);
    QCOMPARE(model.index(30049, 0).data(MessageListModel::UidRole).toUInt(), 19951u);
    QTest::qWait(100);
    QCOMPARE(reset.size(), 2);
}

void TestMessageListModel::largeFolderShownAtOnceAndCountedOnWorker()
{
    // The server said 1,000 at the last synchronisation; the cache has 900 of them since.
    FolderRecord synced = m_store->folder(m_folder).value();
    synced.uidValidity = 7;
    synced.uidNext = messageCount + 1;
    synced.exists = messageCount;
    QVERIFY(!m_store->updateFolderState(synced));
    QList<quint32> gone;
    for (quint32 uid = 401; uid <= 500; ++uid) {
        gone.append(uid);
        m_records.remove(uid);
    }
    QVERIFY(!m_store->removeMessages(m_folder, gone));

    MessageListModel model(m_store.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBackgroundCountRows(500);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setFolderId(m_folder);
    QVERIFY(model.isCounting());
    QCOMPARE(model.rowCountReads(), 0);
    QCOMPARE(model.rowCount(), int(messageCount)); // what the folder held, shown at once
    const QList<quint32> expected = expectedOrder(SortKey::Date, Qt::DescendingOrder);
    QCOMPARE(model.index(0, 0).data(MessageListModel::UidRole).toUInt(), expected.first());

    QTRY_VERIFY(!model.isCounting());
    QCOMPARE(model.rowCount(), int(messageCount) - 100);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), int(messageCount) - 100);
    QCOMPARE(removed.at(0).at(2).toInt(), int(messageCount) - 1);
    QList<quint32> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.index(row, 0).data(MessageListModel::UidRole).toUInt());
    QCOMPARE(shown, expected);
    QCOMPARE(model.rowCountReads(), 0);
}

void TestMessageListModel::largeRemovalCountedOnWorker()
{
    m_model->setBackgroundCountRows(500);
    const int countsBefore = m_model->rowCountReads();
    // 100 of the UIDs are not in the folder: the list expects 400 rows, and the count finds 500.
    QList<quint32> uids;
    for (quint32 uid = 1; uid <= 500; ++uid) {
        uids.append(uid);
        m_records.remove(uid);
    }
    for (quint32 uid = 5001; uid <= 5100; ++uid)
        uids.append(uid);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QVERIFY(!m_store->removeMessages(m_folder, uids));
    QCOMPARE(reset.size(), 1);
    QVERIFY(m_model->isCounting());
    QCOMPARE(m_model->rowCount(), 400);
    QTRY_VERIFY(!m_model->isCounting());
    QCOMPARE(m_model->rowCount(), 500);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 400);
    QCOMPARE(inserted.at(0).at(2).toInt(), 499);
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
    QCOMPARE(m_model->rowCountReads(), countsBefore);
    QCOMPARE(reset.size(), 1);
}

void TestMessageListModel::farWindowsReadOnFromKnownRows()
{
    m_model->setBackgroundCountRows(500);
    m_model->setWindowSize(50);
    QTRY_VERIFY(!m_model->isCounting());
    QCOMPARE(m_model->rowCount(), int(messageCount));
    // Read from the bottom up, so that no window reads on from the one above it.
    const auto bottomUp = [this] {
        QList<quint32> uids;
        for (int row = m_model->rowCount() - 1; row >= 0; --row)
            uids.prepend(m_model->index(row, 0).data(MessageListModel::UidRole).toUInt());
        return uids;
    };
    QVERIFY(!m_model->knowsRowPositions());
    QCOMPARE(m_model->index(900, 0).data(MessageListModel::UidRole).toUInt(),
             expectedOrder(SortKey::Date, Qt::DescendingOrder).at(900));
    QTRY_VERIFY(m_model->knowsRowPositions());
    m_model->setMaxCachedWindows(2);
    QCOMPARE(bottomUp(), expectedOrder(SortKey::Date, Qt::DescendingOrder));

    // A flag moves no row of a list by date; a removal moves them all.
    QVERIFY(!m_store->changeFlags(m_folder, {7}, MessageRecord::Seen, {}));
    QVERIFY(m_model->knowsRowPositions());
    QVERIFY(!m_store->removeMessages(m_folder, {1, 2, 3}));
    for (quint32 uid : {1u, 2u, 3u})
        m_records.remove(uid);
    QVERIFY(!m_model->knowsRowPositions());
    QTRY_VERIFY(!m_model->isCounting());
    QCOMPARE(m_model->index(900, 0).data(MessageListModel::UidRole).toUInt(),
             expectedOrder(SortKey::Date, Qt::DescendingOrder).at(900));
    QTRY_VERIFY(m_model->knowsRowPositions());
    QCOMPARE(bottomUp(), expectedOrder(SortKey::Date, Qt::DescendingOrder));

    // Another order has positions of its own.
    m_model->sort(MessageListModel::SenderColumn, Qt::AscendingOrder);
    QTRY_VERIFY(!m_model->isWaitingForSortIndex());
    QVERIFY(!m_model->knowsRowPositions());
    m_model->index(900, 0).data(MessageListModel::UidRole);
    QTRY_VERIFY(m_model->knowsRowPositions());
    QCOMPARE(bottomUp(), expectedOrder(SortKey::Sender, Qt::AscendingOrder));
}

void TestMessageListModel::farWindowsOfAPaintReadOnWorker()
{
    m_model->setWindowSize(50);
    m_model->setBackgroundWindowSkip(200);
    QCOMPARE(m_model->rowCount(), int(messageCount));
    const QList<quint32> expected = expectedOrder(SortKey::Date, Qt::DescendingOrder);
    const auto uidAt = [this](int row) {
        return m_model->index(row, 0).data(MessageListModel::UidRole);
    };
    const auto firstRows = [](const QSignalSpy &spy) {
        QList<int> rows;
        for (const QList<QVariant> &signal : spy)
            rows.append(signal.at(0).toModelIndex().row());
        return rows;
    };
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QCOMPARE(uidAt(0).toUInt(), expected.at(0)); // as the model tester reads it at every signal
    const int loads = m_model->windowLoadCount();

    // A paint reads a window near either end here. Through an OFFSET of 200 rows or more, its
    // rows are blank and a worker reads them.
    {
        const MessageListModel::ViewPaint paint(m_model.get());
        QCOMPARE(uidAt(120).toUInt(), expected.at(120));
        QCOMPARE(uidAt(820).toUInt(), expected.at(820));
        QVERIFY(!m_model->index(300, MessageListModel::SubjectColumn).data().isValid());
        QVERIFY(!uidAt(349).isValid());
        QVERIFY(!uidAt(600).isValid()); // backwards from the end
    }
    QCOMPARE(m_model->windowLoadCount(), loads + 2);
    QTRY_COMPARE(changed.size(), 2);
    QCOMPARE(firstRows(changed), (QList<int> {300, 600}));
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 349);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), MessageListModel::ColumnCount - 1);
    QCOMPARE(m_model->backgroundWindowReads(), 2);
    QCOMPARE(m_model->windowLoadCount(), loads + 4);
    {
        const MessageListModel::ViewPaint paint(m_model.get());
        for (int row : {300, 349, 600, 649})
            QCOMPARE(uidAt(row).toUInt(), expected.at(row));
    }
    QCOMPARE(m_model->windowLoadCount(), loads + 4);
    // Every other reader gets its row at once.
    QCOMPARE(uidAt(550).toUInt(), expected.at(550));
    QCOMPARE(m_model->windowLoadCount(), loads + 5);

    // Paints while the scroll bar is dragged: the windows of the last two are read, those
    // before are dropped, but for the one being read.
    changed.clear();
    for (int row : {200, 400, 500, 700}) {
        const MessageListModel::ViewPaint paint(m_model.get());
        QVERIFY(!uidAt(row).isValid());
    }
    QTRY_COMPARE(m_model->backgroundWindowReads(), 5);
    QCOMPARE(firstRows(changed), (QList<int> {200, 700, 500}));
    QTest::qWait(50);
    QCOMPARE(m_model->backgroundWindowReads(), 5);

    // A change drops the window being read: its rows are asked for again.
    changed.clear();
    {
        const MessageListModel::ViewPaint paint(m_model.get());
        QVERIFY(!uidAt(450).isValid());
    }
    QVERIFY(!m_store->changeFlags(m_folder, {expected.at(10)}, MessageRecord::Flagged, {}));
    const int afterChange = m_model->windowLoadCount();
    QTRY_COMPARE(m_model->backgroundWindowReads(), 6);
    QTest::qWait(20);
    QCOMPARE(m_model->windowLoadCount(), afterChange);
    QVERIFY(!firstRows(changed).contains(450));
    {
        const MessageListModel::ViewPaint paint(m_model.get());
        QVERIFY(!uidAt(450).isValid());
    }
    QTRY_COMPARE(m_model->backgroundWindowReads(), 7);
    QTRY_VERIFY(firstRows(changed).contains(450));
    QCOMPARE(uidAt(450).toUInt(), expected.at(450));
}

void TestMessageListModel::clearedSearchOfLargeFolderCountedOnWorker()
{
    m_model->setBackgroundCountRows(500);
    QTRY_VERIFY(!m_model->isCounting());
    m_model->setSearchText(QStringLiteral("invoice"));
    QVERIFY(m_model->rowCount() < int(messageCount));
    const int countsBefore = m_model->rowCountReads();
    m_model->setSearchText(QString());
    QCOMPARE(m_model->rowCount(), int(messageCount));
    QVERIFY(m_model->isCounting());
    QTRY_VERIFY(!m_model->isCounting());
    QCOMPARE(m_model->rowCount(), int(messageCount));
    QCOMPARE(m_model->rowCountReads(), countsBefore);
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
}

void TestMessageListModel::newMessageInLargeListCountedOnWorker()
{
    m_model->setBackgroundCountRows(500);
    const int countsBefore = m_model->rowCountReads();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    const MessageRecord newest = makeMessage(4000, 5000);
    m_records.insert(newest.uid, newest);
    QVERIFY(!m_store->upsertMessages(m_folder, {newest}));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QVERIFY(m_model->isCounting()); // the rows are checked on the worker
    QTRY_VERIFY(!m_model->isCounting());
    QCOMPARE(m_model->rowCountReads(), countsBefore);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(m_model->rowCount(), int(messageCount) + 1);
    QCOMPARE(modelUids(), expectedOrder(SortKey::Date, Qt::DescendingOrder));
}

void TestMessageListModel::flagChangesKeepTheRowsOfTheWholeFolder()
{
    // Marking messages read neither adds nor removes rows of the whole folder: nothing counts
    // them. A filtered list may lose or gain rows: it is counted again.
    QList<quint32> uids;
    for (quint32 uid = 1; uid <= 300; ++uid)
        uids.append(uid);
    const int countsBefore = m_model->rowCountReads();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(!m_store->changeFlags(m_folder, uids, MessageRecord::Seen, MessageRecord::NoFlag));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_model->rowCountReads(), countsBefore);
    QVERIFY(!m_model->isCounting());
    QCOMPARE(m_model->rowCount(), int(messageCount));

    m_model->setSearchText(QStringLiteral("invoice"));
    const int filteredBefore = m_model->rowCountReads();
    QVERIFY(!m_store->changeFlags(m_folder, {10}, MessageRecord::Flagged, MessageRecord::NoFlag));
    QCOMPARE(m_model->rowCountReads(), filteredBefore + 1);
}

void TestMessageListModel::flagChangeUpdatesOneRow()
{
    const int row = 42;
    const QModelIndex index = m_model->index(row, 0);
    const quint32 uid = index.data(MessageListModel::UidRole).toUInt();
    const bool wasUnread = index.data(MessageListModel::IsUnreadRole).toBool();
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(!m_store->changeFlags(m_folder, {uid},
                                  wasUnread ? MessageRecord::Seen : MessageRecord::NoFlag,
                                  wasUnread ? MessageRecord::NoFlag : MessageRecord::Seen));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(row, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(),
             m_model->index(row, MessageListModel::ColumnCount - 1));
    QCOMPARE(m_model->index(row, 0).data(MessageListModel::IsUnreadRole).toBool(), !wasUnread);
    QCOMPARE(m_model->index(row, 0).data(MessageListModel::UidRole).toUInt(), uid);
}

void TestMessageListModel::movedRowRepaintsTheList()
{
    m_model->sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
    const quint32 uid = m_model->index(0, 0).data(MessageListModel::UidRole).toUInt();
    MessageRecord renamed = m_records.value(uid);
    renamed.subject = QStringLiteral("zzz last now");
    m_records.insert(uid, renamed);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QVERIFY(!m_store->upsertMessages(m_folder, {renamed}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(),
             m_model->index(int(messageCount) - 1, MessageListModel::ColumnCount - 1));
    QCOMPARE(m_model->index(int(messageCount) - 1, 0).data(MessageListModel::UidRole).toUInt(), uid);
    QCOMPARE(modelUids(), expectedOrder(SortKey::Subject, Qt::AscendingOrder));
}

void TestMessageListModel::folderResetEmptiesTheList()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(!m_store->resetFolder(m_folder, 99));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 0);
    QVERIFY(!m_store->upsertMessages(m_folder, {makeMessage(1, 1)}));
    QCOMPARE(m_model->rowCount(), 1);
}

void TestMessageListModel::otherFoldersAreIgnored()
{
    FolderRecord other;
    other.path = QStringLiteral("Other");
    const qint64 otherId = m_store->upsertFolder(other).value();
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(!m_store->upsertMessages(otherId, {makeMessage(1, 1), makeMessage(2, 2)}));
    QVERIFY(!m_store->removeMessages(otherId, {1}));
    QVERIFY(!m_store->resetFolder(otherId, 5));
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_model->rowCount(), int(messageCount));
}

void TestMessageListModel::switchingFolders()
{
    FolderRecord other;
    other.path = QStringLiteral("Other");
    const qint64 otherId = m_store->upsertFolder(other).value();
    QVERIFY(!m_store->upsertMessages(otherId, {makeMessage(1, 1), makeMessage(2, 2)}));
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_model->setFolderId(otherId);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(modelUids(), QList<quint32>({2, 1}));
    m_model->setFolderId(otherId);
    QCOMPARE(reset.count(), 1);
}

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"

void TestMessageListModel::dragDataCarriesFolderAndUids()
{
    QVERIFY(m_model->flags(m_model->index(0, 0)).testFlag(Qt::ItemIsDragEnabled));
    QCOMPARE(m_model->mimeTypes(), QStringList {MessageListModel::mimeType()});
    // Two columns of row 3 and one of row 7, as a view hands them over.
    const QModelIndexList indexes {m_model->index(3, 0), m_model->index(3, 2), m_model->index(7, 1)};
    std::unique_ptr<QMimeData> data(m_model->mimeData(indexes));
    QVERIFY(data);
    qint64 folder = 0;
    QList<quint32> uids;
    QVERIFY(MessageListModel::decodeMimeData(data.get(), &folder, &uids));
    QCOMPARE(folder, m_folder);
    const QList<quint32> expected {m_model->index(3, 0).data(MessageListModel::UidRole).toUInt(),
                                   m_model->index(7, 0).data(MessageListModel::UidRole).toUInt()};
    QCOMPARE(uids, expected);

    QMimeData foreign;
    foreign.setText(QStringLiteral("hello"));
    QVERIFY(!MessageListModel::decodeMimeData(&foreign, &folder, &uids));
    QMimeData garbage;
    garbage.setData(MessageListModel::mimeType(), QByteArray("xx"));
    QVERIFY(!MessageListModel::decodeMimeData(&garbage, &folder, &uids));
}

void TestMessageListModel::dragDataOfManyRows_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<bool>("everyRow");
    QTest::newRow("all rows") << QString() << true;
    QTest::newRow("every third row") << QString() << false;
    QTest::newRow("all rows of a search") << QStringLiteral("01") << true;
}

void TestMessageListModel::dragDataOfManyRows()
{
    // Select All, then Move To: many rows' UIDs in the list's order, read in one query rather
    // than window by window (no window is loaded for them).
    QFETCH(QString, search);
    QFETCH(bool, everyRow);
    m_model->setWindowSize(10);
    m_model->setSearchText(search);
    QTRY_VERIFY(!m_model->isSearching());
    QVERIFY(m_model->rowCount() > 40); // more than two windows
    const QList<quint32> shown = modelUids();
    QModelIndexList indexes;
    QList<quint32> expected;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (everyRow || row % 3 == 0) {
            indexes.append(m_model->index(row, 0));
            expected.append(shown.at(row));
        }
    }
    m_model->setWindowSize(10); // an empty cache of windows
    const int loads = m_model->windowLoadCount();
    std::unique_ptr<QMimeData> data(m_model->mimeData(indexes));
    qint64 folder = 0;
    QList<quint32> uids;
    QVERIFY(MessageListModel::decodeMimeData(data.get(), &folder, &uids));
    QCOMPARE(folder, m_folder);
    QCOMPARE(uids, expected);
    QCOMPARE(m_model->windowLoadCount(), loads);
}
