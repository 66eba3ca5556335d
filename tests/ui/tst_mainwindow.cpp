#include "folderchooserdialog.h"
#include "foldericonproxymodel.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "models/messagegroups.h"
#include "models/messagelistmodel.h"
#include "models/treerowsmodel.h"
#include "statusarea.h"
#include "store/messagestore.h"
#include "viewer/attachmentlistwidget.h"
#include "viewer/messageheaderview.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

QStandardItemModel *messageModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels({u"Subject"_s, u"From"_s, u"Date"_s});
    for (int i = 0; i < 5; ++i)
        model->appendRow({new QStandardItem(u"Subject %1"_s.arg(i)),
                          new QStandardItem(u"sender%1@example.org"_s.arg(i)),
                          new QStandardItem(u"2026-01-0%1"_s.arg(i + 1))});
    return model;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString settingsPath() const { return m_dir.filePath(u"heron.ini"_s); }
    // Messages 7 and 9 in the Inbox of a cache opened in store.
    void cacheTwoMessages(MessageStore *store, const QString &file, qint64 *inboxId)
    {
        QVERIFY(!store->open(m_dir.filePath(file)));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        *inboxId = store->upsertFolder(inbox).value();
        QList<MessageRecord> records;
        for (quint32 uid : {7u, 9u}) {
            MessageRecord m;
            m.uid = uid;
            m.subject = u"Message %1"_s.arg(uid);
            records.append(m);
        }
        QVERIFY(!store->upsertMessages(*inboxId, records));
    }
    // Messages 1..count in the Inbox of a cache opened in store, message n sent on day n.
    void cacheMessages(MessageStore *store, const QString &file, int count, qint64 *inboxId)
    {
        QVERIFY(!store->open(m_dir.filePath(file)));
        FolderRecord inbox;
        inbox.path = u"INBOX"_s;
        *inboxId = store->upsertFolder(inbox).value();
        QList<MessageRecord> records;
        for (int n = 1; n <= count; ++n) {
            MessageRecord m;
            m.uid = quint32(n);
            m.subject = u"Message %1"_s.arg(n);
            m.sentDate = QDateTime(QDate(2026, 1, 1).addDays(n), QTime(9, 0), Qt::UTC);
            records.append(m);
        }
        QVERIFY(!store->upsertMessages(*inboxId, records));
    }

