// The folder operations of the main window: New Folder, Rename, Delete and Subscribed from the
// folder tree's context menu and from the Folder menu's keys, each through its dialog to the
// request it makes, and the message a refusal shows; the folder on display kept through a
// right click and through its account's rows laid out anew (a rename); and the tree showing only
// subscribed folders when asked.
#include "foldernamedialog.h"
#include "foldertreeview.h"
#include "mainactions.h"
#include "mainwindow.h"
#include "models/accountfoldermodel.h"
#include "models/foldertreemodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

constexpr int FolderIdRole = FolderTreeModel::FolderIdRole;

QStandardItemModel *folderModel(QObject *parent)
{
    auto *model = new QStandardItemModel(parent);
    auto *account = new QStandardItem(u"Ann"_s);
    account->setData(u"ann"_s, AccountFolderModel::AccountIdRole);
    for (const auto &[name, id] : {std::pair {u"Inbox"_s, 11}, std::pair {u"Archive"_s, 12},
                                   std::pair {u"Trash"_s, 13}, std::pair {u"Junk"_s, 14}}) {
        auto *folder = new QStandardItem(name);
        folder->setData(id, FolderIdRole);
        folder->setData(u"ann"_s, AccountFolderModel::AccountIdRole);
        folder->setData(true, FolderTreeModel::IsSubscribedRole);
        folder->setData(id == 12 || id == 13 ? 4 : 0, FolderTreeModel::MessageCountRole);
        const FolderRecord::SpecialUse uses[] = {FolderRecord::SpecialUse::Inbox,
                                                 FolderRecord::SpecialUse::Archive,
                                                 FolderRecord::SpecialUse::Trash,
                                                 FolderRecord::SpecialUse::Junk};
        folder->setData(int(uses[id - 11]), FolderTreeModel::SpecialUseRole);
        account->appendRow(folder);
    }
    model->appendRow(account);
    model->appendRow(new QStandardItem(u"Outbox"_s)); // no account: no folders made there
    return model;
}

QAction *actionNamed(QMenu *menu, const QString &name)
{
    for (QAction *action : menu->actions()) {
        if (action->objectName() == name)
            return action;
    }
    return nullptr;
}

template<typename T>
T *openWidget(const QString &objectName)
{
    T *found = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == objectName && widget->isVisible())
                found = qobject_cast<T *>(widget);
        }
        return found != nullptr;
    });
    return shown ? found : nullptr;
}

bool isShown(const QString &objectName)
{
    const QList<QWidget *> windows = QApplication::topLevelWidgets();
    return std::any_of(windows.cbegin(), windows.cend(), [&](const QWidget *widget) {
        return widget->objectName() == objectName && widget->isVisible();
    });
}

} // namespace

class TestFolderActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void newFolderFromContextMenu();
    void newFolderAtTopLevelFromKeyboard();
    void renameWithF2();
    void deleteAsksFirst();
    void subscribedFollowsTheFolder();
    void actionsOfNonFolders();
    void refusalIsShown();
    void emptyTrashAndJunk();
    void rightClickKeepsTheFolderOnDisplay();
    void currentFolderKeptWhenRowsComeAgain();
    void currentFolderGoneSelectsAnother();
    void subscribedOnlyHidesTheOthers();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    QStandardItemModel *m_folders = nullptr;
    QModelIndex archive() const { return m_folders->index(1, 0, m_folders->index(0, 0)); }
    QMenu *folderMenu(const QModelIndex &at)
    {
        QTreeView *tree = m_window->folderView();
        Q_EMIT tree->customContextMenuRequested(tree->visualRect(at).center());
        QMenu *menu = nullptr;
        if (!QTest::qWaitFor([&] {
                return (menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr;
            }))
            return nullptr;
        return menu;
    }
};

void TestFolderActions::init()
{
    m_settings = std::make_unique<QSettings>(m_dir.filePath(u"heron.ini"_s), QSettings::IniFormat);
    m_window = std::make_unique<MainWindow>(m_settings.get());
    m_folders = folderModel(m_window.get());
    m_window->setFolderModel(m_folders);
    m_window->setFolderIdRole(FolderIdRole);
    m_window->setAccountIdRole(AccountFolderModel::AccountIdRole);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->folderView()->expandAll();
}

