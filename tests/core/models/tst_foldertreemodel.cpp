#include "models/foldertreemodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using SpecialUse = FolderRecord::SpecialUse;

class TestFolderTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void topLevelOrder();
    void nodes_data();
    void nodes();
    void unreadCounts();
    void unreadFollowsMessageChanges();
    void largeFolderCountedOnWorker();
    void largeFolderFirstCountedOnWorker();
    void stateChangeWithoutReset();
    void newFolderResets();
    void removedFolderDisappears();
    void emptyStore();

private:
    qint64 addFolder(const QString &path, QChar delimiter = QLatin1Char('/'),
                     SpecialUse use = SpecialUse::None, const QStringList &attributes = {},
                     quint32 serverUnseen = 0);
    QStringList childNames(const QModelIndex &parent) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    std::unique_ptr<FolderTreeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QHash<QString, qint64> m_ids;
};

qint64 TestFolderTreeModel::addFolder(const QString &path, QChar delimiter, SpecialUse use,
                                      const QStringList &attributes, quint32 serverUnseen)
{
    FolderRecord folder;
    folder.path = path;
    folder.delimiter = delimiter;
    folder.specialUse = use;
    folder.attributes = attributes;
    folder.subscribed = true;
    const qint64 id = m_store->upsertFolder(folder).value();
    if (serverUnseen > 0) {
        folder.id = id;
        folder.unseen = serverUnseen;
        folder.exists = serverUnseen * 2;
        m_store->updateFolderState(folder);
    }
    m_ids.insert(path, id);
    return id;
}

void TestFolderTreeModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<MessageStore>();
    QVERIFY(!m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    addFolder(QStringLiteral("INBOX"));
    addFolder(QStringLiteral("INBOX/Receipts"));
    addFolder(QStringLiteral("Archive/2024"));
    addFolder(QStringLiteral("Archive/2023"));
    addFolder(QStringLiteral("Sent Items"), QLatin1Char('/'), SpecialUse::Sent);
    addFolder(QStringLiteral("Trash"), QLatin1Char('/'), SpecialUse::Trash);
    addFolder(QStringLiteral("drafts"), QLatin1Char('/'), SpecialUse::Drafts);
    addFolder(QStringLiteral("work"), QLatin1Char('/'), SpecialUse::None,
              {QStringLiteral("\\Noselect"), QStringLiteral("\\HasChildren")});
    addFolder(QStringLiteral("work/Projects"), QLatin1Char('/'), SpecialUse::None, {}, 7);
    addFolder(QStringLiteral("Zeta"));
    addFolder(QStringLiteral("Lists.qt"), QLatin1Char('.'));
    addFolder(QStringLiteral("Junk"), QLatin1Char('/'), SpecialUse::Junk);

    m_model = std::make_unique<FolderTreeModel>(m_store.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestFolderTreeModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_store.reset();
    m_dir.reset();
    m_ids.clear();
}

QStringList TestFolderTreeModel::childNames(const QModelIndex &parent) const
{
    QStringList names;
    for (int row = 0; row < m_model->rowCount(parent); ++row)
        names.append(m_model->index(row, 0, parent).data().toString());
    return names;
}

void TestFolderTreeModel::topLevelOrder()
{
    QCOMPARE(childNames({}), QStringList({QStringLiteral("INBOX"), QStringLiteral("drafts"),
                                          QStringLiteral("Sent Items"), QStringLiteral("Junk"),
                                          QStringLiteral("Trash"), QStringLiteral("Archive"),
                                          QStringLiteral("Lists"), QStringLiteral("work"),
                                          QStringLiteral("Zeta")}));
    QCOMPARE(childNames(m_model->indexForPath(QStringLiteral("Archive"))),
             QStringList({QStringLiteral("2023"), QStringLiteral("2024")}));
}

void TestFolderTreeModel::nodes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("parentPath");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("listed");
    QTest::addColumn<bool>("selectable");
    QTest::addColumn<int>("specialUse");

    QTest::newRow("inbox") << "INBOX"
                           << ""
                           << "INBOX" << true << true << int(SpecialUse::Inbox);
    QTest::newRow("under inbox") << "INBOX/Receipts"
                                 << "INBOX"
                                 << "Receipts" << true << true << int(SpecialUse::None);
    QTest::newRow("unlisted parent") << "Archive"
                                     << ""
                                     << "Archive" << false << false << int(SpecialUse::None);
    QTest::newRow("child of unlisted") << "Archive/2023"
                                       << "Archive"
                                       << "2023" << true << true << int(SpecialUse::None);
    QTest::newRow("noselect") << "work"
                              << ""
                              << "work" << true << false << int(SpecialUse::None);
    QTest::newRow("dot delimiter") << "Lists.qt"
                                   << "Lists"
                                   << "qt" << true << true << int(SpecialUse::None);
    QTest::newRow("sent") << "Sent Items"
                          << ""
                          << "Sent Items" << true << true << int(SpecialUse::Sent);
    QTest::newRow("junk") << "Junk"
                          << ""
                          << "Junk" << true << true << int(SpecialUse::Junk);
}