private Q_SLOTS:
    void init() { QFile::remove(settingsPath()); }

    void opensAndShowsItsParts()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.setMessageModel(messageModel(&window));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.folderView()->isVisible());
        QVERIFY(window.messageView()->isVisible());
        QVERIFY(window.messageViewer()->isVisible());
        QVERIFY(!window.filterField()->isVisible());
        // The list shows in a table.
        QCOMPARE(window.messageView(), window.messageTable());
        QVERIFY(window.messageTable()->isSortingEnabled());
        QVERIFY(!window.messageTable()->showGrid());
        QVERIFY(!window.messageTable()->verticalHeader()->isVisible());
        QCOMPARE(window.messageTable()->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
        QCOMPARE(window.messageTable()->selectionBehavior(), QAbstractItemView::SelectRows);
        QCOMPARE(window.messageHeader()->sectionResizeMode(0), QHeaderView::Interactive);
        QVERIFY(!window.windowIcon().isNull());
        QCOMPARE(window.menuBar()->actions().size(), 6); // File, Edit, View, Folder, Message, Help
    }

    void shortcuts_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QKeySequence>("shortcut");
        QTest::newRow("new") << u"newMessage"_s << QKeySequence(u"Ctrl+N"_s);
        QTest::newRow("reply") << u"reply"_s << QKeySequence(u"Ctrl+R"_s);
        QTest::newRow("reply all") << u"replyAll"_s << QKeySequence(u"Ctrl+Shift+R"_s);
        QTest::newRow("forward") << u"forward"_s << QKeySequence(u"Ctrl+L"_s);
        QTest::newRow("delete") << u"delete"_s << QKeySequence(u"Del"_s);
        QTest::newRow("search") << u"search"_s << QKeySequence(u"Ctrl+F"_s);
        QTest::newRow("refresh") << u"refresh"_s << QKeySequence(u"F5"_s);
        QTest::newRow("quit") << u"quit"_s << QKeySequence(u"Ctrl+Q"_s);
        QTest::newRow("mark read") << u"markRead"_s << QKeySequence(u"M"_s);
        QTest::newRow("mark unread") << u"markUnread"_s << QKeySequence(u"Shift+M"_s);
        QTest::newRow("flag") << u"flag"_s << QKeySequence(u"S"_s);
        QTest::newRow("undo") << u"undo"_s << QKeySequence(u"Ctrl+Z"_s);
    }

    void undoIsOfferedOnlyWithSomethingToTakeBack()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *undo = window.actions()->undo();
        QVERIFY(!undo->isEnabled());
        QSignalSpy requested(&window, &MainWindow::undoRequested);

        window.setUndoText(u"Moved 3 messages to Trash"_s);
        QVERIFY(undo->isEnabled());
        QVERIFY(undo->text().contains(u"Moved 3 messages to Trash"_s));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(requested.size(), 1);
        // Once taken back, there is nothing left to undo.
        QVERIFY(!undo->isEnabled());
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(requested.size(), 1);
    }

    void shortcuts()
    {
        QFETCH(QString, name);
        QFETCH(QKeySequence, shortcut);
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        auto *action = window.findChild<QAction *>(name);
        QVERIFY2(action, qPrintable(name));
        QCOMPARE(action->shortcut(), shortcut);
        QVERIFY(!action->text().isEmpty());
        QVERIFY(!action->icon().isNull());
        // No two actions share a shortcut.
        int owners = 0;
        for (QAction *other : window.findChildren<QAction *>())
            owners += other->shortcuts().contains(shortcut) ? 1 : 0;
        QCOMPARE(owners, 1);
    }

    void accountsActionExists()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QSignalSpy spy(&window, &MainWindow::accountsRequested);
        window.actions()->accounts()->trigger();
        QCOMPARE(spy.size(), 1);
    }

    void keyboardShortcutsEmitSignals()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy newSpy(&window, &MainWindow::newMessageRequested);
        QSignalSpy refreshSpy(&window, &MainWindow::refreshRequested);
        window.messageView()->setFocus();
        QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(newSpy.size(), 1);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(refreshSpy.size(), 1);
    }

    void messageActionsFollowTheSelection()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel *model = messageModel(&window);
        window.setMessageModel(model);
        MainActions *a = window.actions();
        QVERIFY(!a->reply()->isEnabled());
        QVERIFY(!a->deleteMessage()->isEnabled());

        QSignalSpy selected(&window, &MainWindow::messageSelected);
        window.messageView()->setCurrentIndex(model->index(2, 0));
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.at(0).at(0).value<QModelIndex>().row(), 2);
        QVERIFY(a->reply()->isEnabled());

        QSignalSpy reply(&window, &MainWindow::replyRequested);
        QSignalSpy replyAll(&window, &MainWindow::replyAllRequested);
        QSignalSpy forward(&window, &MainWindow::forwardRequested);
        QSignalSpy del(&window, &MainWindow::deleteRequested);
        QSignalSpy read(&window, &MainWindow::markReadRequested);
        QSignalSpy unread(&window, &MainWindow::markUnreadRequested);
        QSignalSpy flag(&window, &MainWindow::flagRequested);
        a->reply()->trigger();
        a->replyAll()->trigger();
        a->forward()->trigger();
        a->markRead()->trigger();
        a->markUnread()->trigger();
        a->flag()->trigger();
        QCOMPARE(reply.size(), 1);
        QCOMPARE(reply.at(0).at(0).value<QModelIndex>().row(), 2);
        QCOMPARE(replyAll.size(), 1);
        QCOMPARE(forward.size(), 1);
        QCOMPARE(read.size(), 1);
        QCOMPARE(unread.size(), 1);
        QCOMPARE(flag.size(), 1);

        // Several rows selected: the list actions get all of them.
        window.messageView()->selectionModel()->select(QItemSelection(model->index(3, 0),
                                                                      model->index(4, 2)),
                                                       QItemSelectionModel::Select
                                                               | QItemSelectionModel::Rows);
        a->deleteMessage()->trigger();
        QCOMPARE(del.size(), 1);
        const auto rows = MessageGroups::rowsOf(del.at(0).at(0).value<QItemSelection>());
        QCOMPARE(rows.size(), 3);

        window.messageView()->clearSelection();
        QVERIFY(!a->flag()->isEnabled());
        a->flag()->trigger();
        QCOMPARE(flag.size(), 1); // disabled: nothing happens
    }

    void searchShowsTheFilterField()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QSignalSpy filter(&window, &MainWindow::filterTextChanged);
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(window.filterField()->isVisible());
        QTRY_VERIFY(window.filterField()->hasFocus());
        QTest::keyClicks(window.filterField(), u"invoice"_s);
        QVERIFY(!filter.isEmpty());
        QCOMPARE(filter.last().at(0).toString(), u"invoice"_s);
        QTest::keyClick(window.filterField(), Qt::Key_Escape);
        QVERIFY(!window.filterField()->isVisible());
        QCOMPARE(filter.last().at(0).toString(), QString());
    }

    void folderSelectionIsReported()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QStandardItemModel folders;
        folders.appendRow(new QStandardItem(u"Inbox"_s));
        folders.appendRow(new QStandardItem(u"Sent"_s));
        window.setFolderModel(&folders);
        QSignalSpy spy(&window, &MainWindow::folderSelected);
        window.folderView()->setCurrentIndex(folders.index(1, 0));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).value<QModelIndex>().data().toString(), u"Sent"_s);
    }

    void folderIcons_data()
    {
        QTest::addColumn<QString>("specialUse");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("icon");
        QTest::newRow("inbox") << QString() << u"INBOX"_s << u"inbox"_s;
        QTest::newRow("sent by attribute") << u"\\Sent"_s << u"Gesendet"_s << u"sent"_s;
        QTest::newRow("sent by name") << QString() << u"Sent Items"_s << u"sent"_s;
        QTest::newRow("drafts") << QString() << u"Drafts"_s << u"drafts"_s;
        QTest::newRow("trash attribute wins") << u"\\Trash"_s << u"Bin"_s << u"trash"_s;
        QTest::newRow("junk") << QString() << u"Spam"_s << u"junk"_s;
        QTest::newRow("archive") << u"\\Archive"_s << u"Old"_s << u"archive"_s;
        QTest::newRow("plain") << QString() << u"Projects"_s << u"folder"_s;
    }

    void folderIcons()
    {
        QFETCH(QString, specialUse);
        QFETCH(QString, name);
        QTEST(FolderIconProxyModel::iconNameFor(specialUse, name), "icon");
    }

    void folderIconsThroughTheProxy()
    {
        QStandardItemModel folders;
        folders.appendRow(new QStandardItem(u"Inbox"_s));
        auto *own = new QStandardItem(u"Custom"_s);
        const QIcon ownIcon = QIcon(u":/icons/flag.svg"_s);
        own->setIcon(ownIcon);
        folders.appendRow(own);
        FolderIconProxyModel proxy;
        proxy.setSourceModel(&folders);
        const QIcon inbox = proxy.index(0, 0).data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(!inbox.isNull());
        QCOMPARE(inbox.pixmap(16, 16).toImage(),
                 QIcon(u":/icons/inbox.svg"_s).pixmap(16, 16).toImage());
        // A source model's own icon is kept.
        QCOMPARE(proxy.index(1, 0).data(Qt::DecorationRole).value<QIcon>().pixmap(16, 16).toImage(),
                 ownIcon.pixmap(16, 16).toImage());
        QCOMPARE(proxy.index(0, 0).data().toString(), u"Inbox"_s);
    }

    void layoutIsRestored()
    {
        QList<int> mainSizes;
        QList<int> messageSizes;
        {
            QSettings settings(settingsPath(), QSettings::IniFormat);
            MainWindow window(&settings);
            window.setMessageModel(messageModel(&window));
            window.resize(1000, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.mainSplitter()->setSizes({321, 600});
            window.messageSplitter()->setSizes({150, 450});
            window.messageHeader()->resizeSection(0, 277);
            mainSizes = window.mainSplitter()->sizes();
            messageSizes = window.messageSplitter()->sizes();
            window.close(); // saves
        }
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.setMessageModel(messageModel(&window));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.mainSplitter()->sizes(), mainSizes);
        QCOMPARE(window.messageSplitter()->sizes(), messageSizes);
        QCOMPARE(window.messageHeader()->sectionSize(0), 277);
        QCOMPARE(window.size(), QSize(1000, 700));
    }

    void dropOntoAFolderRequestsAMove();
    void moveToFolderAsksForAFolderOfAnyAccount();
    void threadedViewIsToggledAndKept();
    void flatConversationsAndExpandAll();
    void keyboardWalksTreeAndList();

    void deleteSelectsTheNextMessage();
    void deletingTheLastRowsSelectsThePrevious();
    void emptyingTheListClearsThePane();
    void manyDeletedAtOnceStillSelectTheNext();
    void moveSelectsTheNextMessage();
    void messageExpungedByTheServerClearsThePane();
    void changingFolderClearsThePane();

    void statusArea()
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        StatusArea *status = window.statusArea();
        status->setConnectionState(u"a1"_s, u"Work"_s, StatusArea::ConnectionState::Connecting);
        QLabel *label = status->connectionLabel(u"a1"_s);
        QVERIFY(label);
        QVERIFY(label->text().contains(u"Work"_s));
        QVERIFY(label->text().contains(
                StatusArea::stateText(StatusArea::ConnectionState::Connecting)));
        status->setConnectionState(u"a1"_s, u"Work"_s, StatusArea::ConnectionState::Error,
                                   u"Connection refused"_s);
        QCOMPARE(status->connectionLabel(u"a1"_s), label); // updated in place
        QVERIFY2(label->toolTip().contains(u"Mail: error (Connection refused)"_s),
                 qPrintable(label->toolTip()));
        status->setConnectionState(u"a2"_s, u"Home"_s, StatusArea::ConnectionState::Online);
        QVERIFY(status->connectionLabel(u"a2"_s) != label);
        status->removeAccount(u"a1"_s);
        QVERIFY(!status->connectionLabel(u"a1"_s));

        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!status->progressBar()->isVisible());
        status->showProgress(u"Fetching"_s, 3, 10);
        QVERIFY(status->progressBar()->isVisible());
        QCOMPARE(status->progressBar()->value(), 3);
        QCOMPARE(status->progressLabel()->text(), u"Fetching"_s);
        status->clearProgress();
        QVERIFY(!status->progressBar()->isVisible());
    }
};

