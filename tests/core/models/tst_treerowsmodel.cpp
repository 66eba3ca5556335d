#include "models/treerowsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Threads "A" to "D" with replies: A has A1 (which has A1a) and A2; C has C1; B and D none.
void fill(QStandardItemModel *tree)
{
    tree->clear();
    tree->setColumnCount(2);
    const auto row = [](const QString &name) {
        return QList<QStandardItem *> {new QStandardItem(name), new QStandardItem(name + u"!"_s)};
    };
    QList<QStandardItem *> a = row(u"A"_s);
    QList<QStandardItem *> a1 = row(u"A1"_s);
    a1.first()->appendRow(row(u"A1a"_s));
    a.first()->appendRow(a1);
    a.first()->appendRow(row(u"A2"_s));
    QList<QStandardItem *> c = row(u"C"_s);
    c.first()->appendRow(row(u"C1"_s));
    tree->appendRow(a);
    tree->appendRow(row(u"B"_s));
    tree->appendRow(c);
    tree->appendRow(row(u"D"_s));
}

QStringList names(const QAbstractItemModel &model)
{
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown.append(model.index(row, 0).data().toString());
    return shown;
}

} // namespace

class TestTreeRowsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        fill(&m_tree);
        m_rows = std::make_unique<TreeRowsModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
                m_rows.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_rows->setSourceModel(&m_tree);
    }

    void cleanup()
    {
        m_tester.reset();
        m_rows.reset();
    }

    void collapsedThreadsAreTheTopLevelRows()
    {
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s}));
        QCOMPARE(m_rows->columnCount(), 2);
        QCOMPARE(m_rows->index(2, 1).data().toString(), u"C!"_s);
        QVERIFY(!m_rows->hasChildren(m_rows->index(0, 0)));
        QVERIFY(m_rows->flags(m_rows->index(0, 0)).testFlag(Qt::ItemNeverHasChildren));
        QCOMPARE(m_rows->index(0, 0).data(TreeRowsModel::DepthRole).toInt(), 0);
        QVERIFY(m_rows->index(0, 0).data(TreeRowsModel::ExpandableRole).toBool());
        QVERIFY(!m_rows->index(1, 0).data(TreeRowsModel::ExpandableRole).toBool());
        QVERIFY(!m_rows->index(0, 0).data(TreeRowsModel::ExpandedRole).toBool());
        QCOMPARE(m_rows->mapToSource(m_rows->index(3, 1)), m_tree.index(3, 1));
        QCOMPARE(m_rows->mapFromSource(m_tree.index(2, 0)), m_rows->index(2, 0));
        // A reply of a collapsed thread is not shown.
        QVERIFY(!m_rows->mapFromSource(m_tree.index(0, 0, m_tree.index(2, 0))).isValid());
    }

    void expandingInsertsTheRepliesBelowTheThread()
    {
        QSignalSpy inserted(m_rows.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_rows.get(), &QAbstractItemModel::dataChanged);
        const QPersistentModelIndex d = m_rows->index(3, 0);
        m_rows->setExpanded(m_rows->index(2, 0), true); // C
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"B"_s, u"C"_s, u"C1"_s, u"D"_s}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 3);
        QCOMPARE(inserted.at(0).at(2).toInt(), 3);
        QCOMPARE(d.row(), 4); // rows below follow
        QVERIFY(m_rows->isExpanded(m_rows->index(2, 0)));
        QVERIFY(m_rows->index(2, 0).data(TreeRowsModel::ExpandedRole).toBool());
        QCOMPARE(changed.size(), 1); // the thread's arrow turns
        QCOMPARE(m_rows->index(3, 0).data(TreeRowsModel::DepthRole).toInt(), 1);
        QCOMPARE(m_rows->index(3, 1).data().toString(), u"C1!"_s);
        const QModelIndex c1 = m_tree.index(0, 1, m_tree.index(2, 0));
        QCOMPARE(m_rows->mapToSource(m_rows->index(3, 1)), c1);
        QCOMPARE(m_rows->mapFromSource(c1), m_rows->index(3, 1));
        QCOMPARE(m_rows->rowsUnder(m_rows->index(2, 0)), 1);
        QCOMPARE(m_rows->rowsUnder(m_rows->index(3, 0)), 0);
        QCOMPARE(m_rows->rowsUnder(m_rows->index(4, 0)), 0);

        // A row without replies does not expand.
        m_rows->setExpanded(m_rows->index(1, 0), true);
        QCOMPARE(m_rows->rowCount(), 5);
        QVERIFY(!m_rows->isExpanded(m_rows->index(1, 0)));

        QSignalSpy removed(m_rows.get(), &QAbstractItemModel::rowsRemoved);
        m_rows->setExpanded(m_rows->index(2, 0), false);
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s}));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 3);
        QCOMPARE(d.row(), 3);
    }

    void repliesToRepliesKeepTheirOwnState()
    {
        m_rows->setExpanded(m_rows->index(0, 0), true); // A
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"A1"_s, u"A2"_s, u"B"_s, u"C"_s, u"D"_s}));
        m_rows->setExpanded(m_rows->index(1, 0), true); // A1
        QCOMPARE(names(*m_rows),
                 (QStringList {u"A"_s, u"A1"_s, u"A1a"_s, u"A2"_s, u"B"_s, u"C"_s, u"D"_s}));
        QCOMPARE(m_rows->index(2, 0).data(TreeRowsModel::DepthRole).toInt(), 2);
        QCOMPARE(m_rows->rowsUnder(m_rows->index(0, 0)), 3); // A1, its reply, A2
        QCOMPARE(m_rows->rowsUnder(m_rows->index(1, 0)), 1);
        m_rows->setExpanded(m_rows->index(2, 0), true); // A1a has no replies
        m_rows->setExpanded(m_rows->index(4, 0), true); // B neither
        m_rows->setExpanded(m_rows->index(5, 0), true); // C
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"A1"_s, u"A1a"_s, u"A2"_s, u"B"_s, u"C"_s,
                                               u"C1"_s, u"D"_s}));
        QCOMPARE(m_rows->mapToSource(m_rows->index(7, 0)), m_tree.index(3, 0));
        QCOMPARE(m_rows->mapFromSource(m_tree.index(3, 0)), m_rows->index(7, 0));

        // Closing A1 closes only what is under it.
        m_rows->setExpanded(m_rows->index(1, 0), false);
        QCOMPARE(names(*m_rows),
                 (QStringList {u"A"_s, u"A1"_s, u"A2"_s, u"B"_s, u"C"_s, u"C1"_s, u"D"_s}));
        m_rows->setExpanded(m_rows->index(1, 0), true);
        // Closing A hides A1's reply too; opening it again shows A1 still open.
        m_rows->setExpanded(m_rows->index(0, 0), false);
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"B"_s, u"C"_s, u"C1"_s, u"D"_s}));
        m_rows->setExpanded(m_rows->index(0, 0), true);
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"A1"_s, u"A1a"_s, u"A2"_s, u"B"_s, u"C"_s,
                                               u"C1"_s, u"D"_s}));
    }

    void newThreadsAboveMoveTheOpenOnesDown()
    {
        m_rows->setExpanded(m_rows->index(2, 0), true); // C
        const QPersistentModelIndex c1 = m_rows->index(3, 1);
        QSignalSpy inserted(m_rows.get(), &QAbstractItemModel::rowsInserted);
        m_tree.insertRow(1, new QStandardItem(u"New"_s));
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"New"_s, u"B"_s, u"C"_s, u"C1"_s, u"D"_s}));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 1);
        QCOMPARE(c1.row(), 4);
        QCOMPARE(c1.data().toString(), u"C1!"_s);
        // At the end, below the open thread's replies.
        m_tree.appendRow(new QStandardItem(u"Last"_s));
        QCOMPARE(names(*m_rows).last(), u"Last"_s);
        QCOMPARE(m_rows->rowCount(), 7);
        // A reply arriving in the open thread shows at once, and the rows held follow it.
        m_tree.item(3)->insertRow(0, new QStandardItem(u"C0"_s));
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"New"_s, u"B"_s, u"C"_s, u"C0"_s, u"C1"_s,
                                               u"D"_s, u"Last"_s}));
        QCOMPARE(c1.row(), 5);
        QCOMPARE(c1.data().toString(), u"C1!"_s);
    }

    void aRemovedThreadTakesItsRepliesAlong()
    {
        m_rows->setExpanded(m_rows->index(0, 0), true); // A: A1, A2
        m_rows->setExpanded(m_rows->index(4, 0), true); // C: C1
        const QPersistentModelIndex a2 = m_rows->index(2, 0);
        const QPersistentModelIndex c1 = m_rows->index(5, 0);
        QSignalSpy removed(m_rows.get(), &QAbstractItemModel::rowsRemoved);
        m_tree.removeRow(0);
        QCOMPARE(names(*m_rows), (QStringList {u"B"_s, u"C"_s, u"C1"_s, u"D"_s}));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 2);
        QVERIFY(!a2.isValid());
        QCOMPARE(c1.row(), 2);
        // A reply removed from the open thread.
        m_tree.item(1)->removeRow(0);
        QCOMPARE(names(*m_rows), (QStringList {u"B"_s, u"C"_s, u"D"_s}));
        QVERIFY(!c1.isValid());
    }

    void aNewOrderKeepsTheOpenThreadsOpen()
    {
        m_rows->setExpanded(m_rows->index(0, 0), true); // A
        const QPersistentModelIndex a2 = m_rows->index(2, 1);
        QSignalSpy layout(m_rows.get(), &QAbstractItemModel::layoutChanged);
        m_tree.sort(0, Qt::DescendingOrder); // a layout change of the source
        QCOMPARE(layout.size(), 1);
        QCOMPARE(names(*m_rows), (QStringList {u"D"_s, u"C"_s, u"B"_s, u"A"_s, u"A2"_s, u"A1"_s}));
        QCOMPARE(a2.row(), 4);
        QCOMPARE(a2.column(), 1);
        QCOMPARE(a2.data().toString(), u"A2!"_s);
        QVERIFY(m_rows->isExpanded(m_rows->index(3, 0)));
    }

    void aResetClosesEveryThread()
    {
        m_rows->setExpanded(m_rows->index(0, 0), true);
        QSignalSpy reset(m_rows.get(), &QAbstractItemModel::modelReset);
        fill(&m_tree);
        QVERIFY(reset.size() >= 1);
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"B"_s, u"C"_s, u"D"_s}));
        QVERIFY(!m_rows->isExpanded(m_rows->index(0, 0)));
        // Another source: its own rows, nothing open.
        QStandardItemModel other;
        other.appendRow(new QStandardItem(u"X"_s));
        m_rows->setSourceModel(&other);
        QCOMPARE(names(*m_rows), QStringList {u"X"_s});
        m_rows->setSourceModel(nullptr);
        QCOMPARE(m_rows->rowCount(), 0);
        QCOMPARE(m_rows->columnCount(), 0);
    }

    void aSourceThatGoesLeavesNoRows()
    {
        auto *tree = new QStandardItemModel;
        fill(tree);
        m_rows->setSourceModel(tree);
        m_rows->setExpanded(m_rows->index(0, 0), true);
        QCOMPARE(m_rows->rowCount(), 6);
        QSignalSpy reset(m_rows.get(), &QAbstractItemModel::modelReset);
        delete tree;
        QCOMPARE(reset.size(), 1);
        QCOMPARE(m_rows->rowCount(), 0);
        QVERIFY(!m_rows->index(0, 0).isValid());
        QCOMPARE(m_rows->sourceModel(), nullptr);
    }

    void expandAllOpensEveryLevel()
    {
        QSignalSpy layout(m_rows.get(), &QAbstractItemModel::layoutChanged);
        const QPersistentModelIndex d = m_rows->index(3, 0);
        m_rows->expandAll();
        QCOMPARE(names(*m_rows), (QStringList {u"A"_s, u"A1"_s, u"A1a"_s, u"A2"_s, u"B"_s, u"C"_s,
                                               u"C1"_s, u"D"_s}));
        QCOMPARE(layout.size(), 1);
        QCOMPARE(d.row(), 7);
        QVERIFY(m_rows->isExpanded(m_rows->index(1, 0)));
    }

    void changesOfShownRowsAreTold()
    {
        m_rows->setExpanded(m_rows->index(2, 0), true); // C
        QSignalSpy changed(m_rows.get(), &QAbstractItemModel::dataChanged);
        m_tree.item(2)->child(0)->setText(u"C1 read"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), m_rows->index(3, 0));
        // A change under a closed thread is not.
        m_tree.item(0)->child(1)->setText(u"A2 read"_s);
        QCOMPARE(changed.size(), 1);
        m_tree.item(3)->setText(u"D read"_s);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>(), m_rows->index(4, 0));
    }

private:
    QStandardItemModel m_tree;
    std::unique_ptr<TreeRowsModel> m_rows;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTreeRowsModel)
#include "tst_treerowsmodel.moc"
