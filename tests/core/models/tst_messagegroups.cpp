#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/unifiedinboxmodel.h"
#include "store/messagestore.h"

#include <QAbstractListModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

MessageRecord message(quint32 uid)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = u"Subject %1"_s.arg(uid);
    // The newest first in the list: the higher the UID, the later the date.
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + qint64(uid) * 60, Qt::UTC);
    return m;
}

struct Cache
{
    explicit Cache(const QString &path, quint32 count)
    {
        QVERIFY(!store.open(path));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        inbox.specialUse = FolderRecord::SpecialUse::Inbox;
        inboxId = store.upsertFolder(inbox).value();
        QList<MessageRecord> messages;
        for (quint32 uid = 1; uid <= count; ++uid)
            messages.append(message(uid));
        QVERIFY(!store.upsertMessages(inboxId, messages));
    }
    MessageStore store;
    qint64 inboxId = 0;
};

// A list without the messages' drag data, such as search results over several folders.
class PlainList : public QAbstractListModel
{
public:
    struct Row
    {
        QString account;
        qint64 folder;
        quint32 uid;
    };
    explicit PlainList(QList<Row> rows)
        : m_rows(std::move(rows))
    { }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const Row &row = m_rows.at(index.row());
        switch (role) {
        case UnifiedInboxModel::AccountIdRole:
            return row.account;
        case MessageListModel::FolderIdRole:
            return row.folder;
        case MessageListModel::UidRole:
            return row.uid;
        default:
            return {};
        }
    }

private:
    QList<Row> m_rows;
};

QModelIndexList rows(const QAbstractItemModel &model, const QList<int> &numbers)
{
    QModelIndexList result;
    for (int row : numbers)
        result.append(model.index(row, 0));
    return result;
}

QList<int> range(int first, int last)
{
    QList<int> numbers;
    for (int row = first; row <= last; ++row)
        numbers.append(row);
    return numbers;
}

QList<quint32> descending(quint32 first, quint32 last)
{
    QList<quint32> uids;
    for (quint32 uid = first; uid >= last; --uid)
        uids.append(uid);
    return uids;
}

} // namespace