void TestFolderActions::cleanup()
{
    m_window.reset();
    m_settings.reset();
}

void TestFolderActions::newFolderFromContextMenu()
{
    QSignalSpy create(m_window.get(), &MainWindow::createFolderRequested);
    QMenu *menu = folderMenu(archive());
    QVERIFY(menu);
    QAction *newFolder = actionNamed(menu, u"newFolderHere"_s);
    QVERIFY(newFolder && newFolder->isEnabled());
    newFolder->trigger();
    menu->close();
    auto *dialog = openWidget<FolderNameDialog>(u"newFolderDialog"_s);
    QVERIFY(dialog);
    // Inside the folder clicked unless the user says otherwise; no name, no Create.
    QVERIFY(dialog->insideBox()->isVisible());
    QVERIFY(dialog->insideBox()->isChecked());
    QVERIFY(dialog->insideBox()->text().contains(u"Archive"_s));
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::keyClicks(dialog->nameField(), u"Plans 2027"_s);
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTRY_COMPARE(create.size(), 1);
    QCOMPARE(create.first().at(0).toModelIndex().data(FolderIdRole).toInt(), 12);
    QCOMPARE(create.first().at(1).toBool(), true);
    QCOMPARE(create.first().at(2).toString(), u"Plans 2027"_s);

    // The same with the box unticked: at the top level of the account.
    menu = folderMenu(archive());
    actionNamed(menu, u"newFolderHere"_s)->trigger();
    menu->close();
    dialog = openWidget<FolderNameDialog>(u"newFolderDialog"_s);
    QVERIFY(dialog);
    dialog->insideBox()->click();
    QTest::keyClicks(dialog->nameField(), u"Top"_s);
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTRY_COMPARE(create.size(), 2);
    QCOMPARE(create.at(1).at(1).toBool(), false);
    QCOMPARE(create.at(1).at(0).toModelIndex().data(AccountFolderModel::AccountIdRole).toString(),
             u"ann"_s);
}

void TestFolderActions::newFolderAtTopLevelFromKeyboard()
{
    QSignalSpy create(m_window.get(), &MainWindow::createFolderRequested);
    // The account's row chosen: the new folder can only go at the top level.
    m_window->folderView()->setCurrentIndex(m_folders->index(0, 0));
    QVERIFY(m_window->actions()->newFolder()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    auto *dialog = openWidget<FolderNameDialog>(u"newFolderDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->insideBox()->isHidden());
    QTest::keyClicks(dialog->nameField(), u"Receipts"_s);
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTRY_COMPARE(create.size(), 1);
    QCOMPARE(create.first().at(1).toBool(), false);
    QCOMPARE(create.first().at(2).toString(), u"Receipts"_s);

    // Escape creates nothing.
    QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QPointer<FolderNameDialog> escaped = openWidget<FolderNameDialog>(u"newFolderDialog"_s);
    QVERIFY(escaped);
    QTest::keyClicks(escaped->nameField(), u"Never"_s);
    QTest::keyClick(escaped->nameField(), Qt::Key_Escape);
    QTRY_VERIFY(!escaped || !escaped->isVisible());
    QCOMPARE(create.size(), 1);
}

void TestFolderActions::renameWithF2()
{
    QSignalSpy rename(m_window.get(), &MainWindow::renameFolderRequested);
    m_window->folderView()->setCurrentIndex(archive());
    QVERIFY(m_window->actions()->renameFolder()->isEnabled());
    QTest::keyClick(m_window.get(), Qt::Key_F2);
    auto *dialog = openWidget<FolderNameDialog>(u"renameFolderDialog"_s);
    QVERIFY(dialog);
    QCOMPARE(dialog->nameField()->text(), u"Archive"_s);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled()); // the same name
    dialog->nameField()->setText(u"Old Mail"_s);
    QTest::keyClick(dialog->nameField(), Qt::Key_Return);
    QTRY_COMPARE(rename.size(), 1);
    QCOMPARE(rename.first().at(0).toModelIndex().data(FolderIdRole).toInt(), 12);
    QCOMPARE(rename.first().at(1).toString(), u"Old Mail"_s);
}

void TestFolderActions::deleteAsksFirst()
{
    QSignalSpy remove(m_window.get(), &MainWindow::deleteFolderRequested);
    QMenu *menu = folderMenu(archive());
    actionNamed(menu, u"deleteFolderHere"_s)->trigger();
    menu->close();
    QPointer<QMessageBox> box = openWidget<QMessageBox>(u"deleteFolderBox"_s);
    QVERIFY(box);
    QVERIFY(box->text().contains(u"Archive"_s));
    QVERIFY2(box->text().contains(u"4 message"_s), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box || !box->isVisible());
    QTest::qWait(50);
    QCOMPARE(remove.size(), 0);

    // From the Folder menu, confirmed.
    m_window->folderView()->setCurrentIndex(archive());
    m_window->actions()->deleteFolder()->trigger();
    box = openWidget<QMessageBox>(u"deleteFolderBox"_s);
    QVERIFY(box);
    QAbstractButton *confirm = nullptr;
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            confirm = button;
    }
    QVERIFY(confirm);
    confirm->click();
    QTRY_COMPARE(remove.size(), 1);
    QCOMPARE(remove.first().at(0).toModelIndex().data(FolderIdRole).toInt(), 12);
}