void TestFolderTreeModel::nodes()
{
    QFETCH(QString, path);
    QFETCH(QString, parentPath);
    QFETCH(QString, name);
    QFETCH(bool, listed);
    QFETCH(bool, selectable);
    QFETCH(int, specialUse);

    const QModelIndex index = m_model->indexForPath(path);
    QVERIFY(index.isValid());
    QCOMPARE(index.data().toString(), name);
    QCOMPARE(index.data(FolderTreeModel::PathRole).toString(), path);
    QCOMPARE(m_model->parent(index), m_model->indexForPath(parentPath));
    QCOMPARE(index.data(FolderTreeModel::FolderIdRole).toLongLong(), m_ids.value(path, 0));
    QCOMPARE(index.data(FolderTreeModel::IsSelectableRole).toBool(), selectable);
    QCOMPARE(m_model->flags(index).testFlag(Qt::ItemIsSelectable), selectable);
    QCOMPARE(index.data(FolderTreeModel::SpecialUseRole).toInt(), specialUse);
    if (listed)
        QCOMPARE(m_model->indexForFolderId(m_ids.value(path)), index);
}

void TestFolderTreeModel::unreadCounts()
{
    const qint64 inbox = m_ids.value(QStringLiteral("INBOX"));
    MessageRecord read;
    read.uid = 1;
    read.flags = MessageRecord::Seen;
    MessageRecord unread;
    unread.uid = 2;
    QVERIFY(!m_store->upsertMessages(inbox, {read, unread}));
    const QModelIndex inboxIndex = m_model->indexForFolderId(inbox);
    QCOMPARE(inboxIndex.data(FolderTreeModel::UnreadCountRole).toInt(), 1);
    QCOMPARE(inboxIndex.data(FolderTreeModel::MessageCountRole).toInt(), 2);
    // Nothing cached for this one: the server's STATUS counts stand in.
    const QModelIndex projects = m_model->indexForPath(QStringLiteral("work/Projects"));
    QCOMPARE(projects.data(FolderTreeModel::UnreadCountRole).toInt(), 7);
    QCOMPARE(projects.data(FolderTreeModel::MessageCountRole).toInt(), 14);
    QCOMPARE(m_model->indexForPath(QStringLiteral("Zeta"))
                     .data(FolderTreeModel::UnreadCountRole)
                     .toInt(),
             0);

    // Synchronised, then every message moved away: empty, whatever the server said before.
    FolderRecord synced = m_store->folder(m_ids.value(QStringLiteral("work/Projects"))).value();
    synced.uidValidity = 42;
    QVERIFY(!m_store->updateFolderState(synced));
    QVERIFY(!m_store->upsertMessages(synced.id, {unread}));
    QVERIFY(!m_store->removeMessages(synced.id, {unread.uid}));
    m_model->reload();
    const QModelIndex emptied = m_model->indexForPath(QStringLiteral("work/Projects"));
    QCOMPARE(emptied.data(FolderTreeModel::UnreadCountRole).toInt(), 0);
    QCOMPARE(emptied.data(FolderTreeModel::MessageCountRole).toInt(), 0);
}

void TestFolderTreeModel::unreadFollowsMessageChanges()
{
    const qint64 receipts = m_ids.value(QStringLiteral("INBOX/Receipts"));
    const QModelIndex index = m_model->indexForFolderId(receipts);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);

    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= 5; ++uid) {
        MessageRecord m;
        m.uid = uid;
        batch.append(m);
    }
    QVERIFY(!m_store->upsertMessages(receipts, batch));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), index);
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 5);

    QVERIFY(!m_store->changeFlags(receipts, {1, 2}, MessageRecord::Seen, {}));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 3);

    QVERIFY(!m_store->changeFlags(receipts, {1}, MessageRecord::Flagged, {}));
    QCOMPARE(changed.count(), 2); // the counts did not change

    QVERIFY(!m_store->removeMessages(receipts, {3}));
    QCOMPARE(changed.count(), 3);
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 2);
    QCOMPARE(index.data(FolderTreeModel::MessageCountRole).toInt(), 4);
    QCOMPARE(reset.count(), 0);
}

