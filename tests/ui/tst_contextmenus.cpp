// The context menus of the main window: messages, folders, links, attachments and addresses.
// Each is opened the way a right click opens it and each action is triggered and its effect
// checked.
#include "mainactions.h"
#include "mainwindow.h"
#include "models/messagegroups.h"
#include "viewer/attachmentlistwidget.h"
#include "viewer/messageheaderview.h"
#include "viewer/messageviewer.h"
#include "viewer/safetextbrowser.h"

#include "viewer/sampleviewermessage.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

constexpr int FolderIdRole = Qt::UserRole + 7;

QStandardItemModel *messageModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    for (int i = 0; i < 4; ++i)
        model->appendRow({new QStandardItem(u"Subject %1"_s.arg(i)),
                          new QStandardItem(u"sender%1@example.org"_s.arg(i)),
                          new QStandardItem(u"2026-01-0%1"_s.arg(i + 1))});
    return model;
}

QStandardItemModel *folderModel(QObject *parent)
{
    auto *model = new QStandardItemModel(parent);
    auto *account = new QStandardItem(u"Ann"_s);
    for (const auto &[name, id] : {std::pair {u"Inbox"_s, 11}, std::pair {u"Archive"_s, 12}}) {
        auto *folder = new QStandardItem(name);
        folder->setData(id, FolderIdRole);
        account->appendRow(folder);
    }
    model->appendRow(account);
    return model;
}

// The menu a right click opened, once it is up.
QMenu *openedMenu(const QString &objectName)
{
    QMenu *menu = nullptr;
    [&] {
        QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())));
    }();
    if (menu && menu->objectName() != objectName)
        return nullptr;
    return menu;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

QPoint positionOf(SafeTextBrowser *browser, const QString &text)
{
    browser->document()->documentLayout()->documentSize();
    QTextCursor found = browser->document()->find(text);
    if (found.isNull())
        return {};
    QTextCursor c(browser->document());
    c.setPosition((found.selectionStart() + found.selectionEnd()) / 2);
    return browser->cursorRect(c).center();
}

} // namespace

class TestContextMenus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageMenu_data();
    void messageMenu();
    void rightClickOutsideTheSelectionSelects();
    void folderMenu();
    void linkMenu();
    void mailtoMenu();
    void attachmentMenu();
    void attachmentOpenFailureIsReported();
    void addressMenu();
    void replyToListOnlyForListMessages();

private:
    QTemporaryDir m_dir;
};

void TestContextMenus::messageMenu_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QByteArray>("signal");
    QTest::newRow("reply") << u"reply"_s << QByteArray(SIGNAL(replyRequested(QModelIndex)));
    QTest::newRow("reply all") << u"replyAll"_s
                               << QByteArray(SIGNAL(replyAllRequested(QModelIndex)));
    QTest::newRow("forward") << u"forward"_s << QByteArray(SIGNAL(forwardRequested(QModelIndex)));
    QTest::newRow("forward as attachment")
            << u"forwardAsAttachment"_s
            << QByteArray(SIGNAL(forwardAsAttachmentRequested(QModelIndex)));
    QTest::newRow("mark read") << u"markRead"_s
                               << QByteArray(SIGNAL(markReadRequested(QItemSelection)));
    QTest::newRow("mark unread") << u"markUnread"_s
                                 << QByteArray(SIGNAL(markUnreadRequested(QItemSelection)));
    QTest::newRow("flag") << u"flag"_s << QByteArray(SIGNAL(flagRequested(QItemSelection)));
    QTest::newRow("delete") << u"delete"_s << QByteArray(SIGNAL(deleteRequested(QItemSelection)));
}

