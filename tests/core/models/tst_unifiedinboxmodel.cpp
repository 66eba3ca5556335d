#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
        model.sort(MessageListModel::SubjectColumn, Qt::DescendingOrder); // no such order here
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
