// Reading with the keyboard: walking the list with the arrow keys marks only the message that
// stays on display read, after a moment; N goes to the next unread message.
#include "mainactions.h"
#include "mainwindow.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"

#include <QAction>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

// Six messages; those in `unread` are unread.
QStandardItemModel *messages(QObject *parent, const QList<int> &unread)
{
    auto *model = new QStandardItemModel(0, 2, parent);
    for (int i = 0; i < 6; ++i) {
        auto *subject = new QStandardItem(u"Subject %1"_s.arg(i));
        subject->setData(unread.contains(i), MessageListModel::IsUnreadRole);
        model->appendRow({subject, new QStandardItem(u"sender%1@example.org"_s.arg(i))});
    }
    return model;
}

} // namespace

class TestReadingKeys : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void arrowKeysMarkReadOnlyWhereTheyStop();
    void nextUnread();

private:
    QTemporaryDir m_dir;
};

void TestReadingKeys::arrowKeysMarkReadOnlyWhereTheyStop()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    QStandardItemModel *model = messages(&window, {0, 1, 2, 3, 4, 5});
    window.setMessageModel(model);
    window.setMarkReadDelay(1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    list->setFocus();
    list->setCurrentIndex(model->index(0, 0));
    QSignalSpy read(&window, &MainWindow::markReadRequested);
    QSignalSpy selected(&window, &MainWindow::messageSelected);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(list, Qt::Key_Down);
    QCOMPARE(list->currentIndex().row(), 3);
    QCOMPARE(selected.size(), 3);
    QCOMPARE(read.size(), 0); // not at once
    QTRY_COMPARE(read.size(), 1);
    const QModelIndexList marked = MessageGroups::rowsOf(
            read.first().first().value<QItemSelection>());
    QCOMPARE(marked.size(), 1);
    QCOMPARE(marked.first().row(), 3); // only where the keys stopped

    // A message that is read already is not marked again.
    model->item(4)->setData(false, MessageListModel::IsUnreadRole);
    window.setMarkReadDelay(10);
    QTest::keyClick(list, Qt::Key_Down);
    QTest::qWait(200);
    QCOMPARE(read.size(), 1);
}

void TestReadingKeys::nextUnread()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    QStandardItemModel *model = messages(&window, {2, 4});
    window.setMessageModel(model);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    list->setCurrentIndex(model->index(0, 0));
    QAction *next = window.actions()->nextUnread();
    QCOMPARE(next->shortcut(), QKeySequence(Qt::Key_N));
    next->trigger();
    QCOMPARE(list->currentIndex().row(), 2);
    QCOMPARE(list->selectionModel()->selectedRows().size(), 1);
    next->trigger();
    QCOMPARE(list->currentIndex().row(), 4);
    QVERIFY(!window.selectNextUnread()); // none after it
    QCOMPARE(list->currentIndex().row(), 4);
}

QTEST_MAIN(TestReadingKeys)
#include "tst_readingkeys.moc"