void TestContextMenus::messageMenu()
{
    QFETCH(QString, action);
    QFETCH(QByteArray, signal);
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setMessageModel(messageModel(&window));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    list->setCurrentIndex(list->model()->index(2, 0));
    QSignalSpy spy(&window, signal.constData());

    Q_EMIT list->customContextMenuRequested(list->visualRect(list->currentIndex()).center());
    QMenu *menu = openedMenu(u"messageMenu"_s);
    QVERIFY(menu);
    for (const char *name : {"reply", "replyAll", "forward", "forwardAsAttachment", "markRead",
                             "markUnread", "flag", "moveTo", "delete"})
        QVERIFY2(actionNamed(menu, QString::fromLatin1(name)), name);
    QAction *chosen = actionNamed(menu, action);
    QVERIFY(chosen->isEnabled());
    chosen->trigger();
    menu->close();
    QCOMPARE(spy.size(), 1);
    const QVariant argument = spy.first().first();
    const QModelIndex row = argument.canConvert<QItemSelection>()
                                    ? MessageGroups::rowsOf(argument.value<QItemSelection>()).value(0)
                                    : argument.value<QModelIndex>();
    QCOMPARE(row.row(), 2);
}

void TestContextMenus::rightClickOutsideTheSelectionSelects()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    window.setMessageModel(messageModel(&window));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemView *list = window.messageView();
    list->setCurrentIndex(list->model()->index(0, 0));
    QSignalSpy read(&window, &MainWindow::markReadRequested);
    Q_EMIT list->customContextMenuRequested(list->visualRect(list->model()->index(3, 0)).center());
    QMenu *menu = openedMenu(u"messageMenu"_s);
    QVERIFY(menu);
    QCOMPARE(list->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(list->selectionModel()->selectedRows().first().row(), 3);
    actionNamed(menu, u"markRead"_s)->trigger();
    menu->close();
    QCOMPARE(read.size(), 1);
    QCOMPARE(MessageGroups::rowsOf(read.first().first().value<QItemSelection>()).first().row(), 3);
}

void TestContextMenus::folderMenu()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    QStandardItemModel *folders = folderModel(&window);
    window.setFolderModel(folders);
    window.setFolderIdRole(FolderIdRole);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTreeView *tree = window.folderView();
    tree->expandAll();
    const QModelIndex archive = folders->index(1, 0, folders->index(0, 0));
    QSignalSpy selected(&window, &MainWindow::folderSelected);
    QSignalSpy refresh(&window, &MainWindow::refreshRequested);
    QSignalSpy markRead(&window, &MainWindow::markFolderReadRequested);

    auto open = [&] {
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(archive).center());
        return openedMenu(u"folderMenu"_s);
    };
    QMenu *menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"openFolder"_s)->trigger();
    menu->close();
    QCOMPARE(tree->currentIndex(), archive);
    QCOMPARE(selected.size(), 1);

    menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"refresh"_s)->trigger();
    menu->close();
    QCOMPARE(refresh.size(), 1);

    menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"markFolderRead"_s)->trigger();
    menu->close();
    QCOMPARE(markRead.size(), 1);
    QCOMPARE(markRead.first().first().toModelIndex().data(FolderIdRole).toInt(), 12);

    // An account is no folder: nothing of it can be marked read.
    QMenu *accountMenu = window.createFolderMenu(folders->index(0, 0));
    QVERIFY(!actionNamed(accountMenu, u"markFolderRead"_s)->isEnabled());
    delete accountMenu;
}

