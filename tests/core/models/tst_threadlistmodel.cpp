#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QByteArray id(quint32 uid)
{
    return "<m" + QByteArray::number(uid) + "@example.org>";
}

MessageRecord message(quint32 uid, int minute, quint32 answers = 0,
                      const QString &subject = u"Plans"_s)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = subject;
    m.fromName = u"Sender %1"_s.arg(uid);
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + minute * 60, Qt::UTC);
    m.messageId = id(uid);
    if (answers != 0)
        m.inReplyTo = id(answers);
    return m;
}

quint32 uidOf(const QModelIndex &index)
{
    return index.data(MessageListModel::UidRole).toUInt();
}

} // namespace

class TestThreadListModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
    qint64 m_folder = 0;

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<MessageStore>();
        QVERIFY(!m_store->open(m_dir->filePath(u"cache.sqlite"_s)));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        m_folder = m_store->upsertFolder(inbox).value();
        // 1 ─ 2 ─ 3        5        6 (answers a message not in the folder)
        //   └ 4                     7 (names itself)
        MessageRecord self = message(7, 70);
        self.inReplyTo = id(7);
        QVERIFY(!m_store->upsertMessages(m_folder,
                                         {message(1, 10), message(2, 20, 1), message(3, 30, 2),
                                          message(4, 40, 1), message(5, 50, 0, u"Invoice"_s),
                                          message(6, 60, 99), self}));
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void rootsAndRepliesFormATree()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(MessageListModel::ColumnCount));
        // Newest thread first, as the flat list sorts by default.
        QList<quint32> roots;
        for (int row = 0; row < model.rowCount(); ++row)
            roots.append(uidOf(model.index(row, 0)));
        QCOMPARE(roots, (QList<quint32> {7, 6, 5, 1}));

        const QModelIndex first = model.index(3, 0);
        QVERIFY(model.hasChildren(first));
        QVERIFY(!model.hasChildren(model.index(0, 0)));
        QVERIFY(model.flags(model.index(0, 0)).testFlag(Qt::ItemNeverHasChildren));
        QCOMPARE(model.rowCount(first), 2);
        QCOMPARE(uidOf(model.index(0, 0, first)), 2u); // replies oldest first
        QCOMPARE(uidOf(model.index(1, 0, first)), 4u);
        const QModelIndex second = model.index(0, 0, first);
        QCOMPARE(model.parent(second), first);
        QCOMPARE(model.rowCount(second), 1);
        const QModelIndex third = model.index(0, MessageListModel::SubjectColumn, second);
        QCOMPARE(uidOf(third), 3u);
        QCOMPARE(third.data().toString(), u"Plans"_s);
        QCOMPARE(model.parent(third), second);
        QCOMPARE(model.parent(model.parent(third)), first);
        QCOMPARE(model.index(0, MessageListModel::SenderColumn, first).data().toString(),
                 u"Sender 2"_s);
    }

    void rootsCountTheirConversation()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        const QModelIndex first = model.index(3, MessageListModel::SubjectColumn);
        QCOMPARE(uidOf(first), 1u);
        QCOMPARE(first.data(ThreadListModel::ConversationSizeRole).toInt(), 4);
        QCOMPARE(first.data().toString(), u"Plans (4)"_s);
        QCOMPARE(first.data(MessageListModel::SubjectRole).toString(), u"Plans"_s);
        // A message alone keeps its subject; a reply shows none.
        const QModelIndex alone = model.index(1, MessageListModel::SubjectColumn);
        QCOMPARE(alone.data(ThreadListModel::ConversationSizeRole).toInt(), 1);
        QCOMPARE(alone.data().toString(), alone.data(MessageListModel::SubjectRole).toString());
        const QModelIndex reply = model.index(0, MessageListModel::SubjectColumn, model.index(3, 0));
        QCOMPARE(reply.data(ThreadListModel::ConversationSizeRole).toInt(), 0);
        QCOMPARE(reply.data().toString(), u"Plans"_s);
    }

    void flatConversationsHaveOneLevel()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QVERIFY(!model.isFlat());
        QCOMPARE(model.rowCount(model.index(3, 0)), 2);
        model.setFlat(true);
        QVERIFY(model.isFlat());
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex first = model.index(3, 0);
        QCOMPARE(uidOf(first), 1u);
        QCOMPARE(model.rowCount(first), 3);
        QList<quint32> members;
        for (int row = 0; row < model.rowCount(first); ++row) {
            const QModelIndex member = model.index(row, 0, first);
            members.append(uidOf(member));
            QVERIFY(!model.hasChildren(member));
            QCOMPARE(model.parent(member), first);
        }
        QCOMPARE(members, (QList<quint32> {2, 3, 4})); // oldest first
        model.setFlat(false);
        QCOMPARE(model.rowCount(model.index(3, 0)), 2);
    }

    void referencesPlaceRepliesWhoseParentIsMissing()
    {
        // 20 ─ 21 ─ 23 (answers 22, which is not here; References names 20 21 22)
        //   │    └ 24 (References only, no In-Reply-To)
        //   └ 25 (a second copy of 20)
        // 30 ─ 31 (both answer a first message that is not here)
        const auto withReferences = [](MessageRecord m, const QByteArray &references) {
            m.references = references;
            return m;
        };
        MessageRecord copy = message(25, 150);
        copy.messageId = id(20);
        QVERIFY(!m_store->upsertMessages(
                m_folder,
                {message(20, 100), withReferences(message(21, 110), id(20)),
                 withReferences(message(23, 130, 22), id(20) + ' ' + id(21) + ' ' + id(22)),
                 withReferences(message(24, 140), id(20) + "\r\n " + id(21)),
                 withReferences(message(30, 200), "<gone@example.org>"), copy,
                 withReferences(message(31, 210, 30), "<gone@example.org> " + id(30))}));
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QList<quint32> roots;
        for (int row = 0; row < model.rowCount(); ++row)
            roots.append(uidOf(model.index(row, 0)));
        QCOMPARE(roots, (QList<quint32> {30, 20, 7, 6, 5, 1}));

        const QModelIndex first = model.index(1, 0);
        QCOMPARE(model.rowCount(first), 2);
        const QModelIndex reply = model.index(0, 0, first);
        QCOMPARE(uidOf(reply), 21u);
        QCOMPARE(uidOf(model.index(1, 0, first)), 25u);
        QCOMPARE(model.rowCount(reply), 2);
        QCOMPARE(uidOf(model.index(0, 0, reply)), 23u);
        QCOMPARE(uidOf(model.index(1, 0, reply)), 24u);
        QVERIFY(!model.hasChildren(model.index(0, 0, reply)));

        const QModelIndex orphans = model.index(0, 0);
        QCOMPARE(model.rowCount(orphans), 1);
        QCOMPARE(uidOf(model.index(0, 0, orphans)), 31u);
    }

    void rootsArriveInOneInsertionFromTheBackground()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.setFolderId(m_folder);
        // The call returns before the roots are read; the list is empty meanwhile.
        QVERIFY(model.isLoading());
        QCOMPARE(model.rowCount(), 0);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 3);
        QCOMPARE(model.rowCount(), 4);
        // A second folder asked for before the first answered: only the second is shown.
        FolderRecord other;
        other.path = u"Other"_s;
        const qint64 otherId = m_store->upsertFolder(other).value();
        QVERIFY(!m_store->upsertMessages(otherId, {message(50, 1)}));
        model.setFolderId(otherId);
        model.setFolderId(m_folder);
        model.setFolderId(otherId);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(uidOf(model.index(0, 0)), 50u);
    }

    void repliesAreReadOnlyWhenAskedFor()
    {
        // No tester here: it reads every row and every thread, which is what this counts.
        ThreadListModel model(m_store.get());
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.replyLoadCount(), 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            model.index(row, 0).data();
            model.hasChildren(model.index(row, 0));
        }
        QCOMPARE(model.replyLoadCount(), 0);
        QCOMPARE(model.rootWindowLoadCount(), 1);
        QCOMPARE(model.rowCount(model.index(3, 0)), 2);
        QCOMPARE(model.replyLoadCount(), 1);
        QCOMPARE(model.rowCount(model.index(3, 0)), 2);
        QCOMPARE(model.replyLoadCount(), 1);
    }

    void sortAndSearchApplyToRoots()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        model.sort(MessageListModel::DateColumn, Qt::AscendingOrder);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(uidOf(model.index(0, 0)), 1u);
        QCOMPARE(uidOf(model.index(3, 0)), 7u);
        model.setSearchText(u"invoice"_s);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(uidOf(model.index(0, 0)), 5u);
        model.setSearchText(QString());
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 4);
    }

    void flagChangesUpdateRowsInPlace()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        const QModelIndex thread = model.index(3, 0);
        const QPersistentModelIndex reply = model.index(1, 0, thread);
        QVERIFY(reply.data(MessageListModel::IsUnreadRole).toBool());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(!m_store->changeFlags(m_folder, {4}, MessageRecord::Seen, {}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QVERIFY(reply.isValid());
        QVERIFY(!reply.data(MessageListModel::IsUnreadRole).toBool());
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), QModelIndex(reply));
    }

    void newMessagesJoinTheirThread()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        // The message 6 answered arrives: 6 becomes its reply and leaves the top level.
        QVERIFY(!m_store->upsertMessages(m_folder, {message(99, 5)}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex oldest = model.index(3, 0);
        QCOMPARE(uidOf(oldest), 99u);
        QCOMPARE(model.rowCount(oldest), 1);
        QCOMPARE(uidOf(model.index(0, 0, oldest)), 6u);
    }

    void rowsHeldWhenAskedStayInPlace()
    {
        ThreadListModel model(m_store.get());
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QSignalSpy aboutToChange(&model, &ThreadListModel::rowsAboutToChange);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        // No row held: new mail reads the threads again, in the background.
        QVERIFY(!m_store->upsertMessages(m_folder, {message(8, 80)}));
        QCOMPARE(aboutToChange.size(), 1);
        QCOMPARE(reset.size(), 1);
        QTRY_VERIFY(!model.isLoading());
        // A model over this one (TreeRowsModel) holds its views' rows when told: they stay.
        QPersistentModelIndex held;
        const quint32 heldUid = uidOf(model.index(1, 0));
        connect(&model, &ThreadListModel::rowsAboutToChange, this,
                [&] { held = model.index(1, 0); });
        QVERIFY(!m_store->upsertMessages(m_folder, {message(9, 90)}));
        QCOMPARE(aboutToChange.size(), 2);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(layout.size(), 1);
        QCOMPARE(uidOf(held), heldUid);
        QCOMPARE(held.row(), 2); // below the new thread
    }

    void selectionFollowsItsMessagesWhenTheFolderChanges()
    {
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QItemSelectionModel selection(&model);
        const QModelIndex thread = model.index(3, 0); // 1, with replies 2 (─ 3) and 4
        QCOMPARE(uidOf(thread), 1u);
        const QModelIndex reply = model.index(1, MessageListModel::SubjectColumn, thread);
        QCOMPARE(uidOf(reply), 4u);
        selection.setCurrentIndex(reply,
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection.select(model.index(2, 0),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows); // 5
        const QPersistentModelIndex deep = model.index(0, 0, model.index(0, 0, thread)); // 3
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

        // New mail: a newer thread arrives at the top and a reply joins thread 1.
        QVERIFY(!m_store->upsertMessages(m_folder, {message(8, 80), message(9, 90, 1)}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(reset.size(), 0);
        QVERIFY(layout.size() >= 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(uidOf(model.index(0, 0)), 8u);
        QCOMPARE(uidOf(selection.currentIndex()), 4u);
        QCOMPARE(selection.currentIndex().column(), int(MessageListModel::SubjectColumn));
        QCOMPARE(uidOf(selection.currentIndex().parent()), 1u);
        QCOMPARE(selection.currentIndex().parent().row(), 4);
        QCOMPARE(model.rowCount(selection.currentIndex().parent()), 3);
        QVERIFY(deep.isValid());
        QCOMPARE(uidOf(deep), 3u);
        QList<quint32> selected;
        for (const QModelIndex &row : selection.selectedRows())
            selected.append(uidOf(row));
        std::sort(selected.begin(), selected.end());
        QCOMPARE(selected, (QList<quint32> {4, 5}));

        // A selected message is removed: it leaves the selection, the current one stays.
        QVERIFY(!m_store->removeMessages(m_folder, {5}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(reset.size(), 0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(uidOf(selection.currentIndex()), 4u);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(uidOf(selection.selectedRows().first()), 4u);

        // The current message itself is removed: nothing is current, nothing breaks.
        QVERIFY(!m_store->removeMessages(m_folder, {4}));
        QTRY_VERIFY(!model.isLoading());
        QVERIFY(!selection.currentIndex().isValid());
        QCOMPARE(model.rowCount(model.index(3, 0)), 2); // 2 and the new 9
    }

    void currentRowSurvivesScrollingFarAway()
    {
        QList<MessageRecord> many;
        for (quint32 uid = 1000; uid < 4000; ++uid)
            many.append(message(uid, int(uid)));
        QVERIFY(!m_store->upsertMessages(m_folder, many));
        ThreadListModel model(m_store.get());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(5, 0), QItemSelectionModel::ClearAndSelect);
        const quint32 reading = uidOf(selection.currentIndex());
        // The view scrolls through more windows than the model keeps.
        for (int row = model.rowCount() - 1; row >= 0; row -= model.windowSize())
            QVERIFY(model.index(row, 0).data(MessageListModel::UidRole).isValid());
        QVERIFY(model.rootWindowLoadCount() > 8);

        QVERIFY(!m_store->upsertMessages(m_folder, {message(9000, 9000)}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(uidOf(selection.currentIndex()), reading);
        QCOMPARE(selection.currentIndex().row(), 6);
    }

    void dragCarriesTheMessages()
    {
        ThreadListModel model(m_store.get());
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        const QModelIndex thread = model.index(3, 0);
        std::unique_ptr<QMimeData> data(
                model.mimeData({thread, model.index(3, 1), model.index(0, 0, thread)}));
        qint64 folder = 0;
        QList<quint32> uids;
        QVERIFY(MessageListModel::decodeMimeData(data.get(), &folder, &uids));
        QCOMPARE(folder, m_folder);
        QCOMPARE(uids, (QList<quint32> {1, 2}));
    }

    void largeFolderReadsOnlyWindows()
    {
        // No tester here either: the point is how little is read.
        QList<MessageRecord> many;
        for (quint32 uid = 1000; uid < 6000; ++uid)
            many.append(message(uid, int(uid), uid % 2 == 0 ? uid - 1 : 0));
        QVERIFY(!m_store->upsertMessages(m_folder, many));
        ThreadListModel model(m_store.get());
        model.setFolderId(m_folder);
        QTRY_VERIFY(!model.isLoading());
        // Odd UIDs start threads, even ones answer them; 1000 answers a message not cached.
        QCOMPARE(model.rowCount(), 4 + 2501);
        QCOMPARE(model.rootWindowLoadCount(), 0);
        // What a tree view asks of every top-level row when it lays out reads no rows.
        int withReplies = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex root = model.index(row, 0);
            const bool never = model.flags(root).testFlag(Qt::ItemNeverHasChildren);
            QCOMPARE(model.hasChildren(root), !never);
            withReplies += never ? 0 : 1;
        }
        QCOMPARE(withReplies, 2499 + 1); // the odd UIDs up to 5997, and 1
        QCOMPARE(model.rootWindowLoadCount(), 0);
        const QModelIndex last = model.index(model.rowCount() - 1, 0);
        QCOMPARE(uidOf(last), 1u);
        QCOMPARE(model.rootWindowLoadCount(), 1);
        QCOMPARE(uidOf(model.index(0, 0)), 5999u);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0); // 5999 is odd: a root without replies
        QCOMPARE(uidOf(model.index(1, 0)), 5997u);
        QCOMPARE(model.rowCount(model.index(1, 0)), 1);
        QCOMPARE(model.rootWindowLoadCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestThreadListModel)
#include "tst_threadlistmodel.moc"