void TestMainWindow::dropOntoAFolderRequestsAMove()
{
    // Two messages in folder 1 of a real cache, dragged as the list would drag them.
    MessageStore store;
    qint64 inboxId = 0;
    cacheTwoMessages(&store, u"drop.sqlite"_s, &inboxId);
    if (QTest::currentTestFailed())
        return;
    MessageListModel messages(&store);
    messages.setFolderId(inboxId);

    constexpr int folderIdRole = Qt::UserRole + 7;
    QStandardItemModel folders;
    auto *account = new QStandardItem(u"Work"_s);
    account->setSelectable(false);
    folders.appendRow(account);
    auto *source = new QStandardItem(u"Inbox"_s);
    source->setData(inboxId, folderIdRole);
    auto *archive = new QStandardItem(u"Archive"_s);
    archive->setData(inboxId + 40, folderIdRole);
    account->appendRow(source);
    account->appendRow(archive);

    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setFolderModel(&folders);
    window.setFolderIdRole(folderIdRole);
    window.setMessageModel(&messages);
    QVERIFY(window.messageView()->dragEnabled());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.folderView()->expandAll();

    std::unique_ptr<QMimeData> data(messages.mimeData({messages.index(0, 0), messages.index(1, 0)}));
    QVERIFY(data);
    QSignalSpy move(&window, &MainWindow::moveRequested);
    QWidget *viewport = window.folderView()->viewport();
    auto dropOn = [&](const QModelIndex &target) {
        const QPoint at = window.folderView()->visualRect(target).center();
        QDragEnterEvent enter(at, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDragMoveEvent over(at, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &over);
        const bool accepted = over.isAccepted();
        QDropEvent drop(QPointF(at), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        return accepted;
    };

    QVERIFY(!dropOn(folders.indexFromItem(account))); // not a folder
    QVERIFY(!dropOn(folders.indexFromItem(source))); // where they are already
    QCOMPARE(move.size(), 0);
    QVERIFY(dropOn(folders.indexFromItem(archive)));
    QCOMPARE(move.size(), 1);
    QCOMPARE(move.at(0).at(0).value<QModelIndex>().data().toString(), u"Archive"_s);
    QCOMPARE(move.at(0).at(1).value<MessageGroup>().folderId, inboxId);
    QList<quint32> uids = move.at(0).at(1).value<MessageGroup>().uids;
    std::sort(uids.begin(), uids.end());
    QCOMPARE(uids, (QList<quint32> {7, 9}));
}

void TestMainWindow::moveToFolderAsksForAFolderOfAnyAccount()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheTwoMessages(&store, u"move.sqlite"_s, &inboxId);
    if (QTest::currentTestFailed())
        return;
    MessageListModel messages(&store);
    messages.setFolderId(inboxId);

    // Two accounts; the messages are in Work's Inbox.
    constexpr int folderIdRole = Qt::UserRole + 7;
    constexpr int accountIdRole = Qt::UserRole + 8;
    QStandardItemModel folders;
    QStandardItem *source = nullptr;
    QStandardItem *archive = nullptr;
    QStandardItem *homeInbox = nullptr;
    for (const QString &name : {u"Work"_s, u"Home"_s}) {
        auto *account = new QStandardItem(name);
        account->setSelectable(false);
        account->setData(name, accountIdRole);
        folders.appendRow(account);
        for (const QString &folder : {u"Inbox"_s, u"Archive"_s}) {
            auto *item = new QStandardItem(folder);
            item->setData(name, accountIdRole);
            item->setData(folder == u"Inbox"_s ? inboxId : inboxId + 40, folderIdRole);
            account->appendRow(item);
            if (name == u"Work"_s)
                (folder == u"Inbox"_s ? source : archive) = item;
            else if (folder == u"Inbox"_s)
                homeInbox = item;
        }
    }

    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setFolderModel(&folders);
    window.setFolderIdRole(folderIdRole);
    window.setAccountIdRole(accountIdRole);
    window.setMessageModel(&messages);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.folderView()->setCurrentIndex(folders.indexFromItem(source));
    QAction *moveTo = window.findChild<QAction *>(u"moveTo"_s);
    QVERIFY(moveTo);
    QCOMPARE(moveTo->shortcut(), QKeySequence(u"Ctrl+Shift+V"_s));
    QVERIFY(!moveTo->isEnabled()); // nothing selected
    QAbstractItemView *list = window.messageView();
    list->selectionModel()->select(messages.index(0, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    list->selectionModel()->select(messages.index(1, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(moveTo->isEnabled());

    QSignalSpy move(&window, &MainWindow::moveRequested);
    moveTo->trigger();
    FolderChooserDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<FolderChooserDialog *>()) && dialog->isVisible());
    // Every account's folders, from Work's on; only the folder the messages are in cannot be
    // chosen (Home's Inbox, with the same id in its own account, can).
    QTreeView *tree = dialog->folderView();
    QCOMPARE(tree->rootIndex(), QModelIndex());
    QCOMPARE(tree->currentIndex(), folders.indexFromItem(source).parent());
    QCOMPARE(dialog->windowTitle(), u"Move to Folder"_s);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    tree->setCurrentIndex(folders.indexFromItem(homeInbox));
    QVERIFY(ok->isEnabled());
    tree->setCurrentIndex(folders.indexFromItem(source));
    QVERIFY(!ok->isEnabled());
    // By keyboard: down to Archive, Enter.
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(tree->currentIndex(), folders.indexFromItem(archive));
    QVERIFY(ok->isEnabled());
    QTest::keyClick(tree, Qt::Key_Return);
    QTRY_COMPARE(move.size(), 1);
    QCOMPARE(move.at(0).at(0).value<QModelIndex>(), folders.indexFromItem(archive));
    QCOMPARE(move.at(0).at(1).value<MessageGroup>().folderId, inboxId);
    QList<quint32> uids = move.at(0).at(1).value<MessageGroup>().uids;
    std::sort(uids.begin(), uids.end());
    QCOMPARE(uids, (QList<quint32> {7, 9}));

    // Copy to Folder: the same chooser, to another account's folder; copyRequested().
    list->selectionModel()->select(messages.index(0, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QAction *copyTo = window.findChild<QAction *>(u"copyTo"_s);
    QVERIFY(copyTo && copyTo->isEnabled());
    QSignalSpy copy(&window, &MainWindow::copyRequested);
    copyTo->trigger();
    QTRY_VERIFY((dialog = window.findChild<FolderChooserDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), u"Copy to Folder"_s);
    dialog->folderView()->setCurrentIndex(folders.indexFromItem(homeInbox));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(copy.size(), 1);
    QCOMPARE(copy.at(0).at(0).value<QModelIndex>(), folders.indexFromItem(homeInbox));
    QCOMPARE(copy.at(0).at(1).value<MessageGroup>().folderId, inboxId);
    QCOMPARE(move.size(), 1);
}

void TestMainWindow::flatConversationsAndExpandAll()
{
    // Two threads of two levels.
    QStandardItemModel messages;
    for (int thread = 0; thread < 2; ++thread) {
        auto *root = new QStandardItem(u"Thread %1"_s.arg(thread));
        auto *reply = new QStandardItem(u"Re: Thread %1"_s.arg(thread));
        reply->appendRow(new QStandardItem(u"Re: Re: Thread %1"_s.arg(thread)));
        root->appendRow(reply);
        messages.appendRow(root);
    }
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        window.setMessageModel(&messages);
        QAction *flat = window.actions()->flatThreads();
        QAction *expand = window.actions()->expandThreads();
        QVERIFY(flat->isCheckable());
        QCOMPARE(expand->shortcut(), QKeySequence(Qt::Key_Asterisk));
        // Only with threads.
        QVERIFY(!flat->isEnabled() && !expand->isEnabled());
        window.setThreaded(true);
        QVERIFY(flat->isEnabled() && expand->isEnabled());
        QSignalSpy flatChanged(&window, &MainWindow::flatThreadsChanged);
        flat->trigger();
        QCOMPARE(flatChanged.size(), 1);
        QCOMPARE(flatChanged.at(0).at(0).toBool(), true);
        QVERIFY(window.isFlatThreads());

        // Threads show as rows of the table, which open and close.
        QTableView *list = window.messageTable();
        QCOMPARE(window.messageView(), list);
        TreeRowsModel *rows = window.threadRows();
        QCOMPARE(list->model(), rows);
        QCOMPARE(rows->sourceModel(), &messages);
        // Its header paints without asking whether its columns are selected, which would read
        // every thread's flags.
        QItemSelectionModel *headerSelection = list->horizontalHeader()->selectionModel();
        QVERIFY(headerSelection && headerSelection != list->selectionModel());
        QCOMPARE(headerSelection->model(), rows);
        QCOMPARE(rows->rowCount(), 2);
        QVERIFY(!rows->isExpanded(rows->index(0, 0)));
        expand->trigger();
        QCOMPARE(rows->rowCount(), 6);
        for (int row = 0; row < rows->rowCount(); ++row) // each thread, its reply, their reply
            QCOMPARE(rows->isExpanded(rows->index(row, 0)), row % 3 != 2);
        window.saveLayout();
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(&settings);
    window.restoreLayout();
    QVERIFY(window.isFlatThreads());
}

void TestMainWindow::threadedViewIsToggledAndKept()
{
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        MainWindow window(&settings);
        QVERIFY(!window.isThreaded());
        QVERIFY(!window.actions()->expandThreads()->isEnabled());
        QAction *threads = window.actions()->threadedView();
        QVERIFY(threads->isCheckable());
        bool inViewMenu = false;
        for (QAction *menu : window.menuBar()->actions())
            inViewMenu |= menu->menu() && menu->menu()->actions().contains(threads);
        QVERIFY(inViewMenu);
        QSignalSpy toggled(&window, &MainWindow::threadedChanged);
        threads->trigger();
        QCOMPARE(toggled.size(), 1);
        QCOMPARE(toggled.at(0).at(0).toBool(), true);
        QVERIFY(window.isThreaded());
        QVERIFY(window.actions()->expandThreads()->isEnabled());
        window.saveLayout();
    }
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(&settings);
    QVERIFY(window.isThreaded());
    QVERIFY(window.actions()->expandThreads()->isEnabled());
}

void TestMainWindow::keyboardWalksTreeAndList()
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    MainWindow window(&settings);
    QStandardItemModel folders;
    folders.appendRow(new QStandardItem(u"Inbox"_s));
    folders.appendRow(new QStandardItem(u"Sent"_s));
    window.setFolderModel(&folders);
    QStandardItemModel *messages = messageModel(&window);
    window.setMessageModel(messages);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QSignalSpy folder(&window, &MainWindow::folderSelected);
    QSignalSpy message(&window, &MainWindow::messageSelected);
    window.folderView()->setFocus();
    window.folderView()->setCurrentIndex(folders.index(0, 0));
    QTest::keyClick(window.folderView(), Qt::Key_Down);
    QCOMPARE(window.folderView()->currentIndex().data().toString(), u"Sent"_s);
    QCOMPARE(folder.last().at(0).value<QModelIndex>().data().toString(), u"Sent"_s);

    // Tab goes on to the list (the hidden filter field is skipped).
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), window.messageView());
    window.messageView()->setCurrentIndex(messages->index(0, 0));
    QTest::keyClick(window.messageView(), Qt::Key_Down);
    QTest::keyClick(window.messageView(), Qt::Key_Down);
    QCOMPARE(message.last().at(0).value<QModelIndex>().row(), 2);
    QTest::keyClick(window.messageView(), Qt::Key_End);
    QCOMPARE(message.last().at(0).value<QModelIndex>().row(), messages->rowCount() - 1);
    // Shift+Tab comes back to the folders.
    QTest::keyClick(window.messageView(), Qt::Key_Backtab, Qt::ShiftModifier);
    QTRY_COMPARE(QApplication::focusWidget(), window.folderView());
}

namespace {

// A window over the messages of a cache's Inbox whose Delete removes the messages from the
// cache a moment later, as the server's answer would.
struct DeletingWindow
{
    DeletingWindow(QSettings *settings, MessageStore *store, qint64 inboxId)
        : messages(store)
        , window(settings)
    {
        messages.setFolderId(inboxId);
        window.setMessageModel(&messages);
        QObject::connect(&window, &MainWindow::deleteRequested, &window,
                         [this, store, inboxId](const QItemSelection &selection) {
                             QList<quint32> uids;
                             for (const QModelIndex &row : MessageGroups::rowsOf(selection))
                                 uids.append(row.data(MessageListModel::UidRole).toUInt());
                             deleted.append(uids);
                             QTimer::singleShot(0, store, [store, inboxId, uids] {
                                 QVERIFY(!store->removeMessages(inboxId, uids));
                             });
                         });
    }
    QAbstractItemView *list() const { return window.messageView(); }
    quint32 uidAt(int row) const
    {
        return messages.index(row, 0).data(MessageListModel::UidRole).toUInt();
    }
    quint32 currentUid() const
    {
        return list()->currentIndex().data(MessageListModel::UidRole).toUInt();
    }
    QList<quint32> selectedUids() const
    {
        QList<quint32> uids;
        for (const QModelIndex &row : list()->selectionModel()->selectedRows())
            uids.append(row.data(MessageListModel::UidRole).toUInt());
        return uids;
    }
    // What the window last asked to show, 0 for nothing.
    static quint32 shownUid(const QSignalSpy &selected)
    {
        return selected.last().at(0).value<QModelIndex>().data(MessageListModel::UidRole).toUInt();
    }
    // The viewer shows a message with an attachment, as it would for the current row.
    void showInViewer(const QString &subject)
    {
        ViewerMessage m;
        m.subject = subject;
        m.plainText = u"Body of "_s + subject;
        m.attachments = {{u"2"_s, u"report.pdf"_s, 1536, u"application/pdf"_s}};
        window.messageViewer()->setMessage(m);
    }

    MessageListModel messages;
    MainWindow window;
    QList<QList<quint32>> deleted;
};

} // namespace

void TestMainWindow::deleteSelectsTheNextMessage()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"next.sqlite"_s, 6, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.show();
    QVERIFY(QTest::qWaitForWindowActive(&w.window));
    QCOMPARE(w.messages.rowCount(), 6);
    // Newest first: 6 5 4 3 2 1.
    QCOMPARE(w.uidAt(0), 6u);

    w.list()->setFocus();
    QTRY_VERIFY(w.list()->hasFocus());
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    w.list()->setCurrentIndex(w.messages.index(1, 0));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(DeletingWindow::shownUid(selected), 5u);
    w.showInViewer(u"Message 5"_s);

    // Delete three times by keyboard: 5, then the one that took its place, and so on.
    for (quint32 expected : {5u, 4u, 3u}) {
        QCOMPARE(w.currentUid(), expected);
        QVERIFY(w.window.actions()->deleteMessage()->isEnabled());
        QTest::keyClick(w.list(), Qt::Key_Delete);
        QCOMPARE(w.deleted.size(), int(6 - expected));
        QCOMPARE(w.deleted.last(), QList<quint32> {expected});
        QTRY_COMPARE(w.messages.rowCount(), int(expected));
        // The row that took its place is selected and the window asks to show it.
        QCOMPARE(w.currentUid(), expected - 1);
        QCOMPARE(w.selectedUids(), QList<quint32> {expected - 1});
        QCOMPARE(DeletingWindow::shownUid(selected), expected - 1);
        QCOMPARE(w.list()->currentIndex().row(), 1);
        // The deleted message is no longer on the pane.
        QVERIFY(w.window.messageViewer()->isEmpty());
        QVERIFY(!w.window.messageViewer()->saveAllButton()->isEnabled());
        w.showInViewer(u"Message %1"_s.arg(expected - 1));
    }
    // One request per message shown, none for the rows the current row passed over.
    QCOMPARE(selected.size(), 4);
    QCOMPARE(w.deleted, (QList<QList<quint32>> {{5}, {4}, {3}}));
}