void TestContextMenus::linkMenu()
{
    MessageViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    viewer.setMessage(htmlMessage(u"<p>Read <a href=\"https://news.example/a?b=1\">the news</a>"
                                  " today.</p>"_s));
    const QPoint link = positionOf(viewer.browser(), u"the news"_s);
    QVERIFY(!link.isNull());

    // The right click itself, through the browser.
    Q_EMIT viewer.browser()->customContextMenuRequested(
            viewer.browser()->viewport()->mapTo(viewer.browser(), link));
    QMenu *menu = openedMenu(u"browserMenu"_s);
    QVERIFY(menu);
    actionNamed(menu, u"openLink"_s)->trigger();
    menu->close();
    QCOMPARE(opened, QList<QUrl>({QUrl(u"https://news.example/a?b=1"_s)}));

    std::unique_ptr<QMenu> again(viewer.createBrowserMenu(link));
    actionNamed(again.get(), u"copyLink"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"https://news.example/a?b=1"_s);

    // Away from the link: only Copy and Select All.
    std::unique_ptr<QMenu> plain(viewer.createBrowserMenu(positionOf(viewer.browser(), u"today"_s)));
    QVERIFY(!actionNamed(plain.get(), u"openLink"_s));
    QAction *copy = actionNamed(plain.get(), u"copyText"_s);
    QVERIFY(!copy->isEnabled());
    actionNamed(plain.get(), u"selectAll"_s)->trigger();
    std::unique_ptr<QMenu> selected(viewer.createBrowserMenu(QPoint(1, 1)));
    QVERIFY(actionNamed(selected.get(), u"copyText"_s)->isEnabled());
    actionNamed(selected.get(), u"copyText"_s)->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"Read the news today."_s));
}

void TestContextMenus::mailtoMenu()
{
    MessageViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.setMessage(htmlMessage(u"<p>Write to <a href=\"mailto:help@shop.example\">us</a></p>"_s));
    QSignalSpy compose(&viewer, &MessageViewer::composeToRequested);
    const QPoint link = positionOf(viewer.browser(), u"us"_s);
    std::unique_ptr<QMenu> menu(viewer.createBrowserMenu(link));
    QVERIFY(!actionNamed(menu.get(), u"openLink"_s));
    actionNamed(menu.get(), u"composeTo"_s)->trigger();
    QCOMPARE(compose.size(), 1);
    QCOMPARE(compose.first().first().toString(), u"help@shop.example"_s);
    actionNamed(menu.get(), u"copyAddress"_s)->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"help@shop.example"_s);
}

void TestContextMenus::attachmentMenu()
{
    MessageViewer viewer;
    viewer.resize(600, 400);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    ViewerMessage m = htmlMessage(u"<p>Files</p>"_s);
    m.attachments = {{u"2"_s, u"a.pdf"_s, 10, u"application/pdf"_s},
                     {u"3"_s, u"b.txt"_s, 5, u"text/plain"_s}};
    viewer.setMessage(m);
    QSignalSpy requested(&viewer, &MessageViewer::attachmentRequested);
    QSignalSpy saved(&viewer, &MessageViewer::attachmentSaved);
    QList<QUrl> opened;
    viewer.setUrlOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    QTemporaryDir target;
    viewer.setSavePathChooser(
            [&target](const QString &name) { return target.filePath(u"saved-"_s + name); });
    viewer.setDirectoryChooser([&target] { return target.path(); });

    AttachmentListWidget *list = viewer.attachmentList();
    const QPoint second = list->visualItemRect(list->item(1)).center();
    Q_EMIT list->customContextMenuRequested(second);
    QMenu *menu = openedMenu(u"attachmentMenu"_s);
    QVERIFY(menu);
    QCOMPARE(viewer.attachmentList()->selectedPartIds(), QStringList {u"3"_s});
    actionNamed(menu, u"openAttachment"_s)->trigger();
    menu->close();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), u"3"_s);
    QCOMPARE(requested.first().at(1).value<MessageViewer::AttachmentAction>(),
             MessageViewer::AttachmentAction::Open);
    viewer.setAttachmentData(u"3"_s, "hello");
    QCOMPARE(opened.size(), 1);
    QVERIFY(opened.first().toLocalFile().endsWith(u"/b.txt"_s));

    std::unique_ptr<QMenu> again(viewer.createAttachmentMenu(second));
    actionNamed(again.get(), u"saveAttachment"_s)->trigger();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().at(1).toString(), target.filePath(u"saved-b.txt"_s));

    std::unique_ptr<QMenu> all(viewer.createAttachmentMenu(second));
    actionNamed(all.get(), u"saveAllAttachments"_s)->trigger();
    QCOMPARE(requested.size(), 2); // a.pdf is asked for; b.txt is here already
    viewer.setAttachmentData(u"2"_s, "%PDF");
    QCOMPARE(saved.size(), 3);
    QVERIFY(QFile::exists(target.filePath(u"a.pdf"_s)));
    QVERIFY(QFile::exists(target.filePath(u"b.txt"_s)));
}