void TestFolderActions::subscribedFollowsTheFolder()
{
    QSignalSpy subscribe(m_window.get(), &MainWindow::subscribeFolderRequested);
    QMenu *menu = folderMenu(archive());
    QAction *subscribed = actionNamed(menu, u"subscribeFolderHere"_s);
    QVERIFY(subscribed->isCheckable());
    QVERIFY(subscribed->isChecked());
    subscribed->trigger();
    menu->close();
    QCOMPARE(subscribe.size(), 1);
    QCOMPARE(subscribe.first().at(1).toBool(), false);

    // The Folder menu's action shows the state of the folder chosen and follows its changes.
    m_window->folderView()->setCurrentIndex(archive());
    QAction *action = m_window->actions()->subscribeFolder();
    QVERIFY(action->isEnabled());
    QVERIFY(action->isChecked());
    m_folders->setData(archive(), false, FolderTreeModel::IsSubscribedRole);
    QVERIFY(!action->isChecked());
    action->trigger();
    QCOMPARE(subscribe.size(), 2);
    QCOMPARE(subscribe.at(1).at(1).toBool(), true);
}

void TestFolderActions::actionsOfNonFolders()
{
    // An account's row: a folder can be made in it, but it is no folder to rename or delete.
    QMenu *menu = m_window->createFolderMenu(m_folders->index(0, 0));
    QVERIFY(actionNamed(menu, u"newFolderHere"_s)->isEnabled());
    QVERIFY(!actionNamed(menu, u"renameFolderHere"_s)->isEnabled());
    QVERIFY(!actionNamed(menu, u"deleteFolderHere"_s)->isEnabled());
    QVERIFY(!actionNamed(menu, u"subscribeFolderHere"_s)->isEnabled());
    delete menu;
    // A row of no account (the Outbox): nothing.
    menu = m_window->createFolderMenu(m_folders->index(1, 0));
    QVERIFY(!actionNamed(menu, u"newFolderHere"_s)->isEnabled());
    delete menu;
    m_window->folderView()->setCurrentIndex(m_folders->index(1, 0));
    MainActions *a = m_window->actions();
    QVERIFY(!a->newFolder()->isEnabled());
    QVERIFY(!a->renameFolder()->isEnabled());
    QVERIFY(!a->deleteFolder()->isEnabled());
    QVERIFY(!a->subscribeFolder()->isEnabled());
}

void TestFolderActions::refusalIsShown()
{
    // A folder that may not be deleted or renamed says so instead of asking.
    QSignalSpy remove(m_window.get(), &MainWindow::deleteFolderRequested);
    QList<bool> asked;
    m_window->setFolderChangeCheck([&](const QModelIndex &folder, bool deleting) {
        asked.append(deleting);
        return folder.data(FolderIdRole).toInt() == 11 ? u"The Inbox cannot be changed."_s
                                                       : QString();
    });
    m_window->folderView()->setCurrentIndex(m_folders->index(0, 0, m_folders->index(0, 0)));
    m_window->actions()->deleteFolder()->trigger();
    QPointer<QMessageBox> refusal = openWidget<QMessageBox>(u"folderErrorBox"_s);
    QVERIFY(refusal);
    QCOMPARE(refusal->text(), u"The Inbox cannot be changed."_s);
    QVERIFY(!isShown(u"deleteFolderBox"_s));
    refusal->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(!refusal);
    m_window->actions()->renameFolder()->trigger();
    refusal = openWidget<QMessageBox>(u"folderErrorBox"_s);
    QVERIFY(refusal);
    QVERIFY(!isShown(u"renameFolderDialog"_s));
    refusal->button(QMessageBox::Ok)->click();
    QTRY_VERIFY(!refusal);
    QCOMPARE(asked, (QList<bool> {true, false}));
    QCOMPARE(remove.size(), 0);

    m_window->showFolderError(u"The Inbox cannot be deleted."_s);
    auto *box = openWidget<QMessageBox>(u"folderErrorBox"_s);
    QVERIFY(box);
    QCOMPARE(box->text(), u"The Inbox cannot be deleted."_s);
    box->button(QMessageBox::Ok)->click();
}