void TestMainWindow::deletingTheLastRowsSelectsThePrevious()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"previous.sqlite"_s, 5, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    // The last two rows (messages 2 and 1), the last one current.
    w.list()->setCurrentIndex(w.messages.index(3, 0));
    w.list()->selectionModel()->select(w.messages.index(4, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    w.list()->selectionModel()->setCurrentIndex(w.messages.index(4, 0),
                                                QItemSelectionModel::NoUpdate);
    QCOMPARE(w.selectedUids().size(), 2);
    QCOMPARE(DeletingWindow::shownUid(selected), 1u);
    w.window.actions()->deleteMessage()->trigger();
    QTRY_COMPARE(w.messages.rowCount(), 3);
    QCOMPARE(w.currentUid(), 3u);
    QCOMPARE(w.selectedUids(), QList<quint32> {3});
    QCOMPARE(DeletingWindow::shownUid(selected), 3u);
}

void TestMainWindow::emptyingTheListClearsThePane()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"empty.sqlite"_s, 3, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    w.list()->setCurrentIndex(w.messages.index(0, 0));
    w.list()->selectAll();
    w.showInViewer(u"Message 3"_s);
    QVERIFY(w.window.messageViewer()->saveAllButton()->isEnabled());
    w.window.actions()->deleteMessage()->trigger();
    QTRY_COMPARE(w.messages.rowCount(), 0);
    QVERIFY(!w.list()->currentIndex().isValid());
    QVERIFY(w.selectedUids().isEmpty());
    QVERIFY(!selected.last().at(0).value<QModelIndex>().isValid());
    QVERIFY(w.window.messageViewer()->isEmpty());
    QVERIFY(!w.window.messageViewer()->headerView()->isVisibleTo(&w.window));
    QVERIFY(!w.window.messageViewer()->saveAllButton()->isEnabled());
    QVERIFY(!w.window.actions()->deleteMessage()->isEnabled());
}