class TestMessageGroups : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void folderListGivesOneGroupInRowOrder()
    {
        QTemporaryDir dir;
        Cache cache(dir.filePath(u"c.sqlite"_s), 3000);
        MessageListModel model(&cache.store);
        model.setFolderId(cache.inboxId);
        QCOMPARE(model.rowCount(), 3000);

        // Every row, as after Select All: more rows than the model reads in two windows.
        const QList<MessageGroup> all = MessageGroups::of(rows(model, range(0, 2999)));
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().accountId, QString());
        QCOMPARE(all.first().folderId, cache.inboxId);
        QCOMPARE(all.first().uids, descending(3000, 1));

        // Some rows, one index per column as a view hands them, out of order.
        QModelIndexList some = rows(model, {5, 2, 7});
        some.append(model.index(2, 1));
        const QList<MessageGroup> few = MessageGroups::of(some);
        QCOMPARE(few.size(), 1);
        QCOMPARE(few.first().uids, QList<quint32>({2998, 2995, 2993}));

        QVERIFY(MessageGroups::of(QModelIndexList()).isEmpty());
    }

    void wholeLargeListIsItsFolder()
    {
        QTemporaryDir dir;
        Cache cache(dir.filePath(u"c.sqlite"_s), 600);
        MessageListModel model(&cache.store);
        model.setBackgroundCountRows(500);
        model.setFolderId(cache.inboxId);
        QCOMPARE(model.rowCount(), 600);
        const QItemSelection all(model.index(0, 0),
                                 model.index(599, MessageListModel::ColumnCount - 1));

        // Every row: the folder, without a row read.
        const int reads = model.windowLoadCount();
        const QList<MessageGroup> whole = MessageGroups::of(all);
        QCOMPARE(whole.size(), 1);
        QVERIFY(whole.first().wholeFolder);
        QCOMPARE(whole.first().folderId, cache.inboxId);
        QVERIFY(whole.first().uids.isEmpty());
        QCOMPARE(model.windowLoadCount(), reads);

        // All but one row, or all in two ranges: the rows' UIDs.
        const QList<MessageGroup> most = MessageGroups::of(
                QItemSelection(model.index(1, 0), model.index(599, 0)));
        QCOMPARE(most.size(), 1);
        QVERIFY(!most.first().wholeFolder);
        QCOMPARE(most.first().uids, descending(599, 1));
        QItemSelection split(model.index(0, 0), model.index(299, 0));
        split.select(model.index(300, 0), model.index(599, 0));
        QCOMPARE(MessageGroups::of(split).first().uids, descending(600, 1));

        // A smaller list reads its rows, as they cost less than a frame.
        model.setBackgroundCountRows(601);
        QCOMPARE(MessageGroups::of(all).first().uids, descending(600, 1));
        model.setBackgroundCountRows(500);

        // A search's rows are not the whole folder.
        model.setSearchText(u"Subject"_s);
        QCOMPARE(model.rowCount(), 600);
        const QList<MessageGroup> found = MessageGroups::of(
                QItemSelection(model.index(0, 0),
                               model.index(599, MessageListModel::ColumnCount - 1)));
        QVERIFY(!found.first().wholeFolder);
        QCOMPARE(found.first().uids.size(), 600);
    }

    void selectedRowsEachOnce()
    {
        QTemporaryDir dir;
        Cache cache(dir.filePath(u"c.sqlite"_s), 10);
        MessageListModel model(&cache.store);
        model.setFolderId(cache.inboxId);
        // Overlapping ranges, and several columns of a row.
        QItemSelection selection(model.index(2, 0), model.index(5, 4));
        selection.select(model.index(4, 1), model.index(7, 2));
        const QModelIndexList rows = MessageGroups::rowsOf(selection);
        QList<int> numbers;
        for (const QModelIndex &row : rows) {
            QCOMPARE(row.column(), 0);
            numbers.append(row.row());
        }
        QCOMPARE(numbers, QList<int>({2, 3, 4, 5, 6, 7}));
    }

    void allInboxesGroupsByAccount()
    {
        QTemporaryDir dir;
        Cache work(dir.filePath(u"w.sqlite"_s), 3);
        Cache home(dir.filePath(u"h.sqlite"_s), 2);
        UnifiedInboxModel model;
        model.addAccount(u"work"_s, &work.store);
        model.addAccount(u"home"_s, &home.store);
        QCOMPARE(model.rowCount(), 5);

        // Rows of one account: that account's Inbox.
        QModelIndexList workRows;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(UnifiedInboxModel::AccountIdRole).toString() == u"work"_s)
                workRows.append(model.index(row, 0));
        }
        const QList<MessageGroup> one = MessageGroups::of(workRows);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().accountId, u"work"_s);
        QCOMPARE(one.first().folderId, work.inboxId);
        QList<quint32> uids = one.first().uids;
        std::sort(uids.begin(), uids.end());
        QCOMPARE(uids, QList<quint32>({1, 2, 3}));

        // Rows of both: a group per account.
        const QList<MessageGroup> both = MessageGroups::of(rows(model, range(0, 4)));
        QCOMPARE(both.size(), 2);
        for (const MessageGroup &group : both) {
            QList<quint32> sorted = group.uids;
            std::sort(sorted.begin(), sorted.end());
            if (group.accountId == u"work"_s) {
                QCOMPARE(group.folderId, work.inboxId);
                QCOMPARE(sorted, QList<quint32>({1, 2, 3}));
            } else {
                QCOMPARE(group.accountId, u"home"_s);
                QCOMPARE(group.folderId, home.inboxId);
                QCOMPARE(sorted, QList<quint32>({1, 2}));
            }
        }
    }

    void otherListsAreAskedRowByRow()
    {
        PlainList model({{u"a"_s, 4, 10},
                         {u"a"_s, 5, 11},
                         {u"b"_s, 4, 12},
                         {u"a"_s, 4, 13},
                         {u"a"_s, 0, 14}});
        const QList<MessageGroup> groups = MessageGroups::of(rows(model, range(0, 4)));
        QCOMPARE(groups.size(), 3); // the row without a folder is left out
        QCOMPARE(groups.at(0).accountId, u"a"_s);
        QCOMPARE(groups.at(0).folderId, 4);
        QCOMPARE(groups.at(0).uids, QList<quint32>({10, 13}));
        QCOMPARE(groups.at(1).folderId, 5);
        QCOMPARE(groups.at(1).uids, QList<quint32>({11}));
        QCOMPARE(groups.at(2).accountId, u"b"_s);
        QCOMPARE(groups.at(2).uids, QList<quint32>({12}));
    }
};

QTEST_GUILESS_MAIN(TestMessageGroups)
#include "tst_messagegroups.moc"