void TestContextMenus::attachmentOpenFailureIsReported()
{
    MessageViewer viewer;
    ViewerMessage m = htmlMessage(u"<p>Files</p>"_s);
    m.attachments = {{u"2"_s, u"data.xyz"_s, 4, u"application/x-unknown"_s}};
    viewer.setMessage(m);
    viewer.setUrlOpener([](const QUrl &) { return false; }); // no program for the type
    QSignalSpy failed(&viewer, &MessageViewer::attachmentFailed);
    viewer.openAttachment(u"2"_s);
    viewer.setAttachmentData(u"2"_s, "abcd");
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(1).toString().contains(u"data.xyz"_s));
    QVERIFY(viewer.attachmentList()->item(0)->text().contains(u"No program"_s)
            || viewer.attachmentList()->item(0)->toolTip().contains(u"No program"_s));
}

void TestContextMenus::addressMenu()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MessageViewer *viewer = window.messageViewer();
    viewer->setMessage(htmlMessage(u"<p>Hi</p>"_s));
    QLabel *from = viewer->headerView()->fromLabel();
    QSignalSpy compose(&window, &MainWindow::composeToRequested);

    auto open = [&] {
        Q_EMIT from->customContextMenuRequested(QPoint(2, 2));
        return openedMenu(u"addressMenu"_s);
    };
    QMenu *menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"copyAddress"_s)->trigger();
    menu->close();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"alice@example.org"_s);

    menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"composeTo"_s)->trigger();
    menu->close();
    QCOMPARE(compose.size(), 1);
    QCOMPARE(compose.first().first().toString(), u"alice@example.org"_s);

    menu = open();
    QVERIFY(menu);
    actionNamed(menu, u"searchFrom"_s)->trigger();
    menu->close();
    QVERIFY(window.filterField()->isVisible());
    QCOMPARE(window.filterField()->text(), u"from:alice@example.org"_s);

    // The recipient, the only one in To.
    Q_EMIT viewer->headerView()->toLabel()->customContextMenuRequested(QPoint(2, 2));
    menu = openedMenu(u"addressMenu"_s);
    QVERIFY(menu);
    actionNamed(menu, u"copyAddress"_s)->trigger();
    menu->close();
    QCOMPARE(QGuiApplication::clipboard()->text(), u"bob@example.org"_s);
}

void TestContextMenus::replyToListOnlyForListMessages()
{
    QSettings settings(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    MainWindow window(&settings);
    QStandardItemModel *model = messageModel(&window);
    window.setMessageModel(model);
    QAction *replyToList = window.actions()->replyToList();
    QSignalSpy requested(&window, &MainWindow::replyToListRequested);

    window.messageView()->setCurrentIndex(model->index(1, 0));
    QVERIFY(window.actions()->reply()->isEnabled());
    QVERIFY(!replyToList->isEnabled()); // not known to be a list message yet
    replyToList->trigger();
    QCOMPARE(requested.size(), 0);

    window.setListReplyAvailable(true);
    QVERIFY(replyToList->isEnabled());
    replyToList->trigger();
    QCOMPARE(requested.size(), 1);

    // Another row selected: still enabled until the presenter says otherwise.
    window.messageView()->setCurrentIndex(model->index(2, 0));
    window.setListReplyAvailable(false);
    QVERIFY(!replyToList->isEnabled());

    window.setListReplyAvailable(true);
    window.messageView()->clearSelection();
    QVERIFY(!replyToList->isEnabled()); // nothing selected
}

QTEST_MAIN(TestContextMenus)
#include "tst_contextmenus.moc"