void TestMainWindow::manyDeletedAtOnceStillSelectTheNext()
{
    // Past a few dozen messages the list is reset rather than told row by row: the next
    // message is found again by its UID.
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"many.sqlite"_s, 100, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    QSignalSpy reset(&w.messages, &QAbstractItemModel::modelReset);
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    w.list()->setCurrentIndex(w.messages.index(10, 0)); // message 90
    w.list()->selectionModel()->select(QItemSelection(w.messages.index(10, 0),
                                                      w.messages.index(89, 0)),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(w.selectedUids().size(), 80);
    w.window.actions()->deleteMessage()->trigger();
    QTRY_COMPARE(w.messages.rowCount(), 20);
    QVERIFY(!reset.isEmpty());
    QCOMPARE(w.currentUid(), 10u);
    QCOMPARE(w.list()->currentIndex().row(), 10);
    QCOMPARE(w.selectedUids(), QList<quint32> {10});
    QCOMPARE(DeletingWindow::shownUid(selected), 10u);
}

void TestMainWindow::moveSelectsTheNextMessage()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"moved.sqlite"_s, 4, &inboxId);
    if (QTest::currentTestFailed())
        return;
    constexpr int folderIdRole = Qt::UserRole + 7;
    QStandardItemModel folders;
    auto *source = new QStandardItem(u"Inbox"_s);
    source->setData(inboxId, folderIdRole);
    auto *archive = new QStandardItem(u"Archive"_s);
    archive->setData(inboxId + 40, folderIdRole);
    folders.appendRow(source);
    folders.appendRow(archive);

    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.setFolderModel(&folders);
    w.window.setFolderIdRole(folderIdRole);
    w.window.folderView()->setCurrentIndex(folders.indexFromItem(source));
    // The move is done by the server; the messages leave the cache when it answers.
    connect(&w.window, &MainWindow::moveRequested, &store,
            [&store](const QModelIndex &, const MessageGroup &messages) {
                QTimer::singleShot(0, &store, [&store, messages] {
                    QVERIFY(!store.removeMessages(messages.folderId, messages.uids));
                });
            });
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    w.list()->setCurrentIndex(w.messages.index(0, 0)); // message 4

    // Dragged onto Archive.
    std::unique_ptr<QMimeData> data(w.messages.mimeData({w.messages.index(0, 0)}));
    QWidget *viewport = w.window.folderView()->viewport();
    const QPoint at = w.window.folderView()->visualRect(folders.indexFromItem(archive)).center();
    QDragEnterEvent enter(at, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &enter);
    QDragMoveEvent over(at, Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &over);
    QDropEvent drop(QPointF(at), Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(viewport, &drop);
    QTRY_COMPARE(w.messages.rowCount(), 3);
    QCOMPARE(w.currentUid(), 3u);
    QCOMPARE(w.selectedUids(), QList<quint32> {3});
    QCOMPARE(DeletingWindow::shownUid(selected), 3u);
}

