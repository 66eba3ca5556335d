// The main window's message list over the threaded and the unified models: the message being
// read stays current while mail comes and goes, the next one is selected after a delete, and
// unified rows drag onto their own account.
#include "mainactions.h"
#include "mainwindow.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/threadlistmodel.h"
#include "models/treerowsmodel.h"
#include "models/unifiedinboxmodel.h"
#include "store/messagestore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

MessageRecord message(quint32 uid, int minute, quint32 answers = 0)
{
    MessageRecord m;
    m.uid = uid;
    m.subject = u"Message %1"_s.arg(uid);
    m.fromName = u"Sender"_s;
    m.messageId = "<m" + QByteArray::number(uid) + "@example.org>";
    if (answers != 0)
        m.inReplyTo = "<m" + QByteArray::number(answers) + "@example.org>";
    m.sentDate = QDateTime::fromSecsSinceEpoch(1'700'000'000 + qint64(minute) * 60, Qt::UTC);
    return m;
}

struct Cache
{
    explicit Cache(const QString &path)
    {
        QVERIFY(!store.open(path));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        inbox.specialUse = FolderRecord::SpecialUse::Inbox;
        inboxId = store.upsertFolder(inbox).value();
    }
    MessageStore store;
    qint64 inboxId = 0;
};

quint32 uidOf(const QModelIndex &index)
{
    return index.data(MessageListModel::UidRole).toUInt();
}

} // namespace

class TestMessageListViews : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;