void TestFolderActions::emptyTrashAndJunk()
{
    QSignalSpy empty(m_window.get(), &MainWindow::emptyFolderRequested);
    const QModelIndex account = m_folders->index(0, 0);
    // Only Trash and Junk have it.
    for (int row : {0, 1}) {
        QMenu *menu = m_window->createFolderMenu(m_folders->index(row, 0, account));
        QVERIFY(!actionNamed(menu, u"emptyFolder"_s));
        delete menu;
    }
    QMenu *menu = folderMenu(m_folders->index(3, 0, account));
    QAction *emptyJunk = actionNamed(menu, u"emptyFolder"_s);
    QVERIFY(emptyJunk);
    QVERIFY(emptyJunk->text().contains(u"Junk"_s));
    menu->close();

    menu = folderMenu(m_folders->index(2, 0, account));
    QAction *emptyTrash = actionNamed(menu, u"emptyFolder"_s);
    QVERIFY(emptyTrash);
    QVERIFY(emptyTrash->text().contains(u"Trash"_s));
    emptyTrash->trigger();
    menu->close();
    QPointer<QMessageBox> box = openWidget<QMessageBox>(u"emptyFolderBox"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"4 message"_s), qPrintable(box->text()));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!box);
    QCOMPARE(empty.size(), 0);

    menu = folderMenu(m_folders->index(2, 0, account));
    actionNamed(menu, u"emptyFolder"_s)->trigger();
    menu->close();
    box = openWidget<QMessageBox>(u"emptyFolderBox"_s);
    QVERIFY(box);
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QMessageBox::DestructiveRole)
            button->click();
    }
    QTRY_COMPARE(empty.size(), 1);
    QCOMPARE(empty.first().at(0).toModelIndex().data(FolderIdRole).toInt(), 13);
}

void TestFolderActions::rightClickKeepsTheFolderOnDisplay()
{
    QTreeView *tree = m_window->folderView();
    const QModelIndex inbox = m_folders->index(0, 0, m_folders->index(0, 0));
    tree->setCurrentIndex(inbox);
    QSignalSpy selected(m_window.get(), &MainWindow::folderSelected);
    QTest::mouseClick(tree->viewport(), Qt::RightButton, {}, tree->visualRect(archive()).center());
    QCOMPARE(tree->currentIndex(), inbox);
    QCOMPARE(selected.size(), 0);
    // Its menu acts on the folder clicked: Open opens it.
    QMenu *menu = folderMenu(archive());
    QVERIFY(menu);
    actionNamed(menu, u"openFolder"_s)->trigger();
    menu->close();
    QCOMPARE(tree->currentIndex(), archive());
    QCOMPARE(selected.size(), 1);
    // A left click still opens.
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(inbox).center());
    QCOMPARE(tree->currentIndex(), inbox);
    QCOMPARE(selected.size(), 2);
}

