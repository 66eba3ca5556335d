#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"
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

MessageRecord message(quint32 uid, int minute)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = u"Subject %1"_s.arg(uid);
    m.fromName = u"Sender"_s;
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + qint64(minute) * 60, Qt::UTC);
    return m;
}

struct Cache
{
    Cache(const QString &path, bool specialUse)
    {
        QVERIFY(!store.open(path));
        FolderRecord inbox;
        inbox.path = specialUse ? u"Eingang"_s : u"INBOX"_s;
        inbox.specialUse = specialUse ? FolderRecord::SpecialUse::Inbox
                                      : FolderRecord::SpecialUse::None;
        inboxId = store.upsertFolder(inbox).value();
        FolderRecord other;
        other.path = u"Archive"_s;
        otherId = store.upsertFolder(other).value();
    }
    MessageStore store;
    qint64 inboxId = 0;
    qint64 otherId = 0;
};

QStringList rows(const QAbstractItemModel &model)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        result.append(index.data(UnifiedInboxModel::AccountIdRole).toString() + u':'
                      + QString::number(index.data(MessageListModel::UidRole).toUInt()));
    }
    return result;
}

} // namespace

class TestUnifiedInboxModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesInboxesByDate()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), false);
        QVERIFY(!work.store.upsertMessages(work.inboxId,
                                           {message(1, 10), message(2, 30), message(3, 50)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, 20), message(2, 40)}));
        QVERIFY(!home.store.upsertMessages(home.otherId, {message(9, 99)})); // not an Inbox

        UnifiedInboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        QCOMPARE(model.accountIds(), (QStringList {u"work"_s, u"home"_s}));
        QCOMPARE(rows(model),
                 (QStringList {u"work:3"_s, u"home:2"_s, u"work:2"_s, u"home:1"_s, u"work:1"_s}));
        QCOMPARE(model.index(0, MessageListModel::SubjectColumn).data().toString(), u"Subject 3"_s);
        QVERIFY(model.index(0, 0).data(MessageListModel::IsUnreadRole).toBool());

        model.sort(MessageListModel::DateColumn, Qt::AscendingOrder);
        QCOMPARE(rows(model).first(), u"work:1"_s);
        QCOMPARE(rows(model).last(), u"work:3"_s);
        model.sort(MessageListModel::StatusColumn, Qt::DescendingOrder); // no such order
        QCOMPARE(rows(model).first(), u"work:1"_s);

        model.removeAccount(u"work"_s);
        QCOMPARE(rows(model), (QStringList {u"home:1"_s, u"home:2"_s}));
    }

    void searchesEveryInbox()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), false);
        MessageRecord budget = message(7, 70);
        budget.subject = u"Budget review"_s;
        MessageRecord trip = message(8, 80);
        trip.subject = u"Budget for the trip"_s;
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, 10), budget}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {trip, message(2, 20)}));

        UnifiedInboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        QCOMPARE(model.rowCount(), 4);
        model.setSearchText(u"budget"_s);
        QCOMPARE(rows(model), (QStringList {u"home:8"_s, u"work:7"_s}));
        model.setSearchText(u"nothing-matches-this"_s);
        QCOMPARE(model.rowCount(), 0);
        model.setSearchText(QString());
        QCOMPARE(model.rowCount(), 4);
    }

    void readsAsFarAsTheViewScrolls()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), true);
        QList<MessageRecord> a;
        QList<MessageRecord> b;
        for (quint32 uid = 1; uid <= 500; ++uid) {
            a.append(message(uid, int(uid) * 2));
            b.append(message(uid, int(uid) * 2 + 1));
        }
        QVERIFY(!work.store.upsertMessages(work.inboxId, a));
        QVERIFY(!home.store.upsertMessages(home.inboxId, b));
        {
            // No tester here: it would fetch everything at once.
            UnifiedInboxModel lazy;
            lazy.setBatchSize(100);
            lazy.addAccount(u"work"_s, &work.store);
            lazy.addAccount(u"home"_s, &home.store);
            QCOMPARE(lazy.rowCount(), 100);
            QVERIFY(lazy.canFetchMore({}));
            lazy.fetchMore({});
            QCOMPARE(lazy.rowCount(), 200);
        }
        UnifiedInboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchSize(100);
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1000);
        // Strictly newest first, alternating accounts.
        const QStringList all = rows(model);
        QCOMPARE(all.at(0), u"home:500"_s);
        QCOMPARE(all.at(1), u"work:500"_s);
        QCOMPARE(all.at(999), u"work:1"_s);
        QDateTime previous = model.index(0, 0).data(MessageListModel::DateRole).toDateTime();
        for (int row = 1; row < model.rowCount(); ++row) {
            const QDateTime date = model.index(row, 0).data(MessageListModel::DateRole).toDateTime();
            QVERIFY(date < previous);
            previous = date;
        }
    }

    void sortsByEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QStringList>("ascending");
        QTest::newRow("date") << int(MessageListModel::DateColumn)
                              << QStringList {u"work:1"_s, u"home:1"_s, u"work:2"_s, u"home:2"_s,
                                              u"work:3"_s};
        // Reply and forward prefixes and case do not count.
        QTest::newRow("subject") << int(MessageListModel::SubjectColumn)
                                 << QStringList {u"work:2"_s, u"work:1"_s, u"work:3"_s, u"home:1"_s,
                                                 u"home:2"_s};
        QTest::newRow("sender") << int(MessageListModel::SenderColumn)
                                << QStringList {u"work:2"_s, u"work:3"_s, u"work:1"_s, u"home:1"_s,
                                                u"home:2"_s};
        QTest::newRow("size") << int(MessageListModel::SizeColumn)
                              << QStringList {u"home:1"_s, u"work:2"_s, u"work:3"_s, u"work:1"_s,
                                              u"home:2"_s};
    }

    void sortsByEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(QStringList, ascending);
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), false);
        const auto make = [](quint32 uid, int minute, const QString &subject, const QString &sender,
                             qint64 size) {
            MessageRecord m = message(uid, minute);
            m.subject = subject;
            m.fromName = sender;
            m.size = size;
            return m;
        };
        QVERIFY(!work.store.upsertMessages(work.inboxId,
                                           {make(1, 10, u"Banana"_s, u"carol"_s, 300),
                                            make(2, 30, u"Re: apple"_s, u"Alice"_s, 100),
                                            make(3, 50, u"cherry"_s, u"Bob"_s, 200)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId,
                                           {make(1, 20, u"Date fruit"_s, u"Dave"_s, 50),
                                            make(2, 40, u"Fwd: Elder"_s, u"eve"_s, 400)}));
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());

        for (int batch : {200, 1}) { // merged at once, and one row at a time
            UnifiedInboxModel model;
            QAbstractItemModelTester tester(&model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setBatchSize(batch);
            model.addAccount(u"work"_s, &work.store);
            model.addAccount(u"home"_s, &home.store);
            model.sort(column, Qt::AscendingOrder);
            while (model.canFetchMore({}))
                model.fetchMore({});
            QCOMPARE(rows(model), ascending);
            model.sort(column, Qt::DescendingOrder);
            while (model.canFetchMore({}))
                model.fetchMore({});
            QCOMPARE(rows(model), descending);
        }
    }

    void selectionFollowsItsMessages()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), false);
        QVERIFY(!work.store.upsertMessages(work.inboxId,
                                           {message(1, 10), message(2, 30), message(3, 50)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, 20), message(2, 40)}));
        UnifiedInboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setBatchSize(2); // the current row is the last one merged so far
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        QCOMPARE(rows(model), (QStringList {u"work:3"_s, u"home:2"_s}));
        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(1, MessageListModel::SubjectColumn),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        const auto current = [&] {
            const QModelIndex index = selection.currentIndex();
            return index.data(UnifiedInboxModel::AccountIdRole).toString() + u':'
                   + QString::number(index.data(MessageListModel::UidRole).toUInt());
        };
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // New mail in both accounts pushes the current message down, past the merged rows.
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(3, 60)}));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(4, 70)}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(current(), u"home:2"_s);
        QCOMPARE(selection.currentIndex().row(), 3);
        QCOMPARE(selection.currentIndex().column(), int(MessageListModel::SubjectColumn));
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(selection.selectedRows().first(), model.index(3, 0));

        // Another message goes: the current one moves up and stays.
        QVERIFY(!work.store.removeMessages(work.inboxId, {4}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(current(), u"home:2"_s);
        QCOMPARE(selection.currentIndex().row(), 2);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(rows(model), (QStringList {u"home:3"_s, u"work:3"_s, u"home:2"_s, u"work:2"_s,
                                            u"home:1"_s, u"work:1"_s}));

        // The current message itself goes: nothing is current, the list is whole.
        QVERIFY(!home.store.removeMessages(home.inboxId, {2}));
        QVERIFY(!selection.currentIndex().isValid());
        QVERIFY(selection.selectedRows().isEmpty());
        QCOMPARE(model.rowCount(), 5);
    }

    void rowsDragWithTheirAccount()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        Cache home(dir.filePath(u"h.sqlite"_s), false);
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, 10), message(2, 30)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, 20)}));
        UnifiedInboxModel model;
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        QCOMPARE(rows(model), (QStringList {u"work:2"_s, u"home:1"_s, u"work:1"_s}));
        QVERIFY(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsDragEnabled));
        QCOMPARE(model.supportedDragActions(), Qt::MoveAction | Qt::CopyAction);

        std::unique_ptr<QMimeData> data(
                model.mimeData({model.index(0, 0), model.index(0, 1), model.index(2, 0)}));
        QVERIFY(data);
        qint64 folder = 0;
        QList<quint32> uids;
        QVERIFY(MessageListModel::decodeMimeData(data.get(), &folder, &uids));
        QCOMPARE(folder, work.inboxId);
        QCOMPARE(uids, (QList<quint32> {2, 1}));
        QCOMPARE(UnifiedInboxModel::accountOf(data.get()), u"work"_s);
        // Rows of two accounts cannot move together.
        QVERIFY(!model.mimeData({model.index(0, 0), model.index(1, 0)}));
    }

    void followsTheCaches()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), true);
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, 10), message(2, 20)}));
        UnifiedInboxModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addAccount(u"work"_s, &work.store);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(!work.store.changeFlags(work.inboxId, {1}, MessageRecord::Seen, {}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(reset.size(), 0);
        QVERIFY(!model.index(1, 0).data(MessageListModel::IsUnreadRole).toBool());

        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, 30)}));
        QCOMPARE(rows(model).first(), u"work:3"_s);
        QVERIFY(!work.store.removeMessages(work.inboxId, {2}));
        QCOMPARE(rows(model), (QStringList {u"work:3"_s, u"work:1"_s}));
        QVERIFY(!work.store.upsertMessages(work.otherId, {message(7, 70)}));
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestUnifiedInboxModel)
#include "tst_unifiedinboxmodel.moc"