void TestFolderTreeModel::largeFolderCountedOnWorker()
{
    const qint64 inbox = m_ids.value(QStringLiteral("INBOX"));
    const QModelIndex index = m_model->indexForFolderId(inbox);
    const auto unread = [&index] {
        return index.data(FolderTreeModel::UnreadCountRole).toInt();
    };
    const auto messages = [&index] {
        return index.data(FolderTreeModel::MessageCountRole).toInt();
    };
    // More messages than the model counts on its own thread.
    constexpr quint32 count = 25000;
    QList<MessageRecord> batch;
    QList<quint32> all;
    for (quint32 uid = 1; uid <= count; ++uid) {
        MessageRecord m;
        m.uid = uid;
        batch.append(m);
        all.append(uid);
    }
    QVERIFY(!m_store->upsertMessages(inbox, batch));
    QTRY_COMPARE(unread(), int(count));
    QCOMPARE(messages(), int(count));

    // Every message read, written on a worker and counted on another: the count comes through
    // the event loop, not before.
    QVERIFY(!m_store->changeFlags(inbox, all, MessageRecord::Seen, {}));
    QCOMPARE(unread(), int(count));
    QTRY_COMPARE(unread(), 0);

    // Changes one after the other, each counted: the last one's counts stay.
    QVERIFY(!m_store->changeFlags(inbox, all.mid(0, 300), {}, MessageRecord::Seen));
    QVERIFY(!m_store->removeMessages(inbox, all.mid(0, 100)));
    QVERIFY(!m_store->removeMessages(inbox, all.mid(20000)));
    QTRY_COMPARE(messages(), 19900);
    QTRY_COMPARE(unread(), 200);
    QTRY_VERIFY(!m_store->hasBackgroundWrites());
    QTest::qWait(50);
    QCOMPARE(unread(), 200);
    QCOMPARE(messages(), 19900);
    // Below the line, counted at once again.
    QVERIFY(!m_store->changeFlags(inbox, all.mid(100, 50), MessageRecord::Seen, {}));
    QCOMPARE(unread(), 150);
}

void TestFolderTreeModel::largeFolderFirstCountedOnWorker()
{
    // A synchronised folder the server said is large: the list opens with the server's counts
    // and takes the cache's from a worker, rather than counting them before it shows.
    constexpr quint32 count = 25000;
    FolderRecord inbox = m_store->folderByPath(QStringLiteral("INBOX")).value();
    inbox.uidValidity = 7;
    inbox.exists = count;
    inbox.unseen = 40;
    QVERIFY(!m_store->updateFolderState(inbox));
    QList<MessageRecord> batch;
    for (quint32 uid = 1; uid <= count; ++uid) {
        MessageRecord m;
        m.uid = uid;
        m.flags = uid <= 30 ? MessageRecord::NoFlag : MessageRecord::Seen;
        batch.append(m);
    }
    QVERIFY(!m_store->upsertMessages(inbox.id, batch));

    FolderTreeModel model(m_store.get());
    const QModelIndex index = model.indexForFolderId(inbox.id);
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 40);
    QCOMPARE(index.data(FolderTreeModel::MessageCountRole).toInt(), int(count));
    QTRY_COMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 30);
    // Small folders are counted before the list shows.
    QCOMPARE(model.indexForPath(QStringLiteral("work/Projects"))
                     .data(FolderTreeModel::UnreadCountRole)
                     .toInt(),
             7);

    // A change of the folder's record keeps the counts: its messages did not change.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    inbox.unseen = 41;
    inbox.subscribed = false;
    QVERIFY(!m_store->updateFolderState(inbox));
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 30);
    QTest::qWait(50);
    QCOMPARE(index.data(FolderTreeModel::UnreadCountRole).toInt(), 30);
}

void TestFolderTreeModel::stateChangeWithoutReset()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    FolderRecord zeta = m_store->folderByPath(QStringLiteral("Zeta")).value();
    zeta.subscribed = false;
    QVERIFY(m_store->upsertFolder(zeta).isOk());
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    const QModelIndex index = m_model->indexForPath(QStringLiteral("Zeta"));
    QCOMPARE(changed.at(0).at(0).toModelIndex(), index);
    QCOMPARE(index.data(FolderTreeModel::IsSubscribedRole).toBool(), false);
}

void TestFolderTreeModel::newFolderResets()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    addFolder(QStringLiteral("Archive/2025"));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(childNames(m_model->indexForPath(QStringLiteral("Archive"))),
             QStringList({QStringLiteral("2023"), QStringLiteral("2024"), QStringLiteral("2025")}));
    // The listed parent replaces the placeholder.
    addFolder(QStringLiteral("Archive"), QLatin1Char('/'), SpecialUse::Archive);
    const QModelIndex archive = m_model->indexForPath(QStringLiteral("Archive"));
    QCOMPARE(archive.data(FolderTreeModel::IsSelectableRole).toBool(), true);
    QCOMPARE(archive.data(FolderTreeModel::SpecialUseRole).toInt(), int(SpecialUse::Archive));
    QCOMPARE(archive.row(), 3); // now among the special folders, after Sent
}

void TestFolderTreeModel::removedFolderDisappears()
{
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QVERIFY(!m_store->removeFolder(m_ids.value(QStringLiteral("Zeta"))));
    QVERIFY(reset.count() >= 1);
    QVERIFY(!m_model->indexForPath(QStringLiteral("Zeta")).isValid());
    QCOMPARE(m_model->rowCount(), 8);
}

void TestFolderTreeModel::emptyStore()
{
    MessageStore store;
    QVERIFY(!store.open(m_dir->filePath(QStringLiteral("empty.sqlite"))));
    FolderTreeModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    FolderRecord inbox;
    inbox.path = QStringLiteral("Inbox");
    QVERIFY(store.upsertFolder(inbox).isOk());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(FolderTreeModel::SpecialUseRole).toInt(),
             int(SpecialUse::Inbox));
}

QTEST_GUILESS_MAIN(TestFolderTreeModel)
#include "tst_foldertreemodel.moc"