void TestFolderActions::currentFolderKeptWhenRowsComeAgain()
{
    QTreeView *tree = m_window->folderView();
    tree->setCurrentIndex(archive());
    QSignalSpy selected(m_window.get(), &MainWindow::folderSelected);
    // As the folder model does after a rename: the account's rows go and come back, the
    // renamed one with its id and a new name.
    QStandardItem *account = m_folders->item(0);
    QList<QStandardItem *> fresh;
    for (int row = 0; row < account->rowCount(); ++row) {
        const QStandardItem *old = account->child(row);
        auto *copy = new QStandardItem(old->data(FolderIdRole).toInt() == 12 ? u"Archive 2026"_s
                                                                             : old->text());
        for (int role :
             {int(FolderIdRole), int(AccountFolderModel::AccountIdRole),
              int(FolderTreeModel::IsSubscribedRole), int(FolderTreeModel::MessageCountRole),
              int(FolderTreeModel::SpecialUseRole)})
            copy->setData(old->data(role), role);
        fresh.append(copy);
    }
    account->removeRows(0, account->rowCount());
    account->appendRows(fresh);
    QCOMPARE(tree->currentIndex().data(FolderIdRole).toInt(), 12);
    QCOMPARE(tree->currentIndex().data().toString(), u"Archive 2026"_s);
    QTest::qWait(50); // the turn of the event loop that would report a change
    QCOMPARE(selected.size(), 0);
}

void TestFolderActions::currentFolderGoneSelectsAnother()
{
    QTreeView *tree = m_window->folderView();
    tree->setCurrentIndex(archive());
    QSignalSpy selected(m_window.get(), &MainWindow::folderSelected);
    m_folders->item(0)->removeRow(1); // deleted elsewhere
    QTRY_COMPARE(selected.size(), 1);
    QVERIFY(selected.at(0).at(0).toModelIndex().data(FolderIdRole).toInt() != 12);
}

void TestFolderActions::subscribedOnlyHidesTheOthers()
{
    QStandardItem *account = m_folders->item(0);
    auto folder = [&](QStandardItem *parent, const QString &name, int id, bool subscribed) {
        auto *item = new QStandardItem(name);
        item->setData(id, FolderIdRole);
        item->setData(u"ann"_s, AccountFolderModel::AccountIdRole);
        item->setData(subscribed, FolderTreeModel::IsSubscribedRole);
        item->setData(0, FolderTreeModel::SpecialUseRole);
        parent->appendRow(item);
        return item;
    };
    QStandardItem *lists = folder(account, u"Lists"_s, 15, false);
    QStandardItem *old = folder(account, u"Old"_s, 16, false);
    folder(old, u"Kept"_s, 17, true);
    QStandardItem *gone = folder(old, u"Gone"_s, 18, false);
    // The Inbox is a special folder: shown even when unsubscribed.
    m_folders->item(0)->child(0)->setData(false, FolderTreeModel::IsSubscribedRole);
    m_window->folderView()->expandAll();
    auto *tree = qobject_cast<FolderTreeView *>(m_window->folderView());
    QVERIFY(tree);
    auto hidden = [&](QStandardItem *item) {
        return tree->isRowHidden(item->row(),
                                 item->parent() ? item->parent()->index() : QModelIndex());
    };
    QAction *only = m_window->actions()->subscribedOnly();
    QVERIFY(only->isCheckable() && !only->isChecked());
    bool inViewMenu = false;
    for (QAction *menu : m_window->menuBar()->actions())
        inViewMenu |= menu->menu() && menu->menu()->actions().contains(only);
    QVERIFY(inViewMenu);
    QVERIFY(!hidden(lists) && !hidden(gone));

    only->trigger();
    QVERIFY(tree->isSubscribedOnly());
    QVERIFY(hidden(lists));
    QVERIFY(hidden(gone));
    QVERIFY(!hidden(old)); // holds a subscribed folder
    QVERIFY(!hidden(m_folders->item(0)->child(0))); // the Inbox
    QVERIFY(!hidden(m_folders->item(0)->child(1))); // Archive
    QVERIFY(!hidden(m_folders->item(1))); // the Outbox
    // Subscribing shows it at once; so do new folders that are subscribed.
    lists->setData(true, FolderTreeModel::IsSubscribedRole);
    QVERIFY(!hidden(lists));
    QStandardItem *fresh = folder(account, u"Fresh"_s, 19, false);
    QVERIFY(hidden(fresh));
    // Also in the folder's context menu; kept with the window's layout.
    QMenu *menu = folderMenu(archive());
    QVERIFY(menu && menu->actions().contains(only));
    menu->close();
    m_window->saveLayout();
    only->trigger();
    QVERIFY(!hidden(gone) && !hidden(fresh));
    m_window->restoreLayout();
    QVERIFY(only->isChecked());
    QVERIFY(hidden(gone));
}

QTEST_MAIN(TestFolderActions)
#include "tst_folderactions.moc"