private Q_SLOTS:
    void init()
    {
        m_settings = std::make_unique<QSettings>(m_dir.filePath(u"heron.ini"_s),
                                                 QSettings::IniFormat);
    }

    void threadsKeepTheMessageBeingRead()
    {
        Cache cache(m_dir.filePath(u"threads.sqlite"_s));
        QVERIFY(!cache.store.upsertMessages(cache.inboxId,
                                            {message(1, 10), message(2, 20, 1), message(3, 30)}));
        ThreadListModel threads(&cache.store);
        QAbstractItemModelTester tester(&threads,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        threads.setFolderId(cache.inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&threads);
        window.setThreaded(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(!threads.isLoading()); // the roots are read on a worker thread
        QAbstractItemView *view = window.messageView();
        TreeRowsModel *rows = window.threadRows();
        QCOMPARE(view->model(), rows);
        const QModelIndex thread = rows->index(1, 0);
        QCOMPARE(uidOf(thread), 1u);
        rows->setExpanded(thread, true);
        view->setCurrentIndex(rows->index(2, 0)); // reading 2, a reply
        QCOMPARE(uidOf(view->currentIndex()), 2u);
        QSignalSpy reset(&threads, &QAbstractItemModel::modelReset);

        // New mail arrives while 2 is read: a new thread on top and a reply to 1.
        QVERIFY(!cache.store.upsertMessages(cache.inboxId, {message(4, 40), message(5, 50, 1)}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(uidOf(view->currentIndex()), 2u);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        const QModelIndex parent = rows->index(view->currentIndex().row() - 1, 0); // 2 answers it
        QCOMPARE(uidOf(parent), 1u);
        QVERIFY(rows->isExpanded(parent));
        QCOMPARE(parent.row(), 2); // below the new thread
        QCOMPARE(rows->rowCount(), 5); // 4, 3, 1 with its two replies
        QCOMPARE(window.messageTable()->verticalHeader()->count(), 5); // all of them shown
        // A drag of the reply carries it, as the thread model names it.
        const std::unique_ptr<QMimeData> drag(rows->mimeData({view->currentIndex()}));
        qint64 folderId = 0;
        QList<quint32> dragged;
        QVERIFY(MessageListModel::decodeMimeData(drag.get(), &folderId, &dragged));
        QCOMPARE(folderId, cache.inboxId);
        QCOMPARE(dragged, QList<quint32> {2});
        // Another message is deleted: still the same one.
        QVERIFY(!cache.store.removeMessages(cache.inboxId, {3}));
        QCOMPARE(uidOf(view->currentIndex()), 2u);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        QCOMPARE(rows->rowCount(), 4);
        QCOMPARE(window.messageTable()->verticalHeader()->count(), 4);
        QCOMPARE(threads.rowCount(), 2);
    }

    void allInboxesKeepTheMessageBeingRead()
    {
        Cache work(m_dir.filePath(u"work.sqlite"_s));
        Cache home(m_dir.filePath(u"home.sqlite"_s));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, 10), message(2, 30)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, 20)}));
        UnifiedInboxModel unified;
        QAbstractItemModelTester tester(&unified,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        unified.addAccount(u"work"_s, &work.store);
        unified.addAccount(u"home"_s, &home.store);
        MainWindow window(m_settings.get());
        window.setMessageModel(&unified);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemView *view = window.messageView();
        view->setCurrentIndex(unified.index(1, 0)); // home:1
        QCOMPARE(view->currentIndex().data(UnifiedInboxModel::AccountIdRole).toString(), u"home"_s);
        QSignalSpy selected(&window, &MainWindow::messageSelected);

        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(3, 40)}));
        QVERIFY(!work.store.removeMessages(work.inboxId, {1}));
        QCOMPARE(view->currentIndex().row(), 2);
        QCOMPARE(view->currentIndex().data(UnifiedInboxModel::AccountIdRole).toString(), u"home"_s);
        QCOMPARE(uidOf(view->currentIndex()), 1u);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        for (const QList<QVariant> &signal : std::as_const(selected))
            QCOMPARE(uidOf(signal.first().value<QModelIndex>()), 1u); // never another message

        // Sorted by another column, as a folder list is.
        QCOMPARE(view, window.messageTable());
        window.messageTable()->sortByColumn(MessageListModel::SubjectColumn, Qt::AscendingOrder);
        QCOMPARE(uidOf(unified.index(0, 0)), 1u);
        QCOMPARE(uidOf(unified.index(2, 0)), 3u);
    }

    void threadsDeleteSelectsTheNextThread()
    {
        Cache cache(m_dir.filePath(u"threadsdelete.sqlite"_s));
        QVERIFY(!cache.store.upsertMessages(cache.inboxId, {message(1, 10), message(3, 30),
                                                            message(4, 40), message(5, 50, 4)}));
        ThreadListModel threads(&cache.store);
        QAbstractItemModelTester tester(&threads,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        threads.setFolderId(cache.inboxId);
        MainWindow window(m_settings.get());
        window.setMessageModel(&threads);
        window.setThreaded(true);
        connect(&window, &MainWindow::deleteRequested, &cache.store,
                [&cache](const QItemSelection &selection) {
                    QList<quint32> uids;
                    for (const QModelIndex &row : MessageGroups::rowsOf(selection))
                        uids.append(uidOf(row));
                    QVERIFY(!cache.store.removeMessages(cache.inboxId, uids));
                });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(!threads.isLoading());
        QAbstractItemView *view = window.messageView();
        TreeRowsModel *rows = window.threadRows();
        QCOMPARE(view->model(), rows);
        // Newest thread first: 4 (with its reply 5), 3, 1.
        QCOMPARE(uidOf(rows->index(1, 0)), 3u);
        QSignalSpy selected(&window, &MainWindow::messageSelected);
        view->setCurrentIndex(rows->index(1, 0));
        window.actions()->deleteMessage()->trigger();
        QCOMPARE(threads.rowCount(), 2);
        QCOMPARE(uidOf(view->currentIndex()), 1u);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 1u);
        QCOMPARE(selected.size(), 2);

        // Deleted again: the last thread goes, the one before it follows.
        window.actions()->deleteMessage()->trigger();
        QCOMPARE(threads.rowCount(), 1);
        QCOMPARE(uidOf(view->currentIndex()), 4u);
        QCOMPARE(uidOf(selected.last().at(0).value<QModelIndex>()), 4u);
    }

    void allInboxesDeleteSelectsTheNextMessage()
    {
        Cache work(m_dir.filePath(u"workdelete.sqlite"_s));
        Cache home(m_dir.filePath(u"homedelete.sqlite"_s));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(1, 10), message(2, 30)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(1, 20)}));
        UnifiedInboxModel unified;
        QAbstractItemModelTester tester(&unified,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        unified.addAccount(u"work"_s, &work.store);
        unified.addAccount(u"home"_s, &home.store);
        MainWindow window(m_settings.get());
        window.setMessageModel(&unified);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAbstractItemView *view = window.messageView();
        // work:2, home:1, work:1.
        view->setCurrentIndex(unified.index(1, 0));
        QCOMPARE(view->currentIndex().data(UnifiedInboxModel::AccountIdRole).toString(), u"home"_s);
        QSignalSpy selected(&window, &MainWindow::messageSelected);
        QSignalSpy deleted(&window, &MainWindow::deleteRequested);
        window.actions()->deleteMessage()->trigger();
        QCOMPARE(deleted.size(), 1);
        QVERIFY(!home.store.removeMessages(home.inboxId, {1})); // the server answered
        QCOMPARE(unified.rowCount(), 2);
        QCOMPARE(view->currentIndex().row(), 1);
        QCOMPARE(view->currentIndex().data(UnifiedInboxModel::AccountIdRole).toString(), u"work"_s);
        QCOMPARE(uidOf(view->currentIndex()), 1u);
        QVERIFY(view->selectionModel()->isSelected(view->currentIndex()));
        QCOMPARE(selected.size(), 1);
        const QModelIndex shown = selected.last().at(0).value<QModelIndex>();
        QCOMPARE(shown.data(UnifiedInboxModel::AccountIdRole).toString(), u"work"_s);
        QCOMPARE(uidOf(shown), 1u);
    }

    void allInboxesDragOntoAnyAccount()
    {
        Cache work(m_dir.filePath(u"work2.sqlite"_s));
        Cache home(m_dir.filePath(u"home2.sqlite"_s));
        QVERIFY(!work.store.upsertMessages(work.inboxId, {message(7, 10)}));
        QVERIFY(!home.store.upsertMessages(home.inboxId, {message(8, 20)}));
        UnifiedInboxModel unified;
        unified.addAccount(u"work"_s, &work.store);
        unified.addAccount(u"home"_s, &home.store);

        constexpr int folderIdRole = Qt::UserRole + 7;
        constexpr int accountIdRole = Qt::UserRole + 8;
        QStandardItemModel folders;
        QHash<QString, QStandardItem *> archives;
        for (const QString &account : {u"work"_s, u"home"_s}) {
            auto *item = new QStandardItem(account);
            item->setSelectable(false);
            folders.appendRow(item);
            auto *archive = new QStandardItem(u"Archive"_s);
            archive->setData(99, folderIdRole);
            archive->setData(account, accountIdRole);
            item->appendRow(archive);
            archives.insert(account, archive);
        }
        MainWindow window(m_settings.get());
        window.setFolderModel(&folders);
        window.setFolderIdRole(folderIdRole);
        window.setAccountIdRole(accountIdRole);
        window.setMessageModel(&unified);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.folderView()->expandAll();

        QCOMPARE(uidOf(unified.index(0, 0)), 8u);
        std::unique_ptr<QMimeData> data(unified.mimeData({unified.index(0, 0)})); // home:8
        QVERIFY(data);
        QSignalSpy move(&window, &MainWindow::moveRequested);
        QWidget *viewport = window.folderView()->viewport();
        QSignalSpy copy(&window, &MainWindow::copyRequested);
        auto dropOn = [&](QStandardItem *target, Qt::KeyboardModifiers modifiers) {
            const QPoint at = window.folderView()->visualRect(target->index()).center();
            const Qt::DropActions actions = Qt::MoveAction | Qt::CopyAction;
            QDragEnterEvent enter(at, actions, data.get(), Qt::LeftButton, modifiers);
            QApplication::sendEvent(viewport, &enter);
            QDragMoveEvent over(at, actions, data.get(), Qt::LeftButton, modifiers);
            QApplication::sendEvent(viewport, &over);
            const bool accepted = over.isAccepted();
            QDropEvent drop(QPointF(at), actions, data.get(), Qt::LeftButton, modifiers);
            QApplication::sendEvent(viewport, &drop);
            return accepted;
        };
        // Another account's folder takes them (moved there across accounts).
        QVERIFY(dropOn(archives.value(u"work"_s), Qt::NoModifier));
        QCOMPARE(move.size(), 1);
        QCOMPARE(move.at(0).at(0).value<QModelIndex>(), archives.value(u"work"_s)->index());
        QCOMPARE(move.at(0).at(1).value<MessageGroup>().accountId, u"home"_s);
        QVERIFY(dropOn(archives.value(u"home"_s), Qt::NoModifier));
        QCOMPARE(move.size(), 2);
        QCOMPARE(move.at(1).at(1).value<MessageGroup>().folderId, home.inboxId);
        QCOMPARE(move.at(1).at(1).value<MessageGroup>().uids, (QList<quint32> {8}));
        QCOMPARE(move.at(1).at(1).value<MessageGroup>().accountId, u"home"_s);
        // With Ctrl held they are copied.
        QVERIFY(dropOn(archives.value(u"work"_s), Qt::ControlModifier));
        QCOMPARE(copy.size(), 1);
        QCOMPARE(move.size(), 2);
        QCOMPARE(copy.at(0).at(1).value<MessageGroup>().accountId, u"home"_s);
    }
};

QTEST_MAIN(TestMessageListViews)
#include "tst_messagelistviews.moc"