void TestMainWindow::messageExpungedByTheServerClearsThePane()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"expunged.sqlite"_s, 4, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    w.list()->setCurrentIndex(w.messages.index(1, 0)); // message 3
    w.showInViewer(u"Message 3"_s);

    // Another message goes: the one on display stays.
    QVERIFY(!store.removeMessages(inboxId, {1}));
    QCOMPARE(w.messages.rowCount(), 3);
    QCOMPARE(w.currentUid(), 3u);
    QCOMPARE(selected.size(), 1);
    QVERIFY(!w.window.messageViewer()->isEmpty());

    // The one on display goes, not asked for here: nothing else is opened (nor marked read).
    QVERIFY(!store.removeMessages(inboxId, {3}));
    QCOMPARE(w.messages.rowCount(), 2);
    QCOMPARE(selected.size(), 2);
    QVERIFY(!selected.last().at(0).value<QModelIndex>().isValid());
    QVERIFY(w.selectedUids().isEmpty());
    QVERIFY(w.window.messageViewer()->isEmpty());
    QVERIFY(!w.window.messageViewer()->saveAllButton()->isEnabled());
}

void TestMainWindow::changingFolderClearsThePane()
{
    MessageStore store;
    qint64 inboxId = 0;
    cacheMessages(&store, u"folders.sqlite"_s, 3, &inboxId);
    if (QTest::currentTestFailed())
        return;
    QStandardItemModel folders;
    folders.appendRow(new QStandardItem(u"Inbox"_s));
    folders.appendRow(new QStandardItem(u"Sent"_s));
    QSettings settings(settingsPath(), QSettings::IniFormat);
    DeletingWindow w(&settings, &store, inboxId);
    w.window.setFolderModel(&folders);
    w.window.folderView()->setCurrentIndex(folders.index(0, 0));
    w.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w.window));
    QSignalSpy selected(&w.window, &MainWindow::messageSelected);
    QSignalSpy folder(&w.window, &MainWindow::folderSelected);
    w.list()->setCurrentIndex(w.messages.index(0, 0));
    w.showInViewer(u"Message 3"_s);
    MessageViewer *viewer = w.window.messageViewer();
    QVERIFY(viewer->saveAllButton()->isEnabled());
    QVERIFY(viewer->headerView()->isVisible());

    // The application opens the other folder in the same model, which is reset.
    connect(&w.window, &MainWindow::folderSelected, &w.messages,
            [&w, inboxId] { w.messages.setFolderId(inboxId + 1); });
    w.window.folderView()->setCurrentIndex(folders.index(1, 0));
    QCOMPARE(folder.size(), 1);
    QVERIFY(viewer->isEmpty());
    QVERIFY(!viewer->headerView()->isVisible());
    QCOMPARE(viewer->headerView()->subjectText(), QString());
    QVERIFY(viewer->browser()->toPlainText().trimmed().isEmpty());
    QCOMPARE(viewer->attachmentList()->count(), 0);
    QVERIFY(!viewer->saveAllButton()->isEnabled());
    QVERIFY(!selected.last().at(0).value<QModelIndex>().isValid());
    QVERIFY(!w.window.actions()->deleteMessage()->isEnabled());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
